package org.tahawul.ingest;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineSourceTest {

    @TempDir
    Path dir;

    @Test
    void filesAreExpandedInOrderOnceEachSkippingHiddenOnes() throws Exception {
        Files.createDirectories(dir.resolve("logs/2024"));
        for (String name : List.of("logs/b.jsonl", "logs/a.csv.gz", "logs/2024/c.jsonl.gz", "logs/.tmp.jsonl",
                "logs/_SUCCESS", "logs/notes.txt", "single.log")) {
            Files.writeString(dir.resolve(name), "x");
        }
        List<InputFile> files = InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of(dir.resolve("logs").toString(), dir.resolve("logs/b.jsonl").toString()), null);
        assertThat(files.stream().map(f -> dir.relativize(Path.of(f.name())).toString()))
                .containsExactly("logs/2024/c.jsonl.gz", "logs/a.csv.gz", "logs/b.jsonl");
        assertThat(files.stream().map(InputFile::index)).containsExactly(0, 1, 2);
        assertThat(files.get(1).format()).isEqualTo(InputFormat.CSV);
        assertThat(files.get(1).gzip()).isTrue();
        // local folders are listed with java.nio; a file: URI goes through Hadoop's local file system: the same files
        assertThat(InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of("file:" + dir.resolve("logs")), null)).isEqualTo(files);
        Files.createDirectories(dir.resolve("odd name/100%"));
        Files.writeString(dir.resolve("odd name/100%/a b#1.jsonl"), "x");
        assertThat(InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of(dir.resolve("odd name").toString()), null))
                .isEqualTo(InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                        List.of("file:" + dir.resolve("odd name")), null))
                .singleElement().satisfies(f -> assertThat(f.name()).endsWith("odd name/100%/a b#1.jsonl"));

        assertThat(InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of(dir.resolve("logs/*.jsonl").toString()), null)).hasSize(1);
        assertThatThrownBy(() -> InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of(dir.resolve("single.log").toString()), null)).hasMessageContaining("--format");
        assertThatThrownBy(() -> InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of(dir.resolve("missing").toString()), null)).hasMessageContaining("does not exist");
    }

    @Test
    void linesKeepTheirNumbersWithoutBomCrlfOrBlankLines() throws Exception {
        Path gz = dir.resolve("day.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("\uFEFF{\"a\":1}\r\n\r\n{\"a\":2}\r\n   \n{\"a\":3}".getBytes(StandardCharsets.UTF_8));
        }
        Path csv = dir.resolve("drop.csv");
        Files.writeString(csv, "\n\uFEFFevent_id,ts\r\ne1,2024\r\n");
        Path broken = dir.resolve("broken.jsonl.gz");
        byte[] whole = Files.readAllBytes(gz);
        Files.write(broken, Arrays.copyOf(whole, whole.length - 12));

        List<InputFile> files = InputFiles.expand(TestSpark.session().sparkContext().hadoopConfiguration(),
                List.of(gz.toString(), csv.toString(), broken.toString()), null);
        List<Row> rows = LineSource.read(TestSpark.session(), files).orderBy("file_index", "line_number").collectAsList();

        assertThat(rows.stream().filter(r -> r.getInt(0) < 2)
                .map(r -> r.getInt(0) + ":" + r.getLong(2) + ":" + r.getString(3) + ":" + r.getString(4)))
                .containsExactly("0:1:{\"a\":1}:null", "0:3:{\"a\":2}:null", "0:5:{\"a\":3}:null",
                        "1:3:e1,2024:event_id,ts");
        Row last = rows.get(rows.size() - 1);
        assertThat(last.getInt(0)).isEqualTo(2);
        assertThat(last.getString(3)).isNull();
        assertThat(last.getString(5)).startsWith("the file breaks off after line");
    }

    @Test
    void aTruncatedGzipGivesEveryWholeLineBeforeTheBreakThenOneRow() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("event_id,duration_ms\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i <= 20_000; i++) {
                out.write(("e" + i + "," + (1_000_000 + i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path gz = dir.resolve("cut.csv.gz"); // CSV: a row cut short could still parse, with a wrong duration
        Files.write(gz, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));

        List<Row> rows = LineSource.read(TestSpark.session(), InputFiles.expand(TestSpark.session().sparkContext()
                .hadoopConfiguration(), List.of(gz.toString()), null)).orderBy("line_number").collectAsList();

        List<Row> good = rows.subList(0, rows.size() - 1);
        assertThat(good).hasSizeGreaterThan(5_000);
        for (Row r : good) { // lines 2.. hold events 1..: each whole
            long event = r.getLong(2) - 1;
            assertThat(r.getString(3)).isEqualTo("e" + event + "," + (1_000_000 + event));
        }
        Row last = rows.get(rows.size() - 1);
        assertThat(last.getLong(2)).isEqualTo(good.size() + 2);
        assertThat(last.getString(5)).startsWith("the file breaks off after line " + (good.size() + 1) + ": ");
    }

    @Test
    void aLineThatIsNotUtf8IsMarkedNotAltered() throws Exception {
        Path file = dir.resolve("bytes.jsonl");
        Files.write(file, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}', '\n', '{', '}', '\n'});

        List<Row> rows = LineSource.read(TestSpark.session(), InputFiles.expand(TestSpark.session().sparkContext()
                .hadoopConfiguration(), List.of(file.toString()), null)).orderBy("line_number").collectAsList();

        assertThat(rows.get(0).getString(3)).isEqualTo("{\"a\":\"\uFFFD\"}");
        assertThat(rows.get(0).getString(5)).isEqualTo("line 1 is not valid UTF-8 (bad bytes at character 7, shown as \uFFFD)");
        assertThat(rows.get(1).getString(5)).isNull();
        assertThat(LineSource.firstInvalid("a\uD83D\uDFFFb")).isEqualTo(-1); // a real pair is no mark
    }

    @Test
    void filesAreSpreadOverPartitionsInRunsOfConsecutiveFilesOfAboutEqualSize() {
        List<InputFile> files = new java.util.ArrayList<>();
        long[] sizes = {50, 10, 10, 10, 10, 10, 40, 10, 10, 40};
        for (int i = 0; i < sizes.length; i++) {
            files.add(new InputFile(i, "file:/logs/" + i, "/logs/" + i, InputFormat.JSONL, true, sizes[i]));
        }
        java.util.Collections.shuffle(files, new java.util.Random(7));

        List<List<InputFile>> groups = LineSource.groups(files, 4);

        assertThat(groups.stream().map(g -> g.stream().map(InputFile::index).toList()))
                .containsExactly(List.of(0), List.of(1, 2, 3, 4, 5), List.of(6, 7), List.of(8, 9)); // 50 bytes each
        List<List<InputFile>> many = LineSource.groups(files, 20); // at most one partition per file, none empty
        assertThat(many).hasSizeBetween(5, 10).allSatisfy(g -> assertThat(g).isNotEmpty());
        assertThat(many.stream().flatMap(List::stream).map(InputFile::index)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(LineSource.groups(files.subList(0, 1), 2)).hasSize(1);
    }
}
