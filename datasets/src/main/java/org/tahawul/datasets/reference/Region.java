package org.tahawul.datasets.reference;

import java.io.Serializable;

/** An administrative region of {@code regions.csv}. */
public record Region(String code, String nameAr, String nameEn) implements Serializable {
}
