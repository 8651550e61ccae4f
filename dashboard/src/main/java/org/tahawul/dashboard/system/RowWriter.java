package org.tahawul.dashboard.system;

import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes rows given as column → value maps into a warehouse table through {@link BulkInsert}
 * (RowBinary); columns a row leaves out take the table's defaults. Used by the demo seeder and by
 * the tests' data builder.
 */
public final class RowWriter {

    private RowWriter() {
    }

    /** Inserts {@code rows} (all with the same keys) into {@code table}; returns the number of rows. */
    public static int write(ClickHouseSettings settings, String table, List<Map<String, Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        try (BulkInsert insert = BulkInsert.open(settings, table, columns)) {
            Object[] values = new Object[columns.size()];
            for (Map<String, Object> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("every row of " + table + " needs the columns " + columns + ", got " + row.keySet());
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(columns.get(i));
                }
                insert.add(values);
            }
        }
        return rows.size();
    }
}
