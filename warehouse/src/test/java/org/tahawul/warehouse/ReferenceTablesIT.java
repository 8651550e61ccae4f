package org.tahawul.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.warehouse.testing.TestDatabase;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceTablesIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    @Test
    void loadsTheShippedCatalogueAndReplacesItOnReload() throws Exception {
        ReferenceData data = ReferenceData.loadDefault();
        long rows = ReferenceTables.load(db.settings(), data);
        assertThat(rows).isGreaterThan(150);
        assertThat(db.queryLong("SELECT count() FROM ref_services")).isEqualTo(data.services().size());
        assertThat(db.queryLong("SELECT count() FROM ref_regions")).isEqualTo(13);
        try (Connection c = db.connect()) {
            assertThat(Jdbc.queryString(c, "SELECT name_ar FROM ref_agencies WHERE agency_code = 'MOI'"))
                    .isEqualTo("وزارة الداخلية");
            assertThat(Jdbc.queryLong(c, "SELECT countIf(is_digital) FROM ref_channels")).isEqualTo(4);
        }
        ReferenceTables.load(db.settings(), data);
        assertThat(db.queryLong("SELECT count() FROM ref_services")).isEqualTo(data.services().size());
        assertThat(db.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                + "AND name LIKE '%__load'")).isZero();
    }
}
