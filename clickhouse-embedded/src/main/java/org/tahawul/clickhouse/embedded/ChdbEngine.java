package org.tahawul.clickhouse.embedded;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The ClickHouse engine (chDB) behind a small pool of connections.
 *
 * <p>This class is the one owner of every native handle. A chDB connection runs one statement at
 * a time, keeps {@code USE} and {@code SET} for itself, and after a failed statement may hand the
 * failure's left-overs to the next one; so each {@link Session} is used by one request at a time
 * (taken with {@link #acquire}, given back with {@link Session#close}) and is cleaned after every
 * error. Several sessions share one storage path and do run in parallel.
 */
final class ChdbEngine implements AutoCloseable {

    private final ChdbLibrary lib;
    private final List<Session> all = new ArrayList<>();
    private final BlockingQueue<Session> idle;
    private final String version;
    private final String timezone;
    private final Map<Integer, String> errorNames;
    private volatile boolean closed;

    private ChdbEngine(ChdbLibrary lib, Path dataDir, int connections) throws EngineException {
        this.lib = lib;
        this.idle = new ArrayBlockingQueue<>(connections);
        Signals jvmSignals = Signals.save();
        try {
            lib.chdb_set_signal_handlers_enabled(0);
            for (int i = 0; i < connections; i++) {
                Pointer connectionPointer = lib.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataDir});
                if (connectionPointer == null || connectionPointer.getPointer(0) == null) {
                    throw EngineException.of(ErrorCodes.UNKNOWN_EXCEPTION, "CANNOT_CONNECT",
                            "chDB could not open the data folder " + dataDir
                                    + " (is another server using it? see its server.pid)");
                }
                Session session = new Session(connectionPointer);
                all.add(session);
                idle.add(session);
            }
        } finally {
            jvmSignals.restore();
        }
        try (Session session = acquire(10_000)) {
            this.version = session.scalar("SELECT version()");
            this.timezone = session.scalar("SELECT timezone()");
            this.errorNames = session.errorNames();
        }
    }

    /** Loads {@code libchdb.so} and opens {@code connections} connections on {@code dataDir}. */
    static ChdbEngine open(Path library, Path dataDir, int connections) throws EngineException {
        ChdbLibrary lib = Native.load(library.toAbsolutePath().toString(), ChdbLibrary.class);
        return new ChdbEngine(lib, dataDir.toAbsolutePath(), connections);
    }

    String version() {
        return version;
    }

    String timezone() {
        return timezone;
    }

    /** ClickHouse's name of an error code, e.g. {@code SYNTAX_ERROR} for 62. */
    String errorName(int code) {
        return errorNames.getOrDefault(code, "UNKNOWN_EXCEPTION");
    }

    int httpStatus(int code) {
        return ErrorCodes.httpStatus(errorName(code));
    }

    /** Takes a free session, waiting at most {@code timeoutMillis}. */
    Session acquire(long timeoutMillis) throws EngineException {
        if (closed) {
            throw EngineException.of(ErrorCodes.ABORTED, "ABORTED", "Server is shutting down");
        }
        try {
            Session session = idle.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (session == null) {
                throw EngineException.of(ErrorCodes.TIMEOUT_EXCEEDED, "TIMEOUT_EXCEEDED",
                        "No free engine connection within " + timeoutMillis + " ms; the server is busy");
            }
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.of(ErrorCodes.ABORTED, "ABORTED", "Interrupted while waiting for the engine");
        }
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < all.size(); i++) {
            try {
                Session session = idle.poll(30, TimeUnit.SECONDS);
                if (session == null) {
                    ServerLog.info("a query did not finish within 30 s of shutdown; closing anyway");
                    break;
                }
                lib.chdb_close_conn(session.connectionPointer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lib.chdb_shutdown();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Statistics of one finished statement, as the engine reports them. */
    record Stats(long readRows, long readBytes, long writtenRows, long writtenBytes, long resultRows,
                 long resultBytes, long elapsedNanos) {

        static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, 0);

        Stats plus(Stats other) {
            return new Stats(readRows + other.readRows, readBytes + other.readBytes,
                    writtenRows + other.writtenRows, writtenBytes + other.writtenBytes,
                    resultRows + other.resultRows, resultBytes + other.resultBytes,
                    elapsedNanos + other.elapsedNanos);
        }
    }

    /** One engine connection, used by one request at a time. */
    final class Session implements AutoCloseable {

        private final Pointer connectionPointer;
        private final Pointer conn;
        private String database = "default";
        private final Map<String, String> applied = new HashMap<>();

        private Session(Pointer connectionPointer) {
            this.connectionPointer = connectionPointer;
            this.conn = connectionPointer.getPointer(0);
        }

        /** Switches database and settings to those of the request, changing only what differs. */
        void prepare(String requestedDatabase, Map<String, String> settings) throws EngineException {
            String wanted = requestedDatabase == null || requestedDatabase.isBlank() ? "default" : requestedDatabase;
            if (!wanted.equals(database)) {
                run("USE " + Sql.quoteIdentifier(wanted));
                database = wanted;
            }
            for (String name : new ArrayList<>(applied.keySet())) {
                if (!settings.containsKey(name)) {
                    run("SET " + Sql.quoteIdentifier(name) + " = DEFAULT");
                    applied.remove(name);
                }
            }
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                if (!setting.getValue().equals(applied.get(setting.getKey()))) {
                    run("SET " + Sql.quoteIdentifier(setting.getKey()) + " = " + Sql.quoteString(setting.getValue()));
                    applied.put(setting.getKey(), setting.getValue());
                }
            }
        }

        /** Runs a statement whose result is not needed. */
        Stats run(String sql) throws EngineException {
            try (Cursor cursor = query(sql, "Null", Map.of(), false)) {
                while (cursor.next() != null) {
                    // drain
                }
                return cursor.stats();
            }
        }

        String scalar(String sql) throws EngineException {
            try (Cursor cursor = query(sql, "TabSeparatedRaw", Map.of(), false)) {
                StringBuilder text = new StringBuilder();
                for (ByteBuffer chunk = cursor.next(); chunk != null; chunk = cursor.next()) {
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.get(bytes);
                    text.append(new String(bytes, StandardCharsets.UTF_8));
                }
                return text.toString().strip();
            }
        }

        private Map<Integer, String> errorNames() throws EngineException {
            Map<Integer, String> names = new HashMap<>();
            for (String line : scalar("SELECT number, errorCodeToName(number) FROM numbers(2000) "
                    + "WHERE errorCodeToName(number) != ''").split("\n")) {
                String[] parts = line.split("\t");
                names.put(Integer.parseInt(parts[0]), parts[1]);
            }
            return names;
        }

        /**
         * Starts a query. With {@code streaming} the result arrives block by block; without, in one
         * piece. Parameters fill {@code {name:Type}} placeholders on the engine side.
         */
        Cursor query(String sql, String format, Map<String, String> params, boolean streaming)
                throws EngineException {
            byte[] query = utf8(sql);
            byte[] fmt = utf8(format);
            Pointer result;
            if (params.isEmpty()) {
                result = streaming
                        ? lib.chdb_stream_query_n(conn, query, query.length, fmt, fmt.length)
                        : lib.chdb_query_n(conn, query, query.length, fmt, fmt.length);
            } else {
                Params p = new Params(params);
                result = streaming
                        ? lib.chdb_stream_query_with_params_n(conn, query, query.length, fmt, fmt.length,
                                p.names, p.nameLengths, p.values, p.valueLengths, p.count)
                        : lib.chdb_query_with_params_n(conn, query, query.length, fmt, fmt.length,
                                p.names, p.nameLengths, p.values, p.valueLengths, p.count);
            }
            failIfError(result);
            return new Cursor(result, streaming);
        }

        /** Starts a streaming INSERT; {@code head} is the statement without FORMAT clause or data. */
        InsertSink insert(String head, String format, Map<String, String> params) throws EngineException {
            byte[] query = utf8(head);
            byte[] fmt = utf8(format);
            Pointer stream;
            if (params.isEmpty()) {
                stream = lib.chdb_stream_insert_n(conn, query, query.length, fmt, fmt.length);
            } else {
                Params p = new Params(params);
                stream = lib.chdb_stream_insert_with_params_n(conn, query, query.length, fmt, fmt.length,
                        p.names, p.nameLengths, p.values, p.valueLengths, p.count);
            }
            String error = lib.chdb_stream_insert_error(stream);
            if (error != null) {
                lib.chdb_destroy_insert_stream(stream);
                throw recover(error);
            }
            return new InsertSink(stream);
        }

        private void failIfError(Pointer result) throws EngineException {
            String error = lib.chdb_result_error(result);
            if (error != null) {
                lib.chdb_destroy_query_result(result);
                throw recover(error);
            }
        }

        /** Clears what a failed statement leaves in the connection, then describes the failure. */
        private EngineException recover(String error) {
            byte[] probe = utf8("SELECT 1");
            byte[] fmt = utf8("Null");
            Pointer result = lib.chdb_query_n(conn, probe, probe.length, fmt, fmt.length);
            lib.chdb_destroy_query_result(result);
            return EngineException.fromEngine(error);
        }

        private Stats statsOf(Pointer result) {
            long length = lib.chdb_result_length(result);
            return new Stats(lib.chdb_result_rows_read(result), lib.chdb_result_bytes_read(result),
                    lib.chdb_result_rows_written(result), lib.chdb_result_bytes_written(result),
                    0, length, (long) (lib.chdb_result_elapsed(result) * 1e9));
        }

        @Override
        public void close() {
            idle.add(this);
        }

        /**
         * The blocks of one result. {@link #next} returns a view of native memory that stays valid
         * until the following call of {@code next} or {@code close}.
         */
        final class Cursor implements AutoCloseable {

            private final Pointer handle;
            private final boolean streaming;
            private Pointer current;
            private boolean done;
            private Stats stats = Stats.NONE;

            private Cursor(Pointer handle, boolean streaming) {
                this.handle = handle;
                this.streaming = streaming;
            }

            ByteBuffer next() throws EngineException {
                releaseCurrent();
                if (done) {
                    return null;
                }
                if (!streaming) {
                    done = true;
                    stats = statsOf(handle);
                    return view(handle);
                }
                Pointer chunk = lib.chdb_stream_fetch_result(conn, handle);
                String error = lib.chdb_result_error(chunk);
                if (error != null) {
                    lib.chdb_destroy_query_result(chunk);
                    done = true;
                    throw recover(error);
                }
                if (lib.chdb_result_length(chunk) == 0) {
                    stats = stats.plus(statsOf(chunk));
                    lib.chdb_destroy_query_result(chunk);
                    done = true;
                    return null;
                }
                stats = stats.plus(statsOf(chunk));
                current = chunk;
                return view(chunk);
            }

            private ByteBuffer view(Pointer result) {
                long length = lib.chdb_result_length(result);
                if (length == 0) {
                    return ByteBuffer.allocate(0);
                }
                return lib.chdb_result_buffer(result).getByteBuffer(0, length);
            }

            Stats stats() {
                return stats;
            }

            private void releaseCurrent() {
                if (current != null) {
                    lib.chdb_destroy_query_result(current);
                    current = null;
                }
            }

            @Override
            public void close() {
                releaseCurrent();
                if (streaming && !done) {
                    lib.chdb_stream_cancel_query(conn, handle);
                }
                lib.chdb_destroy_query_result(handle);
            }
        }

        /** The write side of a streaming INSERT. */
        final class InsertSink implements AutoCloseable {

            /** The most bytes one append hands to the engine. */
            static final int BUFFER = 1 << 20;

            private final Pointer stream;
            private final Memory buffer = new Memory(BUFFER);
            private boolean finished;

            private InsertSink(Pointer stream) {
                this.stream = stream;
            }

            void append(byte[] data, int offset, int length) throws EngineException {
                while (length > 0) {
                    int piece = Math.min(length, BUFFER);
                    buffer.write(0, data, offset, piece);
                    if (lib.chdb_stream_append(stream, buffer, piece) != 0) {
                        String error = lib.chdb_stream_insert_error(stream);
                        finished = true;
                        throw recover(error == null ? "Code: 1002. DB::Exception: insert stream failed" : error);
                    }
                    offset += piece;
                    length -= piece;
                }
            }

            Stats finish() throws EngineException {
                finished = true;
                Pointer result = lib.chdb_stream_done(stream);
                failIfError(result);
                Stats stats = statsOf(result);
                lib.chdb_destroy_query_result(result);
                return stats;
            }

            @Override
            public void close() {
                if (!finished) {
                    lib.chdb_stream_cancel_insert(stream);
                }
                lib.chdb_destroy_insert_stream(stream);
            }
        }
    }

    /** Query parameters laid out for the C API. */
    private static final class Params {
        final String[] names;
        final long[] nameLengths;
        final String[] values;
        final long[] valueLengths;
        final long count;

        Params(Map<String, String> params) {
            Map<String, String> ordered = new LinkedHashMap<>(params);
            int n = ordered.size();
            names = new String[n];
            values = new String[n];
            nameLengths = new long[n];
            valueLengths = new long[n];
            int i = 0;
            for (Map.Entry<String, String> entry : ordered.entrySet()) {
                names[i] = entry.getKey();
                values[i] = entry.getValue();
                nameLengths[i] = utf8(entry.getKey()).length;
                valueLengths[i] = utf8(entry.getValue()).length;
                i++;
            }
            count = n;
        }
    }
}
