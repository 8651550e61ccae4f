package org.tahawul.dashboard.security;

import org.springframework.security.core.AuthenticationException;

import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pauses sign-ins after repeated failures (OWASP ASVS 2.2.1): {@code maxFailures} failed attempts for one
 * username within {@code window} refuse every further attempt for that username during {@code lockout},
 * even with the right password; likewise {@code maxFailuresPerAddress} failures from one client address
 * (password spraying over many usernames). A successful sign-in clears the username's failures.
 * Unknown usernames are counted like known ones, so a pause says nothing about which accounts exist.
 * The counts live in memory: a restart clears them, and each instance of the dashboard counts its own.
 */
final class LoginThrottle {

    /** Stale entries are dropped once the map is larger than this (bounds memory under username spraying). */
    private static final int PURGE_ABOVE = 10_000;

    /** Refusal of an attempt during a pause; {@code retryAfter} is how long the pause still lasts. */
    static final class Refused extends AuthenticationException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Refused(Duration retryAfter) {
            super("too many failed sign-ins: try again in " + retryAfter.toSeconds() + " s");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }

        /** Whole minutes, rounded up (what the sign-in page shows). */
        long retryAfterMinutes() {
            return Math.max(1, (retryAfter.toSeconds() + 59) / 60);
        }
    }

    /** The failures of one key inside the window, and the end of its pause (null: not paused). */
    private record Failures(List<Instant> recent, Instant pausedUntil) {
    }

    private final SecurityProperties.Throttle settings;
    private final Clock clock;
    private final Map<String, Failures> byKey = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties.Throttle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    SecurityProperties.Throttle settings() {
        return settings;
    }

    /** How long an attempt for this username from this address must still wait; empty: it may go ahead. */
    Optional<Duration> pause(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(username, address)) {
            Failures f = byKey.get(key);
            if (f != null && f.pausedUntil() != null && now.isBefore(f.pausedUntil())) {
                Duration left = Duration.between(now, f.pausedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /**
     * Counts a failed attempt. Returns what it paused ("username" or "address"), if this failure
     * reached a limit, so that the caller can audit the start of the pause.
     */
    List<String> failed(String username, String address) {
        Instant now = clock.instant();
        if (byKey.size() > PURGE_ABOVE) {
            purge(now);
        }
        List<String> paused = new ArrayList<>();
        if (count(userKey(username), settings.maxFailures(), now)) {
            paused.add("username");
        }
        if (settings.maxFailuresPerAddress() > 0 && count(addressKey(address), settings.maxFailuresPerAddress(), now)) {
            paused.add("address");
        }
        return paused;
    }

    /** A successful sign-in clears the username's failures (the address keeps its count until the window passes). */
    void succeeded(String username) {
        byKey.remove(userKey(username));
    }

    /** Adds a failure to the key; true when this one starts a pause. */
    private boolean count(String key, int limit, Instant now) {
        boolean[] pausedNow = {false};
        byKey.compute(key, (k, old) -> {
            List<Instant> recent = new ArrayList<>();
            if (old != null) {
                if (old.pausedUntil() != null && now.isBefore(old.pausedUntil())) {
                    return old; // already paused: attempts are refused before they are checked
                }
                recent.addAll(inWindow(old.recent(), now));
            }
            recent.add(now);
            if (recent.size() >= limit) {
                pausedNow[0] = true;
                return new Failures(List.of(), now.plus(settings.lockout()));
            }
            return new Failures(List.copyOf(recent), null);
        });
        return pausedNow[0];
    }

    private List<Instant> inWindow(List<Instant> failures, Instant now) {
        Instant since = now.minus(settings.window());
        return failures.stream().filter(t -> t.isAfter(since)).toList();
    }

    private void purge(Instant now) {
        byKey.entrySet().removeIf(e -> (e.getValue().pausedUntil() == null || !now.isBefore(e.getValue().pausedUntil()))
                && inWindow(e.getValue().recent(), now).isEmpty());
    }

    int tracked() {
        return byKey.size();
    }

    private List<String> keys(String username, String address) {
        return settings.maxFailuresPerAddress() > 0 ? List.of(userKey(username), addressKey(address)) : List.of(userKey(username));
    }

    private static String userKey(String username) {
        String name = username == null ? "" : username;
        // a name longer than any real one is one key: an attacker cannot fill memory with huge names
        return "user:" + (name.length() > 200 ? name.substring(0, 200) : name);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
