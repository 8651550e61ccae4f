package org.tahawul.dashboard.report;

import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-off credentials of the headless browser that prints a report: a random token per render,
 * sent by the browser as the {@link #HEADER} request header, valid until the render ends (or its
 * time is up), for read-only requests from loopback. The security configuration turns a valid token
 * into an internal reader: LEADERSHIP for a national report, the agency's AGENCY scope for an agency
 * report, so a report can never show more than its audience may read. Kept in memory only.
 */
@Component
public class RenderTokens {

    /** The request header carrying the token. */
    public static final String HEADER = "X-Tahawul-Render-Token";
    /** The user name the audit log and the access policy see. */
    public static final String USER = "report-renderer";

    /** What a token allows: read everything ({@code agencyCode} null) or one agency's reports. */
    public record Grant(String agencyCode, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /** A new token for one render. */
    String issue(String agencyCode, Duration validity) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.entrySet().removeIf(e -> e.getValue().expires().isBefore(Instant.now()));
        grants.put(token, new Grant(agencyCode, Instant.now().plus(validity)));
        return token;
    }

    void revoke(String token) {
        grants.remove(token);
    }

    /** The grant of a token, when it is one of ours and still valid (compared in constant time). */
    public Optional<Grant> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        for (Map.Entry<String, Grant> entry : grants.entrySet()) {
            if (MessageDigest.isEqual(entry.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return entry.getValue().expires().isAfter(Instant.now()) ? Optional.of(entry.getValue()) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
