package org.tahawul.dashboard.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the shared layout ({@code fragments/layout.html}) needs on every page: language and
 * direction, the language-switch link, the signed-in user, the month-label endpoint, and whether
 * the warehouse holds synthetic demo data. Used by {@link LayoutAdvice} and by the error pages.
 */
@Component
public class PageModel {

    private final DataCalendar calendar;

    PageModel(DataCalendar calendar) {
        this.calendar = calendar;
    }

    public Map<String, Object> common(HttpServletRequest request) {
        Map<String, Object> model = new LinkedHashMap<>();
        Locale locale = WebConfig.supported(LocaleContextHolder.getLocale());
        boolean english = Names.isEnglish(locale);
        model.put("lang", english ? "en" : "ar");
        model.put("dir", english ? "ltr" : "rtl");
        model.put("otherLang", english ? "ar" : "en");
        model.put("path", request.getRequestURI().substring(request.getContextPath().length()));
        model.put("langSwitchUrl", UriComponentsBuilder.fromUriString(request.getRequestURI())
                .query(request.getQueryString()).replaceQueryParam("lang", english ? "ar" : "en").build().toUriString());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
            model.put("username", auth.getName());
            model.put("roles", auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(r -> r.startsWith("ROLE_")).map(r -> r.substring(5)).toList());
        }
        try {
            DataCalendar.Span span = calendar.span();
            model.put("synthetic", span.synthetic());
            java.time.YearMonth first = span.first().withMonth(1);
            java.time.YearMonth earliest = java.time.YearMonth.of(2030, 12).minusMonths(PeriodSelection.MAX_RANGE_MONTHS - 1L);
            model.put("monthsApi", "/api/months?from=" + (first.isBefore(earliest) ? earliest : first) + "&to=2030-12");
        } catch (RuntimeException e) {
            model.put("synthetic", false); // warehouse down: the error page says so
        }
        return model;
    }
}
