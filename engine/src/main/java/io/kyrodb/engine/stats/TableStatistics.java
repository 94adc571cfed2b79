package io.kyrodb.engine.stats;

import java.util.List;

/**
 * What ANALYZE learned about a table: its row count when analyzed and one {@link ColumnStatistics}
 * per column, in column order. {@code sampledRows}: how many rows the per-column shapes were built
 * from. Immutable; read through {@link io.kyrodb.engine.catalog.Table#statistics()}.
 */
public record TableStatistics(double rows, int sampledRows, List<ColumnStatistics> columns) {
    public TableStatistics {
        columns = List.copyOf(columns);
    }

    /** The statistics of column {@code index}, or null (a column added after the last ANALYZE). */
    public ColumnStatistics column(int index) {
        return index >= 0 && index < columns.size() ? columns.get(index) : null;
    }
}
