package org.tahawul.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads text log files (JSON Lines, CSV; plain or gzip) as lines with their file and line number,
 * which Spark's own text reader does not keep. Files are spread over partitions by size, each
 * partition reading its files one after another as a stream (memory does not grow with input).
 * A UTF-8 byte-order mark (at the start of a file, or of any line after a
 * concatenation) and CRLF line ends are dropped; blank lines are skipped but still
 * numbered, so line numbers match the file. For CSV the first non-blank line of each file is its
 * header and travels with every row ({@code header}). A file that breaks off (a truncated gzip)
 * gives one row with {@code read_error} set after its last good line; a line that is not valid UTF-8
 * keeps its number and has {@code read_error} set too (its bad bytes shown as U+FFFD), so that it is
 * rejected rather than loaded with its text silently altered.
 */
public final class LineSource {

    public static final StructType SCHEMA = new StructType()
            .add("file_index", DataTypes.IntegerType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("line_number", DataTypes.LongType, false)
            .add("value", DataTypes.StringType, true)
            .add("header", DataTypes.StringType, true)
            .add("read_error", DataTypes.StringType, true);

    /**
     * Compressed bytes one partition reads at most, when there are enough files to spread. Large, so that a
     * machine's cores each take one partition of a usual run: every task pays a start (its inserts, its first
     * batch) and a wait for its last batch (64 MB, two tasks per core, cost about 1.5 CPU-s more on 5 M events).
     */
    static final long BYTES_PER_PARTITION = 256L << 20;

    private LineSource() {
    }

    /**
     * The lines of {@code files} (all JSONL or CSV) as an RDD of {@link #SCHEMA} rows, the job's input: one
     * partition per group of {@link #groups}, each task given its own group only. The driver's Hadoop settings
     * travel with the tasks only when a file is not local (a thousand entries to serialise, and a
     * {@code Configuration} to rebuild in each task, that local files opened with java.nio do not use).
     */
    public static JavaRDD<Row> lines(SparkSession spark, List<InputFile> files) {
        List<List<InputFile>> groups = groups(files, spark.sparkContext().defaultParallelism());
        HadoopConf conf = files.stream().allMatch(LineSource::isLocal) ? null
                : new HadoopConf(spark.sparkContext().hadoopConfiguration());
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(groups, groups.size())
                .mapPartitions(group -> new Lines(group, conf));
    }

    /** Whether a file is opened straight from the OS ({@link Lines#openRaw}). */
    private static boolean isLocal(InputFile file) {
        return file.uri().startsWith("file:");
    }

    /** The lines of {@code files} (all JSONL or CSV) as a Dataset of {@link #SCHEMA}. */
    public static Dataset<Row> read(SparkSession spark, List<InputFile> files) {
        return spark.createDataFrame(lines(spark, files), SCHEMA);
    }

    /**
     * Spreads files over partitions in file order, each partition a run of consecutive files of about the same
     * size in bytes. Inputs are usually named by date, so a partition holds a few months rather than a slice of
     * every month: the events stage gets one or two parts per month instead of one per partition per month.
     */
    static List<List<InputFile>> groups(List<InputFile> files, int parallelism) {
        long total = files.stream().mapToLong(f -> Math.max(1, f.bytes())).sum();
        int n = (int) Math.min(files.size(), Math.max(parallelism, (total + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION));
        n = Math.max(n, 1);
        List<InputFile> byIndex = new ArrayList<>(files);
        byIndex.sort(Comparator.comparingInt(InputFile::index));
        List<List<InputFile>> groups = new ArrayList<>();
        List<InputFile> group = new ArrayList<>();
        long done = 0;
        for (InputFile f : byIndex) {
            group.add(f);
            done += Math.max(1, f.bytes());
            // close the group once the bytes so far reach its share of the total
            if (done * n >= total * (groups.size() + 1) && groups.size() < n - 1) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /** The driver's Hadoop settings, carried to the executors (file systems, credentials). */
    static final class HadoopConf implements Serializable {
        private static final long serialVersionUID = 1L;
        private final HashMap<String, String> entries = new HashMap<>();

        HadoopConf(Configuration conf) {
            for (Map.Entry<String, String> e : conf) {
                entries.put(e.getKey(), e.getValue());
            }
        }

        Configuration get() {
            Configuration conf = new Configuration(false);
            entries.forEach(conf::set);
            return conf;
        }
    }

    /**
     * Stands for bytes that are not UTF-8. A lone low surrogate: no valid UTF-8 decodes to one, unlike U+FFFD,
     * which a valid line may hold.
     */
    static final char INVALID = '\uDFFF';

    /** A UTF-8 decoder that marks invalid bytes with {@link #INVALID} instead of failing the whole file. */
    static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(String.valueOf(INVALID));
    }

    /** The index of the first {@link #INVALID} mark of a decoded line (not the low half of a real pair), or -1. */
    static int firstInvalid(String line) {
        for (int i = line.indexOf(INVALID); i >= 0; i = line.indexOf(INVALID, i + 1)) {
            if (i == 0 || !Character.isHighSurrogate(line.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    /** The line with its {@link #INVALID} marks as U+FFFD, the usual replacement character, for storage. */
    static String repaired(String line) {
        char[] chars = line.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == INVALID && (i == 0 || !Character.isHighSurrogate(chars[i - 1]))) {
                chars[i] = '\uFFFD';
            }
        }
        return new String(chars);
    }

    /** The rows of a partition's files, read lazily one line at a time. */
    private static final class Lines implements Iterator<Row> {
        private final Iterator<List<InputFile>> groups;
        /** The Hadoop settings, for files that are not local; null when every file is. */
        private final Configuration conf;
        private Iterator<InputFile> files = java.util.Collections.emptyIterator();
        private InputFile file;
        private WholeLines wholeLines;
        private BufferedReader reader;
        private long lineNumber;
        private String header;
        private Row next;

        Lines(Iterator<List<InputFile>> groups, HadoopConf conf) {
            this.groups = groups;
            this.conf = conf == null ? null : conf.get();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (reader == null) {
                    while (!files.hasNext()) {
                        if (!groups.hasNext()) {
                            return false;
                        }
                        files = groups.next().iterator();
                    }
                    open(files.next());
                    continue; // next holds an error row when the file could not be opened
                }
                String line;
                IOException broken;
                try {
                    line = reader.readLine();
                    broken = line == null ? wholeLines.broken() : null;
                } catch (IOException e) {
                    line = null;
                    broken = e;
                }
                if (broken != null) {
                    next = RowFactory.create(file.index(), file.name(), lineNumber + 1, null, header,
                            "the file breaks off after line " + lineNumber + ": " + broken.getMessage());
                    close();
                    break;
                }
                if (line == null) {
                    close();
                    continue;
                }
                lineNumber++;
                if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                int bad = firstInvalid(line);
                if (file.format() == InputFormat.CSV && header == null) {
                    header = bad < 0 ? line : repaired(line); // a garbled header leaves its fields missing
                    continue;
                }
                next = bad < 0 ? RowFactory.create(file.index(), file.name(), lineNumber, line, header, null)
                        : RowFactory.create(file.index(), file.name(), lineNumber, repaired(line), header,
                        "line " + lineNumber + " is not valid UTF-8 (bad bytes at character " + (bad + 1)
                                + ", shown as \uFFFD)");
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }

        private void open(InputFile f) {
            file = f;
            lineNumber = 0;
            header = null;
            InputStream in = null;
            try {
                in = openRaw(f);
                if (f.gzip()) {
                    in = new GZIPInputStream(in, 1 << 16);
                }
                wholeLines = new WholeLines(in);
                reader = new BufferedReader(new InputStreamReader(wholeLines, decoder()), 1 << 16);
            } catch (IOException e) {
                if (in != null) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // reported below
                    }
                }
                next = RowFactory.create(f.index(), f.name(), 1L, null, null,
                        "the file cannot be read: " + e.getMessage());
            }
        }

        /**
         * Local files straight from the OS, by the path {@link InputFiles} recorded (Hadoop's local file system would
         * look for a .crc beside each).
         */
        private InputStream openRaw(InputFile f) throws IOException {
            if (isLocal(f)) {
                return java.nio.file.Files.newInputStream(java.nio.file.Path.of(f.name()));
            }
            Path path = new Path(f.uri());
            return path.getFileSystem(conf).open(path);
        }

        private void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // nothing more to read from it
            }
            reader = null;
        }
    }
}
