package org.tahawul.clickhouse.embedded;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * JNA binding to the C API of {@code libchdb.so} (chDB 26.7, the ClickHouse engine as a library).
 *
 * <p>Only {@link ChdbEngine} calls these functions; it owns every native handle and frees every
 * result. Pointers named {@code conn} are the {@code chdb_connection} value (not the
 * {@code chdb_connection*} that {@link #chdb_connect} returns).
 */
interface ChdbLibrary extends Library {

    String chdb_version();

    void chdb_set_signal_handlers_enabled(int enabled);

    /** Returns {@code chdb_connection*}, or null. */
    Pointer chdb_connect(int argc, String[] argv);

    /** Takes the {@code chdb_connection*} returned by {@link #chdb_connect}. */
    void chdb_close_conn(Pointer connectionPointer);

    int chdb_shutdown();

    Pointer chdb_query_n(Pointer conn, byte[] query, long queryLength, byte[] format, long formatLength);

    Pointer chdb_query_with_params_n(Pointer conn, byte[] query, long queryLength, byte[] format, long formatLength,
                                     String[] names, long[] nameLengths, String[] values, long[] valueLengths,
                                     long count);

    Pointer chdb_stream_query_n(Pointer conn, byte[] query, long queryLength, byte[] format, long formatLength);

    Pointer chdb_stream_query_with_params_n(Pointer conn, byte[] query, long queryLength, byte[] format,
                                            long formatLength, String[] names, long[] nameLengths,
                                            String[] values, long[] valueLengths, long count);

    Pointer chdb_stream_fetch_result(Pointer conn, Pointer streamResult);

    void chdb_stream_cancel_query(Pointer conn, Pointer streamResult);

    Pointer chdb_stream_insert_n(Pointer conn, byte[] query, long queryLength, byte[] format, long formatLength);

    Pointer chdb_stream_insert_with_params_n(Pointer conn, byte[] query, long queryLength, byte[] format,
                                             long formatLength, String[] names, long[] nameLengths,
                                             String[] values, long[] valueLengths, long count);

    int chdb_stream_append(Pointer insertStream, Pointer data, long length);

    Pointer chdb_stream_done(Pointer insertStream);

    void chdb_stream_cancel_insert(Pointer insertStream);

    String chdb_stream_insert_error(Pointer insertStream);

    void chdb_destroy_insert_stream(Pointer insertStream);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    double chdb_result_elapsed(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    String chdb_result_error(Pointer result);

    void chdb_destroy_query_result(Pointer result);
}
