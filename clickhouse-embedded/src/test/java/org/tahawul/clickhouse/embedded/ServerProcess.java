package org.tahawul.clickhouse.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The server jar of this module run as a child process, the way bin/clickhouse runs it. */
final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private Process process;
    private int lastExitCode = -1;

    private ServerProcess(Path dataDir, int port, Map<String, String> env) {
        this.dataDir = dataDir;
        this.port = port;
        this.env = env;
    }

    static ServerProcess start(Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        ServerProcess server = new ServerProcess(dataDir, freePort(), env);
        server.start();
        return server;
    }

    static Path library() {
        String configured = System.getenv("CHDB_LIBRARY");
        if (configured != null) {
            return Path.of(configured);
        }
        String cache = System.getenv().getOrDefault("TAHAWUL_CACHE_DIR",
                System.getProperty("user.home") + "/.cache/tahawul");
        return Path.of(cache, "chdb", System.getProperty("chdb.version", "26.7.3-stable.1"), "package", "libchdb.so");
    }

    void start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("server.jar", "target/clickhouse-embedded-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("server jar " + jar + " is missing: run mvn verify (package builds it)");
        }
        if (!Files.isRegularFile(library())) {
            throw new IllegalStateException("libchdb.so not found at " + library()
                    + ": run bin/clickhouse start (or bin/test) once to fetch it");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "-Duser.timezone=UTC", "-jar", jar.toString(),
                "--port", String.valueOf(port), "--path", dataDir.resolve("db").toString(),
                "--library", library().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpClient client = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited during start-up:\n"
                        + Files.readString(dataDir.resolve("server.log")));
            }
            try {
                HttpResponse<String> ping = client.send(HttpRequest.newBuilder(URI.create(url() + "/ping"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ping.body().equals("Ok.\n")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not answer /ping within 60 s");
    }

    /** SIGTERM, as bin/clickhouse stop sends, then wait for a clean exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            lastExitCode = process.exitValue();
        }
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Exit code of the last stopped process (143 = ended by SIGTERM, as the JVM reports it). */
    int lastExitCode() {
        return lastExitCode;
    }

    long pid() {
        return process.pid();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String jdbcUrl(String database) {
        return "jdbc:clickhouse://127.0.0.1:" + port + "/" + database;
    }

    String log() throws IOException {
        return Files.readString(dataDir.resolve("server.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
