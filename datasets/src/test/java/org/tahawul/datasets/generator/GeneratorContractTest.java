package org.tahawul.datasets.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Service;

/** The done-when run of issue 3: 30 000 events, January to June 2024, seed 7. */
class GeneratorContractTest {

    @TempDir
    static Path dir;

    static ReferenceData reference;
    static GeneratorResult result;
    static List<GeneratedLines.Line> lines;
    static List<Map<String, Object>> events;

    @BeforeAll
    static void generate() throws IOException {
        reference = ReferenceData.loadDefault();
        GeneratorConfig config = new GeneratorConfig(dir.resolve("a"), 30_000, YearMonth.of(2024, 1), YearMonth.of(2024, 6),
                7, 0, null);
        result = new Generator(reference, config).run(null);
        lines = GeneratedLines.read(dir.resolve("a"));
        events = new ArrayList<>();
        lines.forEach(l -> events.add(GeneratedLines.json(l)));
    }

    @Test
    void runningTheSameFlagsAgainGivesIdenticalFiles() throws IOException {
        GeneratorConfig again = new GeneratorConfig(dir.resolve("b"), 30_000, YearMonth.of(2024, 1), YearMonth.of(2024, 6),
                7, 0, null);
        new Generator(reference, again).run(null);
        List<Path> a = GeneratedLines.files(dir.resolve("a"));
        List<Path> b = GeneratedLines.files(dir.resolve("b"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(b.get(i))).as(b.get(i).toString()).isEqualTo(Files.readAllBytes(a.get(i)));
        }
    }

    @Test
    void writesOneFilePerDayOfTheRange() throws IOException {
        List<Path> files = GeneratedLines.files(dir.resolve("a"));
        assertThat(files).hasSize(182);
        assertThat(files.get(0).getFileName()).hasToString("events-2024-01-01.jsonl.gz");
        assertThat(files.get(181).getFileName()).hasToString("events-2024-06-30.jsonl.gz");
        assertThat(result.files()).hasSize(182);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        assertThat(result.bytes()).isEqualTo(bytes);
        try (var s = Files.list(dir.resolve("a"))) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void everyLineObeysTheContract() {
        ContractChecker checker = new ContractChecker(reference, Instant.now());
        for (GeneratedLines.Line l : lines) {
            RejectReason reason = checker.check(l.text());
            assertThat(reason).as(l.file() + ":" + l.number() + " " + l.text()).isNull();
        }
    }

    @Test
    void countsMatchAndEventsAreAboutAsManyAsAsked() {
        assertThat(result.lines()).isEqualTo(lines.size()).isEqualTo(result.events());
        assertThat(result.badLines()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.lines()).isBetween(29_500L, 30_500L);
    }

    @Test
    void usesExactlyTheContractFieldNames() {
        Set<String> contract = Set.of("event_id", "ts", "agency", "service", "channel", "event", "session_id",
                "beneficiary_id", "beneficiary_type", "region", "duration_ms", "rating");
        Set<String> seen = new HashSet<>();
        events.forEach(e -> seen.addAll(e.keySet()));
        assertThat(seen).isEqualTo(contract);
    }

    @Test
    void eventIdsAreUniqueAndFilesHoldTheirRiyadhDayInTimeOrder() {
        Set<Object> ids = new HashSet<>();
        events.forEach(e -> assertThat(ids.add(e.get("event_id"))).isTrue());
        String previousFile = "";
        Instant previous = Instant.MIN;
        for (int i = 0; i < lines.size(); i++) {
            GeneratedLines.Line l = lines.get(i);
            Instant ts = Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse((String) events.get(i).get("ts")));
            LocalDate riyadhDay = LocalDate.ofInstant(ts, GeneratorConfig.RIYADH);
            assertThat(l.file()).isEqualTo("events-" + riyadhDay + ".jsonl.gz");
            if (l.file().equals(previousFile)) {
                assertThat(ts).isAfterOrEqualTo(previous.minusSeconds(1)); // whole-second timestamps drop the millis
            }
            previousFile = l.file();
            previous = ts;
        }
    }

    @Test
    void timestampsCarryAnOffsetMostlyRiyadhTimeSomeUtc() {
        long riyadh = events.stream().filter(e -> ((String) e.get("ts")).endsWith("+03:00")).count();
        long utc = events.stream().filter(e -> ((String) e.get("ts")).endsWith("Z")).count();
        assertThat(riyadh + utc).isEqualTo(events.size());
        assertThat((double) riyadh / events.size()).isGreaterThan(0.8);
        assertThat(utc).isPositive();
    }

