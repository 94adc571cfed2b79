package io.kyrodb.tck.crash;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a database holds, in a form that compares by value: each table's column names and
 * its rows as a sorted multiset. Built from the oracle or read back through JDBC.
 */
record DbImage(Map<String, TableImage> tables) {

    record TableImage(List<String> columns, List<List<Object>> rows) {
    }

    static DbImage of(ModelDatabase db) {
        Map<String, TableImage> tables = new TreeMap<>();
        for (ModelTable t : db.tables()) {
            tables.put(t.spec.name(), new TableImage(t.spec.columnNames(), sorted(t.rows())));
        }
        return new DbImage(Collections.unmodifiableMap(tables));
    }

    /** Reads every table through {@code c}'s metadata and {@code SELECT *}. */
    static DbImage read(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        Map<String, TableImage> tables = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + name)) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnLabel(i));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        rows.add(Collections.unmodifiableList(Arrays.asList(row)));
                    }
                    tables.put(name, new TableImage(List.copyOf(columns), sorted(rows)));
                }
            }
        }
        return new DbImage(Collections.unmodifiableMap(tables));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort(SqlValues.ROW_ORDER);
        return Collections.unmodifiableList(out);
    }

    int rowCount() {
        return tables.values().stream().mapToInt(t -> t.rows().size()).sum();
    }

    /** What {@code actual} has that this (expected) image has not, and the reverse; at most {@code limit} rows each. */
    String diff(DbImage actual, int limit) {
        StringBuilder b = new StringBuilder();
        Set<String> names = new TreeSet<>(tables.keySet());
        names.addAll(actual.tables.keySet());
        for (String name : names) {
            TableImage e = tables.get(name);
            TableImage a = actual.tables.get(name);
            if (e == null || a == null) {
                b.append("  table ").append(name).append(e == null ? " is there but should not be" : " is missing")
                        .append('\n');
                continue;
            }
            if (!e.columns().equals(a.columns())) {
                b.append("  table ").append(name).append(" has columns ").append(a.columns()).append(", expected ")
                        .append(e.columns()).append('\n');
                continue;
            }
            List<List<Object>> missing = minus(e.rows(), a.rows());
            List<List<Object>> extra = minus(a.rows(), e.rows());
            if (!missing.isEmpty() || !extra.isEmpty()) {
                b.append("  table ").append(name).append(": ").append(a.rows().size()).append(" rows, expected ")
                        .append(e.rows().size()).append('\n');
                missing.stream().limit(limit).forEach(r -> b.append("    missing ").append(show(r)).append('\n'));
                extra.stream().limit(limit).forEach(r -> b.append("    extra   ").append(show(r)).append('\n'));
            }
        }
        return b.toString();
    }

    /** Multiset difference of two sorted lists. */
    private static List<List<Object>> minus(List<List<Object>> a, List<List<Object>> b) {
        List<List<Object>> out = new ArrayList<>();
        int j = 0;
        for (List<Object> row : a) {
            while (j < b.size() && SqlValues.ROW_ORDER.compare(b.get(j), row) < 0) {
                j++;
            }
            if (j < b.size() && b.get(j).equals(row)) {
                j++;
            } else {
                out.add(row);
            }
        }
        return out;
    }

    private static String show(List<Object> row) {
        return "(" + String.join(", ", row.stream().map(SqlValues::show).toList()) + ")";
    }
}
