package org.tahawul.dashboard.system;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MonthLabelsTest {

    private final MonthLabels labels = new MonthLabels();

    @Test
    void arabicLabelsPutTheUmmAlQuraMonthBesideTheGregorianOne() {
        MonthLabels.MonthLabel january = labels.of(YearMonth.of(2024, 1), Locale.forLanguageTag("ar"));
        assertThat(january.label()).isEqualTo("يناير ٢٠٢٤ · رجب ١٤٤٥");
        assertThat(labels.of(YearMonth.of(2024, 3), Locale.forLanguageTag("ar-SA")).hijri()).isEqualTo("رمضان ١٤٤٥");
    }

    @Test
    void englishLabelsUseLatinDigitsAndTheEra() {
        assertThat(labels.of(YearMonth.of(2024, 1), Locale.ENGLISH).label()).isEqualTo("January 2024 · Rajab 1445 AH");
        assertThat(labels.between(YearMonth.of(2023, 11), YearMonth.of(2024, 2), Locale.ENGLISH))
                .extracting(MonthLabels.MonthLabel::month).containsExactly("2023-11", "2023-12", "2024-01", "2024-02");
    }
}
