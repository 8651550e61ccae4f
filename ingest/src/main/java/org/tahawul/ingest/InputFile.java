package org.tahawul.ingest;

import java.io.Serializable;

/**
 * One file of a run.
 *
 * @param index   its place in the run's file order (inputs in the order given, each folder or glob sorted by
 *                path): the first occurrence of an event_id by (index, line) wins
 * @param uri     the Hadoop file-system URI it is opened with
 * @param name    what {@code source_file} records: the local path, or the URI for other file systems
 * @param format  how its lines are parsed
 * @param gzip    whether it is gzip-compressed
 * @param bytes   its size on disk
 */
public record InputFile(int index, String uri, String name, InputFormat format, boolean gzip, long bytes)
        implements Serializable {
}
