package org.tahawul.warehouse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterDdlTest {

    private final ClickHouseSettings settings = new ClickHouseSettings(ClickHouseSettings.DEFAULT_URL, null, null, "tahawul");

    @Test
    void rendersReplicatedLocalTablesAndDistributedContractTables() {
        Migrator migrator = new Migrator(settings, new SchemaLayout("tahawul_cluster"));
        Migrator.Migration events = migrator.migrations().stream()
                .filter(m -> m.file().startsWith("V002")).findFirst().orElseThrow();
        List<String> statements = migrator.statements(events);
        assertThat(statements.get(0))
                .startsWith("CREATE TABLE IF NOT EXISTS tahawul.service_events_local ON CLUSTER 'tahawul_cluster' (")
                .contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/tahawul/service_events', '{replica}')")
                .contains("PARTITION BY toYYYYMM(month)");
        assertThat(statements.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS tahawul.service_events ON CLUSTER "
                + "'tahawul_cluster' AS tahawul.service_events_local ENGINE = Distributed('tahawul_cluster', "
                + "'tahawul', 'service_events_local', cityHash64(event_id))");
        String runs = statements.stream().filter(s -> s.contains("ingest_runs_local")).findFirst().orElseThrow();
        assertThat(runs).contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/tahawul/ingest_runs', '{replica}', updated_at)");
    }

    @Test
    void singleNodeKeepsTheFilesAsWritten() {
        Migrator migrator = new Migrator(settings, SchemaLayout.SINGLE_NODE);
        for (Migrator.Migration m : migrator.migrations()) {
            for (String statement : migrator.statements(m)) {
                assertThat(statement).doesNotContain("${").doesNotContain("ON CLUSTER").doesNotEndWith(";");
            }
        }
    }

    @Test
    void commentsDoNotChangeAChecksumButStatementsDo() {
        Migrator.Migration first = Migrator.loadMigrations().get(0);
        String statements = String.join(";\n", Migrator.split(first.text()));
        assertThat(Migrator.split("-- a note\n" + first.text())).isEqualTo(Migrator.split(first.text()));
        assertThat(Migrator.split(first.text() + "\nSELECT 1;")).hasSize(Migrator.split(first.text()).size() + 1);
        assertThat(statements).doesNotContain("--");
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertThat(new ClickHouseSettings("jdbc:clickhouse://h:8123", "u", "secret", "db").toString())
                .doesNotContain("secret").contains("***");
    }

    @Test
    void alterRunsOnBothTables() {
        assertThat(ClusterDdl.render("ALTER TABLE tahawul.kpi_monthly ADD COLUMN x UInt8", "c"))
                .containsExactly("ALTER TABLE tahawul.kpi_monthly_local ON CLUSTER 'c' ADD COLUMN x UInt8",
                        "ALTER TABLE tahawul.kpi_monthly ON CLUSTER 'c' ADD COLUMN x UInt8");
    }
}
