package org.tahawul.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the single-node DDL of the migrations for a ClickHouse cluster:
 * <pre>
 *   CREATE TABLE db.t (...) ENGINE = XMergeTree(args) ...
 *     becomes
 *   CREATE TABLE db.t_local ON CLUSTER 'c' (...) ENGINE = ReplicatedXMergeTree('/clickhouse/tables/{shard}/db/t', '{replica}', args) ...
 *   CREATE TABLE db.t ON CLUSTER 'c' AS db.t_local ENGINE = Distributed('c', 'db', 't_local', key)
 * </pre>
 * and {@code ALTER TABLE db.t ...} runs ON CLUSTER against both. Events are sharded by
 * {@code cityHash64(event_id)} so that one event id always lands on one shard (the ingest
 * anti-join stays exact per shard); other tables by {@code rand()}.
 */
final class ClusterDdl {

    private static final Pattern CREATE = Pattern.compile(
            "(?s)^CREATE TABLE IF NOT EXISTS (\\w+)\\.(\\w+)\\s*(\\(.*\\))\\s*ENGINE\\s*=\\s*(\\w*MergeTree)(\\(([^)]*)\\))?(.*)$");
    private static final Pattern ALTER = Pattern.compile("(?s)^ALTER TABLE (\\w+)\\.(\\w+)\\s+(.*)$");
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?s)^CREATE DATABASE IF NOT EXISTS (\\w+)(.*)$");
    private static final Map<String, String> SHARDING = Map.of("service_events", "cityHash64(event_id)");

    private ClusterDdl() {
    }

    static List<String> render(String statement, String cluster) {
        String onCluster = " ON CLUSTER " + Jdbc.quote(cluster);
        String sql = statement.strip();
        Matcher create = CREATE.matcher(sql);
        if (create.matches()) {
            String db = create.group(1);
            String table = create.group(2);
            String columns = create.group(3);
            String engine = create.group(4);
            String args = create.group(6);
            String rest = create.group(7);
            String replicatedArgs = "'/clickhouse/tables/{shard}/" + db + "/" + table + "', '{replica}'"
                    + (args == null || args.isBlank() ? "" : ", " + args.strip());
            List<String> out = new ArrayList<>();
            out.add("CREATE TABLE IF NOT EXISTS " + db + "." + table + "_local" + onCluster + " " + columns
                    + " ENGINE = Replicated" + engine + "(" + replicatedArgs + ")" + rest);
            out.add("CREATE TABLE IF NOT EXISTS " + db + "." + table + onCluster + " AS " + db + "." + table
                    + "_local ENGINE = Distributed(" + Jdbc.quote(cluster) + ", " + Jdbc.quote(db) + ", "
                    + Jdbc.quote(table + "_local") + ", " + SHARDING.getOrDefault(table, "rand()") + ")");
            return out;
        }
        Matcher alter = ALTER.matcher(sql);
        if (alter.matches()) {
            String db = alter.group(1);
            String table = alter.group(2);
            return List.of("ALTER TABLE " + db + "." + table + "_local" + onCluster + " " + alter.group(3),
                    "ALTER TABLE " + db + "." + table + onCluster + " " + alter.group(3));
        }
        Matcher database = CREATE_DATABASE.matcher(sql);
        if (database.matches()) {
            return List.of("CREATE DATABASE IF NOT EXISTS " + database.group(1) + onCluster + database.group(2));
        }
        throw new IllegalArgumentException("no cluster rendering for statement: " + sql.lines().findFirst().orElse(""));
    }
}
