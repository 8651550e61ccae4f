package org.tahawul.warehouse.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Finds the ClickHouse server the integration tests use, or starts one.
 *
 * <ol>
 *   <li>{@code TAHAWUL_TEST_CLICKHOUSE_URL} (environment or system property), as bin/test sets it
 *       for a server it started for the run;</li>
 *   <li>otherwise a server answering on 127.0.0.1:8123 ({@code bin/clickhouse start});</li>
 *   <li>otherwise {@code bin/clickhouse start} on a free port with data under target/, stopped
 *       when the test JVM exits.</li>
 * </ol>
 * Every test class works in a fresh database of its own ({@link TestDatabase}), so sharing one
 * server is safe.
 */
public final class LocalClickHouse {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static String httpUrl;

    private LocalClickHouse() {
    }

    /** The server's HTTP URL, e.g. {@code http://127.0.0.1:8123}. */
    public static synchronized String httpUrl() {
        if (httpUrl == null) {
            httpUrl = locate();
        }
        return httpUrl;
    }

    /** The JDBC URL of the server (no database). */
    public static String jdbcUrl() {
        return httpUrl().replaceFirst("^http://", "jdbc:clickhouse://");
    }

    public static String user() {
        return setting("TAHAWUL_TEST_CLICKHOUSE_USER", "default");
    }

    public static String password() {
        return setting("TAHAWUL_TEST_CLICKHOUSE_PASSWORD", "");
    }

    private static String locate() {
        String configured = setting("TAHAWUL_TEST_CLICKHOUSE_URL", null);
        if (configured != null) {
            String url = configured.replaceFirst("^jdbc:(clickhouse|ch):", "http:").replaceAll("/+$", "");
            if (!ping(url)) {
                throw new IllegalStateException("TAHAWUL_TEST_CLICKHOUSE_URL=" + configured + " does not answer /ping");
            }
            return url;
        }
        if (ping("http://127.0.0.1:8123")) {
            return "http://127.0.0.1:8123";
        }
        return startOwn();
    }

    private static String startOwn() {
        Path root = repositoryRoot();
        int port = freePort();
        Path data = root.resolve("target/test-clickhouse-" + port);
        ProcessBuilder start = new ProcessBuilder(root.resolve("bin/clickhouse").toString(), "start")
                .inheritIO();
        start.environment().put("CLICKHOUSE_HTTP_PORT", String.valueOf(port));
        start.environment().put("CLICKHOUSE_DATA_DIR", data.toString());
        try {
            Process process = start.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/clickhouse start failed; see " + data.resolve("server.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bin/clickhouse start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessBuilder stop = new ProcessBuilder(root.resolve("bin/clickhouse").toString(), "stop").inheritIO();
            stop.environment().put("CLICKHOUSE_DATA_DIR", data.toString());
            try {
                stop.start().waitFor(60, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // best effort at JVM exit
            }
        }));
        return "http://127.0.0.1:" + port;
    }

    static boolean ping(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/ping"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().startsWith("Ok.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The repository root: the nearest folder upwards holding bin/clickhouse. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("bin/clickhouse"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (bin/clickhouse) above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
