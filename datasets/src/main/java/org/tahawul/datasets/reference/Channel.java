package org.tahawul.datasets.reference;

import java.io.Serializable;

/** A service channel of {@code channels.csv} ({@code web}, {@code mobile}, ..., {@code counter}). */
public record Channel(String code, String nameAr, String nameEn, boolean digital) implements Serializable {
}
