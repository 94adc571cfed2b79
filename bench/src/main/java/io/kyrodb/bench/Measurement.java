package io.kyrodb.bench;

/**
 * One figure a workload reports for an engine: a column of the report.
 *
 * @param key      stable machine name, the CSV header (e.g. {@code insert_rows_per_s})
 * @param label    column header of the printed table (e.g. {@code insert rows/s})
 * @param value    the figure, in the unit the label names
 * @param decimals digits after the point when printed
 */
public record Measurement(String key, String label, double value, int decimals) {

    public Measurement {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, not " + decimals);
        }
    }
}
