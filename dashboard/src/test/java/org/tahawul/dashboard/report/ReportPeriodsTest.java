package org.tahawul.dashboard.report;

import org.junit.jupiter.api.Test;
import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.PeriodSelection;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPeriodsTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");

    @Test
    void readsAMonthAQuarterOrAYear() {
        assertThat(ReportPeriods.parse("2024-05")).isEqualTo(new PeriodSelection(PeriodSelection.Kind.MONTH,
                YearMonth.of(2024, 5), YearMonth.of(2024, 5)));
        assertThat(ReportPeriods.parse("2024-q2")).isEqualTo(new PeriodSelection(PeriodSelection.Kind.QUARTER,
                YearMonth.of(2024, 4), YearMonth.of(2024, 6)));
        assertThat(ReportPeriods.parse(" 2024 ")).isEqualTo(new PeriodSelection(PeriodSelection.Kind.YEAR,
                YearMonth.of(2024, 1), YearMonth.of(2024, 12)));
    }

    @Test
    void anythingElseIsA400SayingWhatIsExpected() {
        for (String bad : new String[]{"2024-13", "2024-Q5", "24-05", "May 2024", "", "2024-05-01"}) {
            assertThatThrownBy(() -> ReportPeriods.parse(bad)).as(bad).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("2024-Q2");
        }
    }

    @Test
    void theLastCompletePeriodIsTakenInTheDefinitionsTimeZone() {
        // 1 January 2025 at 00:30 in Riyadh is still 31 December 2024 in UTC
        ZonedDateTime newYear = ZonedDateTime.of(2025, 1, 1, 0, 30, 0, 0, RIYADH);
        assertThat(ReportPeriods.lastComplete("month", newYear).label()).isEqualTo("2024-12");
        assertThat(ReportPeriods.lastComplete("month", newYear.withZoneSameInstant(ZoneId.of("UTC"))).label())
                .isEqualTo("2024-11");
        assertThat(ReportPeriods.lastComplete("quarter", newYear).label()).isEqualTo("2024-Q4");
        assertThat(ReportPeriods.lastComplete("quarter", ZonedDateTime.of(2025, 6, 30, 12, 0, 0, 0, RIYADH)).label())
                .isEqualTo("2025-Q1");
        assertThat(ReportPeriods.lastComplete("year", newYear).label()).isEqualTo("2024");
    }
}
