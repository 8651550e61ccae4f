package org.tahawul.datasets.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.chrono.HijrahDate;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Service;

/** Seven years of data with the shipped catalogue: the patterns leadership would expect to see. */
class GeneratorShapeTest {

    @TempDir
    static Path dir;

    static ReferenceData reference;
    /** Per line: Riyadh day, service, channel, event, rating (0 when none). */
    static List<Row> rows = new ArrayList<>();
    static Map<LocalDate, Integer> perDay = new HashMap<>();

    record Row(LocalDate day, String agency, String service, String channel, String event, int rating) {
    }

    @BeforeAll
    static void generate() throws IOException {
        reference = ReferenceData.loadDefault();
        GeneratorConfig config = new GeneratorConfig(dir, 150_000, YearMonth.of(2019, 1), YearMonth.of(2025, 12), 42, 0, null);
        new Generator(reference, config).run(null);
        for (GeneratedLines.Line l : GeneratedLines.read(dir)) {
            Map<String, Object> e = GeneratedLines.json(l);
            LocalDate day = LocalDate.parse(l.file().substring(7, 17));
            Object rating = e.get("rating");
            rows.add(new Row(day, (String) e.get("agency"), (String) e.get("service"), (String) e.get("channel"),
                    (String) e.get("event"), rating == null ? 0 : ((Number) rating).intValue()));
            perDay.merge(day, 1, Integer::sum);
        }
    }

    private static double meanPerDay(java.util.function.Predicate<LocalDate> days, java.util.function.Predicate<Row> rowFilter) {
        Set<LocalDate> selected = new HashSet<>();
        for (LocalDate d = LocalDate.of(2019, 1, 1); !d.isAfter(LocalDate.of(2025, 12, 31)); d = d.plusDays(1)) {
            if (days.test(d)) {
                selected.add(d);
            }
        }
        long n = rows.stream().filter(r -> selected.contains(r.day()) && rowFilter.test(r)).count();
        return (double) n / selected.size();
    }

    private static int hijriMonth(LocalDate d) {
        return HijrahDate.from(d).get(ChronoField.MONTH_OF_YEAR);
    }

    private static int hijriDay(LocalDate d) {
        return HijrahDate.from(d).get(ChronoField.DAY_OF_MONTH);
    }

    private static boolean covid(LocalDate d) {
        return !d.isBefore(LocalDate.of(2020, 3, 1)) && d.isBefore(LocalDate.of(2021, 9, 1));
    }

    @Test
    void fridayAndSaturdayAreQuieterThanWorkdays() {
        double weekend = meanPerDay(d -> d.getDayOfWeek() == DayOfWeek.FRIDAY || d.getDayOfWeek() == DayOfWeek.SATURDAY, r -> true);
        double workday = meanPerDay(d -> d.getDayOfWeek() != DayOfWeek.FRIDAY && d.getDayOfWeek() != DayOfWeek.SATURDAY, r -> true);
        assertThat(weekend).isLessThan(0.7 * workday);
        // counters are closed at the weekend: nearly everything then is digital or by phone
        long fridayCounter = rows.stream().filter(r -> r.day().getDayOfWeek() == DayOfWeek.FRIDAY && r.channel().equals("counter")).count();
        long friday = rows.stream().filter(r -> r.day().getDayOfWeek() == DayOfWeek.FRIDAY).count();
        assertThat((double) fridayCounter / friday).isLessThan(0.05);
    }

    @Test
    void digitalAdoptionOfCompletedTransactionsRisesOverTheYears() {
        Map<Integer, double[]> byYear = new HashMap<>();
        Map<Integer, double[]> mobile = new HashMap<>();
        for (Row r : rows) {
            if (r.event().equals("completed")) {
                double[] a = byYear.computeIfAbsent(r.day().getYear(), k -> new double[2]);
                a[0]++;
                if (reference.isDigital(r.channel())) {
                    a[1]++;
                    double[] m = mobile.computeIfAbsent(r.day().getYear(), k -> new double[2]);
                    m[0]++;
                    if (r.channel().equals("mobile")) {
                        m[1]++;
                    }
                }
            }
        }
        double a2019 = byYear.get(2019)[1] / byYear.get(2019)[0];
        double a2021 = byYear.get(2021)[1] / byYear.get(2021)[0];
        double a2023 = byYear.get(2023)[1] / byYear.get(2023)[0];
        double a2025 = byYear.get(2025)[1] / byYear.get(2025)[0];
        assertThat(a2019).isLessThan(a2021);
        assertThat(a2021).isLessThan(a2023);
        assertThat(a2023).isLessThan(a2025);
        assertThat(a2025 - a2019).isGreaterThan(0.25);
        // the channel shift goes from the web to the mobile apps
        assertThat(mobile.get(2025)[1] / mobile.get(2025)[0]).isGreaterThan(mobile.get(2019)[1] / mobile.get(2019)[0] + 0.2);
    }

