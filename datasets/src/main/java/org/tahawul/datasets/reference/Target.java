package org.tahawul.datasets.reference;

import java.io.Serializable;

/**
 * A Vision 2030 target of {@code targets.csv}: {@code kpi} for a scope ({@code national} with code
 * {@code ALL}, {@code stage} with the stage number, {@code agency}, {@code service}) to reach by
 * {@code targetYear}. The baseline is optional (both null when absent); {@code source} names the
 * publication or says {@code illustrative}.
 */
public record Target(String kpi, String scopeType, String scopeCode, int targetYear, double target,
                     Integer baselineYear, Double baseline, String source) implements Serializable {

    /** True when no publication backs the target. */
    public boolean illustrative() {
        return "illustrative".equalsIgnoreCase(source);
    }
}