    @Test
    void sessionsLinkStartedToOneOutcomeAndSomeSpanTwoDailyFiles() {
        Map<Object, List<Integer>> bySession = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Object s = events.get(i).get("session_id");
            if (s != null) {
                bySession.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
            }
        }
        int spanning = 0;
        int complete = 0;
        for (List<Integer> idx : bySession.values()) {
            long started = idx.stream().filter(i -> "started".equals(events.get(i).get("event"))).count();
            long outcomes = idx.stream().map(i -> events.get(i).get("event"))
                    .filter(t -> t.equals("completed") || t.equals("failed") || t.equals("abandoned")).count();
            assertThat(started).isLessThanOrEqualTo(1);
            assertThat(outcomes).isLessThanOrEqualTo(1);
            Set<Object> services = new HashSet<>();
            idx.forEach(i -> services.add(events.get(i).get("service")));
            assertThat(services).hasSize(1);
            if (started == 1 && outcomes == 1) {
                complete++;
                Set<String> files = new HashSet<>();
                idx.forEach(i -> files.add(lines.get(i).file()));
                if (files.size() > 1) {
                    spanning++;
                }
            }
        }
        assertThat(complete).isGreaterThan(bySession.size() / 2);
        assertThat(spanning).isPositive();
    }

    @Test
    void ratingsFollowTwentyToFortyPercentOfCompletionsWithoutARequiredBeneficiary() {
        long completed = events.stream().filter(e -> "completed".equals(e.get("event"))).count();
        List<Map<String, Object>> rated = events.stream().filter(e -> "rated".equals(e.get("event"))).toList();
        assertThat((double) rated.size() / completed).isBetween(0.2, 0.4);
        assertThat(rated).anySatisfy(e -> assertThat(e).doesNotContainKey("beneficiary_id"));
        Map<Integer, Long> byValue = new HashMap<>();
        rated.forEach(e -> byValue.merge(((Number) e.get("rating")).intValue(), 1L, Long::sum));
        assertThat(byValue.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void beneficiariesHaveRealisticIdsByTypeAndReturn() {
        Map<String, Character> prefix = Map.of("citizen", '1', "resident", '2', "business", '7', "visitor", '3');
        Map<Object, Integer> uses = new HashMap<>();
        Set<String> types = new HashSet<>();
        for (Map<String, Object> e : events) {
            String id = (String) e.get("beneficiary_id");
            if (id == null) {
                continue;
            }
            assertThat(id).matches("[1237]\\d{9}");
            assertThat(BeneficiaryPool.luhnValid(id)).as(id).isTrue();
            String type = (String) e.get("beneficiary_type");
            if (type != null) {
                types.add(type);
                assertThat(id.charAt(0)).as(id + " " + type).isEqualTo(prefix.get(type));
            }
            uses.merge(id, 1, Integer::sum);
        }
        assertThat(types).containsExactlyInAnyOrder("citizen", "resident", "business", "visitor");
        long returning = uses.values().stream().filter(n -> n >= 3).count();
        assertThat(returning).isGreaterThan(uses.size() / 10);
    }

    @Test
    void regionsComeFromTheReferenceAndFollowPopulation() {
        Map<Object, Long> byRegion = new HashMap<>();
        events.forEach(e -> {
            if (e.containsKey("region")) {
                byRegion.merge(e.get("region"), 1L, Long::sum);
            }
        });
        assertThat(byRegion.keySet()).allSatisfy(r -> assertThat(reference.regionExists((String) r)).isTrue());
        assertThat(byRegion).hasSize(13);
        // Riyadh (SA-01) and Makkah (SA-02) are the largest regions, Al-Bahah (SA-11) among the smallest
        assertThat(byRegion.get("SA-01")).isGreaterThan(byRegion.get("SA-11") * 5);
        assertThat(byRegion.get("SA-02")).isGreaterThan(byRegion.get("SA-11") * 5);
    }

    @Test
    void durationsCentreOnTheServiceSlaWithALongTail() {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if (e.containsKey("duration_ms")) {
                assertThat(e.get("event")).isEqualTo("completed");
                Service s = reference.service((String) e.get("service")).orElseThrow();
                ratios.add(((Number) e.get("duration_ms")).doubleValue() / s.slaMillis());
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double overSla = Arrays.stream(sorted).filter(r -> r > 1).count() / (double) sorted.length;
        assertThat(median).isBetween(0.2, 0.9);
        assertThat(overSla).isBetween(0.05, 0.35);
        assertThat(sorted[sorted.length - 1]).isGreaterThan(3.0);
    }

    @Test
    void servicesNotOfferedOnlineHaveNoDigitalEvents() {
        // a stalled agency keeps part of its catalogue offline: some services appear only on counters and call centres
        Map<String, Set<String>> channelsByService = new HashMap<>();
        events.forEach(e -> channelsByService.computeIfAbsent((String) e.get("service"), k -> new HashSet<>())
                .add((String) e.get("channel")));
        long offlineOnly = channelsByService.values().stream()
                .filter(ch -> ch.stream().noneMatch(reference::isDigital)).count();
        assertThat(offlineOnly).isPositive();
    }
}
