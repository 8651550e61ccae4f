package org.tahawul.dashboard.system;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The KPI columns of {@code kpi_monthly}/{@code kpi_period} a chart may ask for by name (never free SQL). */
public final class KpiColumns {

    /** Shares between 0 and 1. */
    public static final List<String> RATES = List.of("digital_adoption", "completion_rate", "satisfaction_rate",
            "eservice_coverage", "sla_compliance");
    /** Counts. */
    public static final List<String> COUNTS = List.of("transactions", "digital_transactions", "active_beneficiaries", "ratings");
    /** Mean rating 1..5. */
    public static final String CSAT = "csat";

    private static final Set<String> ALL = Stream.concat(Stream.concat(RATES.stream(), COUNTS.stream()), Stream.of(CSAT))
            .collect(Collectors.toUnmodifiableSet());

    private KpiColumns() {
    }

    /** The KPI column named by a request parameter, or a 400 listing the choices. */
    public static String require(String parameter, String value) {
        String kpi = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!ALL.contains(kpi)) {
            throw new BadRequestException("parameter '" + parameter + "' must be one of " + String.join(", ", RATES) + ", "
                    + String.join(", ", COUNTS) + ", " + CSAT + "; got '" + value + "'");
        }
        return kpi;
    }

    public static boolean isRate(String kpi) {
        return RATES.contains(kpi);
    }
}
