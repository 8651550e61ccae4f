package org.tahawul.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestConfigTest {

    static final Map<String, String> ENV = Map.of(PseudonymKey.ENV, "0123456789abcdef0123456789abcdef",
            "TAHAWUL_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:1", "TAHAWUL_DATABASE", "wh");

    @Test
    void namedOptionsAreParsedOnce() {
        IngestConfig config = IngestConfig.parse(new String[] {"--input", "a.jsonl", "logs/", "--format=csv",
                "--input", "x/*.gz"}, ENV);
        assertThat(config.inputs()).containsExactly("a.jsonl", "logs/", "x/*.gz");
        assertThat(config.format()).isEqualTo(InputFormat.CSV);
        assertThat(config.referenceDir()).isNull();
        assertThat(config.settings().database()).isEqualTo("wh");
        assertThat(config.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> IngestConfig.parse(new String[] {}, ENV)).hasMessageContaining("--input PATH is required");
        assertThatThrownBy(() -> IngestConfig.parse(new String[] {"--input"}, ENV)).hasMessageContaining("at least one PATH");
        assertThatThrownBy(() -> IngestConfig.parse(new String[] {"--input", "a", "--master", "local"}, ENV))
                .hasMessageContaining("unknown option '--master'");
        assertThatThrownBy(() -> IngestConfig.parse(new String[] {"--input", "a", "--format", "xml"}, ENV))
                .hasMessageContaining("not one of jsonl, csv, parquet");
        assertThatThrownBy(() -> IngestConfig.parse(new String[] {"--input", "a", "--reference-dir", "/no/such"}, ENV))
                .hasMessageContaining("is not a folder");
    }

    @Test
    void anUnreachableClickHouseEndsTheRunWithAMessageNamingTheUrl() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = IngestJob.execute(new String[] {"--input", "x.jsonl"}, ENV, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ClickHouse at jdbc:clickhouse://127.0.0.1:1 is unreachable");
    }

    @Test
    void formatsComeFromFileNames() {
        assertThat(List.of("a.jsonl.gz", "b.JSON", "c.ndjson", "d.csv.gz", "e.parquet").stream()
                .map(n -> InputFormat.fromFileName(n).orElseThrow()))
                .containsExactly(InputFormat.JSONL, InputFormat.JSONL, InputFormat.JSONL, InputFormat.CSV, InputFormat.PARQUET);
        assertThat(InputFormat.fromFileName("notes.txt")).isEmpty();
    }
}
