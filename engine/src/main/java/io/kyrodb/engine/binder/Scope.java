package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.parser.SourceSnippet;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables a statement's expressions can name, in FROM order; their columns are laid side by
 * side in the input row, each table starting at its {@code offset}.
 */
final class Scope {
    /**
     * {@code source}: the plan that produces a virtual table's rows (a function, a subquery, a WITH query or
     * a view in FROM); null for a stored table.
     */
    record Entry(String alias, Table table, int offset, PlanNode source) {
        Entry(String alias, Table table, int offset) {
            this(alias, table, offset, null);
        }
    }

    /**
     * A column that JOIN ... USING (or NATURAL JOIN) merged: written unqualified, {@code name}
     * means {@code column} (the left table's, the right's for a RIGHT join, their COALESCE for a
     * FULL join), not the column of one of {@code entries}.
     */
    record Merged(String name, List<Entry> entries, ColumnExpr column) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Merged> merged = new ArrayList<>();
    /** Entries on the null-extended side of an outer join: their whole row is NULL when the join adds nulls. */
    private final java.util.Set<Entry> nullExtended = new java.util.HashSet<>();
    private int width;
    /**
     * UPDATE/DELETE through a view: the base table's entry is hidden (its own names cannot be written)
     * and the view's columns are read through {@link Overlay}, each a value over that entry's slots.
     */
    private final java.util.Set<Entry> hidden = new java.util.HashSet<>();
    private final List<Overlay> overlays = new ArrayList<>();

    /** A view's columns over hidden entry {@code under}: column {@code names[i]} is {@code values[i]}. */
    record Overlay(String alias, Entry under, List<String> names, List<io.kyrodb.engine.expr.BoundExpr> values) {
    }

    /** Hides {@code under} and names its row by {@code alias} with the columns {@code names} = {@code values}. */
    void overlay(String alias, Entry under, List<String> names, List<io.kyrodb.engine.expr.BoundExpr> values) {
        hidden.add(under);
        overlays.add(new Overlay(alias, under, List.copyOf(names), List.copyOf(values)));
    }

    /** The overlay that stands for hidden entry {@code e}, or null. */
    Overlay overlayOf(Entry e) {
        for (Overlay o : overlays) {
            if (o.under() == e) {
                return o;
            }
        }
        return null;
    }

    /** The value an overlay's column {@code ref} stands for, or null when no overlay has it. */
    io.kyrodb.engine.expr.BoundExpr overlaid(Expr.ColumnRef ref, String sql) {
        for (Overlay o : overlays) {
            if (ref.qualifier() != null && !ref.qualifier().equals(o.alias())) {
                continue;
            }
            int i = o.names().indexOf(ref.name());
            if (i < 0) {
                continue;
            }
            if (ref.qualifier() == null) {
                for (Entry e : entries) {
                    if (!hidden.contains(e) && e.table().columnIndex(ref.name()) >= 0) {
                        throw new KyroException(SqlState.AMBIGUOUS_COLUMN, SourceSnippet.annotate(
                                "column reference \"" + ref.name() + "\" is ambiguous", sql, ref.pos()));
                    }
                }
            }
            return o.values().get(i);
        }
        return null;
    }
    /** What an unqualified {@code *} expands to when joins merged columns; null: every table's columns. */
    private List<Expr.ColumnRef> star;

    /** The table column a row slot holds, or null (a slot computed by a join): the estimator's view of the row. */
    io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef columnRef(int slot) {
        for (Entry e : entries) {
            if (slot >= e.offset() && slot < e.offset() + e.table().columns().size()) {
                // a function's rows in FROM (unnest, jsonb_each) have no statistics
                return e.source() != null ? null
                        : new io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef(e.table(), slot - e.offset());
            }
        }
        return null;
    }

    /** The entry whose columns hold row slot {@code slot}, or null (a slot computed by a join). */
    Entry entryAt(int slot) {
        for (Entry e : entries) {
            if (slot >= e.offset() && slot < e.offset() + e.table().columns().size()) {
                return e;
            }
        }
        return null;
    }

    static Scope empty() {
        return new Scope();
    }

    static Scope of(Table table, String alias) {
        Scope s = new Scope();
        s.add(table, alias);
        return s;
    }

    void add(Table table, String alias) {
        add(table, alias, null);
    }

    void add(Table table, String alias, PlanNode source) {
        entries.add(new Entry(alias == null ? table.name() : alias, table, width, source));
        width += table.columns().size();
    }

    List<Entry> entries() {
        return entries;
    }

    /** The scope of a join's ON condition: only {@code visible}, at their offsets in the whole FROM clause. */
    Scope restrictedTo(List<Entry> visible) {
        Scope s = new Scope();
        s.entries.addAll(visible);
        s.width = width;
        for (Merged m : merged) {
            if (visible.containsAll(m.entries())) {
                s.merged.add(m);
            }
        }
        return s;
    }

    /**
     * Per null-extended entry without a NOT NULL column: a slot its rows fill with TRUE (the join
     * copies it with the entry's columns), so a row the join null-extends has NULL there while a
     * row of all NULLs has TRUE: what tells {@code (,)} from NULL for the entry's whole row.
     */
    private final java.util.Map<Entry, Integer> matchMarkers = new java.util.HashMap<>();

