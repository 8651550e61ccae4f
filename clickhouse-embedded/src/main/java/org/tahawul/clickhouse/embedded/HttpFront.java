package org.tahawul.clickhouse.embedded;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * ClickHouse's HTTP interface in front of {@link ChdbEngine}: the same URL parameters, headers,
 * formats, compression, error bodies and status codes a ClickHouse server uses, so that the
 * official clients talk to it as to any ClickHouse server.
 */
final class HttpFront implements HttpHandler {

    /** URL parameters that belong to the HTTP interface itself; every other one is a setting. */
    private static final Set<String> HTTP_PARAMETERS = Set.of("query", "database", "default_format", "user",
            "password", "quota_key", "query_id", "stacktrace", "session_id", "session_check", "session_timeout",
            "compress", "decompress", "buffer_size", "wait_end_of_query", "role", "client_protocol_version",
            "close_session", "enable_http_compression");
    private static final int PREFIX = 1 << 20;
    private static final int COPY = 1 << 16;
    /** Buffers for statements and small answers: a request of SELECT 1 should not zero 200 KiB. */
    private static final int SMALL = 1 << 12;

    private final ChdbEngine engine;
    private final ServerConfig config;

    HttpFront(ChdbEngine engine, ServerConfig config) {
        this.engine = engine;
        this.config = config;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String queryId = UUID.randomUUID().toString();
        try {
            Map<String, String> params = parameters(exchange.getRequestURI().getRawQuery());
            queryId = params.getOrDefault("query_id", queryId);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping") || path.equals("/replicas_status")) {
                sendText(exchange, 200, "Ok.\n");
                return;
            }
            if (!path.equals("/")) {
                throw EngineException.of(ErrorCodes.BAD_ARGUMENTS, "BAD_ARGUMENTS",
                        "There is no handle " + path + ". Use / for queries and /ping for health");
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST")) {
                throw EngineException.of(ErrorCodes.BAD_ARGUMENTS, "BAD_ARGUMENTS",
                        "HTTP method " + method + " is not supported; use GET or POST");
            }
            if (method.equals("GET") && !params.containsKey("query")) {
                sendText(exchange, 200, "Ok.\n");
                return;
            }
            authenticate(exchange, params);
            execute(exchange, params, queryId, method.equals("GET"));
        } catch (EngineException e) {
            sendError(exchange, queryId, e);
        } catch (EngineException.Carrier e) {
            sendError(exchange, queryId, e.error());
        } catch (IOException e) {
            ServerLog.debug("client connection failed: " + e);
        } catch (RuntimeException e) {
            ServerLog.warn("unexpected failure of query " + queryId, e);
            sendError(exchange, queryId, EngineException.of(ErrorCodes.UNKNOWN_EXCEPTION, "UNKNOWN_EXCEPTION",
                    "Unexpected server failure: " + e));
        } finally {
            exchange.close();
        }
    }

    private void execute(HttpExchange exchange, Map<String, String> params, String queryId, boolean readOnly)
            throws EngineException, IOException {
        Headers headers = exchange.getRequestHeaders();
        String database = params.getOrDefault("database", headers.getFirst("X-ClickHouse-Database"));
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> queryParameters = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("param_")) {
                queryParameters.put(name.substring("param_".length()), value);
            } else if (!HTTP_PARAMETERS.contains(name)) {
                settings.put(name, value);
            }
        });

        InputStream body = requestBody(exchange, params);
        String queryParam = params.get("query");
        byte[] prefix = readPrefix(queryParam, body);
        Sql.InsertWithData insert = Sql.insertWithData(prefix, prefix.length);

        try (ChdbEngine.Session session = engine.acquire(config.queueTimeoutMillis())) {
            session.prepare(database, settings);
            if (insert != null) {
                if (readOnly) {
                    throw readOnlyError();
                }
                ChdbEngine.Stats stats = streamInsert(session, insert, queryParameters, prefix, body);
                respond(exchange, queryId, "TabSeparated", stats, null);
                return;
            }
            String sql = completeStatement(prefix, body);
            if (readOnly && Sql.isWrite(sql)) {
                throw readOnlyError();
            }
            String named = Sql.outputFormat(sql);
            String format = named != null ? named
                    : params.getOrDefault("default_format",
                            headers.getFirst("X-ClickHouse-Format") != null
                                    ? headers.getFirst("X-ClickHouse-Format") : "TabSeparated");
            boolean waitEnd = "1".equals(params.get("wait_end_of_query"));
            boolean streaming = !waitEnd && Sql.isQuery(sql) && Formats.streamable(format);
            ServerLog.debug("query " + queryId + " format=" + format + " streaming=" + streaming + " params="
                    + params.keySet() + " sql=" + sql.substring(0, Math.min(sql.length(), 300)).replace('\n', ' '));
            try (ChdbEngine.Session.Cursor cursor = session.query(sql, format, queryParameters, streaming)) {
                ByteBuffer first = cursor.next();
                respond(exchange, queryId, format, cursor.stats(), new Blocks(cursor, first, format, streaming));
            }
        }
    }

    private static EngineException readOnlyError() {
        return EngineException.of(ErrorCodes.READONLY, "READONLY", "Cannot execute query in readonly mode. "
                + "For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries");
    }

    /** The query parameter (plus a newline, as ClickHouse adds) and the first part of the body. */
    private byte[] readPrefix(String queryParam, InputStream body) throws IOException {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        if (queryParam != null) {
            prefix.write(queryParam.getBytes(StandardCharsets.UTF_8));
            prefix.write('\n');
        }
        byte[] buffer = new byte[SMALL];
        int total = 0;
        int n;
        while (total < PREFIX && (n = body.read(buffer, 0, Math.min(buffer.length, PREFIX - total))) > 0) {
            prefix.write(buffer, 0, n);
            total += n;
        }
        return prefix.toByteArray();
    }

    /** A statement that is not a streaming insert must fit in memory: read it whole, up to the limit. */
    private String completeStatement(byte[] prefix, InputStream body) throws IOException, EngineException {
        ByteArrayOutputStream sql = new ByteArrayOutputStream(prefix.length);
        sql.write(prefix);
        byte[] buffer = new byte[SMALL];
        int n;
        while ((n = body.read(buffer)) > 0) {
            sql.write(buffer, 0, n);
            if (sql.size() > config.maxQueryBytes()) {
                throw EngineException.of(62, "SYNTAX_ERROR", "Max query size exceeded: the statement is larger than "
                        + config.maxQueryBytes() + " bytes (server option --max-query-bytes). Send large data as "
                        + "INSERT ... FORMAT <format> with the data in the request body, which is streamed");
            }
        }
        return sql.toString(StandardCharsets.UTF_8).strip();
    }

    private ChdbEngine.Stats streamInsert(ChdbEngine.Session session, Sql.InsertWithData insert,
                                          Map<String, String> queryParameters, byte[] prefix, InputStream body)
            throws EngineException, IOException {
        try (ChdbEngine.Session.InsertSink sink = session.insert(insert.head(), insert.format(), queryParameters)) {
            long total = prefix.length - insert.dataOffset();
            sink.append(prefix, insert.dataOffset(), prefix.length - insert.dataOffset());
            // whole buffers, not what each read gives: a chunked request body returns one HTTP chunk per read
            // (a few kB from some clients), and every append is a call into the engine
            byte[] buffer = new byte[ChdbEngine.Session.InsertSink.BUFFER];
            int n;
            while ((n = body.readNBytes(buffer, 0, buffer.length)) > 0) {
                total += n;
                if (config.maxInsertBytes() > 0 && total > config.maxInsertBytes()) {
                    throw EngineException.of(ErrorCodes.BAD_ARGUMENTS, "BAD_ARGUMENTS", "Insert data exceeds "
                            + config.maxInsertBytes() + " bytes (server option --max-insert-bytes); split it into "
                            + "smaller inserts");
                }
                sink.append(buffer, 0, n);
            }
            return sink.finish();
        }
    }

    /** The blocks of a result, the first one already fetched. */
    private record Blocks(ChdbEngine.Session.Cursor cursor, ByteBuffer first, String format, boolean streaming) {
    }

    private void respond(HttpExchange exchange, String queryId, String format, ChdbEngine.Stats stats, Blocks blocks)
            throws IOException, EngineException {
        Headers out = exchange.getResponseHeaders();
        out.set("Content-Type", Formats.contentType(format));
        out.set("X-ClickHouse-Query-Id", queryId);
        out.set("X-ClickHouse-Format", format);
        out.set("X-ClickHouse-Timezone", engine.timezone());
        out.set("X-ClickHouse-Server-Display-Name", config.displayName());
        out.set("X-ClickHouse-Summary", summary(stats));
        Map<String, String> params = parameters(exchange.getRequestURI().getRawQuery());
        boolean nativeCompression = "1".equals(params.get("compress"));
        String httpEncoding = httpEncoding(exchange, params);
        if (httpEncoding != null) {
            out.set("Content-Encoding", httpEncoding);
        }
        boolean wrapped = nativeCompression || httpEncoding != null;
        long length = blocks == null || blocks.first == null ? 0 : blocks.first.remaining();
        boolean knownLength = !wrapped && (blocks == null || !blocks.streaming);
        exchange.sendResponseHeaders(200, knownLength ? (length == 0 ? -1 : length) : 0);
        if (blocks == null || blocks.first == null) {
            if (wrapped) {
                wrap(exchange.getResponseBody(), nativeCompression, httpEncoding).close();
            }
            return;
        }
        try (OutputStream body = wrap(exchange.getResponseBody(), nativeCompression, httpEncoding)) {
            // a buffer the size of the first block, between SMALL and COPY: most answers are small
            byte[] buffer = new byte[(int) Math.min(COPY, Math.max(SMALL, length))];
            int repeatedHeader = blocks.streaming ? Formats.repeatedHeaderLength(format, blocks.first) : 0;
            copy(blocks.first, body, buffer);
            if (blocks.streaming) {
                try {
                    for (ByteBuffer block = blocks.cursor.next(); block != null; block = blocks.cursor.next()) {
                        block.position(Math.min(block.limit(), block.position() + repeatedHeader));
                        copy(block, body, buffer);
                    }
                } catch (EngineException e) {
                    // headers are gone: ClickHouse, too, ends such a response with the error text
                    body.write(("\n" + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    ServerLog.info("query " + queryId + " failed while streaming: " + e.getMessage());
                }
            }
        }
    }

    private static void copy(ByteBuffer block, OutputStream out, byte[] buffer) throws IOException {
        while (block.hasRemaining()) {
            int n = Math.min(buffer.length, block.remaining());
            block.get(buffer, 0, n);
            out.write(buffer, 0, n);
        }
    }

    private static OutputStream wrap(OutputStream out, boolean nativeCompression, String httpEncoding)
            throws IOException {
        OutputStream wrapped = out;
        if ("gzip".equals(httpEncoding)) {
            wrapped = new GZIPOutputStream(wrapped, COPY);
        } else if ("deflate".equals(httpEncoding)) {
            wrapped = new DeflaterOutputStream(wrapped);
        }
        if (nativeCompression) {
            wrapped = CompressedBlocks.compressing(wrapped);
        }
        return wrapped;
    }

    /** HTTP compression of the response, only when asked for with enable_http_compression=1. */
    private static String httpEncoding(HttpExchange exchange, Map<String, String> params) {
        if (!"1".equals(params.get("enable_http_compression"))) {
            return null;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept == null) {
            return null;
        }
        accept = accept.toLowerCase(Locale.ROOT);
        if (accept.contains("gzip")) {
            return "gzip";
        }
        if (accept.contains("deflate")) {
            return "deflate";
        }
        return null;
    }

    private static InputStream requestBody(HttpExchange exchange, Map<String, String> params) throws EngineException,
            IOException {
        InputStream body = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && !encoding.isBlank()) {
            switch (encoding.trim().toLowerCase(Locale.ROOT)) {
                case "gzip":
                    body = new GZIPInputStream(body, COPY);
                    break;
                case "deflate":
                    body = new InflaterInputStream(body);
                    break;
                case "identity":
                    break;
                default:
                    throw EngineException.of(ErrorCodes.UNKNOWN_COMPRESSION_METHOD, "UNKNOWN_COMPRESSION_METHOD",
                            "Content-Encoding " + encoding + " is not supported by this server (gzip and deflate "
                                    + "are); with clickhouse-jdbc set the property compress_algorithm=gzip or "
                                    + "client compression off (decompress=false)");
            }
        }
        if ("1".equals(params.get("decompress"))) {
            body = CompressedBlocks.decompressing(body);
        }
        return body;
    }

    private void authenticate(HttpExchange exchange, Map<String, String> params) throws EngineException {
        Headers headers = exchange.getRequestHeaders();
        String user = params.get("user");
        String password = params.get("password");
        if (user == null && headers.getFirst("X-ClickHouse-User") != null) {
            user = headers.getFirst("X-ClickHouse-User");
            password = headers.getFirst("X-ClickHouse-Key");
        }
        String authorization = headers.getFirst("Authorization");
        if (user == null && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw EngineException.of(ErrorCodes.AUTHENTICATION_FAILED, "AUTHENTICATION_FAILED",
                        "Authorization header is not valid Basic credentials");
            }
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        user = user == null || user.isEmpty() ? "default" : user;
        password = password == null ? "" : password;
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                config.user().getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                config.password().getBytes(StandardCharsets.UTF_8));
        if (!userOk || !passwordOk) {
            throw EngineException.of(ErrorCodes.AUTHENTICATION_FAILED, "AUTHENTICATION_FAILED", user
                    + ": Authentication failed: password is incorrect, or there is no user with such name");
        }
    }

    private void sendError(HttpExchange exchange, String queryId, EngineException error) {
        int status = engine.httpStatus(error.code());
        ServerLog.info("query " + queryId + " -> " + status + " " + error.getMessage());
        try {
            drain(exchange.getRequestBody());
            Headers out = exchange.getResponseHeaders();
            out.set("X-ClickHouse-Exception-Code", String.valueOf(error.code()));
            out.set("X-ClickHouse-Query-Id", queryId);
            out.set("X-ClickHouse-Timezone", engine.timezone());
            out.set("X-ClickHouse-Server-Display-Name", config.displayName());
            out.remove("Content-Encoding");
            byte[] body = (error.getMessage() + " (version " + engine.version() + ")\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.set("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException | IllegalStateException e) {
            ServerLog.debug("could not send error for query " + queryId + ": " + e);
        }
    }

    /** Reads what is left of a refused request (within reason) so the client gets to read the error. */
    private static void drain(InputStream body) {
        byte[] buffer = new byte[COPY];
        long left = 256L << 20;
        try {
            int n;
            while (left > 0 && (n = body.read(buffer)) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away; nothing to send to
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String summary(ChdbEngine.Stats s) {
        return "{\"read_rows\":\"" + s.readRows() + "\",\"read_bytes\":\"" + s.readBytes()
                + "\",\"written_rows\":\"" + s.writtenRows() + "\",\"written_bytes\":\"" + s.writtenBytes()
                + "\",\"total_rows_to_read\":\"" + s.readRows() + "\",\"result_rows\":\"" + s.resultRows()
                + "\",\"result_bytes\":\"" + s.resultBytes() + "\",\"elapsed_ns\":\"" + s.elapsedNanos() + "\"}";
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
