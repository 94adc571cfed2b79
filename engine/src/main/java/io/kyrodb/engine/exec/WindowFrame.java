package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameUnit;

/**
 * A window frame: which rows of the partition, around the current one, a frame-reading window
 * function sees. Offsets (null unless the bound is PRECEDING or FOLLOWING) are evaluated once per
 * partition: rows or peer groups for ROWS and GROUPS, a distance in the ORDER BY value for RANGE.
 */
public record WindowFrame(FrameUnit unit, BoundKind startKind, BoundExpr startOffset, BoundKind endKind,
                          BoundExpr endOffset) {
    /** PostgreSQL's default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (the peers of the row included). */
    public static final WindowFrame DEFAULT =
            new WindowFrame(FrameUnit.RANGE, BoundKind.UNBOUNDED_PRECEDING, null, BoundKind.CURRENT_ROW, null);

    String describe() {
        return unit + " BETWEEN " + bound(startKind, startOffset) + " AND " + bound(endKind, endOffset);
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
