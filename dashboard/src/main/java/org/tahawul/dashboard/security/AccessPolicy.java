package org.tahawul.dashboard.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.Catalogue;

/**
 * The row-level rule of the AGENCY role: its own agency (and that agency's services) plus national
 * and stage aggregates; another agency's detail is a 403 on pages and API, whatever parameter names it.
 * Codes are checked for existence first (unknown: 404), then for access (403).
 */
@Component
public class AccessPolicy {

    private final Catalogue catalogue;

    AccessPolicy(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The agencies the current user may read. */
    public AgencyScope scope() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof DashboardUser user) {
            return new AgencyScope(user.restrictedTo());
        }
        return AgencyScope.ALL; // only reached by authenticated users: the filter chain admits no one else
    }

    /** The agency, when it exists (404 otherwise) and the user may read it (403 otherwise). */
    public Catalogue.Agency agency(String agencyCode) {
        Catalogue.Agency agency = catalogue.requireAgency(agencyCode);
        check(agency.agencyCode());
        return agency;
    }

    /** The service, when it exists (404) and belongs to an agency the user may read (403). */
    public Catalogue.Service service(String serviceCode) {
        Catalogue.Service service = catalogue.requireService(serviceCode);
        check(service.agencyCode());
        return service;
    }

    /**
     * Checks a KPI scope: {@code national}/{@code ALL} and {@code stage}/n for everyone; an agency or
     * service code as above. A null code (all agencies or services) is allowed: the rows are filtered.
     */
    public void scope(String scopeType, String scopeCode) {
        if (scopeCode == null) {
            return;
        }
        switch (scopeType) {
            case "agency" -> agency(scopeCode);
            case "service" -> service(scopeCode);
            case "stage" -> catalogue.requireStage(scopeCode);
            default -> {
                // national: validated by the caller
            }
        }
    }

    private void check(String agencyCode) {
        AgencyScope scope = scope();
        if (!scope.allows(agencyCode)) {
            throw new AccessDeniedException("agency staff of " + scope.agencyCode() + " may not read the detail of agency "
                    + agencyCode);
        }
    }
}
