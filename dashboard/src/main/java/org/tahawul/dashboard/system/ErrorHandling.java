package org.tahawul.dashboard.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;

/**
 * Turns every failure into an answer a person or a script can act on, never a stack trace:
 * bad parameters 400, unknown codes 404, another agency's data 403, ClickHouse unreachable 503
 * (pages say so and work again by themselves once it is back). API requests get JSON
 * ({@link ApiError}); pages get {@code system/error.html}.
 */
@ControllerAdvice
class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private final PageModel pages;

    ErrorHandling(PageModel pages) {
        this.pages = pages;
    }

    @ExceptionHandler(BadRequestException.class)
    Object badRequest(BadRequestException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, e.getMessage(), "error.badRequest");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST,
                "parameter '" + e.getParameterName() + "' is required", "error.badRequest");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST,
                "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'", "error.badRequest");
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    Object invalid(HandlerMethodValidationException e, HttpServletRequest request) {
        StringBuilder message = new StringBuilder();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            if (!message.isEmpty()) {
                message.append("; ");
            }
            message.append("parameter '").append(result.getMethodParameter().getParameterName()).append("' ")
                    .append(error.getDefaultMessage());
        }));
        return answer(request, HttpStatus.BAD_REQUEST, message.toString(), "error.badRequest");
    }

    @ExceptionHandler(NotFoundException.class)
    Object notFound(NotFoundException e, HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, e.getMessage(), "error.notFound");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noResource(NoResourceFoundException e, HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, "no page or endpoint at " + request.getRequestURI(), "error.notFound");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(request, HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), "error.badRequest");
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object forbidden(AccessDeniedException e, HttpServletRequest request) {
        return answer(request, HttpStatus.FORBIDDEN, e.getMessage(), "error.forbidden");
    }

    @ExceptionHandler({DataAccessException.class, SQLException.class})
    Object unavailable(Exception e, HttpServletRequest request) {
        LOG.warn("warehouse query failed on {}: {}", request.getRequestURI(), rootMessage(e));
        return answer(request, HttpStatus.SERVICE_UNAVAILABLE,
                "the warehouse (ClickHouse) cannot be reached or failed to answer; the dashboard retries by itself: "
                        + rootMessage(e), "error.unavailable");
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // Spring MVC's own 4xx answers
        }
        LOG.error("unexpected error on {}", request.getRequestURI(), e);
        return answer(request, HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected error (" + e.getClass().getSimpleName() + "); see the server log", "error.unexpected");
    }

    private Object answer(HttpServletRequest request, HttpStatus status, String message, String titleKey) {
        if (isApi(request)) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError(status.value(), status.getReasonPhrase(), message, request.getRequestURI()));
        }
        ModelAndView page = new ModelAndView("system/error");
        page.addAllObjects(pages.common(request));
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("titleKey", titleKey);
        page.addObject("message", message);
        return page;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
