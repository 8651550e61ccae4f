package org.tahawul.datasets.reference;

import java.io.Serializable;

/** A government agency of {@code agencies.csv}. */
public record Agency(String code, String nameAr, String nameEn, String sector) implements Serializable {
}
