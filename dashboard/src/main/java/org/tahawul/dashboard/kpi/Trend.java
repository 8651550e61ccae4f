package org.tahawul.dashboard.kpi;

import java.util.List;

/**
 * {@code GET /api/trends}: one KPI month by month for a scope, the targets of that KPI and scope
 * (the chart draws the latest as a markLine), and the projection of {@code kpi_target_progress}
 * to December of the target year (the chart draws it dashed from the last actual month).
 */
record Trend(String kpi, String scopeType, String scopeCode, List<Point> points, List<TargetLine> targets,
             Projection projection) {

    record Point(String month, Double value) {
    }

    record TargetLine(int year, double value, String source) {
    }

    record Projection(String asOfMonth, Double actual, String toMonth, Double projected, String status) {
    }
}
