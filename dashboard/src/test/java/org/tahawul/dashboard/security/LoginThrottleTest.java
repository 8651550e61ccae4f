package org.tahawul.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tahawul.dashboard.system.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** The sign-in pause on a clock the test moves: limits per username and per address, window, lockout, reset. */
class LoginThrottleTest {

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2024-06-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(new SecurityProperties.Throttle(5, 8,
            Duration.ofMinutes(15), Duration.ofMinutes(10)), clock);

    @Test
    void theFifthFailureWithinTheWindowPausesTheUsernameForTheLockout() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed("leader", "10.0.0.1")).as("failure " + i).isEmpty();
            assertThat(throttle.pause("leader", "10.0.0.1")).isEmpty();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.failed("leader", "10.0.0.1")).containsExactly("username");
        assertThat(throttle.pause("leader", "10.0.0.1")).contains(Duration.ofMinutes(10));
        // from any address, but not another username
        assertThat(throttle.pause("leader", "10.0.0.2")).contains(Duration.ofMinutes(10));
        assertThat(throttle.pause("analyst", "10.0.0.2")).isEmpty();
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(throttle.pause("leader", "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.pause("leader", "10.0.0.1")).isEmpty();
        // the pause started a fresh count
        assertThat(throttle.failed("leader", "10.0.0.1")).isEmpty();
        assertThat(throttle.pause("leader", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("leader", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.failed("leader", "10.0.0.1")).isEmpty();
        assertThat(throttle.pause("leader", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsernamesFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("leader", "10.0.0.1");
        }
        throttle.succeeded("leader");
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("leader", "10.0.0.2")).isEmpty();
        }
        assertThat(throttle.pause("leader", "10.0.0.2")).isEmpty();
    }

    @Test
    void manyUsernamesFromOneAddressPauseTheAddress() {
        for (int i = 1; i < 8; i++) {
            assertThat(throttle.failed("user" + i, "10.0.0.9")).isEmpty();
        }
        assertThat(throttle.failed("user8", "10.0.0.9")).containsExactly("address");
        assertThat(throttle.pause("someone-else", "10.0.0.9")).contains(Duration.ofMinutes(10));
        assertThat(throttle.pause("someone-else", "10.0.0.10")).isEmpty();
        // a success of one user does not lift the address's pause
        throttle.succeeded("user1");
        assertThat(throttle.pause("user1", "10.0.0.9")).isPresent();
    }

    @Test
    void theAddressRuleCanBeTurnedOff() {
        LoginThrottle usernamesOnly = new LoginThrottle(new SecurityProperties.Throttle(5, 0, null, null), clock);
        for (int i = 0; i < 100; i++) {
            usernamesOnly.failed("user" + i, "10.0.0.9");
        }
        assertThat(usernamesOnly.pause("user100", "10.0.0.9")).isEmpty();
        assertThat(usernamesOnly.settings().window()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void defaultsAreFiveFailuresFiftyPerAddressFifteenMinutes() {
        SecurityProperties.Throttle defaults = new SecurityProperties(null, null, false, null, null).loginThrottle();
        assertThat(defaults).isEqualTo(new SecurityProperties.Throttle(5, 50, Duration.ofMinutes(15), Duration.ofMinutes(15)));
    }

    @Test
    void sprayingUsernamesDoesNotGrowMemoryForEver() {
        LoginThrottle usernamesOnly = new LoginThrottle(new SecurityProperties.Throttle(5, 0, null, null), clock);
        for (int i = 0; i < 10_001; i++) {
            usernamesOnly.failed("u" + i, "10.0.0.9");
        }
        clock.advance(Duration.ofMinutes(16));
        usernamesOnly.failed("late", "10.0.0.9");
        assertThat(usernamesOnly.tracked()).isEqualTo(1);
    }

    @Test
    void aPausedUsernameIsRefusedEvenWithTheRightPasswordWhichIsThenNotChecked() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        UserAccounts users = new UserAccounts(new SecurityProperties(List.of(new SecurityProperties.UserEntry("leader",
                encoder.encode("right"), List.of("LEADERSHIP"), null)), null, false, null, null), encoder,
                org.tahawul.datasets.reference.ReferenceData.loadDefault());
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        List<String> checked = new ArrayList<>();
        AuditLog audit = mock(AuditLog.class);
        LoginThrottle usernamesOnly = new LoginThrottle(new SecurityProperties.Throttle(5, 0, null, Duration.ofMinutes(10)), clock);
        ThrottledAuthentication provider = new ThrottledAuthentication(new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                checked.add(attempt.getName());
                return passwords.authenticate(attempt);
            }

            @Override
            public boolean supports(Class<?> type) {
                return true;
            }
        }, usernamesOnly, audit);

        assertThat(provider.authenticate(attempt("leader", "right")).isAuthenticated()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.authenticate(attempt("leader", "wrong"))).isInstanceOf(BadCredentialsException.class);
        }
        verify(audit).record(eq("leader"), eq(""), eq("login_throttle"), eq("/login"), eq("paused"),
                contains("username leader: 5 failed sign-ins within PT15M; paused for PT10M"));
        checked.clear();
        assertThatThrownBy(() -> provider.authenticate(attempt("leader", "right")))
                .isInstanceOfSatisfying(LoginThrottle.Refused.class, r -> assertThat(r.retryAfterMinutes()).isEqualTo(10));
        assertThat(checked).as("no password check during a pause").isEmpty();
        verify(audit).record(eq("leader"), eq(""), eq("login"), eq("/login"), eq("throttled"), anyString());
        clock.advance(Duration.ofMinutes(10));
        Authentication ok = provider.authenticate(attempt("leader", "right"));
        assertThat(ok.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("ROLE_LEADERSHIP");
        // unknown usernames count the same as known ones (a pause reveals nothing about accounts)
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.authenticate(attempt("ghost", "x"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(attempt("ghost", "x"))).isInstanceOf(LoginThrottle.Refused.class);
        assertThat(provider.supports(UsernamePasswordAuthenticationToken.class)).isTrue();
    }

    private static UsernamePasswordAuthenticationToken attempt(String username, String password) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.1");
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }
}
