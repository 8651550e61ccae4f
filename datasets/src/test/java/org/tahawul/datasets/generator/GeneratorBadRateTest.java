package org.tahawul.datasets.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.ReferenceData;

class GeneratorBadRateTest {

    @TempDir
    static Path dir;

    static ReferenceData reference;
    static GeneratorResult result;

    @BeforeAll
    static void generate() throws IOException {
        reference = ReferenceData.loadDefault();
        GeneratorConfig config = new GeneratorConfig(dir, 5_000, YearMonth.of(2024, 1), YearMonth.of(2024, 3), 11, 0.05, null);
        result = new Generator(reference, config).run(null);
    }

    @Test
    void everyViolationKindAndEveryRejectReasonOccurs() {
        for (Violation v : Violation.values()) {
            assertThat(result.violations().getOrDefault(v, 0L)).as(v.name()).isPositive();
        }
        for (RejectReason r : RejectReason.values()) {
            assertThat(result.rejectReasons().getOrDefault(r, 0L)).as(r.name()).isPositive();
        }
        assertThat((double) result.badLines() / result.lines()).isBetween(0.03, 0.07);
    }

    @Test
    void theContractCheckerRejectsExactlyTheBadLinesForTheIntendedReasons() throws IOException {
        ContractChecker checker = new ContractChecker(reference, Instant.now());
        Map<RejectReason, Long> found = new EnumMap<>(RejectReason.class);
        long valid = 0;
        for (GeneratedLines.Line l : GeneratedLines.read(dir)) {
            RejectReason r = checker.check(l.text());
            if (r == null) {
                valid++;
            } else {
                found.merge(r, 1L, Long::sum);
            }
        }
        assertThat(found).isEqualTo(result.rejectReasons());
        assertThat(valid).isEqualTo(result.events() + result.duplicates());
        assertThat(result.lines()).isEqualTo(result.events() + result.badLines() + result.duplicates());
    }

    @Test
    void duplicatesRepeatAnEarlierLineByteForByteAlsoInALaterFile() throws IOException {
        ContractChecker checker = new ContractChecker(reference, Instant.now());
        Map<String, GeneratedLines.Line> firstById = new HashMap<>();
        long duplicates = 0;
        long sameFile = 0;
        long laterFile = 0;
        for (GeneratedLines.Line l : GeneratedLines.read(dir)) {
            if (checker.check(l.text()) != null) {
                continue;
            }
            String id = (String) GeneratedLines.json(l).get("event_id");
            GeneratedLines.Line first = firstById.putIfAbsent(id, l);
            if (first != null) {
                duplicates++;
                assertThat(l.text()).isEqualTo(first.text());
                if (first.file().equals(l.file())) {
                    sameFile++;
                } else {
                    assertThat(l.file()).isGreaterThan(first.file());
                    laterFile++;
                }
            }
        }
        assertThat(duplicates).isEqualTo(result.duplicates()).isPositive();
        assertThat(sameFile).isPositive();
        assertThat(laterFile).isPositive();
    }

    @Test
    void acceptedOdditiesOfRealFilesAppearToo() throws IOException {
        GeneratedLines.Oddities o = GeneratedLines.oddities(dir);
        assertThat(o.filesWithBom()).isEqualTo(1);
        assertThat(o.filesWithCrlf()).isPositive();
        assertThat(o.emptyLines()).isPositive();
    }
}
