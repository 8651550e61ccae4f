package org.tahawul.dashboard.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.tahawul.dashboard.system.Formats;
import org.tahawul.dashboard.system.MonthLabels;
import org.tahawul.dashboard.system.PageModel;
import org.tahawul.dashboard.system.TableResponses;

/**
 * What a {@code @WebMvcTest} slice needs beside its controller: the real security configuration
 * (demo users with the password {@link #PASSWORD}), the access policy, and the page helpers.
 * The test mocks the repositories, {@code Catalogue}, {@code DataCalendar} and {@code AuditLog}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfig.class, AccessPolicy.class, Formats.class, MonthLabels.class, TableResponses.class, PageModel.class})
@EnableConfigurationProperties(SecurityProperties.class)
public class SecuritySlice {

    public static final String PASSWORD = "slice-secret";
    public static final String DEMO_USERS = "tahawul.security.demo-users=true";
    public static final String DEMO_PASSWORD = "tahawul.security.demo-password=" + PASSWORD;
}
