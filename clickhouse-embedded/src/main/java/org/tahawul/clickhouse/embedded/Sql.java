package org.tahawul.clickhouse.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough of ClickHouse's SQL lexis to route a request: which statement it is, where the data
 * of an {@code INSERT ... FORMAT X} or {@code INSERT ... VALUES} begins, and which output format a
 * query names. Comments, string literals and quoted identifiers are skipped correctly; everything
 * else is left to the engine's own parser.
 */
final class Sql {

    private Sql() {
    }

    /** An INSERT whose data follows the statement: run it as a streaming insert. */
    record InsertWithData(String head, String format, int dataOffset) {
    }

    static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The first keyword of the statement, upper-case ("" when there is none). */
    static String leadingKeyword(String sql) {
        Lexer lexer = new Lexer(sql);
        Token token;
        while ((token = lexer.next()) != null) {
            if (token.kind == Kind.WORD) {
                return token.upper();
            }
            if (token.kind != Kind.OPEN) {
                return "";
            }
        }
        return "";
    }

    /**
     * SELECT statements, whose result may be sent block by block. (SHOW, DESCRIBE, EXPLAIN and
     * EXISTS also only read, but the engine does not stream them; their results are small.)
     */
    static boolean isQuery(String sql) {
        return SELECTING.contains(leadingKeyword(sql));
    }

    /**
     * True for statements that change data, schema or settings: refused over GET, as ClickHouse's
     * readonly mode does. Anything else (including text that does not parse) goes to the engine,
     * whose error then says what is wrong.
     */
    static boolean isWrite(String sql) {
        return WRITING.contains(leadingKeyword(sql));
    }

    private static final Set<String> SELECTING = Set.of("SELECT", "WITH");
    private static final Set<String> WRITING = Set.of("INSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME",
            "OPTIMIZE", "SYSTEM", "SET", "KILL", "DELETE", "UPDATE", "ATTACH", "DETACH", "EXCHANGE", "GRANT",
            "REVOKE", "BACKUP", "RESTORE", "UNDROP", "MOVE", "USE");

    /**
     * For {@code INSERT ... FORMAT Name <data>} or {@code INSERT ... VALUES <data>}, the statement
     * head, the input format and the byte offset (in {@code bytes}) where the data starts; null for
     * any other statement, including {@code INSERT ... SELECT}.
     */
    static InsertWithData insertWithData(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        if (!"INSERT".equals(leadingKeyword(text))) {
            return null;
        }
        Lexer lexer = new Lexer(text);
        int depth = 0;
        Token token;
        while ((token = lexer.next()) != null) {
            if (token.kind == Kind.OPEN) {
                depth++;
            } else if (token.kind == Kind.CLOSE) {
                depth--;
            } else if (depth == 0 && token.kind == Kind.WORD) {
                String word = token.upper();
                if (word.equals("SELECT") || word.equals("WITH")) {
                    return null;
                }
                if (word.equals("VALUES")) {
                    return new InsertWithData(decode(bytes, token.start), "Values", token.end);
                }
                if (word.equals("FORMAT")) {
                    Token name = lexer.next();
                    if (name == null || name.kind != Kind.WORD) {
                        return null;
                    }
                    int data = name.end;
                    while (data < length && (bytes[data] == ' ' || bytes[data] == '\t')) {
                        data++;
                    }
                    if (data < length && bytes[data] == '\r') {
                        data++;
                    }
                    if (data < length && bytes[data] == '\n') {
                        data++;
                    }
                    return new InsertWithData(decode(bytes, token.start), name.text, data);
                }
            }
        }
        return null;
    }

    /** The output format a statement names with a trailing {@code FORMAT Name}, or null. */
    static String outputFormat(String sql) {
        List<Token> top = new ArrayList<>();
        Lexer lexer = new Lexer(sql);
        int depth = 0;
        Token token;
        while ((token = lexer.next()) != null) {
            if (token.kind == Kind.OPEN) {
                depth++;
            } else if (token.kind == Kind.CLOSE) {
                depth--;
            } else if (depth == 0) {
                top.add(token);
            }
        }
        for (int i = top.size() - 2; i >= 0; i--) {
            Token keyword = top.get(i);
            Token name = top.get(i + 1);
            if (keyword.kind == Kind.WORD && keyword.upper().equals("FORMAT") && name.kind == Kind.WORD) {
                boolean last = i + 2 == top.size();
                Token after = last ? null : top.get(i + 2);
                if (last || after.text.equals(";") || after.upper().equals("SETTINGS")) {
                    return name.text;
                }
            }
        }
        return null;
    }

    private static String decode(byte[] bytes, int end) {
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }

    private enum Kind { WORD, OPEN, CLOSE, OTHER }

    private record Token(Kind kind, String text, int start, int end) {
        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    /** Splits SQL into words, parentheses and other tokens, skipping comments and quoted text. */
    private static final class Lexer {
        private final String s;
        private int pos;

        Lexer(String s) {
            this.s = s;
        }

        Token next() {
            skipSpaceAndComments();
            if (pos >= s.length()) {
                return null;
            }
            int start = pos;
            char c = s.charAt(pos);
            if (c == '(' || c == '[') {
                pos++;
                return new Token(Kind.OPEN, String.valueOf(c), start, pos);
            }
            if (c == ')' || c == ']') {
                pos++;
                return new Token(Kind.CLOSE, String.valueOf(c), start, pos);
            }
            if (c == '\'') {
                skipQuoted('\'');
                return new Token(Kind.OTHER, s.substring(start, pos), start, pos);
            }
            if (c == '`' || c == '"') {
                skipQuoted(c);
                return new Token(Kind.WORD, s.substring(start + 1, Math.max(start + 1, pos - 1)), start, pos);
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                return new Token(Kind.WORD, s.substring(start, pos), start, pos);
            }
            pos++;
            return new Token(Kind.OTHER, String.valueOf(c), start, pos);
        }

        private void skipQuoted(char quote) {
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == quote) {
                    pos++;
                    if (pos < s.length() && s.charAt(pos) == quote) {
                        pos++;
                    } else {
                        return;
                    }
                } else {
                    pos++;
                }
            }
        }

        private void skipSpaceAndComments() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith("--", pos) || s.startsWith("#!", pos) || s.startsWith("# ", pos)) {
                    int end = s.indexOf('\n', pos);
                    pos = end < 0 ? s.length() : end + 1;
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
