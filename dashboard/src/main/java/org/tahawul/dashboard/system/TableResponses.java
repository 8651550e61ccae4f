package org.tahawul.dashboard.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Every table endpoint answers JSON (a list of rows, keys named as the warehouse columns) or, with
 * {@code format=csv}, a CSV download: UTF-8 with a byte-order mark (so spreadsheet programs read
 * the Arabic names), a header of the same column names, and spreadsheet formula injection
 * neutralised (a cell starting with = + - @ tab or carriage return gets a leading apostrophe).
 * Each CSV export is written to the audit log.
 */
@Component
public class TableResponses {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditLog audit;

    TableResponses(AuditLog audit) {
        this.audit = audit;
    }

    /** JSON or CSV of {@code rows} (records), as {@code format} asks; {@code name} names the CSV file. */
    public ResponseEntity<?> rows(List<? extends Record> rows, Class<? extends Record> type, String format,
                                  String name, HttpServletRequest request) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        switch (f) {
            case "json" -> {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
            }
            case "csv" -> {
                byte[] body = csv(rows, type);
                String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                audit.record("export_csv", target, "ok", rows.size() + " rows");
                return ResponseEntity.ok().contentType(CSV)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(name + ".csv").build().toString())
                        .body(body);
            }
            default -> throw new BadRequestException("parameter 'format' must be json or csv, got '" + format + "'");
        }
    }

    static byte[] csv(List<? extends Record> rows, Class<? extends Record> type) {
        RecordComponent[] columns = type.getRecordComponents();
        for (RecordComponent column : columns) {
            column.getAccessor().setAccessible(true); // the row records are package-private in their feature
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ",").append(snake(columns[i].getName()));
        }
        out.append("\r\n");
        for (Record row : rows) {
            for (int i = 0; i < columns.length; i++) {
                Object value;
                try {
                    value = columns[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(i == 0 ? "" : ",").append(cell(value));
            }
            out.append("\r\n");
        }
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, body, 0, BOM.length);
        System.arraycopy(text, 0, body, BOM.length, text.length);
        return body;
    }

    /** One CSV cell: neutralised against formula injection, quoted when needed (RFC 4180). */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof Double d) {
            text = d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        } else if (value instanceof Collection<?> c) {
            text = String.join("|", c.stream().map(String::valueOf).toList());
        } else {
            text = value.toString();
        }
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** {@code digitalAdoption} → {@code digital_adoption}: the JSON and CSV column names. */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
