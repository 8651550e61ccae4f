package org.tahawul.dashboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * The dashboard's users ({@code tahawul.security.*}).
 *
 * @param users        users listed in configuration, each with a bcrypt hash ({@code {bcrypt}$2a$...} or bare {@code $2a$...})
 * @param usersFile    optional file with one user a line: {@code username:bcrypt-hash:ROLE[:AGENCY_CODE]}
 * @param demoUsers    create {@code leader}, {@code analyst}, {@code admin} and {@code agency-<code>} for every agency (profile local)
 * @param demoPassword their password; generated and printed once at start when empty
 */
@ConfigurationProperties("tahawul.security")
record SecurityProperties(List<UserEntry> users, Path usersFile, boolean demoUsers, String demoPassword) {

    SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One configured user; {@code agency} only for the AGENCY role. */
    record UserEntry(String username, String password, List<String> roles, String agency) {
    }
}
