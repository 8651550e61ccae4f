package org.tahawul.dashboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tahawul.datasets.reference.Agency;
import org.tahawul.datasets.reference.ReferenceData;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The users: those of {@code tahawul.security.users}, of the users file, and (profile {@code local})
 * the demo users. Passwords are bcrypt hashes; a user's agency must exist in the reference data.
 */
final class UserAccounts implements UserDetailsService {

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);

    private final Map<String, DashboardUser> users = new LinkedHashMap<>();

    UserAccounts(SecurityProperties properties, PasswordEncoder encoder, ReferenceData reference) {
        for (SecurityProperties.UserEntry entry : properties.users()) {
            add(entry.username(), entry.password(), entry.roles(), entry.agency(), reference, "in tahawul.security.users");
        }
        if (properties.usersFile() != null) {
            readFile(properties, reference);
        }
        if (properties.demoUsers()) {
            addDemoUsers(properties, encoder, reference);
        }
        if (users.isEmpty()) {
            LOG.warn("no dashboard users are configured: nobody can sign in (set tahawul.security.users, "
                    + "tahawul.security.users-file, or run with the local profile for demo users)");
        }
    }

    private void readFile(SecurityProperties properties, ReferenceData reference) {
        List<String> lines;
        try {
            lines = Files.readAllLines(properties.usersFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the users file " + properties.usersFile() + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "on line " + (i + 1) + " of " + properties.usersFile();
            String[] parts = line.split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalStateException("expected username:bcrypt-hash:ROLE[:AGENCY] " + where);
            }
            add(parts[0], parts[1], List.of(parts[2].split("\\+")), parts.length == 4 ? parts[3] : null, reference, where);
        }
    }

    private void addDemoUsers(SecurityProperties properties, PasswordEncoder encoder, ReferenceData reference) {
        String password = properties.demoPassword();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("\n\n    TAHAWUL_DEMO_PASSWORD is not set; the demo users (leader, analyst, admin, agency-<code>)"
                    + " have this generated password:\n\n        {}\n\n", password);
        }
        String hash = encoder.encode(password);
        add("leader", hash, List.of("LEADERSHIP"), null, reference, "(demo)");
        add("analyst", hash, List.of("ANALYST"), null, reference, "(demo)");
        add("admin", hash, List.of("ADMIN"), null, reference, "(demo)");
        for (Agency agency : reference.agencies()) {
            add("agency-" + agency.code().toLowerCase(Locale.ROOT), hash, List.of("AGENCY"), agency.code(), reference, "(demo)");
        }
        LOG.info("demo users: leader, analyst, admin and {} agency users (agency-<code>)", reference.agencies().size());
    }

    private void add(String username, String hash, List<String> roleNames, String agency, ReferenceData reference,
                     String where) {
        if (username == null || username.isBlank()) {
            throw new IllegalStateException("a user without a username " + where);
        }
        if (hash == null || !(hash.startsWith("{bcrypt}") || hash.startsWith("$2"))) {
            throw new IllegalStateException("the password of user " + username + " " + where
                    + " must be a bcrypt hash ({bcrypt}$2a$... or $2a$...), never a clear-text password");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : roleNames == null ? List.<String>of() : roleNames) {
            roles.add(Role.parse(r, "of user " + username + " " + where));
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException("user " + username + " " + where + " has no role");
        }
        String agencyCode = agency == null || agency.isBlank() ? null : agency.strip();
        if (roles.contains(Role.AGENCY) && agencyCode == null) {
            throw new IllegalStateException("user " + username + " " + where + " has the AGENCY role but no agency");
        }
        if (agencyCode != null && !reference.agencyExists(agencyCode)) {
            throw new IllegalStateException("user " + username + " " + where + " names agency '" + agencyCode
                    + "', which is not in the reference agencies");
        }
        String stored = hash.startsWith("{") ? hash : "{bcrypt}" + hash;
        if (users.putIfAbsent(username, new DashboardUser(username, stored, roles, agencyCode)) != null) {
            throw new IllegalStateException("user " + username + " " + where + " is defined twice");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        DashboardUser user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return user.copy();
    }

    int size() {
        return users.size();
    }
}
