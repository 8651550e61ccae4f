package org.tahawul.ingest;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tahawul.ingest.Lines.checkJson;
import static org.tahawul.ingest.Lines.event;
import static org.tahawul.ingest.Lines.reasons;

class IngestTransformsTest {

    @Test
    void aValidLineIsLoadedWithItsDerivedColumns() {
        Row row = checkJson(event()).get(1L);
        assertThat((String) row.getAs("reason")).isNull();
        assertThat((String) row.getAs("event_id")).isEqualTo("e1");
        assertThat(((Timestamp) row.getAs("ts")).toInstant()).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(((Date) row.getAs("month")).toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat((Boolean) row.getAs("is_digital")).isTrue();
        assertThat((Long) row.getAs("duration_ms")).isEqualTo(90_000L);
        assertThat((Integer) row.getAs("rating")).isNull();
        assertThat((String) row.getAs("session_id")).isEqualTo("s1");
        assertThat((String) row.getAs("region")).isEqualTo("SA-01");
        assertThat(Arrays.asList(row.schema().fieldNames())).doesNotContain("beneficiary_id", "raw")
                .containsExactlyElementsOf(IngestTransforms.SINK_COLUMNS);
    }

    @Test
    void theBeneficiaryKeyIsTheHexHmacSha256OfTheTrimmedId() {
        Map<Long, Row> rows = checkJson(event("beneficiary_id", "  1012345678 "), event("channel", "counter"));
        // python3 -c "import hmac,hashlib;print(hmac.new(b'0123456789abcdef0123456789abcdef',b'1012345678',hashlib.sha256).hexdigest())"
        String expected = "95a79f5c2c7bbe4ad00903d63580beaa6b872b97fae127dbd5fa25b99004bb70";
        assertThat((String) rows.get(1L).getAs("beneficiary_key")).isEqualTo(expected);
        assertThat((String) rows.get(2L).getAs("beneficiary_key")).isEqualTo(expected);
        assertThat((Boolean) rows.get(2L).getAs("is_digital")).isFalse();
    }

    @Test
    void theMonthIsTheCalendarMonthOfTsInRiyadh() {
        Map<Long, Row> rows = checkJson(
                event("event_id", "a", "ts", "2024-01-31T21:10:00Z"),
                event("event_id", "b", "ts", "2024-01-31T20:59:59.999Z"),
                event("event_id", "c", "ts", "2024-02-01T00:10:00+03:00"),
                event("event_id", "d", "ts", "2023-12-31T23:30:00-05:00"));
        assertThat(month(rows.get(1L))).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(month(rows.get(2L))).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(month(rows.get(3L))).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(((Timestamp) rows.get(3L).getAs("ts")).toInstant()).isEqualTo(Instant.parse("2024-01-31T21:10:00Z"));
        assertThat(month(rows.get(4L))).isEqualTo(LocalDate.of(2024, 1, 1));
    }

    private static LocalDate month(Row row) {
        assertThat((String) row.getAs("reason")).isNull();
        return ((Date) row.getAs("month")).toLocalDate();
    }

    @Test
    void timestampsNeedAnOffsetAndARealDate() {
        assertThat(reasons(
                event("ts", "2024-03-10T10:00:00"),
                event("ts", "2024-02-30T10:00:00+03:00"),
                event("ts", "2024-03-10 10:00:00+03:00"),
                event("ts", "2024-03-10T25:00:00+03:00"),
                event("ts", "yesterday"),
                event("ts", "#1710054000"),
                event("ts", "1969-12-31T12:00:00Z"),
                event("ts", "2024-02-29T10:00:00.123456789+03:00"),
                event("ts", "2024-03-10T10:00+0300"),
                event("ts", "2024-03-10T10:00:00+03")))
                .containsExactly("BAD_TIMESTAMP", "BAD_TIMESTAMP", "BAD_TIMESTAMP", "BAD_TIMESTAMP", "BAD_TIMESTAMP",
                        "BAD_TIMESTAMP", "BAD_TIMESTAMP", null, null, null);
    }

    @Test
    void timestampsMayNotLieMoreThanADayAfterTheLoadTime() {
        Instant load = Lines.LOAD_TIME;
        assertThat(reasons(
                event("ts", load.plusSeconds(86_400 + 1).toString()),
                event("ts", load.plusSeconds(86_400).toString()),
                event("ts", "2196-03-10T10:00:00+03:00")))
                .containsExactly("FUTURE_TIMESTAMP", null, "FUTURE_TIMESTAMP");
    }

    @Test
    void linesThatAreNotJsonObjectsAreMalformedOrNotObjects() {
        assertThat(reasons(
                "{\"event_id\":\"e1\",\"ts\":\"2024-03-10T10:",
                "event_id=e1",
                "[\"e1\",\"2024-03-10T10:00:00+03:00\",\"MOI\"]",
                "42",
                "\"just text\"",
                "[{\"event_id\":\"e1\"}]"))
                .containsExactly("MALFORMED_LINE", "MALFORMED_LINE", "NOT_AN_OBJECT", "NOT_AN_OBJECT", "NOT_AN_OBJECT",
                        "NOT_AN_OBJECT");
    }

    @Test
    void requiredFieldsMustBePresentAndNotEmpty() {
        String[] required = {"event_id", "ts", "agency", "service", "channel", "event", "beneficiary_id"};
        String[] lines = new String[required.length * 3];
        for (int i = 0; i < required.length; i++) {
            lines[3 * i] = event(required[i], null);
            lines[3 * i + 1] = event(required[i], "  ");
            lines[3 * i + 2] = event(required[i], "#null");
        }
        assertThat(reasons(lines)).hasSize(lines.length).containsOnly("MISSING_FIELD");
        Row row = checkJson(event("ts", null, "agency", null)).get(1L);
        assertThat((String) row.getAs("detail")).isEqualTo("missing: ts, agency");
    }

    @Test
    void ratedEventsNeedARatingButNoBeneficiary() {
        Map<Long, Row> rows = checkJson(
                event("event", "rated", "beneficiary_id", null, "duration_ms", null, "rating", "#5"),
                event("event", "rated", "rating", null));
        Row rated = rows.get(1L);
        assertThat((String) rated.getAs("reason")).isNull();
        assertThat((Integer) rated.getAs("rating")).isEqualTo(5);
        assertThat((String) rated.getAs("beneficiary_key")).isNull();
        assertThat((String) rows.get(2L).getAs("reason")).isEqualTo("MISSING_FIELD");
        assertThat((String) rows.get(2L).getAs("detail")).isEqualTo("missing: rating");
    }

    @Test
    void ratingsAreIntegersFromOneToFiveAndOnlyOnRatedEvents() {
        assertThat(reasons(
                event("event", "rated", "rating", "#0"),
                event("event", "rated", "rating", "#6"),
                event("event", "rated", "rating", "#4.5"),
                event("event", "rated", "rating", "good"),
                event("event", "rated", "rating", "#1"),
                event("rating", "#4")))
                .containsExactly("BAD_RATING", "BAD_RATING", "BAD_RATING", "BAD_RATING", null, "UNEXPECTED_RATING");
    }

    @Test
    void eventIdsHaveAtMost64Characters() {
        assertThat(reasons(event("event_id", "x".repeat(65)), event("event_id", "x".repeat(64))))
                .containsExactly("BAD_EVENT_ID", null);
    }

    @Test
    void codesAreCheckedAgainstTheReferenceDataInContractOrder() {
        assertThat(reasons(
                event("agency", "MOX"),
                event("agency", "MOX", "service", "NOPE"),
                event("service", "MOI-NID-RENEW-X"),
                event("service", "JAWAZAT-PASSPORT-RENEW"),
                event("channel", "fax"),
                event("event", "submitted"),
                event("beneficiary_type", "expat"),
                event("region", "SA-99"),
                event("agency", "moi")))
                .containsExactly("UNKNOWN_AGENCY", "UNKNOWN_AGENCY", "UNKNOWN_SERVICE", "SERVICE_NOT_OF_AGENCY",
                        "UNKNOWN_CHANNEL", "UNKNOWN_EVENT_TYPE", "BAD_BENEFICIARY_TYPE", "UNKNOWN_REGION", "UNKNOWN_AGENCY");
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        Row row = checkJson(event("session_id", null, "beneficiary_type", null, "region", "", "duration_ms", null)).get(1L);
        assertThat((String) row.getAs("reason")).isNull();
        assertThat((String) row.getAs("session_id")).isNull();
        assertThat((String) row.getAs("beneficiary_type")).isNull();
        assertThat((String) row.getAs("region")).isNull();
        assertThat((Long) row.getAs("duration_ms")).isNull();
    }

    @Test
    void durationsAreIntegersFromZero() {
        Map<Long, Row> rows = checkJson(
                event("duration_ms", "#-5"),
                event("duration_ms", "#90000.5"),
                event("duration_ms", "slow"),
                event("duration_ms", "#0"),
                event("duration_ms", "120"));
        assertThat(rows.values().stream().map(r -> (String) r.getAs("reason")))
                .containsExactly("BAD_DURATION", "BAD_DURATION", "BAD_DURATION", null, null);
        assertThat((Long) rows.get(5L).getAs("duration_ms")).isEqualTo(120L);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String line = event().replace("}", ",\"app_version\":\"3.2\",\"extra\":{\"a\":[1,2]}}");
        assertThat(reasons(line)).containsExactly((String) null);
    }

    @Test
    void rejectedLinesKeepTheirRawTextWithTheBeneficiaryIdMasked() {
        Map<Long, Row> rows = checkJson(
                event("agency", "MOX"),
                "{\"event_id\":\"e1\",\"beneficiary_id\":\"2098765432\",\"ts\":\"2024-03-",
                "[\"e1\", 1098765432]");
        Row unknown = rows.get(1L);
        assertThat((String) unknown.getAs("raw_masked")).contains("\"beneficiary_id\":\"10********\"")
                .contains("\"agency\":\"MOX\"").doesNotContain("1012345678");
        assertThat((String) unknown.getAs("detail")).isEqualTo("agency 'MOX' is not in the reference agencies");
        assertThat((String) rows.get(2L).getAs("raw_masked")).contains("\"beneficiary_id\":\"20********\"");
        assertThat((String) rows.get(3L).getAs("raw_masked")).isEqualTo("[\"e1\", 10********]");
        assertThat((String) unknown.getAs("beneficiary_key")).isNull();
    }

    @Test
    void jsonLinesAreReadAsSparksJsonReaderReadThem() {
        Map<Long, Row> rows = checkJson(
                event("duration_ms", "#-0"),
                event("event_id", "#1.50", "duration_ms", "#1e3"),
                "{'event_id':'e1','ts':'2024-03-10T10:00:00+03:00','agency':'MOI','service':'MOI-NID-RENEW',"
                        + "'channel':'web','event':'completed','beneficiary_id':'1012345678'}",
                event() + " and whatever follows",
                event("agency", "MOX").replace("}", ",\"agency\":\"MOI\"}"),
                "'not an object'");
        assertThat((Long) rows.get(1L).getAs("duration_ms")).isZero();
        assertThat((String) rows.get(2L).getAs("event_id")).isEqualTo("1.5");
        assertThat((String) rows.get(2L).getAs("detail")).isEqualTo("duration_ms '1000.0' is not an integer >= 0");
        assertThat((String) rows.get(3L).getAs("reason")).isNull();
        assertThat((String) rows.get(4L).getAs("reason")).isNull();
        assertThat((String) rows.get(5L).getAs("reason")).isNull(); // the last of repeated keys counts
        assertThat((String) rows.get(6L).getAs("reason")).isEqualTo("MALFORMED_LINE"); // not strict JSON
    }

    @Test
    void valuesAreTrimmedOfSpacesOnlyAndMustBeExactlyTheirShape() {
        assertThat(reasons(
                event("agency", " MOI "),
                event("agency", "\\tMOI"),
                event("duration_ms", "5\\n"),
                event("event", "rated", "rating", "5\\n"),
                event("ts", "2024-03-10T10:00:00+03:00\\n")))
                .containsExactly(null, "UNKNOWN_AGENCY", "BAD_DURATION", "BAD_RATING", "BAD_TIMESTAMP");
    }

    @Test
    void theJobsRddChainGivesTheRowsOfTheDatasetFunctions() {
        String[] values = {event(), event("event_id", "e2", "agency", "MOX"), "{not json", event("ts", "yesterday"),
                event("event_id", "e3", "event", "rated", "rating", "#4", "beneficiary_id", null), "[1, 2]"};
        Map<Long, Row> viaDatasets = checkJson(values);
        Map<Long, java.util.List<Object>> viaRdd = new java.util.TreeMap<>();
        for (Row r : Lines.lines(values).javaRDD().mapPartitions(IngestTransforms.PARSE_JSON)
                .mapPartitions(IngestTransforms.checkStep(Lines.REFERENCE, Lines.LOAD_TIME, Lines.KEY)).collect()) {
            viaRdd.put(r.getLong(2), values(r));
        }
        assertThat(viaRdd).hasSize(values.length);
        viaDatasets.forEach((line, row) -> assertThat(viaRdd.get(line)).isEqualTo(values(row)));
        assertThat(viaDatasets.get(2L).<String>getAs("reason")).isEqualTo("UNKNOWN_AGENCY");
    }

    private static java.util.List<Object> values(Row row) {
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            values.add(row.get(i));
        }
        return values;
    }
}
