package org.tahawul.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.tahawul.datasets.contract.RejectReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

/**
 * Reads Parquet logs straight into the parsed shape of {@link IngestTransforms#parseJson}: each
 * field of the contract as text (a UTC timestamp column as ISO-8601 with {@code Z}), the row's
 * position in its file (from 1) as its line number, and the row as JSON for {@code rejected_records}.
 * Each file keeps its own schema; a field it lacks is absent. A file Spark cannot open as Parquet (not
 * Parquet, cut short, no footer) becomes one {@code MALFORMED_LINE} row naming the error, so that the run
 * reports it and still loads the other files.
 */
public final class ParquetSource {

    private ParquetSource() {
    }

    public static Dataset<Row> read(SparkSession spark, List<InputFile> files) {
        // timestamps become text in the session's time zone: UTC. Set here, where it matters: the first use of the
        // session's SQL settings builds its SQL state (about a second), which lines of JSON or CSV do not need
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        Dataset<Row> all = null;
        for (InputFile file : files) {
            Dataset<Row> data;
            try {
                data = spark.read().parquet(file.uri());
            } catch (Exception e) { // Spark reads the footer here, on the driver
                Dataset<Row> broken = unreadable(spark, file, e);
                all = all == null ? broken : all.unionByName(broken);
                continue;
            }
            StructType schema = data.schema();
            List<String> names = Arrays.asList(schema.fieldNames());
            List<Column> out = new ArrayList<>();
            out.add(lit(file.index()).as("file_index"));
            out.add(lit(file.name()).as("source_file"));
            out.add(col("_metadata.row_index").plus(1).as("line_number"));
            out.add(to_json(struct(names.stream().map(n -> col("`" + n + "`")).toArray(Column[]::new))).as("raw"));
            out.add(lit(null).cast(DataTypes.StringType).as("parse_error"));
            out.add(lit(null).cast(DataTypes.StringType).as("parse_detail"));
            for (String field : IngestTransforms.FIELDS) {
                Column text;
                if (!names.contains(field)) {
                    text = lit(null).cast(DataTypes.StringType);
                } else {
                    StructField f = schema.apply(field);
                    text = f.dataType() instanceof TimestampType
                            ? date_format(col(field), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                            : col(field).cast(DataTypes.StringType);
                }
                out.add(nullif(trim(text), lit("")).as(field));
            }
            Dataset<Row> rows = data.select(out.toArray(Column[]::new));
            all = all == null ? rows : all.unionByName(rows);
        }
        return all;
    }

    /** The one row of a file that cannot be read: line 1, {@code MALFORMED_LINE}, Spark's reason. */
    private static Dataset<Row> unreadable(SparkSession spark, InputFile file, Exception error) {
        String message = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
        Object[] row = new Object[IngestTransforms.PARSED.size()];
        row[0] = file.index();
        row[1] = file.name();
        row[2] = 1L;
        row[4] = RejectReason.MALFORMED_LINE.name();
        row[5] = "the file cannot be read as Parquet: " + message;
        return spark.createDataFrame(List.of(RowFactory.create(row)), IngestTransforms.PARSED);
    }
}
