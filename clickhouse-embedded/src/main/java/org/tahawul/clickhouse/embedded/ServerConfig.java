package org.tahawul.clickhouse.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of the server, from flags first and then the environment.
 *
 * @param host              address to listen on (loopback unless told otherwise)
 * @param port              HTTP port
 * @param dataDir           the engine's data folder (MergeTree parts, metadata)
 * @param library           path of libchdb.so
 * @param connections       engine connections, i.e. statements that run at once
 * @param threads           HTTP worker threads (requests beyond the connections wait)
 * @param user              the one user this server knows
 * @param password          its password (from CLICKHOUSE_PASSWORD, never a flag)
 * @param maxQueryBytes     largest statement text held in memory
 * @param maxInsertBytes    largest streamed insert body, 0 for no limit
 * @param queueTimeoutMillis how long a request waits for a free connection
 * @param displayName       value of X-ClickHouse-Server-Display-Name
 */
record ServerConfig(String host, int port, Path dataDir, Path library, int connections, int threads, String user,
                    String password, long maxQueryBytes, long maxInsertBytes, long queueTimeoutMillis,
                    String displayName) {

    static final String USAGE = String.join("\n",
            "usage: clickhouse-embedded --path DIR --library libchdb.so [options]",
            "  --host ADDR             listen address (127.0.0.1; env CLICKHOUSE_HOST)",
            "  --port N                HTTP port (8123; env CLICKHOUSE_HTTP_PORT)",
            "  --path DIR              data folder (env CLICKHOUSE_DATA_DIR)",
            "  --library FILE          libchdb.so (env CHDB_LIBRARY)",
            "  --connections N         engine connections running statements at once (4)",
            "  --threads N             HTTP worker threads (32)",
            "  --max-query-bytes N     largest statement text (67108864)",
            "  --max-insert-bytes N    largest streamed insert body, 0 = no limit (0)",
            "  --queue-timeout-ms N    wait for a free engine connection (600000)",
            "  user and password: env CLICKHOUSE_USER (default) and CLICKHOUSE_PASSWORD (empty)");

    static ServerConfig parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("CLICKHOUSE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("CLICKHOUSE_HTTP_PORT", "8123"));
        String path = env.get("CLICKHOUSE_DATA_DIR");
        String library = env.get("CHDB_LIBRARY");
        int connections = 4;
        int threads = 32;
        long maxQuery = 64L << 20;
        long maxInsert = 0;
        long queueTimeout = 600_000;
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                errors.add(flag + " needs a value");
                break;
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--host": host = value; break;
                    case "--port": port = Integer.parseInt(value); break;
                    case "--path": path = value; break;
                    case "--library": library = value; break;
                    case "--connections": connections = Integer.parseInt(value); break;
                    case "--threads": threads = Integer.parseInt(value); break;
                    case "--max-query-bytes": maxQuery = Long.parseLong(value); break;
                    case "--max-insert-bytes": maxInsert = Long.parseLong(value); break;
                    case "--queue-timeout-ms": queueTimeout = Long.parseLong(value); break;
                    default: errors.add("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                errors.add(flag + " expects a number, got '" + value + "'");
            }
        }
        if (path == null) {
            errors.add("--path (or CLICKHOUSE_DATA_DIR) is required");
        }
        if (library == null) {
            errors.add("--library (or CHDB_LIBRARY) is required: bin/clickhouse start fetches libchdb.so and passes it");
        }
        if (connections < 1 || threads < 1) {
            errors.add("--connections and --threads must be at least 1");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors) + "\n" + USAGE);
        }
        return new ServerConfig(host, port, Path.of(path), Path.of(library), connections, threads,
                env.getOrDefault("CLICKHOUSE_USER", "default"), env.getOrDefault("CLICKHOUSE_PASSWORD", ""),
                maxQuery, maxInsert, queueTimeout, "tahawul-clickhouse-embedded");
    }
}
