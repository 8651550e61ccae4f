package org.tahawul.dashboard.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /login}: the sign-in page (the POST is Spring Security's). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "security/login";
    }
}
