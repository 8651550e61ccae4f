package org.tahawul.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 * marker files). A file named twice (a folder and a file inside it) is read once. Local files and folders are
 * listed with java.nio (a Hadoop {@code Path} per file cost a noticeable part of a run's start with thousands of
 * files); globs and other file systems through Hadoop.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** The files of {@code inputs}, in run order; {@code format} (may be null) overrides the extension. */
    public static List<InputFile> expand(Configuration conf, List<String> inputs, InputFormat format) {
        boolean localDefault = "file".equals(FileSystem.getDefaultUri(conf).getScheme());
        Map<String, InputFile> files = new LinkedHashMap<>();
        for (String input : inputs) {
            List<Found> found;
            try {
                found = localDefault && !isGlob(input) && !hasScheme(input) ? local(input) : hadoop(conf, input);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list --input " + input + ": " + e.getMessage(), e);
            }
            if (found.isEmpty()) {
                throw new IngestException("--input " + input + " holds no log file (.jsonl, .json, .ndjson, .csv or "
                        + ".parquet, optionally .gz)");
            }
            found.sort(Comparator.comparing(Found::path));
            for (Found file : found) {
                if (files.containsKey(file.uri())) {
                    continue;
                }
                InputFormat f = format != null ? format : InputFormat.fromFileName(file.fileName()).orElseThrow(
                        () -> new IngestException("cannot tell the format of " + file.path() + " from its name: name it "
                                + ".jsonl, .csv or .parquet (optionally .gz) or pass --format jsonl|csv|parquet"));
                boolean gzip = file.fileName().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
                if (f == InputFormat.PARQUET && gzip) {
                    throw new IngestException(file.path() + ": Parquet compresses its own pages; a gzipped Parquet file "
                            + "cannot be read");
                }
                files.put(file.uri(), new InputFile(files.size(), file.uri(), file.name(), f, gzip, file.bytes()));
            }
        }
        if (files.isEmpty()) {
            throw new IngestException("no input files: give --input PATH (a file, folder or glob)");
        }
        return List.copyOf(files.values());
    }

    /**
     * A file found for an input: its URI (the key that makes a file named twice count once), what
     * {@code source_file} records (the local path, or the URI), its path as shown and sorted, its own name, its size.
     */
    private record Found(String uri, String name, String path, String fileName, long bytes) {

        static Found of(FileStatus status) throws IOException {
            Path p = status.getPath();
            if ("file".equals(p.toUri().getScheme())) {
                return local(p.toUri().getPath(), p.getName(), status.getLen());
            }
            return new Found(p.toUri().toString(), p.toUri().toString(), p.toString(), p.getName(), status.getLen());
        }

        static Found of(java.nio.file.Path p) throws IOException {
            return local(p.toString(), p.getFileName().toString(), Files.size(p));
        }

        /** A local file, found by java.nio or by Hadoop: one URI ({@code file:/dir/name}) however it was named. */
        private static Found local(String path, String fileName, long bytes) throws IOException {
            try {
                return new Found(new URI("file", null, path, null, null).toString(), path, "file:" + path, fileName, bytes);
            } catch (URISyntaxException e) {
                throw new IOException("cannot name " + path + " as a URI: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A local file or folder (no scheme, and the default file system is the local one), listed with java.nio: as
     * Hadoop's local file system would list it, without building a Hadoop {@code Path} per file.
     */
    private static List<Found> local(String input) throws IOException {
        java.nio.file.Path path = java.nio.file.Path.of(input).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IngestException("--input " + input + " does not exist");
        }
        List<Found> found = new ArrayList<>();
        if (Files.isDirectory(path)) {
            walk(path, found);
        } else {
            found.add(Found.of(path));
        }
        return found;
    }

    private static void walk(java.nio.file.Path folder, List<Found> out) throws IOException {
        try (DirectoryStream<java.nio.file.Path> children = Files.newDirectoryStream(folder)) {
            for (java.nio.file.Path child : children) {
                String name = child.getFileName().toString();
                if (isHidden(name)) {
                    continue;
                }
                if (Files.isDirectory(child)) {
                    walk(child, out);
                } else if (InputFormat.fromFileName(name).isPresent()) {
                    out.add(Found.of(child));
                }
            }
        }
    }

    /** Any other input (a glob, a URI, a path on a default file system that is not local) through Hadoop. */
    private static List<Found> hadoop(Configuration conf, String input) throws IOException {
        List<FileStatus> found = new ArrayList<>();
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        if (isGlob(input)) {
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IngestException("--input " + input + " matches no file");
            }
            for (FileStatus match : matches) {
                collect(fs, match, found, false);
            }
        } else {
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new IngestException("--input " + input + " does not exist");
            }
            collect(fs, status, found, true);
        }
        List<Found> out = new ArrayList<>();
        for (FileStatus status : found) {
            out.add(Found.of(status));
        }
        return out;
    }

    /** Whether the input names a scheme ({@code hdfs://...}, {@code file:/...}): a colon before any slash. */
    private static boolean hasScheme(String input) {
        int colon = input.indexOf(':');
        int slash = input.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash);
    }

    private static void collect(FileSystem fs, FileStatus status, List<FileStatus> out, boolean named)
            throws IOException {
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
            if (isHidden(name)) {
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
            if (isHidden(part)) {
                return true;
            }
        }
        return false;
    }

    /** Temporary and marker files and folders ({@code .tmp}, {@code _SUCCESS}), skipped in a walk. */
    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static boolean isGlob(String input) {
        return input.indexOf('*') >= 0 || input.indexOf('?') >= 0 || input.indexOf('[') >= 0 || input.indexOf('{') >= 0;
    }
}
