package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.tahawul.datasets.reference.ReferenceData;

import java.util.List;

/** The reference data the transforms take as Datasets (reading: the files were read by {@link ReferenceData}). */
final class ReferenceFrames {

    private ReferenceFrames() {
    }

    static Dataset<Row> targets(SparkSession spark, ReferenceData reference) {
        List<Row> rows = reference.targets().stream()
                .map(t -> RowFactory.create(t.kpi(), t.scopeType(), t.scopeCode(), t.targetYear(), t.target(),
                        t.baselineYear(), t.baseline(), t.source()))
                .toList();
        return spark.createDataFrame(rows, TargetProgress.TARGETS);
    }
}
