package org.tahawul.datasets.reference;

import java.io.Serializable;

/**
 * A maturity stage with its three thresholds (DESIGN §5): an agency reaches the stage in a month
 * when its e-service coverage, digital adoption and satisfaction rate all meet them.
 */
public record MaturityStage(int stage, String nameAr, String nameEn,
                            double minCoverage, double minAdoption, double minSatisfaction) implements Serializable {

    /** True when the three indicators meet this stage's thresholds; a missing (null) indicator counts as 0. */
    public boolean isMetBy(Double coverage, Double adoption, Double satisfactionRate) {
        return value(coverage) >= minCoverage && value(adoption) >= minAdoption
                && value(satisfactionRate) >= minSatisfaction;
    }

    private static double value(Double d) {
        return d == null || d.isNaN() ? 0.0 : d;
    }
}
