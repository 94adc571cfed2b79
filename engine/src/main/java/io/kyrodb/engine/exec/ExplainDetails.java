package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprDeparser;

import java.util.ArrayList;
import java.util.List;

/**
 * The details EXPLAIN shows under one operator, as PostgreSQL's EXPLAIN names them ({@code Filter},
 * {@code Index Cond}, {@code Hash Cond}, {@code Sort Key}, {@code Group Key}, ...), in order: a
 * text property prints as {@code Label: value}, a list as {@code Label: a, b} (a JSON array in
 * FORMAT JSON), a number as itself. An operator adds its own in {@link PlanNode#explain}; the
 * expressions it names are deparsed against its input's columns ({@link #deparse}, {@link #inputColumn}).
 * EXPLAIN itself adds what every operator shares (Output under VERBOSE, a folded Filter and its
 * Rows Removed by Filter under ANALYZE).
 */
public final class ExplainDetails {
    /** One property: {@code value} is a String, a List of Strings, or a Number. */
    public record Property(String label, Object value) {
    }

    private final List<Property> properties = new ArrayList<>();
    private final java.util.Set<String> indexed = new java.util.HashSet<>();
    private final ExprDeparser deparser;
    private final List<String> input;
    private final boolean verbose;
    private final boolean analyze;

    /**
     * {@code deparser} names the columns of the operator's input; {@code input}: those columns as
     * text, null when unknown; {@code verbose}: EXPLAIN VERBOSE; {@code analyze}: the statement ran.
     */
    public ExplainDetails(ExprDeparser deparser, List<String> input, boolean verbose, boolean analyze) {
        this.deparser = deparser;
        this.input = input;
        this.verbose = verbose;
        this.analyze = analyze;
    }

    public boolean verbose() {
        return verbose;
    }

    /** EXPLAIN ANALYZE: the operator ran, and may say what it did. */
    public boolean analyze() {
        return analyze;
    }

    /** {@code e} as PostgreSQL prints it, with the input's column names. */
    public String deparse(BoundExpr e) {
        return deparser.deparse(e);
    }

    /** The name of column {@code i} of the operator's (first) input. */
    public String inputColumn(int i) {
        return input != null && i < input.size() ? input.get(i) : "?column?";
    }

    public ExplainDetails text(String label, String value) {
        properties.add(new Property(label, value));
        return this;
    }

    public ExplainDetails expr(String label, BoundExpr e) {
        return text(label, deparse(e));
    }

    public ExplainDetails list(String label, List<String> values) {
        properties.add(new Property(label, List.copyOf(values)));
        return this;
    }

    public ExplainDetails number(String label, long value) {
        properties.add(new Property(label, value));
        return this;
    }

    /** {@code Sort Key: a, b DESC, c NULLS FIRST} over the input's columns. */
    public ExplainDetails sortKeys(List<SortKey> keys) {
        return sortKeys("Sort Key", keys);
    }

    /** {@link #sortKeys(List)} under another label ({@code Presorted Key}). */
    public ExplainDetails sortKeys(String label, List<SortKey> keys) {
        List<String> out = new ArrayList<>();
        for (SortKey k : keys) {
            String s = inputColumn(k.column());
            if (k.descending()) {
                s += k.nullsFirst() ? " DESC" : " DESC NULLS LAST";
            } else if (k.nullsFirst()) {
                s += " NULLS FIRST";
            }
            out.add(s);
        }
        return list(label, out);
    }

    /** A line of {@link PlanNode#details()}: {@code Label: value} becomes that property, else a line of its own. */
    public ExplainDetails line(String line) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
            return text(line.substring(0, colon), line.substring(colon + 2));
        }
        properties.add(new Property(line, null));
        return this;
    }

    /** Whether a property of that label is there already. */
    public boolean has(String label) {
        return properties.stream().anyMatch(p -> p.label().equals(label));
    }

    /** A table's column {@code i} as PostgreSQL names it in an index condition. */
    public static String columnName(io.kyrodb.engine.catalog.Table table, int i) {
        return ExprDeparser.identifier(table.columns().get(i).name());
    }

    /**
     * {@code Index Cond}: the conditions the index answers, each as {@code (column op value)}. The
     * query's filter still checks them on every row the index finds; EXPLAIN leaves them out of
     * {@code Filter}, as PostgreSQL shows an index-answered condition once.
     */
    public ExplainDetails indexCond(List<String> conditions) {
        indexed.addAll(conditions);
        return text("Index Cond", and(conditions));
    }

    /** Whether {@code condition} (deparsed without qualification) is one the index answers. */
    public boolean indexed(String condition) {
        return indexed.contains(condition);
    }

    /** One condition, or several ANDed in PostgreSQL's parentheses: {@code ((a > 1) AND (a < 5))}. */
    public static String and(List<String> conditions) {
        return conditions.size() == 1 ? conditions.get(0) : "(" + String.join(" AND ", conditions) + ")";
    }

    public List<Property> properties() {
        return properties;
    }

    /** Moves the property {@code label} after the others (PostgreSQL prints Heap Fetches after the Filter lines). */
    public void moveLast(String label) {
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).label().equals(label)) {
                properties.add(properties.remove(i));
                return;
            }
        }
    }

    /** For EXPLAIN (in another package): adds a property ahead of the operator's own. */
    public ExplainDetails first(String label, Object value) {
        properties.add(0, new Property(label, value));
        return this;
    }
}
