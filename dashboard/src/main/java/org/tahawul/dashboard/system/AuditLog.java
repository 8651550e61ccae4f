package org.tahawul.dashboard.system;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * Writes the {@code audit_log} table: logins (and failed attempts), logouts and exports. A failed
 * write never fails the user's request: it is logged instead.
 */
@Component
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An action of the current user ({@link SecurityContextHolder}) in the current request. */
    public void record(String action, String target, String outcome, String detail) {
        record(SecurityContextHolder.getContext().getAuthentication(), action, target, outcome, detail);
    }

    public void record(Authentication who, String action, String target, String outcome, String detail) {
        String user = who == null ? "" : who.getName();
        String roles = who == null ? "" : who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(r -> r.startsWith("ROLE_")).map(r -> r.substring(5)).sorted().collect(Collectors.joining(","));
        record(user, roles, action, target, outcome, detail);
    }

    public void record(String user, String roles, String action, String target, String outcome, String detail) {
        try {
            jdbc.update("INSERT INTO audit_log (at, username, roles, action, target, outcome, remote_addr, detail) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC), user, roles, action,
                    target == null ? "" : target, outcome, remoteAddress(), detail == null ? "" : detail);
        } catch (RuntimeException e) {
            LOG.warn("audit_log write failed ({} {} {} by {}): {}", action, target, outcome, user, e.getMessage());
        }
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return "";
    }
}
