package org.tahawul.datasets.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.datasets.reference.ReferenceData;

class GeneratorDeterminismTest {

    @TempDir
    Path dir;

    private GeneratorResult generate(String name, long seed, double badRate) throws IOException {
        GeneratorConfig config = new GeneratorConfig(dir.resolve(name), 8_000, YearMonth.of(2023, 11), YearMonth.of(2024, 2),
                seed, badRate, null);
        return new Generator(ReferenceData.loadDefault(), config).run(null);
    }

    @Test
    void sameFlagsGiveByteIdenticalFiles() throws IOException {
        generate("one", 7, 0.03);
        generate("two", 7, 0.03);
        List<Path> one = GeneratedLines.files(dir.resolve("one"));
        List<Path> two = GeneratedLines.files(dir.resolve("two"));
        assertThat(one).hasSize(two.size()).hasSize(30 + 31 + 31 + 29);
        for (int i = 0; i < one.size(); i++) {
            assertThat(one.get(i).getFileName()).isEqualTo(two.get(i).getFileName());
            assertThat(Files.readAllBytes(one.get(i))).as(one.get(i).toString()).isEqualTo(Files.readAllBytes(two.get(i)));
        }
    }

    @Test
    void gzipHeaderCarriesNoTimestamp() throws IOException {
        generate("one", 7, 0);
        for (Path f : GeneratedLines.files(dir.resolve("one"))) {
            byte[] b = Files.readAllBytes(f);
            assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0x1f, 0x8b, 8);
            assertThat(new byte[] {b[4], b[5], b[6], b[7]}).as("MTIME").containsOnly(0);
        }
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        generate("one", 7, 0);
        generate("two", 8, 0);
        Path a = dir.resolve("one").resolve("events-2024-01-15.jsonl.gz");
        Path b = dir.resolve("two").resolve("events-2024-01-15.jsonl.gz");
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(b));
        List<String> idsA = GeneratedLines.read(dir.resolve("one")).stream().map(l -> l.text().substring(0, 30)).toList();
        List<String> idsB = GeneratedLines.read(dir.resolve("two")).stream().map(l -> l.text().substring(0, 30)).toList();
        assertThat(idsA).doesNotContainAnyElementsOf(idsB);
    }

    @Test
    void badRateKeepsTheCleanRunsEventsExceptTheBrokenOnes() throws IOException {
        generate("clean", 7, 0);
        GeneratorResult dirty = generate("dirty", 7, 0.05);
        List<String> clean = GeneratedLines.read(dir.resolve("clean")).stream().map(GeneratedLines.Line::text).toList();
        java.util.Set<String> dirtyLines = new java.util.HashSet<>();
        GeneratedLines.read(dir.resolve("dirty")).forEach(l -> dirtyLines.add(l.text()));
        long kept = clean.stream().filter(dirtyLines::contains).count();
        assertThat(kept).isEqualTo(dirty.events());
        assertThat(clean.size() - kept).isEqualTo(dirty.badLines());
    }

    @Test
    void agencyHistoryDoesNotDependOnTheWindow() {
        ReferenceData ref = ReferenceData.loadDefault();
        World a = new World(ref, 42);
        World b = new World(ref, 42);
        java.time.LocalDate day = java.time.LocalDate.of(2024, 5, 1);
        assertThat(a.plan(day).agencyMaturity).containsExactly(b.plan(day).agencyMaturity);
        assertThat(a.plan(day).serviceCum).containsExactly(b.plan(day).serviceCum);
        assertThat(new World(ref, 43).plan(day).agencyMaturity).isNotEqualTo(a.plan(day).agencyMaturity);
    }
}
