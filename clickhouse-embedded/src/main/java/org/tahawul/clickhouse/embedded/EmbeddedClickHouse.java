package org.tahawul.clickhouse.embedded;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local ClickHouse server: the ClickHouse 26.7 engine (chDB's libchdb.so) behind ClickHouse's
 * own HTTP interface. For development, the demo and CI on machines without a container engine;
 * production uses any ClickHouse server.
 */
public final class EmbeddedClickHouse implements AutoCloseable {

    private final ChdbEngine engine;
    private final HttpServer http;
    private final ExecutorService workers;

    private EmbeddedClickHouse(ServerConfig config) throws IOException, EngineException {
        if (!Files.isRegularFile(config.library())) {
            throw new IOException("libchdb.so not found at " + config.library()
                    + "; bin/clickhouse start fetches it with npm pack");
        }
        Files.createDirectories(config.dataDir());
        this.engine = ChdbEngine.open(config.library(), config.dataDir(), config.connections());
        this.workers = Executors.newFixedThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "http-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        http.createContext("/", new HttpFront(engine, config));
        http.setExecutor(workers);
        http.start();
        ServerLog.info("ClickHouse " + engine.version() + " (chDB) serving http://" + config.host() + ":"
                + http.getAddress().getPort() + " with data in " + config.dataDir() + ", "
                + config.connections() + " engine connections");
    }

    public static void main(String[] args) {
        System.setProperty("jna.encoding", "UTF-8");
        // answer small requests at once: without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add ~40 ms to every response sent in more than one write
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ServerConfig config;
        try {
            config = ServerConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            EmbeddedClickHouse server = new EmbeddedClickHouse(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        } catch (IOException | EngineException e) {
            System.err.println("clickhouse-embedded could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        ServerLog.info("stopping: no new requests, waiting for running ones");
        http.stop(2);
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        ServerLog.info("stopped");
    }
}
