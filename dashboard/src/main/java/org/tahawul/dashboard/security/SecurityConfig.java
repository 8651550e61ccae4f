package org.tahawul.dashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
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
import java.util.Optional;
import java.util.Set;

/**
 * Form login for pages, HTTP Basic also accepted (for scripts calling {@code /api}); CSRF protection
 * for the browser session, none for Basic-authenticated requests (they carry no cookie to abuse).
 * Anonymous API calls get 401, anonymous pages a redirect to {@code /login}. Security headers:
 * a CSP without inline scripts, frame denial, nosniff, a strict referrer policy. Running reports is
 * for ANALYST and ADMIN; the headless browser that prints a report signs in with a one-off token
 * ({@link RenderTokens}).
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
    SecurityFilterChain filterChain(HttpSecurity http, AuditLog audit, ObjectProvider<RenderTokens> renderTokens)
            throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        RequestMatcher basic = request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        };
        AuthenticationEntryPoint unauthorized = SecurityConfig::unauthorized;
        SavedRequestAwareAuthenticationSuccessHandler afterLogin = new SavedRequestAwareAuthenticationSuccessHandler();
        afterLogin.setDefaultTargetUrl("/");
        // after signing in, go back to the page that asked for it, never to an API URL
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(new NegatedRequestMatcher(api));
        http
                .requestCache(cache -> cache.requestCache(pagesOnly))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/reports/*/runs", "/reports/*/runs").hasAnyRole("ANALYST", "ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .failureUrl("/login?error")
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

    /** 401 with a JSON message; the Basic challenge only for non-browser clients (no pop-up on an expired page session). */
    private static void unauthorized(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                     org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
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
            audit.record(String.valueOf(event.getAuthentication().getName()), "", "login", "/login", "failure",
                    event.getException().getClass().getSimpleName());
        }
    }
}
