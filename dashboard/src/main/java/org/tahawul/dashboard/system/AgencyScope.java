package org.tahawul.dashboard.system;

/**
 * Which agencies' rows a user may read: every agency ({@link #ALL}) or exactly one (agency staff).
 * Part of the cache keys of every per-agency query.
 */
public record AgencyScope(String agencyCode) {

    public static final AgencyScope ALL = new AgencyScope(null);

    public boolean all() {
        return agencyCode == null;
    }

    public boolean allows(String code) {
        return agencyCode == null || agencyCode.equals(code);
    }
}
