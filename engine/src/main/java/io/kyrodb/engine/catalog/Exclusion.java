package io.kyrodb.engine.catalog;

import io.kyrodb.engine.catalog.system.Identifiers;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SqlParser;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An EXCLUDE constraint of a table: no two rows for which every {@code column WITH operator}
 * comparison is true (and, with a predicate, for which it holds). A row with a NULL in any of its
 * columns conflicts with nothing.
 *
 * <p>It is kept among the table's {@link CheckConstraint}s (so every table redefinition, rename
 * and restart carries it unchanged and the catalog record keeps its format): its text is what
 * {@code pg_get_constraintdef} shows, {@code EXCLUDE USING gist (room WITH =, during WITH &&)
 * [WHERE (pred)]}, which no CHECK condition can start with. {@link #of} reads it back through
 * the SQL grammar.
 */
public record Exclusion(String name, String method, List<String> columns, List<String> operators, String where) {
    private static final String PREFIX = "EXCLUDE USING ";
    private static final ConcurrentHashMap<String, Exclusion> PARSED = new ConcurrentHashMap<>();

    /** Whether {@code k} holds an exclusion constraint rather than a CHECK condition. */
    public static boolean is(CheckConstraint k) {
        return k.sql().startsWith(PREFIX);
    }

    /** The exclusion constraints among {@code checks}. */
    public static List<Exclusion> of(List<CheckConstraint> checks) {
        List<Exclusion> out = new ArrayList<>();
        for (CheckConstraint k : checks) {
            if (is(k)) {
                out.add(of(k));
            }
        }
        return out;
    }

    /** The CHECK constraints among {@code checks} (those that are not exclusions). */
    public static List<CheckConstraint> checksOnly(List<CheckConstraint> checks) {
        for (CheckConstraint k : checks) {
            if (is(k)) {
                return checks.stream().filter(c -> !is(c)).toList();
            }
        }
        return checks;
    }

    /** The constraint {@code k} holds (an exclusion, see {@link #is}). */
    public static Exclusion of(CheckConstraint k) {
        Exclusion cached = PARSED.get(k.sql());
        if (cached == null) {
            Statement s = SqlParser.parseStatement("ALTER TABLE t ADD " + k.sql()).statement();
            Statement.ExclusionConstraint e = ((Statement.AddConstraint) ((Statement.AlterTable) s).action())
                    .table().exclusions().get(0);
            cached = new Exclusion(null, e.method(), e.columns(), e.operators(), e.whereText());
            if (PARSED.size() > 10_000) {
                PARSED.clear();
            }
            PARSED.put(k.sql(), cached);
        }
        return new Exclusion(k.name(), cached.method, cached.columns, cached.operators, cached.where);
    }

    /** The constraint as the catalog keeps it. */
    public CheckConstraint constraint() {
        return new CheckConstraint(name, text());
    }

    /** {@code EXCLUDE USING method (c WITH op, ...)} and {@code  WHERE (pred)} when it has one. */
    public String text() {
        StringBuilder sb = new StringBuilder(PREFIX).append(method).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i))).append(" WITH ")
                    .append(operators.get(i));
        }
        sb.append(')');
        if (where != null) {
            sb.append(" WHERE (").append(where).append(')');
        }
        return sb.toString();
    }

    /** The positions of its columns in {@code table}. */
    public int[] columnIndexes(Table table) {
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = table.columnIndex(columns.get(i));
        }
        return out;
    }
}
