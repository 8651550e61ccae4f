package org.tahawul.warehouse;

import java.util.regex.Pattern;

/**
 * How the schema is laid out on the server: one node (the default, and what the jobs and the
 * dashboard are tested on) or a cluster, where each table becomes a ReplicatedMergeTree-family
 * table {@code <name>_local} on every node, created {@code ON CLUSTER}, and a Distributed table
 * under the contract name. Chosen with {@code TAHAWUL_CLICKHOUSE_CLUSTER=<cluster name>}.
 */
public record SchemaLayout(String cluster) {

    public static final SchemaLayout SINGLE_NODE = new SchemaLayout(null);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public SchemaLayout {
        if (cluster != null && !NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("cluster name must be a plain name, got '" + cluster + "'");
        }
    }

    public static SchemaLayout fromEnvironment() {
        String cluster = System.getenv("TAHAWUL_CLICKHOUSE_CLUSTER");
        return cluster == null || cluster.isBlank() ? SINGLE_NODE : new SchemaLayout(cluster);
    }

    public boolean isCluster() {
        return cluster != null;
    }

    @Override
    public String toString() {
        return isCluster() ? "cluster " + cluster : "single node";
    }
}
