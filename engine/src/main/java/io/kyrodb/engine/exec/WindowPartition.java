package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Values;
import io.kyrodb.engine.types.Interval;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameExclusion;
import io.kyrodb.sql.ast.Expr.FrameUnit;

import java.util.List;

/**
 * Computes a {@link WindowNode}'s calls for one partition, whose rows (sorted by the window's
 * ORDER BY) it reads by position (held in memory, or read back from a spill file), and returns
 * each call's value for each row (the rows are not changed). Peers are
 * rows equal in every ORDER BY value (all rows, without ORDER BY). An aggregate whose frame starts
 * at the partition's first row is accumulated as the frame's end moves forward; other frames are
 * aggregated row by row.
 */
final class WindowPartition {
    private final ExecContext ctx;
    private final List<Object[]> rows;
    private final WindowNode node;
    private final int n;
    /** For each row: the first row of its peer group, one past its last, and the group's number. */
    private final int[] peerStart;
    private final int[] peerEnd;
    private final int[] group;
    /** values[c][i]: call c's value for row i. */
    private final Object[][] values;

    WindowPartition(ExecContext ctx, List<Object[]> rows, WindowNode node) {
        this.ctx = ctx;
        this.rows = rows;
        this.node = node;
        this.n = rows.size();
        this.peerStart = new int[n];
        this.peerEnd = new int[n];
        this.group = new int[n];
        this.values = new Object[node.calls().size()][n];
        int start = 0;
        int g = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || !peers(rows.get(i - 1), rows.get(i))) {
                for (int k = start; k < i; k++) {
                    peerStart[k] = start;
                    peerEnd[k] = i;
                    group[k] = g;
                }
                start = i;
                g++;
            }
        }
    }

    private boolean peers(Object[] a, Object[] b) {
        for (int i = 0; i < node.order().size(); i++) {
            int c = node.orderColumn(i);
            if (!Values.sameValue(a[c], b[c])) {
                return false;
            }
        }
        return true;
    }

    /** Each call's value for each row: {@code [call][row]}. */
    Object[][] compute() {
        for (int c = 0; c < node.calls().size(); c++) {
            WindowCall call = node.calls().get(c);
            if (call.function().usesFrame()) {
                frameFunction(call, c);
            } else {
                for (int i = 0; i < n; i++) {
                    if ((i & 1023) == 0) {
                        ctx.checkCancel();
                    }
                    values[c][i] = rankOrOffset(call, i);
                }
            }
        }
        return values;
    }

    private Object arg(WindowCall call, int k, int row) {
        return call.arguments().get(k).eval(rows.get(row), ctx);
    }

    private Object rankOrOffset(WindowCall call, int i) {
        return switch (call.function()) {
            case ROW_NUMBER -> (long) i + 1;
            case RANK -> (long) peerStart[i] + 1;
            case DENSE_RANK -> (long) group[i] + 1;
            case PERCENT_RANK -> n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
            case CUME_DIST -> (double) peerEnd[i] / n;
            case NTILE -> {
                Object v = arg(call, 0, i);
                if (v == null) {
                    yield null;
                }
                long buckets = ((Number) v).longValue();
                if (buckets <= 0) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
                }
                yield ntile(i, buckets);
            }
            case LAG, LEAD -> {
                long offset = 1;
                if (call.arguments().size() > 1) {
                    Object o = arg(call, 1, i);
                    if (o == null) {
                        yield null;
                    }
                    offset = ((Number) o).longValue();
                }
                long target = call.function() == WindowFunction.LAG ? i - offset : i + offset;
                if (target < 0 || target >= n) {
                    yield call.arguments().size() > 2 ? arg(call, 2, i) : null;
                }
                yield arg(call, 0, (int) target);
            }
            default -> throw new IllegalStateException("not a ranking function: " + call.function());
        };
    }

    /** PostgreSQL's ntile: n / buckets rows per bucket, the first n % buckets buckets one row more. */
    private int ntile(int i, long buckets) {
        long per = n / buckets;
        long extra = n % buckets;
        long bigRows = extra * (per + 1);
        if (i < bigRows) {
            return (int) (i / (per + 1)) + 1;
        }
        return (int) (extra + (i - bigRows) / per) + 1;
    }

    // ---- Frames -----------------------------------------------------------------------------------

    private void frameFunction(WindowCall call, int c) {
        WindowFrame f = call.frame();
        Object startOffset = offset(f, f.startOffset(), "starting");
        Object endOffset = offset(f, f.endOffset(), "ending");
        boolean excludes = f.exclusion() != FrameExclusion.NO_OTHERS;
        boolean running = call.function() == WindowFunction.AGGREGATE && f.startKind() == BoundKind.UNBOUNDED_PRECEDING
                && !excludes;
        Accumulator acc = running ? call.aggregate().newAccumulator() : null;
        int added = 0;   // rows [0, added) are in the running accumulator
        for (int i = 0; i < n; i++) {
            if ((i & 1023) == 0) {
                ctx.checkCancel();
            }
            int from = Math.max(0, start(f, i, startOffset));
            int to = Math.min(n, end(f, i, endOffset));   // exclusive
            // the excluded rows [exFrom, exTo), except row i itself for TIES
            int exFrom = 0;
            int exTo = 0;
            switch (f.exclusion()) {
                case CURRENT_ROW -> { exFrom = i; exTo = i + 1; }
                case GROUP, TIES -> { exFrom = peerStart[i]; exTo = peerEnd[i]; }
                case NO_OTHERS -> { }
            }
            boolean keepSelf = f.exclusion() == FrameExclusion.TIES;
            Object value;
            if (call.function() == WindowFunction.AGGREGATE) {
                if (running) {
                    while (added < to) {
                        add(call, acc, added++);
                    }
                    value = acc.result();
                } else {
                    Accumulator a = call.aggregate().newAccumulator();
                    for (int k = from; k < to; k++) {
                        if (k >= exFrom && k < exTo && !(keepSelf && k == i)) {
                            continue;
                        }
                        add(call, a, k);
                    }
                    value = a.result();
                }
            } else {
                value = frameValue(call, i, from, to, exFrom, exTo, keepSelf);
            }
            values[c][i] = value;
        }
    }

    private void add(WindowCall call, Accumulator acc, int row) {
        if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(rows.get(row), ctx))) {
            return;
        }
        BoundExpr argument = call.aggregate().argument();
        acc.add(argument == null ? null : argument.eval(rows.get(row), ctx));
    }

    /** first_value, last_value, nth_value over the frame [from, to) less [exFrom, exTo) (row i kept if keepSelf). */
    private Object frameValue(WindowCall call, int i, int from, int to, int exFrom, int exTo, boolean keepSelf) {
        long nth = 1;
        if (call.function() == WindowFunction.NTH_VALUE) {
            Object v = arg(call, 1, i);
            if (v == null) {
                return null;
            }
            nth = ((Number) v).longValue();
            if (nth <= 0) {
                throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                        "argument of nth_value must be greater than zero");
            }
        }
        boolean last = call.function() == WindowFunction.LAST_VALUE;
        long seen = 0;
        for (int k = last ? to - 1 : from; last ? k >= from : k < to; k += last ? -1 : 1) {
            if (k >= exFrom && k < exTo && !(keepSelf && k == i)) {
                continue;
            }
            if (++seen == nth) {
                return arg(call, 0, k);
            }
        }
        return null;
    }

    /** A frame offset of the partition: a long for ROWS and GROUPS, the value itself for RANGE. */
    private Object offset(WindowFrame f, BoundExpr e, String which) {
        if (e == null) {
            return 0L;
        }
        Object v = e.eval(rows.get(0), ctx);
        if (v == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
        }
        boolean negative = v instanceof Number num ? Values.compare(num, 0L) < 0
                : v instanceof Interval iv && iv.compareTo(new Interval(0, 0, 0)) < 0;
        if (negative) {
            throw new KyroException(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, f.unit() == FrameUnit.RANGE
                    ? "invalid preceding or following size in window function" : "frame " + which
                    + " offset must not be negative");
        }
        return f.unit() == FrameUnit.RANGE ? v : (Object) ((Number) v).longValue();
    }

    /** The first row of row {@code i}'s frame (may be below 0 or past the end). */
    private int start(WindowFrame f, int i, Object offset) {
        return switch (f.startKind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case UNBOUNDED_FOLLOWING -> n;
            case CURRENT_ROW -> f.unit() == FrameUnit.ROWS ? i : peerStart[i];
            case PRECEDING, FOLLOWING -> {
                boolean back = f.startKind() == BoundKind.PRECEDING;
                yield switch (f.unit()) {
                    case ROWS -> (int) clamp(back ? i - (long) offset : i + (long) offset);
                    case GROUPS -> groupStart(back ? group[i] - (long) offset : group[i] + (long) offset);
                    case RANGE -> rangeStart(i, f.range(), offset, back);
                };
            }
        };
    }

    /** One past the last row of row {@code i}'s frame. */
    private int end(WindowFrame f, int i, Object offset) {
        return switch (f.endKind()) {
            case UNBOUNDED_FOLLOWING -> n;
            case UNBOUNDED_PRECEDING -> 0;
            case CURRENT_ROW -> f.unit() == FrameUnit.ROWS ? i + 1 : peerEnd[i];
            case PRECEDING, FOLLOWING -> {
                boolean back = f.endKind() == BoundKind.PRECEDING;
                yield switch (f.unit()) {
                    case ROWS -> (int) clamp((back ? i - (long) offset : i + (long) offset) + 1);
                    case GROUPS -> groupStart((back ? group[i] - (long) offset : group[i] + (long) offset) + 1);
                    case RANGE -> rangeEnd(i, f.range(), offset, back);
                };
            }
        };
    }

    private long clamp(long v) {
        return Math.max(-1, Math.min(n + 1L, v));
    }

    /** The first row of peer group {@code g} (0 below the first group, n past the last). */
    private int groupStart(long g) {
        if (g <= 0) {
            return 0;
        }
        if (g > group[n - 1]) {
            return n;
        }
        int i = 0;
        while (group[i] < g) {
            i = peerEnd[i];
        }
        return i;
    }

    // RANGE with an offset: one ORDER BY column; rows whose value is within the distance of the
    // row's (NULLs, at one end of the sorted partition, are peers only of each other). The values
    // ascend (or descend) through [nonNullFrom, nonNullTo), so bounds are found by binary search.

    private int nonNullFrom = -1;
    private int nonNullTo;
    private Object[] widened;

    private Object orderValue(int row) {
        return rows.get(row)[node.orderColumn(0)];
    }

    private void prepareRange(WindowFrame.RangeOffset range) {
        if (widened != null) {
            return;
        }
        widened = new Object[n];
        nonNullFrom = n;
        nonNullTo = 0;
        for (int k = 0; k < n; k++) {
            Object v = orderValue(k);
            if (v != null) {
                nonNullFrom = Math.min(nonNullFrom, k);
                nonNullTo = k + 1;
                widened[k] = range.widen().eval(new Object[]{v}, ctx);
            }
        }
    }

    private boolean descending() {
        return node.orderKeys().get(0).descending();
    }

    /** The value {@code offset} away from row {@code i}'s, toward the partition's start ({@code back}) or end. */
    private Object boundValue(int i, WindowFrame.RangeOffset range, Object offset, boolean back) {
        Object[] pair = {orderValue(i), offset};
        return (back != descending()) ? range.minus().eval(pair, ctx) : range.plus().eval(pair, ctx);
    }

    /** Whether row {@code k}'s value comes before {@code bound} in the window's order. */
    private boolean before(int k, Object bound) {
        int c = Values.compare(widened[k], bound);
        return descending() ? c > 0 : c < 0;
    }

    private boolean after(int k, Object bound) {
        int c = Values.compare(widened[k], bound);
        return descending() ? c < 0 : c > 0;
    }

    private int rangeStart(int i, WindowFrame.RangeOffset range, Object offset, boolean back) {
        prepareRange(range);
        if (orderValue(i) == null) {
            return peerStart[i];
        }
        Object bound = boundValue(i, range, offset, back);
        int lo = nonNullFrom;
        int hi = nonNullTo;   // first non-null row not before the bound
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(mid, bound)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int rangeEnd(int i, WindowFrame.RangeOffset range, Object offset, boolean back) {
        prepareRange(range);
        if (orderValue(i) == null) {
            return peerEnd[i];
        }
        Object bound = boundValue(i, range, offset, back);
        int lo = nonNullFrom;
        int hi = nonNullTo;   // first non-null row after the bound
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (after(mid, bound)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
