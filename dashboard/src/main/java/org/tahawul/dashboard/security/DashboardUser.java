package org.tahawul.dashboard.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.util.Collection;
import java.util.Set;

/** A signed-in user: roles and, for the AGENCY role, the one agency the user belongs to. */
final class DashboardUser implements UserDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String username;
    private final String passwordHash;
    private final Set<Role> roles;
    private final String agencyCode;

    DashboardUser(String username, String passwordHash, Set<Role> roles, String agencyCode) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = Set.copyOf(roles);
        this.agencyCode = agencyCode;
    }

    /** The same user without the password hash (what the session keeps). */
    DashboardUser copy() {
        return new DashboardUser(username, passwordHash, roles, agencyCode);
    }

    Set<Role> roles() {
        return roles;
    }

    /** The user's agency when the user is agency staff only, else null (reads every agency). */
    String restrictedTo() {
        boolean readsAll = roles.contains(Role.LEADERSHIP) || roles.contains(Role.ANALYST) || roles.contains(Role.ADMIN);
        return readsAll ? null : agencyCode;
    }

    String agencyCode() {
        return agencyCode;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }
}
