package org.tahawul.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in the raw text of a rejected line before it is stored: the line's
 * {@code beneficiary_id} value wherever it appears, the value of any {@code "beneficiary_id"} key
 * (also in a line cut short), and, as a fallback, any 10-digit number starting with 1, 2 or 7 (the
 * shape of a national ID, an iqama or a unified establishment number). A masked value keeps its
 * first two characters: {@code 1012345678} becomes {@code 10********}.
 */
public final class Masking {

    /** The key only: its value is scanned by hand (a regex over a long quoted value overflows the stack). */
    private static final Pattern JSON_KEY = Pattern.compile("\"beneficiary_id\"\\s*:\\s*");
    private static final Pattern SAUDI_ID = Pattern.compile("(?<![0-9])([127][0-9])([0-9]{8})(?![0-9])");

    private Masking() {
    }

    /** {@code text} with personal data masked; {@code beneficiaryId} is the line's parsed value, if any. */
    public static String mask(String text, String beneficiaryId) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (beneficiaryId != null && beneficiaryId.strip().length() >= 3) {
            String id = beneficiaryId.strip();
            out = out.replace(id, maskValue(id));
        }
        Matcher json = JSON_KEY.matcher(out);
        StringBuilder sb = new StringBuilder(out.length());
        int copied = 0;
        while (json.find(copied)) {
            int start = json.end();
            int end = valueEnd(out, start);
            String value = out.substring(start, end);
            String masked;
            if (value.startsWith("\"")) {
                boolean closed = value.length() >= 2 && value.endsWith("\"");
                String inner = value.substring(1, closed ? value.length() - 1 : value.length());
                masked = "\"" + maskValue(inner) + (closed ? "\"" : "");
            } else {
                masked = value.equals("null") ? value : maskValue(value);
            }
            sb.append(out, copied, start).append(masked);
            copied = end;
        }
        sb.append(out, copied, out.length());
        return SAUDI_ID.matcher(sb).replaceAll("$1********");
    }

    /**
     * Where the JSON value starting at {@code from} ends: after the closing quote of a string (its escapes
     * skipped; the end of the text for a string cut short), else at the first of {@code , } ] } or a space.
     */
    private static int valueEnd(String text, int from) {
        int n = text.length();
        if (from < n && text.charAt(from) == '"') {
            for (int i = from + 1; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            return n;
        }
        int i = from;
        while (i < n && ",}] \t\r\n".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** Keeps the first two characters of a value longer than 4, masks everything of a shorter one. */
    static String maskValue(String value) {
        if (value.indexOf('*') >= 0 && value.replace("*", "").length() <= 2) {
            return value; // already masked
        }
        int keep = value.length() > 4 ? 2 : 0;
        return value.substring(0, keep) + "*".repeat(value.length() - keep);
    }
}
