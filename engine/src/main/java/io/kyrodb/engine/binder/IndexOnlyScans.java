package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.AggregateCall;
import io.kyrodb.engine.exec.IndexOnlyScanNode;
import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.InListExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Index Only Scan: a secondary index lookup whose query reads no column but the index's columns
 * and the table's primary key answers from the index entries without fetching a row
 * ({@link IndexOnlyScanNode}). The conditions the lookup answers exactly (an equality or IN list
 * of the bare leading column with values of its own type) are not checked again, as PostgreSQL
 * does not recheck a btree's Index Cond; every other condition still runs on the rows built from
 * the entries. Switched off by enable_indexonlyscan (and by enable_indexscan, with every index).
 */
final class IndexOnlyScans {
    /**
     * Types whose equality is equality of their key encoding: the lookup then finds exactly the
     * rows the condition keeps (floats are left out: -0 and NaN compare in ways of their own).
     */
    private static final Set<TypeKind> EXACT = EnumSet.of(TypeKind.SMALLINT, TypeKind.INTEGER, TypeKind.BIGINT,
            TypeKind.NUMERIC, TypeKind.TEXT, TypeKind.VARCHAR, TypeKind.BOOLEAN, TypeKind.DATE, TypeKind.TIMESTAMP,
            TypeKind.TIMESTAMPTZ, TypeKind.UUID);

    /** An index-only plan: the scan and the conditions left to check on its rows (null: none). */
    record Plan(IndexOnlyScanNode scan, BoundExpr filter) {
    }

    private IndexOnlyScans() {
    }

    /**
     * {@code scan} read from its entries alone under {@code filter} (its conjuncts), when the
     * query reads, besides {@code filter}, only the columns in {@code reads} (null: unknown, so
     * no), and the index holds them all; else null.
     */
    static Plan plan(IndexScanNode scan, BoundExpr filter, BitSet reads) {
        if (reads == null || !scan.index().plain() || scan.index().gin()) {
            return null;
        }
        List<BoundExpr> rest = new ArrayList<>();
        BitSet needed = (BitSet) reads.clone();
        for (BoundExpr part : Conjuncts.split(filter)) {
            if (!answers(scan, part)) {
                rest.add(part);
                read(part, needed);
            }
        }
        if (!covers(scan.index(), scan.table(), needed)) {
            return null;
        }
        return new Plan(new IndexOnlyScanNode(scan, !needed.isEmpty()), Conjuncts.and(rest));
    }

    /** Adds to {@code out} the columns of the row {@code e} reads, also through the subqueries in it. */
    static void read(BoundExpr e, BitSet out) {
        ExprTree.forEach(e, x -> {
            if (x instanceof ColumnExpr c) {
                out.set(c.index());
            }
            SubPlan sub = ExprTree.subPlanOf(x);
            if (sub != null) {
                for (SubPlan.OuterRef ref : sub.outerRefs()) {
                    if (ref.levelsUp() == 0) {
                        out.set(ref.index());
                    }
                }
            }
        });
    }

    /** The columns an aggregate's input rows feed it: its argument (which carries FILTER). */
    static void read(AggregateCall a, BitSet out) {
        if (a.argument() != null) {
            read(a.argument(), out);
        }
    }

    /** Whether the index entries hold every column in {@code needed}: indexed or primary-key columns. */
    private static boolean covers(Index index, Table table, BitSet needed) {
        if (!index.plain()) {
            return false;   // an expression's entries hold its value, not the columns it reads
        }
        BitSet held = new BitSet();
        for (int i = 0; i < index.width(); i++) {
            held.set(index.column(i));
        }
        for (int k : table.primaryKey()) {
            held.set(k);
        }
        BitSet missing = (BitSet) needed.clone();
        missing.andNot(held);
        return missing.isEmpty();
    }

    /** Whether the lookup finds exactly the rows {@code part} keeps: its own equality or IN list, in the column's type. */
    private static boolean answers(IndexScanNode scan, BoundExpr part) {
        List<BoundExpr> points = scan.points();
        if (points == null) {
            return false;   // a range starts at or before its bound: the condition decides
        }
        int column = scan.index().column(0);
        TypeKind kind = scan.table().columns().get(column).type().kind();
        if (!EXACT.contains(kind)) {
            return false;
        }
        if (part instanceof CompareExpr cmp && cmp.op() == BinaryOp.EQ && points.size() == 1) {
            BoundExpr value = points.getFirst();
            return (bare(cmp.left(), column) && cmp.right() == value || bare(cmp.right(), column) && cmp.left() == value)
                    && value.type().kind() == kind;
        }
        if (part instanceof InListExpr in && !in.negated() && in.list() == points && bare(in.value(), column)) {
            return points.stream().allMatch(p -> p.type().kind() == kind);
        }
        return false;
    }

    private static boolean bare(BoundExpr e, int column) {
        return e instanceof ColumnExpr c && c.index() == column;
    }
}
