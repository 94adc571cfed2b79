package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.InListExpr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a secondary index a single-table filter can use, when the primary key cannot serve it
 * ({@link KeyLookups} is asked first): a conjunct on the index's leading column that is an
 * equality ({@code col = v}), an IN list, or a range ({@code <, <=, >, >=, BETWEEN}), with values
 * that depend on no row. Equality beats IN beats a range; among equals, the first index by name.
 * The filter still runs on every row the index finds. Switched off by {@link #ENABLED} (tests
 * compare answers with and without indexes).
 */
final class IndexLookups {
    /** {@code -Dkyro.indexScans=false} plans every query without secondary indexes. */
    static final boolean ENABLED = !"false".equals(System.getProperty("kyro.indexScans"));

    private IndexLookups() {
    }

    static IndexScanNode find(Catalog catalog, Table table, BoundExpr filter) {
        if (!ENABLED || filter == null) {
            return null;
        }
        List<Index> indexes = catalog.indexesOf(table.name());
        if (indexes.isEmpty()) {
            return null;
        }
        List<BoundExpr> conjuncts = io.kyrodb.engine.expr.ExprTree.conjuncts(filter);
        IndexScanNode best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Index index : indexes) {
            if (!PredicateImplication.implies(filter, index.where())) {
                continue;   // a partial index lacks rows the query may want
            }
            if (index.jsonbGin()) {
                BoundExpr q = bestRank > 1 ? jsonbSearch(conjuncts, index) : null;
                if (q != null) {
                    best = new IndexScanNode(table, index, List.of(q), null, false, null, false);
                    bestRank = 1;
                }
                continue;   // a GIN index over jsonb answers @>, ?, ?| and ?& only
            }
            if (index.gin()) {
                BoundExpr q = bestRank > 1 ? textSearch(conjuncts, index) : null;
                if (q != null) {
                    best = new IndexScanNode(table, index, List.of(q), null, false, null, false);
                    bestRank = 1;
                }
                continue;   // a GIN index answers @@ only
            }
            for (BoundExpr c : conjuncts) {
                if (c instanceof CompareExpr cmp && cmp.op() == BinaryOp.EQ) {
                    BoundExpr v = value(cmp, index);
                    if (v != null && bestRank > 0) {
                        best = new IndexScanNode(table, index, List.of(v), null, false, null, false);
                        bestRank = 0;
                    }
                } else if (c instanceof InListExpr in && !in.negated() && isKey(in.value(), index)
                        && in.list().stream().allMatch(KeyLookups::isRowIndependent) && bestRank > 1) {
                    best = new IndexScanNode(table, index, in.list(), null, false, null, false);
                    bestRank = 1;
                }
            }
            if (bestRank > 2) {
                IndexScanNode range = range(table, index, conjuncts);
                if (range != null) {
                    best = range;
                    bestRank = 2;
                }
            }
        }
        return best;
    }

    /**
     * A conjunct a GIN index over jsonb narrows (the whole conjunct: the scan rechecks it): {@code doc
     * @> value}, or with the default operator class also {@code doc ? key}, {@code doc ?| keys} and
     * {@code doc ?& keys}, where doc is the index's document and the right side depends on no row.
     */
    private static BoundExpr jsonbSearch(List<BoundExpr> conjuncts, Index index) {
        BoundExpr document = index.jsonbGinDocument();
        boolean pathOps = index.opclass() != null;
        for (BoundExpr c : conjuncts) {
            List<BoundExpr> args = switch (c) {
                case io.kyrodb.engine.expr.ContainerFunctionExpr f
                        when f.function() == io.kyrodb.engine.expr.ContainerFunction.JSON_CONTAINS
                        || !pathOps && f.function() == io.kyrodb.engine.expr.ContainerFunction.JSON_EXISTS -> f.arguments();
                case io.kyrodb.engine.expr.BuiltinExpr b when !pathOps
                        && (b.function() == io.kyrodb.engine.expr.JsonbFunction.EXISTS_ANY
                        || b.function() == io.kyrodb.engine.expr.JsonbFunction.EXISTS_ALL) -> b.arguments();
                default -> null;
            };
            if (args != null && args.size() == 2 && IndexExpressions.same(args.get(0), document)
                    && readsNoRow(args.get(1))) {
                return c;
            }
        }
        return null;
    }

    /** The tsquery of a conjunct {@code key @@ query} on a GIN index's key, with a query that depends on no row; else null. */
    private static BoundExpr textSearch(List<BoundExpr> conjuncts, Index index) {
        for (BoundExpr c : conjuncts) {
            if (c instanceof io.kyrodb.engine.expr.BuiltinExpr b && b.function() == io.kyrodb.engine.expr.TextSearchFunction.MATCH
                    && isKey(b.arguments().get(0), index) && readsNoRow(b.arguments().get(1))) {
                return b.arguments().get(1);
            }
        }
        return null;
    }

    /**
     * A GIN index scan for a join input: a condition {@code key @@ query} among {@code conditions}
     * (over the joined row, the table's columns from {@code offset}) whose key is a GIN index's key
     * of {@code table} and whose query reads no row; else null.
     */
    static IndexScanNode textSearch(Catalog catalog, Table table, int offset, List<BoundExpr> conditions) {
        if (!ENABLED) {
            return null;
        }
        List<BoundExpr> local = new ArrayList<>();
        for (BoundExpr c : conditions) {
            if (c instanceof io.kyrodb.engine.expr.BuiltinExpr b && b.function() == io.kyrodb.engine.expr.TextSearchFunction.MATCH
                    && readsNoRow(b.arguments().get(1))) {
                BoundExpr key = shifted(b.arguments().get(0), offset, table.columns().size());
                if (key != null) {
                    local.add(new io.kyrodb.engine.expr.BuiltinExpr(b.function(), List.of(key, b.arguments().get(1)), b.type()));
                }
            }
        }
        for (Index index : catalog.indexesOf(table.name())) {
            if (index.gin() && index.where() == null) {
                BoundExpr q = textSearch(local, index);
                if (q != null) {
                    return new IndexScanNode(table, index, List.of(q), null, false, null, false);
                }
            }
        }
        return null;
    }

    /** {@code e} over the table's own columns (renumbered from 0), if it reads only them through columns, casts and calls; else null. */
    private static BoundExpr shifted(BoundExpr e, int offset, int width) {
        return switch (e) {
            case io.kyrodb.engine.expr.ColumnExpr col -> col.index() >= offset && col.index() < offset + width
                    ? new io.kyrodb.engine.expr.ColumnExpr(col.index() - offset, col.type(), col.table(), col.name(),
                    col.nullable(), col.alias()) : null;
            case io.kyrodb.engine.expr.ConstExpr k -> k;
            case io.kyrodb.engine.expr.CastExpr cast -> {
                BoundExpr operand = shifted(cast.operand(), offset, width);
                yield operand == null ? null : new io.kyrodb.engine.expr.CastExpr(operand, cast.type(), cast.explicit());
            }
            case io.kyrodb.engine.expr.BuiltinExpr b -> {
                List<BoundExpr> args = new ArrayList<>();
                for (BoundExpr a : b.arguments()) {
                    BoundExpr s = shifted(a, offset, width);
                    if (s == null) {
                        yield null;
                    }
                    args.add(s);
                }
                yield new io.kyrodb.engine.expr.BuiltinExpr(b.function(), List.copyOf(args), b.type());
            }
            default -> null;
        };
    }

    /** Whether {@code e} is computed from no column of the row: constants, parameters and calls over them (to_tsquery('...')). */
    private static boolean readsNoRow(BoundExpr e) {
        if (KeyLookups.isRowIndependent(e)) {
            return true;
        }
        boolean[] reads = {false};
        io.kyrodb.engine.expr.ExprTree.forEach(e, x -> reads[0] |= x instanceof io.kyrodb.engine.expr.ColumnExpr
                || x instanceof io.kyrodb.engine.expr.ScalarSubqueryExpr || x instanceof io.kyrodb.engine.expr.ExistsExpr
                || x instanceof io.kyrodb.engine.expr.InSubqueryExpr || x instanceof io.kyrodb.engine.expr.ArraySubqueryExpr);
        return !reads[0] && (e instanceof io.kyrodb.engine.expr.BuiltinExpr || e instanceof io.kyrodb.engine.expr.CastExpr
                || e instanceof io.kyrodb.engine.expr.ContainerFunctionExpr f   // ARRAY[...], jsonb_build_object(...)
                && f.function() != io.kyrodb.engine.expr.ContainerFunction.GEN_RANDOM_UUID);
    }

    /** The other side of {@code key = value}, or null. */
    private static BoundExpr value(CompareExpr cmp, Index index) {
        if (isKey(cmp.left(), index) && KeyLookups.isRowIndependent(cmp.right())) {
            return cmp.right();
        }
        if (isKey(cmp.right(), index) && KeyLookups.isRowIndependent(cmp.left())) {
            return cmp.left();
        }
        return null;
    }

    /**
     * Whether {@code e} is the index's leading key: its column, or an expression that computes what
     * the index's expression does (a text comparison's implicit cast to text aside).
     */
    static boolean isKey(BoundExpr e, Index index) {
        BoundExpr key = index.expression(0);
        if (key == null) {
            return KeyLookups.isColumn(e, index.column(0));
        }
        if (IndexExpressions.same(e, key)) {
            return true;
        }
        return e instanceof io.kyrodb.engine.expr.CastExpr cast && !cast.explicit()
                && cast.type().equals(key.type()) && IndexExpressions.same(cast.operand(), key);
    }

    /**
     * The cost-based choice between a secondary index and a scan, for a query of one table and for
     * each table of a join: whether a scan of a table of {@code tableRows} reads what
     * {@code access} (what {@link #find} chose, or its index-only form) would for less. Past
     * {@link #INDEX_SHARE} of the rows, as the conditions the index answers bound them
     * ({@link #narrowing} of {@code conjuncts}, which are over the table's columns; all of them for
     * an index no comparison narrows), reading them by index (a lookup of the row per entry) costs
     * more than one scan; an index-only scan (no lookup: the entries are the rows' values) past
     * {@link #INDEX_ONLY_SHARE}. Tables of at most {@link #SMALL_TABLE} rows keep the index (cheap
     * either way). {@code share} estimates the share of the rows a condition keeps.
     */
    static boolean scanCheaper(PlanNode access, List<BoundExpr> conjuncts, double tableRows,
                               java.util.function.ToDoubleFunction<BoundExpr> share) {
        if (tableRows <= SMALL_TABLE) {
            return false;
        }
        boolean indexOnly = access instanceof io.kyrodb.engine.exec.IndexOnlyScanNode;
        Index index = indexOnly ? ((io.kyrodb.engine.exec.IndexOnlyScanNode) access).lookup().index()
                : ((IndexScanNode) access).index();
        List<BoundExpr> read = narrowing(conjuncts, index);
        return share.applyAsDouble(Conjuncts.and(read.isEmpty() ? conjuncts : read))
                > (indexOnly ? INDEX_ONLY_SHARE : INDEX_SHARE);
    }

    /**
     * An index-only scan reads an entry for about 0.16 us (10,148 entries of lineitems counted in
     * 1.6 ms), three times what a scan pays a row but without the lookup: cheaper than the scan up
     * to about a third of the table.
     */
    static final double INDEX_ONLY_SHARE = 0.25;

    /**
     * A row found through a secondary index costs an index entry and a primary-key lookup, about
     * 3.5 us on a 2-core host whose memory misses cost 150 ns, where a scan reads a cached row for
     * about 55 ns: summing a column of 1,001,142 lineitems over a range of product ids took, by
     * index and by scan, 12.0 against 55.9 ms of CPU for 3,388 rows, 21.6 against 59.2 for 6,419,
     * 38.8 against 63.0 for 10,148 and 90 against 55 for 15,451 (a quarter, the share this was
     * before, made such queries up to 20 times slower than a scan).
     */
    static final double INDEX_SHARE = 0.01;
    static final double SMALL_TABLE = 1000;

    /**
     * The conditions among {@code conjuncts} (over the table's columns) that bound what a scan of
     * {@code index} reads: comparisons and IN lists on its key against values that read no row.
     * The planner weighs an index by these alone: {@code a > 0 AND rare = 'x'} keeps few rows but
     * walks nearly all of an index on a, looking each row up.
     */
    static List<BoundExpr> narrowing(List<BoundExpr> conjuncts, Index index) {
        List<BoundExpr> out = new ArrayList<>();
        if (index.gin()) {
            return out;
        }
        for (BoundExpr c : conjuncts) {
            boolean bounds = switch (c) {
                case CompareExpr cmp -> cmp.op() != BinaryOp.NE
                        && (isKey(cmp.left(), index) && KeyLookups.isRowIndependent(cmp.right())
                        || isKey(cmp.right(), index) && KeyLookups.isRowIndependent(cmp.left()));
                case InListExpr in -> !in.negated() && isKey(in.value(), index)
                        && in.list().stream().allMatch(KeyLookups::isRowIndependent);
                default -> false;
            };
            if (bounds) {
                out.add(c);
            }
        }
        return out;
    }

    private static IndexScanNode range(Table table, Index index, List<BoundExpr> conjuncts) {
        BoundExpr lower = null;
        BoundExpr upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = true;
        for (BoundExpr c : conjuncts) {
            if (!(c instanceof CompareExpr cmp)) {
                continue;
            }
            BinaryOp op = cmp.op();
            BoundExpr value;
            if (isKey(cmp.left(), index) && KeyLookups.isRowIndependent(cmp.right())) {
                value = cmp.right();
            } else if (isKey(cmp.right(), index) && KeyLookups.isRowIndependent(cmp.left())) {
                value = cmp.left();
                op = op.flipped();
            } else {
                continue;
            }
            if ((op == BinaryOp.GT || op == BinaryOp.GE) && lower == null) {
                lower = value;
                lowerInclusive = op == BinaryOp.GE;
            } else if ((op == BinaryOp.LT || op == BinaryOp.LE) && upper == null) {
                upper = value;
                upperInclusive = op == BinaryOp.LE;
            }
        }
        return lower == null && upper == null ? null
                : new IndexScanNode(table, index, null, lower, lowerInclusive, upper, upperInclusive);
    }
}
