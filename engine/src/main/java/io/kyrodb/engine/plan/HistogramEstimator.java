package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.InListExpr;
import io.kyrodb.engine.expr.IsNullExpr;
import io.kyrodb.engine.expr.LikeExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.NotExpr;
import io.kyrodb.engine.expr.OuterColumnExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.stats.ColumnStatistics;
import io.kyrodb.engine.stats.TableStatistics;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The baseline estimator, from ANALYZE's statistics (PostgreSQL's selfuncs, simplified): equality
 * by the most common values, else the remaining rows spread over the remaining distinct values;
 * ranges (several on one column merge into one interval) by the equi-depth histogram; IN lists as
 * a sum of equalities; {@code LIKE 'abc%'} as the range ['abc', 'abd'); IS NULL by the NULL share;
 * AND as a product, OR as {@code a + b - ab}, NOT as the complement; an equi-join keeps
 * {@code 1 / max(distinct left, distinct right)} of the pairs. Without statistics (or for what they
 * cannot answer) PostgreSQL's default selectivities apply and a table is taken to hold
 * {@link #DEFAULT_ROWS} rows.
 */
public final class HistogramEstimator implements CardinalityEstimator {
    public static final double DEFAULT_ROWS = 1000;
    static final double DEFAULT_EQ = 0.005;
    public static final double DEFAULT_RANGE = 1.0 / 3;
    static final double DEFAULT_MATCH = 0.005;
    static final double DEFAULT_UNKNOWN = 0.25;
    static final double DEFAULT_NULL = 0.005;

    private final Function<Table, TableStatistics> statistics;

    /** {@code statistics}: a table's current statistics, or null (may analyze it first). */
    public HistogramEstimator(Function<Table, TableStatistics> statistics) {
        this.statistics = statistics;
    }

    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public double tableRows(Table table) {
        TableStatistics s = statistics.apply(table);
        return s == null ? DEFAULT_ROWS : s.rows();
    }

    private ColumnStatistics stats(ColumnRef ref) {
        if (ref == null) {
            return null;
        }
        TableStatistics s = statistics.apply(ref.table());
        return s == null ? null : s.column(ref.column());
    }

    @Override
    public double selectivity(BoundExpr condition, Columns columns) {
        if (condition == null) {
            return 1;
        }
        List<BoundExpr> conjuncts = io.kyrodb.engine.expr.ExprTree.conjuncts(condition);
        if (conjuncts.size() > 1) {
            return conjunction(conjuncts, columns);
        }
        return clamp(single(condition, columns));
    }

    private double conjunction(List<BoundExpr> conjuncts, Columns columns) {
        // ranges on one column merge into an interval: a > 1 AND a < 5 is one histogram question
        Map<ColumnRef, Object[]> ranges = new LinkedHashMap<>();
        double s = 1;
        for (BoundExpr c : conjuncts) {
            Bound b = bound(c, columns);
            if (b != null) {
                Object[] r = ranges.computeIfAbsent(b.ref, k -> new Object[4]);
                int at = b.lower ? 0 : 2;
                if (r[at] == null || tighter(b.value, r[at], b.lower)) {
                    r[at] = b.value;
                    r[at + 1] = b.inclusive;
                }
                continue;
            }
            s *= clamp(single(c, columns));
        }
        for (Map.Entry<ColumnRef, Object[]> e : ranges.entrySet()) {
            Object[] r = e.getValue();
            s *= range(e.getKey(), r[0], r[1] == Boolean.TRUE, r[2], r[3] == Boolean.TRUE, r[0] != null && r[2] != null);
        }
        return clamp(s);
    }

    private static boolean tighter(Object v, Object current, boolean lower) {
        try {
            int c = io.kyrodb.engine.types.Values.compare(v, current);
            return lower ? c > 0 : c < 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private double single(BoundExpr c, Columns columns) {
        return switch (c) {
            case LogicalExpr l when l.isAnd() -> selectivity(l, columns);
            case LogicalExpr l -> {
                double a = clamp(single(l.left(), columns));
                double b = clamp(single(l.right(), columns));
                yield a + b - a * b;
            }
            case NotExpr n -> 1 - clamp(single(n.operand(), columns));
            case IsNullExpr n -> {
                ColumnStatistics cs = stats(column(n.operand(), columns));
                double nulls = cs == null ? DEFAULT_NULL : cs.nullFraction();
                yield n.negated() ? 1 - nulls : nulls;
            }
            case InListExpr in -> {
                ColumnRef ref = column(in.value(), columns);
                double sum = 0;
                for (BoundExpr item : in.list()) {
                    sum += equality(ref, item);
                }
                double nulls = nullShare(ref);
                sum = Math.min(sum, 1 - nulls);
                yield in.negated() ? Math.max(0, 1 - nulls - sum) : sum;
            }
            case LikeExpr like -> like(like, columns);
            case CompareExpr cmp -> compare(cmp, columns);
            case ConstExpr k when k.value() instanceof Boolean b -> b ? 1 : 0;
            default -> DEFAULT_UNKNOWN;
        };
    }

    private double compare(CompareExpr cmp, Columns columns) {
        ColumnRef l = column(cmp.left(), columns);
        ColumnRef r = column(cmp.right(), columns);
        BinaryOp op = cmp.op();
        if (l != null && r != null) {
            if (op == BinaryOp.EQ) {
                return equiJoinSelectivity(l, Double.MAX_VALUE, r, Double.MAX_VALUE);
            }
            return op == BinaryOp.NE ? 1 - DEFAULT_EQ : DEFAULT_RANGE;
        }
        ColumnRef ref = l;
        BoundExpr value = cmp.right();
        if (ref == null) {
            ref = r;
            value = cmp.left();
            op = op.flipped();
        }
        if (ref == null) {
            return op == BinaryOp.EQ ? DEFAULT_EQ : DEFAULT_UNKNOWN;
        }
        switch (op) {
            case EQ:
                return equality(ref, value);
            case NE:
                return Math.max(0, 1 - nullShare(ref) - equality(ref, value));
            case LT, LE, GT, GE: {
                Object v = constant(value);
                if (v == null) {
                    return DEFAULT_RANGE;
                }
                boolean lower = op == BinaryOp.GT || op == BinaryOp.GE;
                boolean inclusive = op == BinaryOp.GE || op == BinaryOp.LE;
                return lower ? range(ref, v, inclusive, null, false, false) : range(ref, null, false, v, inclusive, false);
            }
            default:
                return DEFAULT_UNKNOWN;
        }
    }

    private double equality(ColumnRef ref, BoundExpr value) {
        ColumnStatistics cs = stats(ref);
        if (cs == null) {
            return DEFAULT_EQ;
        }
        Object v = constant(value);
        if (v == null) {
            return isRowIndependent(value) && !(value instanceof ConstExpr) ? cs.equalSelectivityUnknown()
                    : value instanceof ConstExpr ? 0 : cs.equalSelectivityUnknown();
        }
        try {
            return cs.equalSelectivity(v);
        } catch (RuntimeException e) {
            return cs.equalSelectivityUnknown();
        }
    }

    private double range(ColumnRef ref, Object lo, boolean loInclusive, Object hi, boolean hiInclusive, boolean both) {
        ColumnStatistics cs = stats(ref);
        double fallback = both ? DEFAULT_RANGE * DEFAULT_RANGE * 3 : DEFAULT_RANGE;   // PostgreSQL: 0.005 for a closed range with no stats; ours a bit wider
        if (cs == null) {
            return fallback;
        }
        try {
            double s = cs.rangeSelectivity(lo, loInclusive, hi, hiInclusive);
            return s < 0 ? fallback : s;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private double like(LikeExpr like, Columns columns) {
        ColumnRef ref = column(like.value(), columns);
        Object p = constant(like.pattern());
        double s = DEFAULT_MATCH;
        if (ref != null && p instanceof String pattern && !like.caseInsensitive()) {
            int wild = firstWildcard(pattern);
            if (wild < 0) {
                s = equality(ref, new ConstExpr(pattern, like.pattern().type()));
            } else if (wild > 0) {
                String prefix = pattern.substring(0, wild);
                String next = successor(prefix);
                double prefixShare = next == null ? range(ref, prefix, true, null, false, false)
                        : range(ref, prefix, true, next, false, true);
                // a pattern that goes on after the wildcard keeps a share of those
                s = wild == pattern.length() - 1 && pattern.charAt(wild) == '%' ? prefixShare : prefixShare * 0.5;
            }
        }
        return like.negated() ? Math.max(0, 1 - nullShare(ref) - s) : s;
    }

    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '%' || ch == '_' || ch == '\\') {
                return i;
            }
        }
        return -1;
    }

    /** The smallest string above every string starting with {@code prefix}, or null. */
    private static String successor(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        if (last == Character.MAX_VALUE || Character.isSurrogate(last)) {
            return null;
        }
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    @Override
    public double equiJoinSelectivity(ColumnRef left, double leftRows, ColumnRef right, double rightRows) {
        ColumnStatistics l = stats(left);
        ColumnStatistics r = stats(right);
        if (l == null && r == null) {
            return DEFAULT_EQ;
        }
        double dl = l == null ? 0 : Math.min(l.distinct(), leftRows);
        double dr = r == null ? 0 : Math.min(r.distinct(), rightRows);
        double nulls = (1 - (l == null ? 0 : l.nullFraction())) * (1 - (r == null ? 0 : r.nullFraction()));
        return clamp(nulls / Math.max(1, Math.max(dl, dr)));
    }

    @Override
    public double groups(List<ColumnRef> columns, double inputRows) {
        if (columns.isEmpty()) {
            return 1;
        }
        double g = 1;
        for (ColumnRef ref : columns) {
            ColumnStatistics cs = stats(ref);
            double d = cs == null ? 200 : cs.distinct() + (cs.nullFraction() > 0 ? 1 : 0);
            g *= Math.max(1, d);
            if (g >= inputRows) {
                break;
            }
        }
        return Math.max(1, Math.min(g, inputRows));
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private record Bound(ColumnRef ref, Object value, boolean lower, boolean inclusive) {
    }

    /** {@code c} as one side of a range on a column with a known value, or null. */
    private static Bound bound(BoundExpr c, Columns columns) {
        if (!(c instanceof CompareExpr cmp)) {
            return null;
        }
        BinaryOp op = cmp.op();
        ColumnRef ref = column(cmp.left(), columns);
        BoundExpr value = cmp.right();
        if (ref == null) {
            ref = column(cmp.right(), columns);
            value = cmp.left();
            op = op.flipped();
        } else if (column(cmp.right(), columns) != null) {
            return null;
        }
        Object v = constant(value);
        if (ref == null || v == null) {
            return null;
        }
        return switch (op) {
            case GT -> new Bound(ref, v, true, false);
            case GE -> new Bound(ref, v, true, true);
            case LT -> new Bound(ref, v, false, false);
            case LE -> new Bound(ref, v, false, true);
            default -> null;
        };
    }

    private double nullShare(ColumnRef ref) {
        ColumnStatistics cs = stats(ref);
        return cs == null ? 0 : cs.nullFraction();
    }

    static ColumnRef column(BoundExpr e, Columns columns) {
        while (e instanceof CastExpr cast && !cast.explicit()) {
            e = cast.operand();
        }
        return e instanceof ColumnExpr col ? columns.at(col.index()) : null;
    }

    /** The value of a constant (through casts the binder added), or null if it is not known before running. */
    private static Object constant(BoundExpr e) {
        if (e instanceof CastExpr cast && cast.operand() instanceof ConstExpr k && k.value() != null) {
            try {
                return cast.eval(null, null);
            } catch (RuntimeException ex) {
                return null;
            }
        }
        return e instanceof ConstExpr k ? k.value() : null;
    }

    private static boolean isRowIndependent(BoundExpr e) {
        return e instanceof ParamExpr || e instanceof OuterColumnExpr || e instanceof ScalarSubqueryExpr
                || (e instanceof CastExpr c && isRowIndependent(c.operand()));
    }


    private static double clamp(double s) {
        return Double.isNaN(s) ? DEFAULT_UNKNOWN : Math.clamp(s, 0, 1);
    }
}
