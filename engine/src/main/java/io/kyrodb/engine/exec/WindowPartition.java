package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameUnit;

import java.util.List;

/**
 * Computes a {@link WindowNode}'s calls for one partition, whose rows (sorted by the window's
 * ORDER BY) are all in memory, and writes each value into the row's slot for its call. Peers are
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

    WindowPartition(ExecContext ctx, List<Object[]> rows, WindowNode node) {
        this.ctx = ctx;
        this.rows = rows;
        this.node = node;
        this.n = rows.size();
        this.peerStart = new int[n];
        this.peerEnd = new int[n];
        this.group = new int[n];
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

    void compute() {
        for (int c = 0; c < node.calls().size(); c++) {
            WindowCall call = node.calls().get(c);
            int slot = node.slots()[c];
            if (call.function().usesFrame()) {
                frameFunction(call, slot);
            } else {
                for (int i = 0; i < n; i++) {
                    if ((i & 1023) == 0) {
                        ctx.checkCancel();
                    }
                    rows.get(i)[slot] = rankOrOffset(call, i);
                }
            }
        }
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

    private void frameFunction(WindowCall call, int slot) {
        WindowFrame f = call.frame();
        long startOffset = offset(f.startOffset(), "starting");
        long endOffset = offset(f.endOffset(), "ending");
        boolean running = call.function() == WindowFunction.AGGREGATE && f.startKind() == BoundKind.UNBOUNDED_PRECEDING;
        Accumulator acc = running ? call.aggregate().newAccumulator() : null;
        int added = 0;   // rows [0, added) are in the running accumulator
        for (int i = 0; i < n; i++) {
            if ((i & 1023) == 0) {
                ctx.checkCancel();
            }
            int from = Math.max(0, start(f, i, startOffset));
            int to = Math.min(n, end(f, i, endOffset));   // exclusive
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
                        add(call, a, k);
                    }
                    value = a.result();
                }
            } else {
                value = frameValue(call, i, from, to);
            }
            rows.get(i)[slot] = value;
        }
    }

    private void add(WindowCall call, Accumulator acc, int row) {
        if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(rows.get(row), ctx))) {
            return;
        }
        BoundExpr argument = call.aggregate().argument();
        acc.add(argument == null ? null : argument.eval(rows.get(row), ctx));
    }

    private Object frameValue(WindowCall call, int i, int from, int to) {
        if (from >= to) {
            return null;
        }
        return switch (call.function()) {
            case FIRST_VALUE -> arg(call, 0, from);
            case LAST_VALUE -> arg(call, 0, to - 1);
            case NTH_VALUE -> {
                Object v = arg(call, 1, i);
                if (v == null) {
                    yield null;
                }
                long nth = ((Number) v).longValue();
                if (nth <= 0) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                            "argument of nth_value must be greater than zero");
                }
                yield from + nth - 1 < to ? arg(call, 0, (int) (from + nth - 1)) : null;
            }
            default -> throw new IllegalStateException("not a frame function: " + call.function());
        };
    }

    private long offset(BoundExpr e, String which) {
        if (e == null) {
            return 0;
        }
        Object v = e.eval(rows.get(0), ctx);
        if (v == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
        }
        if (v instanceof Number num && num.doubleValue() < 0) {
            throw new KyroException(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame " + which
                    + " offset must not be negative");
        }
        return ((Number) v).longValue();   // RANGE distances are read by distance()
    }

    /** The first row of row {@code i}'s frame (may be below 0 or past the end). */
    private int start(WindowFrame f, int i, long offset) {
        return switch (f.startKind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case UNBOUNDED_FOLLOWING -> n;
            case CURRENT_ROW -> f.unit() == FrameUnit.ROWS ? i : peerStart[i];
            case PRECEDING, FOLLOWING -> {
                boolean back = f.startKind() == BoundKind.PRECEDING;
                yield switch (f.unit()) {
                    case ROWS -> (int) clamp(back ? i - offset : i + offset);
                    case GROUPS -> groupStart(back ? group[i] - offset : group[i] + offset);
                    case RANGE -> rangeStart(i, f.startOffset(), back);
                };
            }
        };
    }

    /** One past the last row of row {@code i}'s frame. */
    private int end(WindowFrame f, int i, long offset) {
        return switch (f.endKind()) {
            case UNBOUNDED_FOLLOWING -> n;
            case UNBOUNDED_PRECEDING -> 0;
            case CURRENT_ROW -> f.unit() == FrameUnit.ROWS ? i + 1 : peerEnd[i];
            case PRECEDING, FOLLOWING -> {
                boolean back = f.endKind() == BoundKind.PRECEDING;
                yield switch (f.unit()) {
                    case ROWS -> (int) clamp((back ? i - offset : i + offset) + 1);
                    case GROUPS -> groupStart((back ? group[i] - offset : group[i] + offset) + 1);
                    case RANGE -> rangeEnd(i, f.endOffset(), back);
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

    // RANGE with an offset: one numeric ORDER BY column; rows whose value is within the distance.

    private double orderValue(int row) {
        Object v = rows.get(row)[node.orderColumn(0)];
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private double distance(BoundExpr offset) {
        return ((Number) offset.eval(rows.get(0), ctx)).doubleValue();
    }

    private boolean descending() {
        return node.orderKeys().get(0).descending();
    }

    private int rangeStart(int i, BoundExpr offset, boolean back) {
        double v = orderValue(i);
        if (Double.isNaN(v)) {
            return peerStart[i];
        }
        double d = distance(offset);
        double bound = (back != descending()) ? v - d : v + d;
        int k = 0;
        while (k < n && (Double.isNaN(orderValue(k)) || (descending() ? orderValue(k) > bound : orderValue(k) < bound))) {
            k++;
        }
        return k;
    }

    private int rangeEnd(int i, BoundExpr offset, boolean back) {
        double v = orderValue(i);
        if (Double.isNaN(v)) {
            return peerEnd[i];
        }
        double d = distance(offset);
        double bound = (back != descending()) ? v - d : v + d;
        int k = n;
        while (k > 0 && (Double.isNaN(orderValue(k - 1))
                || (descending() ? orderValue(k - 1) < bound : orderValue(k - 1) > bound))) {
            k--;
        }
        return k;
    }
}
