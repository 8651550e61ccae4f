package org.tahawul.dashboard.security;

/** The dashboard roles (DESIGN §7). */
enum Role {
    /** Authority leadership: reads everything. */
    LEADERSHIP,
    /** Analysts: read everything (and run reports, with the reports feature). */
    ANALYST,
    /** Agency staff: their own agency's pages and rows, plus national and stage aggregates. */
    AGENCY,
    /** Administrators: everything, including the actuator endpoints beyond health. */
    ADMIN;

    String authority() {
        return "ROLE_" + name();
    }

    static Role parse(String text, String where) {
        try {
            return Role.valueOf(text.strip().replaceFirst("^ROLE_", "").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown role '" + text + "' " + where + " (roles: LEADERSHIP, ANALYST, AGENCY, ADMIN)");
        }
    }
}
