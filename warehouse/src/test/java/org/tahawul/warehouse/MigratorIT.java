package org.tahawul.warehouse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.warehouse.testing.TestDatabase;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigratorIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.empty();

    @Test
    @Order(1)
    void createsEveryContractTableThenDoesNothingTheSecondTime() throws Exception {
        Migrator migrator = new Migrator(db.settings(), SchemaLayout.SINGLE_NODE);
        Migrator.Result first = migrator.migrate();
        assertThat(first.applied()).hasSize(migrator.migrations().size());
        try (Connection c = db.connect()) {
            List<String> tables = Jdbc.queryStrings(c, "SELECT name FROM system.tables WHERE database = currentDatabase()");
            assertThat(tables).contains(Tables.ALL.toArray(new String[0]));
        }
        Migrator.Result second = migrator.migrate();
        assertThat(second.applied()).isEmpty();
        assertThat(second.alreadyApplied()).isEqualTo(migrator.migrations().size());
        assertThat(db.queryLong("SELECT count() FROM schema_migrations FINAL")).isEqualTo(migrator.migrations().size());
    }

    @Test
    @Order(2)
    void anEditedAppliedMigrationStopsWithItsName() throws Exception {
        Migrator migrator = new Migrator(db.settings(), SchemaLayout.SINGLE_NODE);
        migrator.migrate();
        List<Migrator.Migration> edited = new ArrayList<>(migrator.migrations());
        Migrator.Migration first = edited.get(0);
        edited.set(0, new Migrator.Migration(first.version(), first.description(), first.file(),
                first.text() + "\nSELECT 1;", "0000"));
        assertThatThrownBy(() -> new Migrator(db.settings(), SchemaLayout.SINGLE_NODE, edited).migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(first.file())
                .hasMessageContaining("must never be edited");
    }
}
