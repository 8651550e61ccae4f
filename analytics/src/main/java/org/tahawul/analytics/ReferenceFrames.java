package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tahawul.datasets.reference.ReferenceData;

import java.util.List;

/** The reference data the transforms take, as small Datasets (reading: the files were read by {@link ReferenceData}). */
final class ReferenceFrames {

    static final StructType AGENCIES = new StructType().add("agency", DataTypes.StringType, false);

    private ReferenceFrames() {
    }

    static Dataset<Row> catalogue(SparkSession spark, ReferenceData reference) {
        List<Row> rows = reference.services().stream()
                .map(s -> RowFactory.create(s.code(), s.agencyCode(), s.slaMinutes())).toList();
        return spark.createDataFrame(rows, KpiTransforms.CATALOGUE);
    }

    static Dataset<Row> agencies(SparkSession spark, ReferenceData reference) {
        List<Row> rows = reference.agencies().stream().map(a -> RowFactory.create(a.code())).toList();
        return spark.createDataFrame(rows, AGENCIES);
    }

    static Dataset<Row> targets(SparkSession spark, ReferenceData reference) {
        List<Row> rows = reference.targets().stream()
                .map(t -> RowFactory.create(t.kpi(), t.scopeType(), t.scopeCode(), t.targetYear(), t.target(),
                        t.baselineYear(), t.baseline(), t.source()))
                .toList();
        return spark.createDataFrame(rows, TargetProgress.TARGETS);
    }
}
