package org.tahawul.datasets.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorConfigTest {

    private static final YearMonth LAST = YearMonth.of(2026, 10);

    @Test
    void defaultsFollowTheCommandLineContract() {
        GeneratorConfig c = GeneratorConfig.parse(LAST, "--out", "/tmp/x");
        assertThat(c.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.events()).isEqualTo(100_000);
        assertThat(c.from()).isEqualTo(YearMonth.of(2019, 1));
        assertThat(c.to()).isEqualTo(LAST);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.badRate()).isZero();
        assertThat(c.referenceDir()).isNull();
    }

    @Test
    void namedOptionsWithSpaceOrEquals() {
        GeneratorConfig c = GeneratorConfig.parse(LAST, "--out=/o", "--events", "30000", "--from", "2024-01", "--to=2024-06",
                "--seed", "-7", "--bad-rate", "0.02", "--reference-dir", "ref");
        assertThat(c).isEqualTo(new GeneratorConfig(Path.of("/o"), 30_000, YearMonth.of(2024, 1), YearMonth.of(2024, 6), -7,
                0.02, Path.of("ref")));
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST)).hasMessageContaining("--out DIR is required");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--evnts", "5")).hasMessageContaining("unknown option '--evnts'");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--events")).hasMessageContaining("--events needs a value");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--events", "many")).hasMessageContaining("'many' is not a whole number");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--events", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--from", "2024-13")).hasMessageContaining("use YYYY-MM");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--from", "2024-06", "--to", "2024-01"))
                .hasMessageContaining("--to 2024-01 is before --from 2024-06");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--to", "2026-11"))
                .hasMessageContaining("not a complete month yet");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--bad-rate", "1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--seed", "1", "--seed", "2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> GeneratorConfig.parse(LAST, "--out", "o", "--from", "1999-12")).hasMessageContaining("too early");
    }

    @Test
    void jobPrintsASummaryAndExitsZero(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = GeneratorJob.run(new String[] {"--out", dir.toString(), "--events", "2000", "--from", "2024-01", "--to", "2024-01",
                "--bad-rate", "0.05"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("generated [\\d,]+ lines \\([\\d,]+ events, [\\d,]+ bad, [\\d,]+ duplicates\\) in 31 files, .* MB, .* s, .* events/s\\R");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad lines by reason:").contains("MALFORMED_LINE=");
    }

    @Test
    void jobExitsTwoOnBadOptionsAndOneOnBadReferenceData(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(GeneratorJob.run(new String[] {"--events", "5"}, System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --out DIR is required").contains("usage: generate");
        err.reset();
        assertThat(GeneratorJob.run(new String[] {"--out", dir.resolve("o").toString(), "--to", "2024-01", "--reference-dir",
                dir.resolve("nothing-here").toString()}, System.out, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: reference data:").contains("agencies.csv").contains("file not found");
    }

    @Test
    void aReferenceFolderCanReplaceTheShippedCatalogue(@TempDir Path dir) throws Exception {
        Path ref = Path.of(GeneratorConfigTest.class.getResource("/reference-fixture/agencies.csv").toURI()).getParent();
        GeneratorConfig c = GeneratorConfig.parse(LAST, "--out", dir.toString(), "--events", "3000", "--from", "2024-01", "--to", "2024-02",
                "--reference-dir", ref.toString(), "--bad-rate", "0.05");
        GeneratorResult r = new Generator(org.tahawul.datasets.reference.ReferenceData.load(ref), c).run(null);
        assertThat(r.violations()).containsKeys(Violation.values());
        java.util.Set<String> services = new java.util.HashSet<>();
        ContractChecker checker = new ContractChecker(org.tahawul.datasets.reference.ReferenceData.load(ref), java.time.Instant.now());
        for (GeneratedLines.Line l : GeneratedLines.read(dir)) {
            if (checker.check(l.text()) == null) {
                services.add((String) GeneratedLines.json(l).get("service"));
            }
        }
        assertThat(services).hasSizeGreaterThan(10).allSatisfy(s -> assertThat(s).matches("(MOI|MOHU|MOFA|SAMA|MC|MOH)-.*"));
    }
}
