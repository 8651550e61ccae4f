package org.tahawul.dashboard.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tahawul.dashboard.system.AuditLog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The username/password check of form and Basic sign-in, behind the {@link LoginThrottle}: a paused
 * username or address is refused before its password is even checked (no bcrypt work, no hint whether
 * the password was right); a wrong password counts a failure; a right one clears the username's count.
 * Refusals and the start of each pause go to the audit log.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle, AuditLog audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "";
        Optional<Duration> pause = throttle.pause(username, address);
        if (pause.isPresent()) {
            audit.record(username, "", "login", "/login", "throttled", "sign-in paused for " + pause.get().toSeconds() + " s more");
            throw new LoginThrottle.Refused(pause.get());
        }
        try {
            Authentication result = passwords.authenticate(attempt);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException e) { // unknown usernames too: the password provider hides them as bad credentials
            List<String> paused = throttle.failed(username, address);
            for (String what : paused) {
                SecurityProperties.Throttle s = throttle.settings();
                audit.record(username, "", "login_throttle", "/login", "paused", what + " " + (what.equals("username")
                        ? username + ": " + s.maxFailures() : address + ": " + s.maxFailuresPerAddress())
                        + " failed sign-ins within " + s.window() + "; paused for " + s.lockout());
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
