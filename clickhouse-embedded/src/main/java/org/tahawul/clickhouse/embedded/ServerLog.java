package org.tahawul.clickhouse.embedded;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * The server's log: one line per event on stderr, which bin/clickhouse appends to server.log.
 * Plain stderr rather than java.util.logging, whose handlers are closed by its own shutdown hook
 * before ours has said that the server stopped.
 */
final class ServerLog {

    static volatile boolean debug = Boolean.getBoolean("tahawul.clickhouse.debug");

    private ServerLog() {
    }

    static void info(String message) {
        System.err.println(Instant.now() + " " + message);
    }

    static void warn(String message, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        System.err.println(Instant.now() + " WARN " + message + "\n" + trace);
    }

    static void debug(String message) {
        if (debug) {
            info(message);
        }
    }
}