    @Test
    void agenciesTransformUnevenly() {
        Map<String, double[]> adoption2025 = new HashMap<>();
        Map<String, Set<String>> online2025 = new HashMap<>();
        for (Row r : rows) {
            if (r.event().equals("completed") && r.day().getYear() == 2025) {
                double[] a = adoption2025.computeIfAbsent(r.agency(), k -> new double[2]);
                a[0]++;
                if (reference.isDigital(r.channel())) {
                    a[1]++;
                    online2025.computeIfAbsent(r.agency(), k -> new HashSet<>()).add(r.service());
                }
            }
        }
        List<Double> adoption = adoption2025.values().stream().filter(a -> a[0] >= 100).map(a -> a[1] / a[0]).toList();
        assertThat(adoption.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - adoption.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isGreaterThan(0.4);
        List<Double> coverage = reference.agencies().stream()
                .map(a -> online2025.getOrDefault(a.code(), Set.of()).size() / (double) reference.serviceCount(a.code())).toList();
        assertThat(coverage).anySatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(0.95));
        assertThat(coverage).anySatisfy(c -> assertThat(c).isLessThan(0.6));
    }

    @Test
    void hajjServicesPeakInTheHajjSeason() {
        Set<String> hajj = new HashSet<>();
        for (Service s : reference.services()) {
            if ((ServiceProfile.classify(s.category().toLowerCase(), (s.nameEn() + " " + s.code()).toLowerCase())
                    & ServiceProfile.HAJJ) != 0) {
                hajj.add(s.code());
            }
        }
        assertThat(hajj).isNotEmpty();
        java.util.function.Predicate<LocalDate> season = d -> hijriMonth(d) == 11 || (hijriMonth(d) == 12 && hijriDay(d) <= 13);
        double inSeason = meanPerDay(d -> !covid(d) && season.test(d), r -> hajj.contains(r.service()));
        double offSeason = meanPerDay(d -> !covid(d) && !season.test(d), r -> hajj.contains(r.service()));
        assertThat(inSeason).isGreaterThan(3 * offSeason);
    }

    @Test
    void ramadanIsQuieterThanTheWeeksBeforeIt() {
        Set<LocalDate> ramadan = new HashSet<>();
        Set<LocalDate> before = new HashSet<>();
        for (LocalDate d = LocalDate.of(2019, 2, 1); d.isBefore(LocalDate.of(2025, 12, 1)); d = d.plusDays(1)) {
            if (hijriMonth(d) == 9 && hijriDay(d) == 1) {
                for (int k = 0; k < 27; k++) {
                    ramadan.add(d.plusDays(k));
                }
                for (int k = 1; k <= 28; k++) {
                    before.add(d.minusDays(k));
                }
            }
        }
        double inRamadan = meanPerDay(ramadan::contains, r -> true);
        double beforeRamadan = meanPerDay(before::contains, r -> true);
        assertThat(inRamadan).isLessThan(0.92 * beforeRamadan);
        // Eid al-Fitr holidays: the quietest days of the year
        double eid = meanPerDay(d -> hijriMonth(d) == 10 && hijriDay(d) <= 4, r -> true);
        assertThat(eid).isLessThan(0.7 * beforeRamadan);
    }

    @Test
    void billPaymentsPeakAtMonthEnd() {
        Set<String> payment = new HashSet<>();
        for (Service s : reference.services()) {
            if ((ServiceProfile.classify(s.category().toLowerCase(), (s.nameEn() + " " + s.code()).toLowerCase())
                    & ServiceProfile.PAYMENT) != 0) {
                payment.add(s.code());
            }
        }
        assertThat(payment).contains("SAMA-SADAD-BILL");
        double monthEnd = meanPerDay(d -> d.getDayOfMonth() >= 27, r -> payment.contains(r.service()));
        double midMonth = meanPerDay(d -> d.getDayOfMonth() >= 5 && d.getDayOfMonth() <= 25, r -> payment.contains(r.service()));
        assertThat(monthEnd).isGreaterThan(1.5 * midMonth);
    }

    @Test
    void satisfactionIsHigherOnDigitalChannelsAndRisesWithMaturity() {
        double[] digital = new double[2];
        double[] inPerson = new double[2];
        double[] y2019 = new double[2];
        double[] y2025 = new double[2];
        for (Row r : rows) {
            if (r.event().equals("rated")) {
                double[] a = reference.isDigital(r.channel()) ? digital : inPerson;
                a[0]++;
                a[1] += r.rating() >= 4 ? 1 : 0;
                double[] y = r.day().getYear() == 2019 ? y2019 : r.day().getYear() == 2025 ? y2025 : null;
                if (y != null) {
                    y[0]++;
                    y[1] += r.rating() >= 4 ? 1 : 0;
                }
            }
        }
        assertThat(digital[1] / digital[0]).isGreaterThan(inPerson[1] / inPerson[0] + 0.1);
        assertThat(y2025[1] / y2025[0]).isGreaterThan(y2019[1] / y2019[0] + 0.05);
    }
}
