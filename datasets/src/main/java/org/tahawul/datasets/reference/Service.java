package org.tahawul.datasets.reference;

import java.io.Serializable;

/** A catalogued government service of {@code services.csv}; {@code slaMinutes} is its service-level target. */
public record Service(String code, String agencyCode, String nameAr, String nameEn, String category, int slaMinutes)
        implements Serializable {

    /** The SLA in milliseconds, the unit of {@code duration_ms}. */
    public long slaMillis() {
        return slaMinutes * 60_000L;
    }
}
