package org.tahawul.datasets.reference;

import java.io.Serializable;

/** A published benchmark of {@code external_indicators.csv} (for example the UN EGDI rank of a year) with its source. */
public record ExternalIndicator(String indicator, int year, double value, String source) implements Serializable {
}
