/**
 * The reference data of DESIGN §4 (agencies, services, channels, regions, maturity stages, Vision 2030
 * targets, external indicators) as Java records, read and checked by
 * {@link org.tahawul.datasets.reference.ReferenceData}: from a folder ({@code --reference-dir}) or from the
 * copy shipped in the datasets jar under {@code tahawul/reference/}. A malformed file fails with a
 * {@link org.tahawul.datasets.reference.ReferenceDataException} naming the file, the line and the reason.
 */
package org.tahawul.datasets.reference;
