package org.tahawul.dashboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The dashboard's users and sign-in rules ({@code tahawul.security.*}).
 *
 * @param users         users listed in configuration, each with a bcrypt hash ({@code {bcrypt}$2a$...} or bare {@code $2a$...})
 * @param usersFile     optional file with one user a line: {@code username:bcrypt-hash:ROLE[:AGENCY_CODE]}
 * @param demoUsers     create {@code leader}, {@code analyst}, {@code admin} and {@code agency-<code>} for every agency (profile local)
 * @param demoPassword  their password; generated and printed once at start when empty
 * @param loginThrottle how repeated failed sign-ins pause further attempts ({@link LoginThrottle})
 */
@ConfigurationProperties("tahawul.security")
record SecurityProperties(List<UserEntry> users, Path usersFile, boolean demoUsers, String demoPassword,
                          Throttle loginThrottle) {

    SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        loginThrottle = loginThrottle == null ? new Throttle(null, null, null, null) : loginThrottle;
    }

    /** One configured user; {@code agency} only for the AGENCY role. */
    record UserEntry(String username, String password, List<String> roles, String agency) {
    }

    /**
     * {@code tahawul.security.login-throttle.*}: after {@code maxFailures} failed sign-ins for one username
     * within {@code window}, that username is refused for {@code lockout}; the same for one client address
     * after {@code maxFailuresPerAddress} (0 turns the address rule off).
     */
    record Throttle(Integer maxFailures, Integer maxFailuresPerAddress, Duration window, Duration lockout) {

        Throttle {
            maxFailures = maxFailures == null || maxFailures <= 0 ? 5 : maxFailures;
            maxFailuresPerAddress = maxFailuresPerAddress == null ? 50 : Math.max(0, maxFailuresPerAddress);
            window = window == null || window.isZero() || window.isNegative() ? Duration.ofMinutes(15) : window;
            lockout = lockout == null || lockout.isZero() || lockout.isNegative() ? Duration.ofMinutes(15) : lockout;
        }
    }
}
