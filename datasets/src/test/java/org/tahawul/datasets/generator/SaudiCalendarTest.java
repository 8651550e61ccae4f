package org.tahawul.datasets.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class SaudiCalendarTest {

    private static SaudiCalendar day(String iso) {
        return SaudiCalendar.of(LocalDate.parse(iso));
    }

    @Test
    void hijriDatesAreUmmAlQura() {
        // Ramadan 1445 began on 11 March 2024, Eid al-Fitr on 10 April, the day of Arafat on 15 June, Eid al-Adha on 16 June
        assertThat(day("2024-03-11")).extracting(SaudiCalendar::hijriYear, SaudiCalendar::hijriMonth, SaudiCalendar::hijriDay)
                .containsExactly(1445, 9, 1);
        assertThat(day("2024-03-11").ramadan()).isTrue();
        assertThat(day("2024-03-10").ramadan()).isFalse();
        assertThat(day("2024-04-10").eidAlFitr()).isTrue();
        assertThat(day("2024-04-20").eidAlFitr()).isFalse();
        assertThat(day("2024-06-15").eidAlAdha()).isTrue();
        assertThat(day("2024-06-15").hajjSeason()).isTrue();
        assertThat(day("2024-05-20").hajjSeason()).isTrue(); // Dhu al-Qadah
        assertThat(day("2024-08-01").hajjSeason()).isFalse();
        assertThat(day("2025-03-01").ramadan()).isTrue();
    }

    @Test
    void weekendIsFridayAndSaturday() {
        assertThat(day("2024-05-03").weekend()).isTrue(); // Friday
        assertThat(day("2024-05-04").weekend()).isTrue(); // Saturday
        assertThat(day("2024-05-05").weekend()).isFalse(); // Sunday, a working day
        assertThat(day("2024-05-03").counterFactor()).isLessThan(0.1);
        assertThat(day("2024-05-03").digitalFactor()).isLessThan(day("2024-05-05").digitalFactor());
    }

    @Test
    void seasonsOfServiceKinds() {
        int hajj = ServiceProfile.HAJJ;
        assertThat(day("2024-06-10").kindFactor(hajj)).isGreaterThan(5 * day("2024-08-10").kindFactor(hajj));
        int umrah = ServiceProfile.UMRAH;
        assertThat(day("2024-04-01").kindFactor(umrah)).isGreaterThan(10 * day("2024-06-10").kindFactor(umrah)); // Ramadan vs. the Hajj pause
        int payment = ServiceProfile.PAYMENT;
        assertThat(day("2024-05-28").kindFactor(payment)).isGreaterThan(1.5 * day("2024-05-15").kindFactor(payment));
        int tourism = ServiceProfile.VISA | ServiceProfile.TOURISM;
        assertThat(day("2019-09-01").kindFactor(tourism)).isLessThan(0.1 * day("2019-10-01").kindFactor(tourism));
        // COVID-19: offices closed in spring 2020, pilgrimage stopped until August 2021
        assertThat(day("2020-04-12").counterFactor()).isLessThan(0.1);
        assertThat(day("2020-07-25").kindFactor(hajj)).isLessThan(day("2019-08-05").kindFactor(hajj) / 5);
    }

    @Test
    void foundingDayIsAHolidaySince2022AndNationalDayAlways() {
        assertThat(day("2023-02-22").nationalHoliday()).isTrue();
        assertThat(day("2021-02-22").nationalHoliday()).isFalse();
        assertThat(day("2024-09-23").nationalHoliday()).isTrue();
    }
}