    /** Notes that an outer join may null-extend {@code extended}. */
    void nullExtends(List<Entry> extended) {
        nullExtended.addAll(extended);
        for (Entry e : extended) {
            if (!matchMarkers.containsKey(e) && e.table().columns().stream().noneMatch(Column::notNull)) {
                matchMarkers.put(e, addSlot());
            }
        }
    }

    /** The slot that is TRUE in {@code e}'s real rows and NULL where a join null-extends it, or null (see {@link #nullExtends}). */
    Integer matchMarker(Entry e) {
        return matchMarkers.get(e);
    }

    /** Whether an outer join may give {@code e}'s columns as the nulls it adds. */
    boolean isNullExtended(Entry e) {
        return nullExtended.contains(e);
    }

    void addMerged(Merged m) {
        merged.add(m);
    }

    /** A slot past the tables' columns, for a value the joins compute (a FULL JOIN's merged column). */
    int addSlot() {
        return width++;
    }

    /** The width of a row holding every table of the FROM clause side by side. */
    int width() {
        return width;
    }

    List<Expr.ColumnRef> star() {
        return star;
    }

    void star(List<Expr.ColumnRef> columns) {
        this.star = columns;
    }

    /** Whether column qualifier {@code qualifier} ({@code t}, or {@code schema.t} for a table without an alias) names {@code e}. */
    static boolean matches(String qualifier, Entry e) {
        if (qualifier.equals(e.alias())) {
            return true;
        }
        int dot = qualifier.indexOf('.');
        if (dot < 0 || e.table() == null) {
            return false;
        }
        String local = qualifier.substring(dot + 1);
        return local.equals(e.alias())
                && io.kyrodb.engine.catalog.SchemaNames.key(qualifier.substring(0, dot), local).equals(e.table().name());
    }

    Entry entry(String alias) {
        for (Entry e : entries) {
            if (e.alias().equals(alias)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Whether {@code ref} names something here: its qualifier is one of these tables, or (unqualified)
     * one of them has the column. Otherwise a subquery looks for it in the enclosing queries.
     */
    boolean has(Expr.ColumnRef ref) {
        for (Overlay o : overlays) {
            if (ref.qualifier() != null ? ref.qualifier().equals(o.alias()) : o.names().contains(ref.name())) {
                return true;
            }
        }
        for (Entry e : entries) {
            if (hidden.contains(e)) {
                continue;
            }
            if (ref.qualifier() != null ? matches(ref.qualifier(), e) : e.table().columnIndex(ref.name()) >= 0) {
                return true;
            }
        }
        return false;
    }

    ColumnExpr resolve(Expr.ColumnRef ref, String sql) {
        ColumnExpr found = null;
        List<Entry> hidden = new ArrayList<>();
        if (ref.qualifier() == null) {
            for (int m = merged.size() - 1; m >= 0; m--) {
                Merged mc = merged.get(m);
                if (mc.name().equals(ref.name()) && !hidden.containsAll(mc.entries())) {
                    if (found != null) {
                        throw new KyroException(SqlState.AMBIGUOUS_COLUMN, SourceSnippet.annotate(
                                "column reference \"" + ref.name() + "\" is ambiguous", sql, ref.pos()));
                    }
                    found = mc.column();
                    hidden.addAll(mc.entries());
                }
            }
        }
        for (Entry e : entries) {
            if (ref.qualifier() != null && !matches(ref.qualifier(), e) || hidden.contains(e)
                    || this.hidden.contains(e)) {
                continue;
            }
            int i = e.table().columnIndex(ref.name());
            if (i < 0) {
                continue;
            }
            if (found != null) {
                throw new KyroException(SqlState.AMBIGUOUS_COLUMN, SourceSnippet.annotate(
                        "column reference \"" + ref.name() + "\" is ambiguous", sql, ref.pos()));
            }
            Column c = e.table().columns().get(i);
            found = new ColumnExpr(e.offset() + i, c.type(), e.table().name(), c.name(), !c.notNull(), e.alias());
        }
        if (found != null) {
            return found;
        }
        if (ref.qualifier() != null && entries.stream().noneMatch(e -> matches(ref.qualifier(), e))
                && overlays.stream().noneMatch(o -> o.alias().equals(ref.qualifier()))) {
            for (Entry e : entries) {
                if (e.table().name().equals(ref.qualifier())) {
                    throw new KyroException(SqlState.UNDEFINED_TABLE, SourceSnippet.annotate(
                            "invalid reference to FROM-clause entry for table \"" + ref.qualifier()
                                    + "\" (perhaps you meant to reference the table alias \"" + e.alias() + "\")",
                            sql, ref.pos()));
                }
            }
            throw new KyroException(SqlState.UNDEFINED_TABLE, SourceSnippet.annotate(
                    "missing FROM-clause entry for table \"" + ref.qualifier() + "\"", sql, ref.pos()));
        }
        List<String> candidates = new ArrayList<>();
        for (Entry e : entries) {
            if (!this.hidden.contains(e) && (ref.qualifier() == null || matches(ref.qualifier(), e))) {
                e.table().columns().forEach(c -> candidates.add(c.name()));
            }
        }
        for (Overlay o : overlays) {
            if (ref.qualifier() == null || ref.qualifier().equals(o.alias())) {
                candidates.addAll(o.names());
            }
        }
        String hint = Suggestions.didYouMean(ref.name(), candidates);
        throw new KyroException(SqlState.UNDEFINED_COLUMN, SourceSnippet.annotate(
                "column \"" + ref.display() + "\" does not exist" + hint, sql, ref.pos()));
    }
}
