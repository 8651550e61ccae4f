package org.tahawul.datasets.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads the generator's daily files back as lines, the way the contract allows (BOM, CRLF, empty lines). */
final class GeneratedLines {

    /** One non-empty line: its file, 1-based line number and text (without the line end). */
    record Line(String file, int number, String text) {
    }

    /** Raw features of the files that the contract accepts. */
    record Oddities(int filesWithBom, int filesWithCrlf, int emptyLines) {
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("events-\\d{4}-\\d{2}-\\d{2}\\.jsonl\\.gz")).sorted().toList();
        }
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static List<Line> read(Path dir) throws IOException {
        List<Line> out = new ArrayList<>();
        for (Path f : files(dir)) {
            String text = new String(gunzip(f), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
                if (!l.isEmpty()) {
                    out.add(new Line(f.getFileName().toString(), i + 1, l));
                }
            }
        }
        return out;
    }

    static Oddities oddities(Path dir) throws IOException {
        int bom = 0;
        int crlf = 0;
        int empty = 0;
        for (Path f : files(dir)) {
            String text = new String(gunzip(f), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                bom++;
            }
            if (text.contains("\r\n")) {
                crlf++;
            }
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                if (lines[i].isEmpty()) {
                    empty++;
                }
            }
        }
        return new Oddities(bom, crlf, empty);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Line line) {
        return (Map<String, Object>) MiniJson.parse(line.text());
    }
}
