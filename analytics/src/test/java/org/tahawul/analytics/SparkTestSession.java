package org.tahawul.analytics;

import org.apache.spark.sql.SparkSession;

/** The one local SparkSession every test of the module shares (local[2], few shuffle partitions, no UI). */
final class SparkTestSession {

    private static SparkSession spark;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .appName("tahawul-analytics-tests")
                    .master("local[2]")
                    .config("spark.sql.shuffle.partitions", "1")
                    // fixtures are a few rows: compiling generated code would cost more than it saves
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .config("spark.default.parallelism", "2")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }
}
