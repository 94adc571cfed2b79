package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.AggregateCall;
import io.kyrodb.engine.exec.AggregateFunction;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.SortKey;
import io.kyrodb.engine.exec.WindowCall;
import io.kyrodb.engine.exec.WindowFrame;
import io.kyrodb.engine.exec.WindowFunction;
import io.kyrodb.engine.exec.WindowNode;
import io.kyrodb.engine.expr.ArithmeticExpr;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.DateTimeArithmeticExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameUnit;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The window function calls of one SELECT: binds each {@code f(...) OVER (...)} (resolving named
 * windows of the WINDOW clause), gives it the column {@code base + i} of the rows the window nodes
 * produce, and plans one {@link WindowNode} per distinct window (PARTITION BY and ORDER BY).
 * {@code base}: the width of the rows below the windows (the FROM row, or the groups and an upper
 * bound of the aggregates).
 */
final class Windowing {
    /** The partitioning and ordering of a window, bound; calls with equal windows share a node. */
    private record Window(List<BoundExpr> partition, List<BoundExpr> order, List<SortKey> keys) {
    }

    private final Binder binder;
    private final int base;
    private final Map<String, Statement.WindowDefinition> named = new HashMap<>();
    private final List<WindowCall> calls = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();

    Windowing(Binder binder, int base, List<Statement.WindowDefinition> definitions) {
        this.binder = binder;
        this.base = base;
        for (Statement.WindowDefinition d : definitions) {
            if (named.put(d.name(), d) != null) {
                throw binder.error(SqlState.WINDOWING_ERROR, "window \"" + d.name() + "\" is already defined", d.pos());
            }
        }
    }

    /** Functions that exist only as window functions. */
    static boolean isWindowOnly(String name) {
        return WindowFunction.ofName(name) != null;
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The window nodes computing every call, over {@code child}. */
    PlanNode plan(PlanNode child) {
        return plan(child, new int[0], false);
    }

    /**
     * The window nodes computing every call, over {@code child}, whose rows arrive sorted by the
     * columns {@code inputOrder} ({@link InputOrder}). A window whose PARTITION BY is a leading part of
     * that order (those columns, in that order) needs no sort of the whole input, only of each
     * partition. With {@code keepOrder}, when every window is such a window, the nodes keep the
     * input's order ({@link #keptInputOrder}).
     */
    PlanNode plan(PlanNode child, int[] inputOrder, boolean keepOrder) {
        int width = base + calls.size();
        List<Window> distinct = new ArrayList<>();
        for (Window w : windows) {
            if (!distinct.contains(w)) {
                distinct.add(w);
            }
        }
        keptInputOrder = keepOrder && distinct.stream().allMatch(w -> arrivesPartitioned(w, inputOrder));
        PlanNode node = child;
        outputOrder = new int[0];
        for (Window w : distinct) {
            // past the first node, rows arrive in the input's order only if that node kept it
            boolean presorted = (node == child || keptInputOrder) && arrivesPartitioned(w, inputOrder);
            outputOrder = presorted ? new int[0] : leadingColumns(w.partition());
            List<WindowCall> mine = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                if (windows.get(i).equals(w)) {
                    mine.add(calls.get(i));
                    slots.add(base + i);
                }
            }
            node = new WindowNode(node, width, w.partition(), w.order(), w.keys(), List.copyOf(mine),
                    slots.stream().mapToInt(Integer::intValue).toArray(), presorted, keptInputOrder);
        }
        return node;
    }

    /** Whether the last {@link #plan} kept its input's order (the rows come out as they went in). */
    private boolean keptInputOrder;
    /** See {@link #outputOrder()}. */
    private int[] outputOrder = new int[0];

    /**
     * The columns the last {@link #plan}'s rows come out sorted by, ascending with NULLs last: the
     * leading plain columns of its last window node's PARTITION BY when that node sorted its input
     * (then by the rest of its partition and its ORDER BY); else none.
     */
    int[] outputOrder() {
        return outputOrder;
    }

