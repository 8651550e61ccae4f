package org.tahawul.ingest;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LineCheck#parseTimestamp} computes instants with plain arithmetic; java.time is the reference here, over
 * the bounds of every field: month lengths and leap rules (1900, 2000, 2024), hours, minutes, seconds and offsets
 * up to ±18:00.
 */
class LineCheckTest {

    private static final int[] YEARS = {0, 1, 4, 100, 400, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2100, 9999};

    @Test
    void datesAreRealCalendarDates() {
        for (int year : YEARS) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    String ts = String.format("%04d-%02d-%02dT10:20:30+03:00", year, month, day);
                    assertThat(LineCheck.parseTimestamp(ts)).as(ts).isEqualTo(reference(year, month, day, 10, 20, 30, 0, 3, 0));
                }
            }
        }
    }

    @Test
    void timesAndOffsetsStayWithinTheirRanges() {
        int[] hours = {0, 1, 23, 24};
        int[] minutesAndSeconds = {0, 1, 59, 60};
        int[] offsetHours = {0, 3, 17, 18, 19};
        int[] offsetMinutes = {0, 30, 59, 60};
        for (int hour : hours) {
            for (int minute : minutesAndSeconds) {
                for (int second : minutesAndSeconds) {
                    for (int oh : offsetHours) {
                        for (int om : offsetMinutes) {
                            for (int sign : new int[]{1, -1}) {
                                String ts = String.format("2024-02-29T%02d:%02d:%02d%s%02d:%02d", hour, minute, second,
                                        sign > 0 ? "+" : "-", oh, om);
                                assertThat(LineCheck.parseTimestamp(ts)).as(ts)
                                        .isEqualTo(reference(2024, 2, 29, hour, minute, second, 0, sign * oh, sign * om));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyDayOfFourCenturiesHasItsEpochDay() {
        for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() < 2200; d = d.plusDays(1)) {
            assertThat(LineCheck.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).as(d.toString())
                    .isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void fractionsAreCutToTheMicrosecondAndOffsetsTakeThreeForms() {
        assertThat(LineCheck.parseTimestamp("2024-01-31T21:10:00.123456789Z"))
                .isEqualTo(Instant.parse("2024-01-31T21:10:00.123456Z"));
        assertThat(LineCheck.parseTimestamp("2024-01-31T21:10:00.5+03")).isEqualTo(Instant.parse("2024-01-31T18:10:00.5Z"));
        assertThat(LineCheck.parseTimestamp("2024-01-31T21:10-0130")).isEqualTo(Instant.parse("2024-01-31T22:40:00Z"));
        assertThat(LineCheck.parseTimestamp("2024-01-31T21:10:00.1234567890Z")).isNull();
        assertThat(LineCheck.parseTimestamp("2024-01-31T21:10:00")).isNull();
        assertThat(LineCheck.parseTimestamp("2024-01-31T21:10:00+3")).isNull();
    }

    /** What java.time makes of the fields; null where it refuses them. */
    private static Instant reference(int year, int month, int day, int hour, int minute, int second, int nano,
                                     int offsetHours, int offsetMinutes) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano)
                    .toInstant(ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
