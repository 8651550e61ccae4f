package org.tahawul.dashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tahawul.dashboard.report.RenderTokens;
import org.tahawul.dashboard.system.AuditLog;
import org.tahawul.datasets.reference.ReferenceData;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Form login for pages, HTTP Basic also accepted (for scripts calling {@code /api}); CSRF protection
 * for the browser session, none for Basic-authenticated requests (they carry no cookie to abuse).
 * Anonymous API calls get 401, anonymous pages a redirect to {@code /login}. Security headers:
 * a CSP without inline scripts, frame denial, nosniff, a strict referrer policy. Running reports is
 * for ANALYST and ADMIN; the headless browser that prints a report signs in with a one-off token
 * ({@link RenderTokens}). Repeated failed sign-ins pause further ones ({@link LoginThrottle}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; "
            // ECharts writes style attributes into its tooltips; scripts stay 'self' only
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserAccounts userAccounts(SecurityProperties properties, PasswordEncoder encoder) {
        return new UserAccounts(properties, encoder, ReferenceData.loadDefault());
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties) {
        return new LoginThrottle(properties.loginThrottle(), Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, AuditLog audit, ObjectProvider<RenderTokens> renderTokens,
                                    UserAccounts users, PasswordEncoder encoder, LoginThrottle throttle,
                                    ApplicationEventPublisher events) throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        RequestMatcher basic = request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        };
        AuthenticationEntryPoint unauthorized = SecurityConfig::unauthorized;
        SavedRequestAwareAuthenticationSuccessHandler afterLogin = new SavedRequestAwareAuthenticationSuccessHandler();
        afterLogin.setDefaultTargetUrl("/");
        // both keep the exception in the session: the sign-in page reads how long a pause lasts
        SimpleUrlAuthenticationFailureHandler failed = new SimpleUrlAuthenticationFailureHandler("/login?error");
        SimpleUrlAuthenticationFailureHandler paused = new SimpleUrlAuthenticationFailureHandler("/login?paused");
        // after signing in, go back to the page that asked for it, never to an API URL
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(new NegatedRequestMatcher(api));
        http
                .authenticationManager(signIn(users, encoder, throttle, audit, events))
                .requestCache(cache -> cache.requestCache(pagesOnly))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/reports/*/runs", "/reports/*/runs").hasAnyRole("ANALYST", "ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .failureHandler((request, response, e) ->
                                (e instanceof LoginThrottle.Refused ? paused : failed).onAuthenticationFailure(request, response, e))
                        .successHandler((request, response, authentication) -> {
                            audit.record(authentication, "login", "/login", "ok", "form");
                            afterLogin.onAuthenticationSuccess(request, response, authentication);
                        })
                        .permitAll())
                .httpBasic(httpBasic -> httpBasic.realmName("tahawul").authenticationEntryPoint(unauthorized))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null) {
                                audit.record(authentication, "logout", "/logout", "ok", "");
                            }
                        }))
                .csrf(csrf -> csrf.ignoringRequestMatchers(basic))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(unauthorized, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        renderTokens.ifAvailable(tokens -> http.addFilterBefore(new RenderTokenFilter(tokens), BasicAuthenticationFilter.class));
        return http.build();
    }

    /**
     * The one password check of form and Basic sign-in, set on the chain itself so that no other,
     * unthrottled provider (Spring's default one built from the UserAccounts bean) is ever asked.
     * It publishes the usual events (failed sign-ins are audited by {@link FailedLoginAudit}).
     */
    private static AuthenticationManager signIn(UserAccounts users, PasswordEncoder encoder, LoginThrottle throttle,
                                                AuditLog audit, ApplicationEventPublisher events) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(new ThrottledAuthentication(passwords, throttle, audit));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /**
     * 401 with a JSON message; the Basic challenge only for non-browser clients (no pop-up on an expired page
     * session). A sign-in refused by the {@link LoginThrottle} is a 429 with {@code Retry-After} instead.
     */
    private static void unauthorized(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                     org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
        if (e instanceof LoginThrottle.Refused refused) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, refused.retryAfter().toSeconds())));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"too many failed sign-ins:"
                    + " sign-in is paused for " + Math.max(1, refused.retryAfter().toSeconds()) + " s\",\"path\":\""
                    + request.getRequestURI().replace("\"", "") + "\"}");
            return;
        }
        if (request.getHeader("X-Requested-With") == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tahawul\"");
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\",\"message\":"
                + "\"sign in at /login, or send HTTP Basic credentials\",\"path\":\""
                + request.getRequestURI().replace("\"", "") + "\"}");
    }

    /**
     * The report renderer's browser: a request with a valid render token from this machine, reading only,
     * is an internal reader (LEADERSHIP for a national report, AGENCY of the report's agency); any
     * other use of the header is a 401. The context is not kept in a session.
     */
    static final class RenderTokenFilter extends OncePerRequestFilter {
        private final RenderTokens tokens;

        RenderTokenFilter(RenderTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                        jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, java.io.IOException {
            String token = request.getHeader(RenderTokens.HEADER);
            if (token == null) {
                chain.doFilter(request, response);
                return;
            }
            Optional<RenderTokens.Grant> grant = tokens.verify(token);
            boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
            if (grant.isEmpty() || !read || !fromThisHost(request.getRemoteAddr())) {
                unauthorized(request, response, null);
                return;
            }
            String agency = grant.get().agencyCode();
            DashboardUser user = new DashboardUser(RenderTokens.USER, "", Set.of(agency == null ? Role.LEADERSHIP : Role.AGENCY),
                    agency);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }

        /** The renderer's browser runs on this machine: loopback, or an address of one of its interfaces. */
        private static boolean fromThisHost(String address) throws java.io.IOException {
            InetAddress remote = InetAddress.getByName(address);
            return remote.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(remote) != null;
        }
    }

    /** Failed sign-ins (form and Basic) go to the audit log. */
    @Bean
    FailedLoginAudit failedLoginAudit(AuditLog audit) {
        return new FailedLoginAudit(audit);
    }

    static final class FailedLoginAudit {
        private final AuditLog audit;

        FailedLoginAudit(AuditLog audit) {
            this.audit = audit;
        }

        @EventListener
        void failed(AbstractAuthenticationFailureEvent event) {
            if (event.getException() instanceof LoginThrottle.Refused) {
                return; // ThrottledAuthentication audits refusals itself
            }
            audit.record(String.valueOf(event.getAuthentication().getName()), "", "login", "/login", "failure",
                    event.getException().getClass().getSimpleName());
        }
    }
}
