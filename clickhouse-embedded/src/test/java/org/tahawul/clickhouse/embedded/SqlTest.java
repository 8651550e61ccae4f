package org.tahawul.clickhouse.embedded;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTest {

    private static Sql.InsertWithData insert(String sql) {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        return Sql.insertWithData(bytes, bytes.length);
    }

    @Test
    void findsTheDataAfterInsertFormat() {
        String sql = "INSERT INTO t (a, b) FORMAT RowBinary\n\u0001\u0002";
        Sql.InsertWithData insert = insert(sql);
        assertThat(insert.head()).isEqualTo("INSERT INTO t (a, b)");
        assertThat(insert.format()).isEqualTo("RowBinary");
        assertThat(insert.dataOffset()).isEqualTo(sql.indexOf('\u0001'));
    }

    @Test
    void keepsLeadingSpacesOfTheDataLineButNotTheSeparatingNewline() {
        String sql = "INSERT INTO t FORMAT TSV \r\n 1\tx\n";
        assertThat(sql.substring(insert(sql).dataOffset())).isEqualTo(" 1\tx\n");
    }

    @Test
    void valuesBecomeTheValuesInputFormat() {
        String sql = "insert into db.t (a, `b c`) values (1, 'x'), (2, 'format')";
        Sql.InsertWithData insert = insert(sql);
        assertThat(insert.head()).isEqualTo("insert into db.t (a, `b c`)");
        assertThat(insert.format()).isEqualTo("Values");
        assertThat(sql.substring(insert.dataOffset())).isEqualTo(" (1, 'x'), (2, 'format')");
    }

    @Test
    void insertSelectHasNoInlineData() {
        assertThat(insert("INSERT INTO t SELECT * FROM s FORMAT Null")).isNull();
        assertThat(insert("INSERT INTO t WITH 1 AS x SELECT x")).isNull();
        assertThat(insert("SELECT 'INSERT INTO t VALUES'")).isNull();
    }

    @Test
    void ignoresKeywordsInsideCommentsStringsAndParentheses() {
        Sql.InsertWithData insert = insert("/* VALUES */ -- FORMAT CSV\nINSERT INTO t (`values`) SETTINGS async_insert=0 FORMAT CSV\n1\n");
        assertThat(insert.format()).isEqualTo("CSV");
        assertThat(insert.head()).endsWith("SETTINGS async_insert=0");
    }

    @Test
    void readsTheOutputFormatClause() {
        assertThat(Sql.outputFormat("SELECT 1 FORMAT JSONEachRow")).isEqualTo("JSONEachRow");
        assertThat(Sql.outputFormat("SELECT 1 FORMAT JSON SETTINGS max_threads = 1")).isEqualTo("JSON");
        assertThat(Sql.outputFormat("SELECT format('{}', 'x') AS format")).isNull();
        assertThat(Sql.outputFormat("SELECT (SELECT 1 FORMAT CSV)")).isNull();
        assertThat(Sql.outputFormat("SELECT 'FORMAT CSV'")).isNull();
        assertThat(Sql.outputFormat("SHOW TABLES FORMAT TSVWithNames;")).isEqualTo("TSVWithNames");
    }

    @Test
    void tellsReadsFromWrites() {
        assertThat(Sql.isQuery("  (SELECT 1)")).isTrue();
        assertThat(Sql.isQuery("WITH 1 AS x SELECT x")).isTrue();
        assertThat(Sql.isQuery("SHOW CREATE TABLE t")).isFalse();
        assertThat(Sql.isWrite("/* hi */ DROP TABLE t")).isTrue();
        assertThat(Sql.isWrite("SELEC 1")).isFalse();
        assertThat(Sql.isWrite("SET max_threads = 1")).isTrue();
    }

    @Test
    void quotesNamesAndValues() {
        assertThat(Sql.quoteIdentifier("a`b")).isEqualTo("`a\\`b`");
        assertThat(Sql.quoteString("it's \\ here")).isEqualTo("'it\\'s \\\\ here'");
    }
}
