package org.tahawul.dashboard.system;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodSelectionTest {

    private static final YearMonth LATEST = YearMonth.of(2024, 5);

    @Test
    void withoutParametersTheLatestMonthIsSelected() {
        PeriodSelection p = PeriodSelection.parse(null, null, null, null, LATEST);
        assertThat(p.kind()).isEqualTo(PeriodSelection.Kind.MONTH);
        assertThat(p.from()).isEqualTo(LATEST);
        assertThat(p.query()).isEqualTo("period=month&at=2024-05");
        assertThat(p.previous().label()).isEqualTo("2024-04");
    }

    @Test
    void quarterYearAndRangeCoverTheirMonths() {
        PeriodSelection q = PeriodSelection.parse("quarter", "2024-Q2", null, null, LATEST);
        assertThat(q.from()).isEqualTo(YearMonth.of(2024, 4));
        assertThat(q.to()).isEqualTo(YearMonth.of(2024, 6));
        assertThat(q.label()).isEqualTo("2024-Q2");
        assertThat(q.previous().label()).isEqualTo("2024-Q1");
        assertThat(PeriodSelection.parse("quarter", null, null, null, LATEST).label()).isEqualTo("2024-Q2");
        PeriodSelection y = PeriodSelection.parse("year", "2023", null, null, LATEST);
        assertThat(y.from()).isEqualTo(YearMonth.of(2023, 1));
        assertThat(y.to()).isEqualTo(YearMonth.of(2023, 12));
        assertThat(y.previous().label()).isEqualTo("2022");
        PeriodSelection r = PeriodSelection.parse("range", null, "2023-01", "2023-06", LATEST);
        assertThat(r.label()).isEqualTo("2023-01..2023-06");
        assertThat(r.previous().label()).isEqualTo("2022-07..2022-12");
        assertThat(r.query()).isEqualTo("period=range&from=2023-01&to=2023-06");
    }

    @Test
    void fromAndToWithoutPeriodMeanARangeAndTheWindowIs24MonthsOtherwise() {
        assertThat(PeriodSelection.parse(null, null, "2023-01", null, LATEST).label()).isEqualTo("2023-01..2024-05");
        assertThat(PeriodSelection.parse("month", "2024-05", null, null, LATEST).window().label())
                .isEqualTo("2022-06..2024-05");
    }

    @Test
    void mistakesAreBadRequestsThatSayWhatIsExpected() {
        assertThatThrownBy(() -> PeriodSelection.parse("month", "2024-13", null, null, LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'at' must be a month like 2024-05");
        assertThatThrownBy(() -> PeriodSelection.parse("quarter", "2024-Q5", null, null, LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("quarter like 2024-Q2");
        assertThatThrownBy(() -> PeriodSelection.parse("year", "24", null, null, LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("year like 2024");
        assertThatThrownBy(() -> PeriodSelection.parse("decade", null, null, null, LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("month, quarter, year, range");
        assertThatThrownBy(() -> PeriodSelection.parse("range", null, "2024-05", "2024-01", LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("is after");
        assertThatThrownBy(() -> PeriodSelection.parse("range", null, "2000-01", "2024-01", LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("longer than 240 months");
        assertThatThrownBy(() -> PeriodSelection.parse("month", "1999-12", null, null, LATEST))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("between 2000-01 and 2100-12");
    }
}
