package org.tahawul.dashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.security.web.WebAttributes;

/**
 * {@code GET /login}: the sign-in page (the POST is Spring Security's). After a refused attempt
 * ({@code /login?paused}) it says how many minutes the pause still lasts.
 */
@Controller
class LoginController {

    private final SecurityProperties properties;

    LoginController(SecurityProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        if (request.getParameter("paused") != null) {
            HttpSession session = request.getSession(false);
            Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            long minutes = last instanceof LoginThrottle.Refused refused ? refused.retryAfterMinutes()
                    : properties.loginThrottle().lockout().toMinutes();
            model.addAttribute("pausedMinutes", Math.max(1, minutes));
        }
        return "security/login";
    }
}
