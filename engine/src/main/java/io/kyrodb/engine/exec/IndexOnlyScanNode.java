package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.storage.PrefixProbe;
import io.kyrodb.engine.storage.run.KeyCursor;

import java.util.List;

/**
 * The rows {@code lookup} finds, built from the index entries alone (PostgreSQL's Index Only Scan):
 * an entry holds the indexed values and the row's primary key, and entries are written, committed,
 * rolled back and versioned with their rows, so an entry the reader's snapshot sees is exactly a
 * row it sees, with those values. The planner uses it only when the query reads no other column
 * of the table: the rows have the table's layout, with every other column NULL. With
 * {@code values} false the query reads no column at all (COUNT(*), EXISTS): entries are then only
 * counted, never decoded, and every row is the same row of NULLs.
 */
public record IndexOnlyScanNode(IndexScanNode lookup, boolean values) implements PlanNode {

    public Table table() {
        return lookup.table();
    }

    public Index index() {
        return lookup.index();
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        KeyCursor entries = entries(ctx, ctx);
        if (!values) {
            Object[] none = new Object[lookup.table().columns().size()];
            return () -> {
                ctx.checkCancel();
                return entries.next() ? none : null;
            };
        }
        return () -> {
            ctx.checkCancel();
            return entries.next() ? row(entries.row()) : null;
        };
    }

    /**
     * The entries found under {@code ctx}'s view, with the lookup's values evaluated in
     * {@code eval} (the subquery's own context, for {@link IndexProbe}, which runs it without one).
     */
    KeyCursor entries(ExecContext ctx, io.kyrodb.engine.expr.EvalContext eval) {
        return lookup.indexEntries(ctx.view(), eval, probe(ctx));
    }

    /** How many entries {@link #entries} returns, counted up to {@code limit} (an index probe without a filter). */
    long count(ExecContext ctx, io.kyrodb.engine.expr.EvalContext eval, long limit) {
        return lookup.countEntries(ctx.view(), eval, probe(ctx), limit);
    }

    /** The table row an entry stands for: its indexed and key columns, every other column NULL. */
    Object[] row(Object[] entry) {
        Table table = lookup.table();
        Index index = lookup.index();
        int[] key = table.primaryKey();
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < index.width(); i++) {
            row[index.column(i)] = Boolean.TRUE.equals(entry[2 * i]) ? null : entry[2 * i + 1];
        }
        int from = 2 * index.width();
        for (int k = 0; k < key.length; k++) {
            row[key[k]] = entry[from + k];
        }
        return row;
    }

    /**
     * The statement's cursor over the index entries, kept across this scan's runs (one per outer
     * row of a correlated subquery): each run seeks it forward instead of opening every run file
     * of the index again. Only for equality lookups, which read one probe at a time.
     */
    private PrefixProbe probe(ExecContext ctx) {
        if (lookup.points() == null) {
            return null;
        }
        PrefixProbe probe = ctx.keptState(this);
        if (probe == null) {
            probe = lookup.index().storage().data().prefixProbe(ctx.view());
            ctx.keepState(this, probe);
        }
        return probe.view() == ctx.view() || probe.view().equals(ctx.view()) ? probe : null;   // the same view, mostly
    }

    @Override
    public String describe() {
        return "Index Only Scan using " + lookup.index().name() + " on " + lookup.table().name();
    }

    @Override
    public List<String> details() {
        return lookup.details();
    }

    /** Under ANALYZE, {@code Heap Fetches: 0}: index entries are versioned with their rows, so no row is fetched to check visibility. */
    @Override
    public void explain(ExplainDetails out) {
        lookup.explain(out);
        if (out.analyze()) {
            out.number("Heap Fetches", 0);
        }
    }

    @Override
    public List<BoundExpr> expressions() {
        return lookup.expressions();
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
