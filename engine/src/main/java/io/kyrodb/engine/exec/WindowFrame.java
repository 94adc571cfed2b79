package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameExclusion;
import io.kyrodb.sql.ast.Expr.FrameUnit;

/**
 * A window frame: which rows of the partition, around the current one, a frame-reading window
 * function sees, less the rows {@code exclusion} leaves out. Offsets (null unless the bound is
 * PRECEDING or FOLLOWING) are evaluated once per partition: rows or peer groups for ROWS and GROUPS,
 * a distance in the ORDER BY value for RANGE. For RANGE with an offset, {@code range} says how the
 * distance is added to and compared with the ORDER BY value (null otherwise).
 */
public record WindowFrame(FrameUnit unit, BoundKind startKind, BoundExpr startOffset, BoundKind endKind,
                          BoundExpr endOffset, FrameExclusion exclusion, RangeOffset range) {
    /** PostgreSQL's default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (the peers of the row included). */
    public static final WindowFrame DEFAULT =
            new WindowFrame(FrameUnit.RANGE, BoundKind.UNBOUNDED_PRECEDING, null, BoundKind.CURRENT_ROW, null);

    public WindowFrame(FrameUnit unit, BoundKind startKind, BoundExpr startOffset, BoundKind endKind,
                       BoundExpr endOffset) {
        this(unit, startKind, startOffset, endKind, endOffset, FrameExclusion.NO_OTHERS, null);
    }

    /**
     * RANGE offset arithmetic, over two-slot rows {@code {order value, offset}}: {@code plus} and
     * {@code minus} give the value plus or minus the offset, {@code widen} (over {@code {order
     * value}}) the order value in the type of those sums (date to timestamp), so that
     * {@code Values.compare} orders them.
     */
    public record RangeOffset(BoundExpr widen, BoundExpr plus, BoundExpr minus) {
    }

    String describe() {
        return unit + " BETWEEN " + bound(startKind, startOffset) + " AND " + bound(endKind, endOffset)
                + (exclusion == FrameExclusion.NO_OTHERS ? "" : " EXCLUDE " + exclusion.name().replace('_', ' '));
    }

    private static String bound(BoundKind kind, BoundExpr offset) {
        return switch (kind) {
            case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
            case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
            case CURRENT_ROW -> "CURRENT ROW";
            case PRECEDING -> "n PRECEDING";
            case FOLLOWING -> "n FOLLOWING";
        };
    }
}
