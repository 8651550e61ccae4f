package org.tahawul.clickhouse.embedded;

import com.clickhouse.client.api.internal.ClickHouseLZ4InputStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** ClickHouse's HTTP interface, spoken by hand (what curl and other clients send). */
class HttpInterfaceIT {

    @TempDir
    static Path dataDir;
    static ServerProcess server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(dataDir, Map.of("CLICKHOUSE_PASSWORD", "pw"));
        post("", "CREATE DATABASE http_it");
        post("", "CREATE TABLE http_it.t (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/" + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("default:pw".getBytes()));
    }

    private static HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(request(query).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String query, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(request(query).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response;
    }

    @Test
    void pingAndVersion() throws Exception {
        HttpResponse<String> ping = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.body()).isEqualTo("Ok.\n");
        HttpResponse<String> version = get("query=" + enc("SELECT version()"));
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).startsWith("26.7.");
        assertThat(version.headers().firstValue("X-ClickHouse-Format")).contains("TabSeparated");
        assertThat(version.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
        assertThat(version.headers().firstValue("X-ClickHouse-Query-Id")).isPresent();
        assertThat(version.headers().firstValue("X-ClickHouse-Server-Display-Name")).isPresent();
    }

    @Test
    void errorsCarryClickHouseCodeStatusAndBody() throws Exception {
        HttpResponse<String> syntax = post("", "SELEC 1");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(syntax.headers().firstValue("X-ClickHouse-Exception-Code")).contains("62");
        assertThat(syntax.body()).startsWith("Code: 62. DB::Exception: Syntax error");
        HttpResponse<String> table = post("", "SELECT * FROM http_it.nope");
        assertThat(table.statusCode()).isEqualTo(404);
        assertThat(table.headers().firstValue("X-ClickHouse-Exception-Code")).contains("60");
        HttpResponse<String> readOnly = get("query=" + enc("DROP TABLE http_it.t"));
        assertThat(readOnly.headers().firstValue("X-ClickHouse-Exception-Code")).contains("164");
        assertThat(get("query=" + enc("SELECT count() FROM http_it.t")).statusCode()).isEqualTo(200);
    }

    @Test
    void authenticationByBasicHeadersAndParameters() throws Exception {
        URI uri = URI.create(server.url() + "/?query=" + enc("SELECT 1"));
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.headers().firstValue("X-ClickHouse-Exception-Code")).contains("516");
        HttpResponse<String> headers = HTTP.send(HttpRequest.newBuilder(uri).header("X-ClickHouse-User", "default")
                .header("X-ClickHouse-Key", "pw").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(headers.body()).isEqualTo("1\n");
        HttpResponse<String> params = HTTP.send(HttpRequest.newBuilder(URI.create(uri + "&user=default&password=pw"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(params.body()).isEqualTo("1\n");
    }

    @Test
    void settingsTravelAsParametersAndUnknownOnesAreRefused() throws Exception {
        assertThat(get("max_threads=3&query=" + enc("SELECT getSetting('max_threads')")).body()).isEqualTo("3\n");
        // a later request without the parameter sees the default again
        assertThat(get("query=" + enc("SELECT getSetting('max_threads') = 3")).body()).isEqualTo("0\n");
        HttpResponse<String> unknown = get("no_such_setting=1&query=" + enc("SELECT 1"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).contains("115");
    }

    @Test
    void databaseFormatAndQueryParameters() throws Exception {
        HttpResponse<String> db = HTTP.send(request("query=" + enc("SELECT currentDatabase()"))
                .header("X-ClickHouse-Database", "http_it").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(db.body()).isEqualTo("http_it\n");
        HttpResponse<String> json = get("default_format=JSONEachRow&param_name=" + enc("أبشر")
                + "&query=" + enc("SELECT {name:String} AS n, 2 AS x"));
        assertThat(json.body()).isEqualTo("{\"n\":\"أبشر\",\"x\":2}\n");
        assertThat(json.headers().firstValue("X-ClickHouse-Format")).contains("JSONEachRow");
    }

    @Test
    void insertDataFromTheBodyAndCountsWrittenRows() throws Exception {
        post("", "CREATE TABLE http_it.ins (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
        HttpResponse<String> tsv = post("query=" + enc("INSERT INTO http_it.ins FORMAT TSV"), "1\tواحد\n2\tاثنان\n");
        assertThat(tsv.statusCode()).isEqualTo(200);
        assertThat(tsv.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"written_rows\":\"2\"");
        post("", "INSERT INTO http_it.ins FORMAT CSV\n3,ثلاثة\n");
        post("", "INSERT INTO http_it.ins VALUES (4, 'أربعة')");
        assertThat(get("query=" + enc("SELECT groupArray(name) FROM (SELECT name FROM http_it.ins ORDER BY id)")).body())
                .isEqualTo("['واحد','اثنان','ثلاثة','أربعة']\n");
    }

    @Test
    void aLargeInsertIsStreamedNotBuffered() throws Exception {
        post("", "CREATE TABLE http_it.big (id UInt64, pad String) ENGINE = MergeTree ORDER BY id");
        long rows = 2_000_000;
        String pad = "x".repeat(100);
        // ~230 MB of TSV, more than the server's 512 MB heap would take twice over
        HttpRequest insert = request("query=" + enc("INSERT INTO http_it.big FORMAT TSV"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    long row;
                    byte[] line = new byte[0];
                    int at;

                    @Override
                    public int read() {
                        if (at == line.length) {
                            if (row == rows) {
                                return -1;
                            }
                            line = (row++ + "\t" + pad + "\n").getBytes(StandardCharsets.UTF_8);
                            at = 0;
                        }
                        return line[at++];
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        int n = 0;
                        while (n < len) {
                            int c = read();
                            if (c < 0) {
                                return n == 0 ? -1 : n;
                            }
                            b[off + n++] = (byte) c;
                        }
                        return n;
                    }
                })).build();
        HttpResponse<String> response = HTTP.send(insert, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(get("query=" + enc("SELECT count(), sum(id) FROM http_it.big")).body())
                .isEqualTo(rows + "\t" + (rows * (rows - 1) / 2) + "\n");
    }

    @Test
    void longResultsStreamWithoutRepeatingHeaders() throws Exception {
        HttpResponse<String> tsv = get("query=" + enc("SELECT number FROM numbers(500000) FORMAT TSVWithNamesAndTypes"));
        String[] lines = tsv.body().split("\n");
        assertThat(lines).hasSize(500_002);
        assertThat(lines[0]).isEqualTo("number");
        assertThat(lines[1]).isEqualTo("UInt64");
        assertThat(lines[500_001]).isEqualTo("499999");
        HttpResponse<byte[]> binary = HTTP.send(request("query=" + enc("SELECT number FROM numbers(300000)"))
                .header("X-ClickHouse-Format", "RowBinaryWithNamesAndTypes").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.body()).hasSize(15 + 300_000 * 8);
        HttpResponse<String> sparse = get("query=" + enc("SELECT number FROM numbers(3000000) WHERE number % 700000 = 0"));
        assertThat(sparse.body()).isEqualTo("0\n700000\n1400000\n2100000\n2800000\n");
    }

    @Test
    void nativeCompressionBothWays() throws Exception {
        HttpResponse<byte[]> compressed = HTTP.send(request("compress=1&query=" + enc("SELECT number FROM numbers(100000)"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        InputStream in = new ClickHouseLZ4InputStream(new ByteArrayInputStream(compressed.body()),
                LZ4Factory.fastestInstance().fastDecompressor(), 1 << 20);
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text.split("\n")).hasSize(100_000);

        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (OutputStream out = CompressedBlocks.compressing(framed)) {
            out.write("10\tعشرة\n11\tأحد عشر\n".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> insert = HTTP.send(request("decompress=1&query=" + enc("INSERT INTO http_it.t FORMAT TSV"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(framed.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(insert.statusCode()).as(insert.body()).isEqualTo(200);
        assertThat(get("query=" + enc("SELECT name FROM http_it.t WHERE id = 11")).body()).isEqualTo("أحد عشر\n");
    }

    @Test
    void httpCompressionWithGzip() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request("enable_http_compression=1&query=" + enc("SELECT 'مرحبا'"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo("مرحبا\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("SELECT 6 * 7".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> gzipped = HTTP.send(request("").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gzipped.body()).isEqualTo("42\n");
        HttpResponse<String> brotli = HTTP.send(request("").header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(brotli.body()).contains("not supported").contains("compress");
    }

    @Test
    void anOversizedStatementIsRefusedClearly() throws Exception {
        StringBuilder sql = new StringBuilder("SELECT 1 -- ");
        sql.append("y".repeat(70 << 20));
        HttpResponse<String> response = post("", sql.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Max query size exceeded").contains("--max-query-bytes");
        assertThat(get("query=" + enc("SELECT 1")).body()).isEqualTo("1\n");
    }

    @Test
    void showDescribeAndExplainAnswer() throws Exception {
        assertThat(post("", "SHOW CREATE TABLE http_it.t").body()).contains("CREATE TABLE http_it.t");
        assertThat(post("", "DESCRIBE TABLE http_it.t FORMAT TSV").body()).startsWith("id\tUInt32");
        assertThat(post("", "EXISTS TABLE http_it.t").body()).isEqualTo("1\n");
        assertThat(post("", "EXPLAIN SELECT 1").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        HttpResponse<String> path = HTTP.send(request("").uri(URI.create(server.url() + "/nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(path.body()).contains("There is no handle /nope");
    }
}
