package org.tahawul.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands the {@code --input} values (files, folders, globs; any Hadoop file system) into the
 * run's ordered list of files. Folders are walked recursively for files whose name announces a
 * format ({@code .jsonl}, {@code .json}, {@code .ndjson}, {@code .csv}, {@code .parquet}, each
 * optionally {@code .gz}); names starting with {@code .} or {@code _} are skipped (temporary and
 * marker files). A file named twice (a folder and a file inside it) is read once.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** The files of {@code inputs}, in run order; {@code format} (may be null) overrides the extension. */
    public static List<InputFile> expand(Configuration conf, List<String> inputs, InputFormat format) {
        Map<String, InputFile> files = new LinkedHashMap<>();
        for (String input : inputs) {
            List<FileStatus> found = new ArrayList<>();
            try {
                Path path = new Path(input);
                FileSystem fs = path.getFileSystem(conf);
                if (isGlob(input)) {
                    FileStatus[] matches = fs.globStatus(path);
                    if (matches == null || matches.length == 0) {
                        throw new IngestException("--input " + input + " matches no file");
                    }
                    for (FileStatus match : matches) {
                        collect(fs, match, found, format, false);
                    }
                } else {
                    FileStatus status;
                    try {
                        status = fs.getFileStatus(path);
                    } catch (FileNotFoundException e) {
                        throw new IngestException("--input " + input + " does not exist");
                    }
                    collect(fs, status, found, format, true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list --input " + input + ": " + e.getMessage(), e);
            }
            if (found.isEmpty()) {
                throw new IngestException("--input " + input + " holds no log file (.jsonl, .json, .ndjson, .csv or "
                        + ".parquet, optionally .gz)");
            }
            found.sort(Comparator.comparing(s -> s.getPath().toString()));
            for (FileStatus status : found) {
                Path p = status.getPath();
                String uri = p.toUri().toString();
                if (files.containsKey(uri)) {
                    continue;
                }
                InputFormat f = format != null ? format : InputFormat.fromFileName(p.getName()).orElseThrow(
                        () -> new IngestException("cannot tell the format of " + p + " from its name: name it .jsonl, "
                                + ".csv or .parquet (optionally .gz) or pass --format jsonl|csv|parquet"));
                boolean gzip = p.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
                if (f == InputFormat.PARQUET && gzip) {
                    throw new IngestException(p + ": Parquet compresses its own pages; a gzipped Parquet file cannot be read");
                }
                String name = "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : uri;
                files.put(uri, new InputFile(files.size(), uri, name, f, gzip, status.getLen()));
            }
        }
        if (files.isEmpty()) {
            throw new IngestException("no input files: give --input PATH (a file, folder or glob)");
        }
        return List.copyOf(files.values());
    }

    private static void collect(FileSystem fs, FileStatus status, List<FileStatus> out, InputFormat format,
                                boolean named) throws IOException {
        if (status.isDirectory()) {
            walk(fs, status.getPath(), out);
        } else if (named || !hidden(status.getPath().getParent(), status.getPath())) {
            out.add(status);
        }
    }

    /** listStatus rather than listFiles: the local file system's LocatedFileStatus forks a shell per file for its permissions. */
    private static void walk(FileSystem fs, Path folder, List<FileStatus> out) throws IOException {
        for (FileStatus child : fs.listStatus(folder)) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (child.isDirectory()) {
                walk(fs, child.getPath(), out);
            } else if (InputFormat.fromFileName(name).isPresent()) {
                out.add(child);
            }
        }
    }

    /** True when a path component below {@code root} starts with '.' or '_'. */
    private static boolean hidden(Path root, Path file) {
        String rootText = root == null ? "" : root.toUri().getPath();
        String rest = file.toUri().getPath().substring(Math.min(rootText.length(), file.toUri().getPath().length()));
        for (String part : rest.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGlob(String input) {
        return input.indexOf('*') >= 0 || input.indexOf('?') >= 0 || input.indexOf('[') >= 0 || input.indexOf('{') >= 0;
    }
}
