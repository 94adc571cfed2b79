package io.kyrodb.tck.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A WHERE clause of the workload and the oracle's reading of it. SQL's three-valued logic reduces
 * to "is true" here because the clauses use only AND and OR (no NOT): a comparison with NULL is
 * never true, and AND/OR of "is true" values is the "is true" of AND/OR.
 */
record Condition(Consumer<SqlText> writer, Predicate<List<Object>> test) {

    void write(SqlText sql) {
        writer.accept(sql);
    }

    Condition and(Condition other) {
        return new Condition(s -> {
            s.text("(");
            write(s);
            s.text(") AND (");
            other.write(s);
            s.text(")");
        }, test.and(other.test));
    }

    Condition or(Condition other) {
        return new Condition(s -> {
            s.text("(");
            write(s);
            s.text(") OR (");
            other.write(s);
            s.text(")");
        }, test.or(other.test));
    }

    /** Equality on every key column: the by-key form (a primary-key lookup). */
    static Condition byKey(TableSpec t, List<Object> key) {
        Condition c = null;
        for (int i = 0; i < t.primaryKey().size(); i++) {
            int col = t.primaryKey().get(i);
            Condition eq = compare(t, col, "=", key.get(i));
            c = c == null ? eq : c.and(eq);
        }
        return c;
    }

    /**
     * A random clause on {@code t}, usually anchored on an existing row's values so that it matches
     * some rows: BETWEEN, half-open ranges, =, <, IN, IS NULL, sometimes two of them joined with AND/OR.
     */
    static Condition random(TableSpec t, List<List<Object>> rows, Random rnd, RandomValues values) {
        Condition c = single(t, rows, rnd, values);
        int r = rnd.nextInt(100);
        if (r < 20) {
            c = c.and(single(t, rows, rnd, values));
        } else if (r < 30) {
            c = c.or(single(t, rows, rnd, values));
        }
        return c;
    }

    private static Condition single(TableSpec t, List<List<Object>> rows, Random rnd, RandomValues values) {
        // Key columns more often: that is where range scans and key order matter.
        int col = t.hasPrimaryKey() && rnd.nextBoolean()
                ? t.primaryKey().get(rnd.nextInt(t.primaryKey().size()))
                : rnd.nextInt(t.columns().size());
        TableSpec.Column column = t.columns().get(col);
        Object anchor = rows.isEmpty() ? values.value(column, false) : rows.get(rnd.nextInt(rows.size())).get(col);
        if (anchor == null) {
            return isNull(t, col);
        }
        int r = rnd.nextInt(100);
        if (column.kind().numeric()) {
            if (r < 35) {
                Object hi = values.above(anchor);
                return new Condition(s -> s.text(column.name() + " BETWEEN ").value(anchor, column.kind()).text(" AND ")
                        .value(hi, column.kind()),
                        row -> row.get(col) != null && SqlValues.compare(row.get(col), anchor) >= 0
                                && SqlValues.compare(row.get(col), hi) <= 0);
            }
            if (r < 55) {
                Object hi = values.above(anchor);
                return compare(t, col, ">=", anchor).and(compare(t, col, "<", hi));
            }
            if (r < 70) {
                List<Object> in = new ArrayList<>(List.of(anchor));
                for (int i = rnd.nextInt(4); i > 0 && !rows.isEmpty(); i--) {
                    Object v = rows.get(rnd.nextInt(rows.size())).get(col);
                    if (v != null) {
                        in.add(v);
                    }
                }
                return new Condition(s -> {
                    s.text(column.name() + " IN (");
                    for (int i = 0; i < in.size(); i++) {
                        s.text(i == 0 ? "" : ", ").value(in.get(i), column.kind());
                    }
                    s.text(")");
                }, row -> row.get(col) != null && in.stream().anyMatch(v -> SqlValues.compare(row.get(col), v) == 0));
            }
            if (r < 80) {
                return isNull(t, col);
            }
            return compare(t, col, rnd.nextBoolean() ? "=" : "<", anchor);
        }
        if (column.kind().text()) {
            return r < 15 ? isNull(t, col) : compare(t, col, r < 60 ? "=" : r < 80 ? "<" : ">=", anchor);
        }
        return r < 20 ? isNull(t, col) : compare(t, col, "=", anchor);
    }

    static Condition compare(TableSpec t, int col, String op, Object value) {
        TableSpec.Column column = t.columns().get(col);
        Objects.requireNonNull(value);
        Predicate<Integer> holds = switch (op) {
            case "=" -> c -> c == 0;
            case "<" -> c -> c < 0;
            case ">=" -> c -> c >= 0;
            default -> throw new IllegalArgumentException(op);
        };
        return new Condition(s -> s.text(column.name() + " " + op + " ").value(value, column.kind()),
                row -> row.get(col) != null && holds.test(SqlValues.compare(row.get(col), value)));
    }

    static Condition isNull(TableSpec t, int col) {
        return new Condition(s -> s.text(t.columns().get(col).name() + " IS NULL"), row -> row.get(col) == null);
    }
}