    /** The columns of {@code partition} up to its first expression that is not a plain column. */
    private static int[] leadingColumns(List<BoundExpr> partition) {
        int n = 0;
        while (n < partition.size() && partition.get(n) instanceof ColumnExpr) {
            n++;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((ColumnExpr) partition.get(i)).index();
        }
        return out;
    }

    boolean keptInputOrder() {
        return keptInputOrder;
    }

    /** Whether rows sorted by {@code inputOrder} arrive grouped by {@code w}'s partitions, in their sort order. */
    private boolean arrivesPartitioned(Window w, int[] inputOrder) {
        if (w.partition().size() > inputOrder.length) {
            return false;
        }
        for (int i = 0; i < w.partition().size(); i++) {
            if (!(w.partition().get(i) instanceof ColumnExpr c) || c.index() != inputOrder[i] || c.index() >= base) {
                return false;
            }
        }
        return true;
    }

    /** Binds a window function call found by {@code caller}; returns the column of its value. */
    BoundExpr bind(ExprBinder caller, Expr.FunctionCall f) {
        ExprBinder input = caller.insideWindow();
        Expr.WindowSpec spec = resolve(f.over());
        WindowFunction fn = WindowFunction.ofName(f.name());
        boolean aggregate = fn == null && ExprBinder.isAggregate(f.name());
        if (JsonAggregates.isJsonAggregate(f.name())) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, f.name() + " is not supported as a window function in KyroDB"
                    + " (aggregate in a subquery instead)", f.pos());
        }
        if (fn == null && !aggregate) {
            throw binder.error(SqlState.WRONG_OBJECT_TYPE, "OVER specified, but " + f.name()
                    + " is not a window function nor an aggregate function", f.pos());
        }
        if (f.distinct()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "DISTINCT is not implemented for window functions", f.pos());
        }
        if (!f.orderBy().isEmpty()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "aggregate ORDER BY is not implemented for window functions",
                    f.pos());
        }
        if (f.filter() != null && !aggregate) {
            throw binder.error(SqlState.SYNTAX_ERROR, "FILTER is not implemented for non-aggregate window functions",
                    f.pos());
        }
        List<BoundExpr> partition = new ArrayList<>();
        for (Expr e : spec.partitionBy()) {
            partition.add(input.inClause("window PARTITION BY").bind(e, null));
        }
        List<BoundExpr> order = new ArrayList<>();
        List<SortKey> keys = new ArrayList<>();
        for (Statement.SortItem s : spec.orderBy()) {
            order.add(input.inClause("window ORDER BY").bind(s.expr(), null));
            keys.add(new SortKey(keys.size(), s.descending(), s.nullsFirst() != null ? s.nullsFirst() : s.descending()));
        }
        WindowFrame frame = frame(spec, order, input);
        WindowCall call;
        if (aggregate) {
            AggregateCall agg = aggregateCall(f, input);
            BoundExpr filter = f.filter() == null ? null : input.condition(f.filter(), "FILTER");
            call = new WindowCall(WindowFunction.AGGREGATE, agg.argument() == null ? List.of() : List.of(agg.argument()),
                    agg, filter, frame, agg.type());
        } else {
            call = ranking(fn, f, input, frame);
        }
        calls.add(call);
        windows.add(new Window(List.copyOf(partition), List.copyOf(order), List.copyOf(keys)));
        return new ColumnExpr(base + calls.size() - 1, call.type(), "", "", true);
    }

    /** {@code OVER name} or {@code OVER (name ...)}: the named window, refined. */
    private Expr.WindowSpec resolve(Expr.WindowSpec spec) {
        if (spec.name() == null) {
            return spec;
        }
        Statement.WindowDefinition def = named.get(spec.name());
        if (def == null) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "window \"" + spec.name() + "\" does not exist", spec.pos());
        }
        Expr.WindowSpec base = resolve(def.spec());
        if (spec.partitionBy().isEmpty() && spec.orderBy().isEmpty() && spec.frame() == null) {
            return base;
        }
        if (!spec.partitionBy().isEmpty()) {
            throw binder.error(SqlState.WINDOWING_ERROR, "cannot override PARTITION BY clause of window \""
                    + spec.name() + "\"", spec.pos());
        }
        if (!spec.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw binder.error(SqlState.WINDOWING_ERROR, "cannot override ORDER BY clause of window \""
                    + spec.name() + "\"", spec.pos());
        }
        if (base.frame() != null) {
            throw binder.error(SqlState.WINDOWING_ERROR, "cannot copy window \"" + spec.name()
                    + "\" because it has a frame clause", spec.pos());
        }
        return new Expr.WindowSpec(spec.pos(), null, base.partitionBy(),
                spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(), spec.frame());
    }

    private WindowFrame frame(Expr.WindowSpec spec, List<BoundExpr> order, ExprBinder input) {
        Expr.Frame f = spec.frame();
        if (f == null) {
            return WindowFrame.DEFAULT;
        }
        BoundKind start = f.start().kind();
        BoundKind end = f.end().kind();
        if (start == BoundKind.UNBOUNDED_FOLLOWING) {
            throw binder.error(SqlState.WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING", f.pos());
        }
        if (end == BoundKind.UNBOUNDED_PRECEDING) {
            throw binder.error(SqlState.WINDOWING_ERROR, "frame end cannot be UNBOUNDED PRECEDING", f.pos());
        }
        if (start == BoundKind.CURRENT_ROW && end == BoundKind.PRECEDING) {
            throw binder.error(SqlState.WINDOWING_ERROR, "frame starting from current row cannot have preceding rows",
                    f.pos());
        }
        if (start == BoundKind.FOLLOWING && (end == BoundKind.PRECEDING || end == BoundKind.CURRENT_ROW)) {
            throw binder.error(SqlState.WINDOWING_ERROR, "frame starting from following row cannot have preceding rows",
                    f.pos());
        }
        boolean offsets = f.start().offset() != null || f.end().offset() != null;
        WindowFrame.RangeOffset range = null;
        SqlType offsetType = SqlType.BIGINT;
        if (f.unit() == FrameUnit.RANGE && offsets) {
            if (order.size() != 1) {
                throw binder.error(SqlState.WINDOWING_ERROR,
                        "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column", f.pos());
            }
            SqlType orderType = order.get(0).type();
            offsetType = rangeOffsetType(orderType);
            if (offsetType == null) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "RANGE with offset PRECEDING/FOLLOWING is not supported"
                        + " for column type " + orderType.displayName(), f.pos());
            }
            range = rangeOffset(orderType, offsetType);
        }
        if (f.unit() == FrameUnit.GROUPS && order.isEmpty()) {
            throw binder.error(SqlState.WINDOWING_ERROR, "GROUPS mode requires an ORDER BY clause", f.pos());
        }
        return new WindowFrame(f.unit(), start, offset(f, f.start().offset(), offsetType, input, order), end,
                offset(f, f.end().offset(), offsetType, input, order), f.exclusion(), range);
    }

    /**
     * The type of a RANGE offset for an ORDER BY of type {@code t}, as PostgreSQL's in_range support
     * functions take them: the same numeric type (bigint for the integers), interval for dates and
     * timestamps; null when RANGE offsets do not apply.
     */
    private static SqlType rangeOffsetType(SqlType t) {
        TypeKind k = t.kind();
        if (k.isInteger()) {
            return SqlType.BIGINT;
        }
        if (k == TypeKind.NUMERIC) {
            return SqlType.NUMERIC;
        }
        if (k.isFloat()) {
            return SqlType.DOUBLE;
        }
        if (k == TypeKind.DATE || k == TypeKind.TIMESTAMP || k == TypeKind.TIMESTAMPTZ) {
            return SqlType.INTERVAL;
        }
        return null;
    }

    /**
     * How a row's ORDER BY value and the offset add up: integers and numerics in numeric (no
     * overflow), floats in double precision, dates as timestamps plus an interval.
     */
    private static WindowFrame.RangeOffset rangeOffset(SqlType orderType, SqlType offsetType) {
        TypeKind k = orderType.kind();
        BoundExpr value = new ColumnExpr(0, orderType, "", "", true);
        BoundExpr offset = new ColumnExpr(1, offsetType, "", "", false);
        if (offsetType.kind() == TypeKind.INTERVAL) {
            SqlType sum = k == TypeKind.DATE ? SqlType.TIMESTAMP : orderType;
            BoundExpr widened = k == TypeKind.DATE ? new CastExpr(value, sum, false) : value;
            return new WindowFrame.RangeOffset(widened,
                    new DateTimeArithmeticExpr(DateTimeArithmeticExpr.Op.PLUS_INTERVAL, widened, offset, sum),
                    new DateTimeArithmeticExpr(DateTimeArithmeticExpr.Op.MINUS_INTERVAL, widened, offset, sum));
        }
        SqlType sum = k.isFloat() ? SqlType.DOUBLE : SqlType.NUMERIC;
        BoundExpr a = new CastExpr(value, sum, false);
        BoundExpr b = new CastExpr(offset, sum, false);
        return new WindowFrame.RangeOffset(value, new ArithmeticExpr(Expr.BinaryOp.ADD, a, b, sum),
                new ArithmeticExpr(Expr.BinaryOp.SUBTRACT, a, b, sum));
    }

    private BoundExpr offset(Expr.Frame f, Expr e, SqlType type, ExprBinder input, List<BoundExpr> order) {
        if (e == null) {
            return null;
        }
        BoundExpr b = binder.expressions(Scope.empty(), "window frame").bind(e, type);
        boolean fits = type.kind() == TypeKind.INTERVAL ? b.type().kind() == TypeKind.INTERVAL
                : b.type().kind().isNumeric() && (f.unit() != FrameUnit.RANGE || !(type.kind() == TypeKind.BIGINT
                && !b.type().kind().isInteger() || type.kind() == TypeKind.NUMERIC && b.type().kind().isFloat()));
        if (!fits && b.type().kind() != TypeKind.UNKNOWN) {
            if (f.unit() == FrameUnit.RANGE) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "RANGE with offset PRECEDING/FOLLOWING is not supported"
                        + " for column type " + order.get(0).type().displayName() + " and offset type "
                        + b.type().displayName(), e.pos());
            }
            throw binder.error(SqlState.DATATYPE_MISMATCH, "argument of " + f.unit() + " must be type "
                    + type.displayName() + ", not type " + b.type().displayName(), e.pos());
        }
        return input.coerce(b, type, e.pos());
    }

    private AggregateCall aggregateCall(Expr.FunctionCall f, ExprBinder input) {
        AggregateFunction fn = AggregateFunction.ofName(f.name());
        if (fn == AggregateFunction.STRING_AGG) {
            return stringAgg(f, input);
        }
        if (f.star()) {
            if (fn != AggregateFunction.COUNT) {
                throw binder.error(SqlState.SYNTAX_ERROR, f.name() + "(*) is not allowed; only count(*) takes *", f.pos());
            }
            return new AggregateCall(fn, null, false, SqlType.BIGINT);
        }
        if (f.arguments().size() != 1) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " takes exactly one argument, got "
                    + f.arguments().size(), f.pos());
        }
        BoundExpr argument = input.bind(f.arguments().get(0), null);
        if (argument.type().kind() == TypeKind.UNKNOWN) {
            argument = input.coerce(argument, fn == AggregateFunction.SUM || fn == AggregateFunction.AVG
                    ? SqlType.DOUBLE : SqlType.TEXT, f.pos());
        }
        if (fn == AggregateFunction.BOOL_AND || fn == AggregateFunction.BOOL_OR) {
            argument = input.coerce(argument, argument.type().kind() == TypeKind.UNKNOWN ? SqlType.BOOLEAN
                    : argument.type(), f.pos());
            if (argument.type().kind() != TypeKind.BOOLEAN) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "("
                        + argument.type().displayName() + ") does not exist", f.pos());
            }
        }
        if ((fn == AggregateFunction.SUM || fn == AggregateFunction.AVG) && !argument.type().kind().isNumeric()) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + argument.type().displayName()
                    + ") does not exist", f.pos());
        }
        return new AggregateCall(fn, argument, false, fn.resultType(argument.type()));
    }

    /** {@code string_agg(text, delimiter) OVER (...)}: the frame's values joined by the (constant) delimiter. */
    private AggregateCall stringAgg(Expr.FunctionCall f, ExprBinder input) {
        if (f.arguments().size() != 2 || f.star()) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function string_agg takes exactly 2 arguments, got "
                    + f.arguments().size(), f.pos());
        }
        BoundExpr value = input.bind(f.arguments().get(0), SqlType.TEXT);
        BoundExpr delimiter = input.bind(f.arguments().get(1), SqlType.TEXT);
        boolean text = value.type().kind().isText() || value.type().kind() == TypeKind.UNKNOWN;
        if (!text || !(delimiter.type().kind().isText() || delimiter.type().kind() == TypeKind.UNKNOWN)) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function string_agg(" + value.type().displayName() + ", "
                    + delimiter.type().displayName() + ") does not exist", f.pos());
        }
        delimiter = input.coerce(delimiter, SqlType.TEXT, f.arguments().get(1).pos());
        if (!(delimiter instanceof io.kyrodb.engine.expr.ConstExpr c)) {
            throw binder.error(SqlState.SYNTAX_ERROR, "string_agg's delimiter must be a text constant",
                    f.arguments().get(1).pos());
        }
        return new AggregateCall(AggregateFunction.STRING_AGG, input.coerce(value, SqlType.TEXT, f.pos()), false,
                SqlType.TEXT, (String) c.value(), false, null);
    }

    private WindowCall ranking(WindowFunction fn, Expr.FunctionCall f, ExprBinder input, WindowFrame frame) {
        List<BoundExpr> args = new ArrayList<>();
        int n = f.arguments().size();
        boolean arity = switch (fn) {
            case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST -> n == 0;
            case NTILE, FIRST_VALUE, LAST_VALUE -> n == 1;
            case LAG, LEAD -> n >= 1 && n <= 3;
            case NTH_VALUE -> n == 2;
            case AGGREGATE -> false;
        };
        if (!arity || f.star()) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " with " + n
                    + " arguments does not exist", f.pos());
        }
        SqlType type = switch (fn) {
            case ROW_NUMBER, RANK, DENSE_RANK -> SqlType.BIGINT;
            case PERCENT_RANK, CUME_DIST -> SqlType.DOUBLE;
            case NTILE -> SqlType.INTEGER;
            default -> null;
        };
        for (int i = 0; i < n; i++) {
            Expr a = f.arguments().get(i);
            boolean count = (fn == WindowFunction.NTILE && i == 0) || (fn == WindowFunction.NTH_VALUE && i == 1)
                    || ((fn == WindowFunction.LAG || fn == WindowFunction.LEAD) && i == 1);
            BoundExpr b;
            if (count) {
                b = input.bind(a, SqlType.BIGINT);
                if (!b.type().kind().isInteger() && b.type().kind() != TypeKind.UNKNOWN) {
                    throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " does not take "
                            + b.type().displayName() + " as argument " + (i + 1), a.pos());
                }
                b = input.coerce(b, SqlType.BIGINT, a.pos());
            } else if (i == 2) {
                b = input.bind(a, args.get(0).type());
                SqlType common = io.kyrodb.engine.types.Casts.common(args.get(0).type(), b.type());
                if (common == null) {
                    throw binder.error(SqlState.DATATYPE_MISMATCH, "function " + f.name() + " default of type "
                            + b.type().displayName() + " does not match " + args.get(0).type().displayName(), a.pos());
                }
                b = input.coerce(b, args.get(0).type(), a.pos());
            } else {
                b = SelectBinder.finalType(input.bind(a, null));
            }
            args.add(b);
        }
        if (type == null) {
            type = args.get(0).type();
        }
        return new WindowCall(fn, List.copyOf(args), null, null, fn == WindowFunction.FIRST_VALUE
                || fn == WindowFunction.LAST_VALUE || fn == WindowFunction.NTH_VALUE ? frame : WindowFrame.DEFAULT, type);
    }
}
