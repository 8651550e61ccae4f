package org.tahawul.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    void theParsedBeneficiaryIdIsMaskedWhereverItAppears() {
        assertThat(Masking.mask("2024-01-01T10:00:00Z,e1,MOI,MOI-NID-RENEW,web,completed,A99887766,x", "A99887766"))
                .isEqualTo("2024-01-01T10:00:00Z,e1,MOI,MOI-NID-RENEW,web,completed,A9*******,x");
    }

    @Test
    void anyBeneficiaryIdKeyIsMaskedAlsoInALineCutShort() {
        assertThat(Masking.mask("{\"beneficiary_id\": \"7001234567\",\"a\":1}", null))
                .isEqualTo("{\"beneficiary_id\": \"70********\",\"a\":1}");
        assertThat(Masking.mask("{\"beneficiary_id\":1012345678}", null)).isEqualTo("{\"beneficiary_id\":10********}");
        assertThat(Masking.mask("{\"event_id\":\"e1\",\"beneficiary_id\":\"10123", null))
                .isEqualTo("{\"event_id\":\"e1\",\"beneficiary_id\":\"10***");
        assertThat(Masking.mask("{\"beneficiary_id\":\"X1\"}", null)).isEqualTo("{\"beneficiary_id\":\"**\"}");
    }

    @Test
    void tenDigitNumbersShapedLikeSaudiIdsAreMaskedAsAFallback() {
        assertThat(Masking.mask("[\"e1\", 2012345678, 3012345678, 10123456789]", null))
                .isEqualTo("[\"e1\", 20********, 3012345678, 10123456789]");
    }

    @Test
    void textWithoutPersonalDataIsUnchanged() {
        String line = "{\"event_id\":\"e1\",\"ts\":\"2024-01-01T10:00:00Z\",\"duration_ms\":90000}";
        assertThat(Masking.mask(line, null)).isEqualTo(line);
        assertThat(Masking.mask(null, "1012345678")).isNull();
    }

    @Test
    void aHugeValueIsMaskedWithoutRunningOutOfStack() {
        String id = "A" + "9".repeat(1_000_000);
        String masked = Masking.mask("{\"beneficiary_id\":\"" + id + "\",\"x\":1}", null);
        assertThat(masked).startsWith("{\"beneficiary_id\":\"A9***").endsWith("***\",\"x\":1}").doesNotContain("99");
        assertThat(Masking.mask("{\"beneficiary_id\":\"ab\\\"cdef\",\"x\":1}", null))
                .isEqualTo("{\"beneficiary_id\":\"ab******\",\"x\":1}"); // an escaped quote stays inside the value
    }
}
