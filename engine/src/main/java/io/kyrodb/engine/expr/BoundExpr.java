package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/**
 * An expression after binding: names resolved to column positions, types known, operands already
 * converted to the types their operator takes. Evaluated against one input row and the statement's
 * parameter values; returns null for SQL NULL. Implementations are records, so two bindings of the
 * same text compare equal (GROUP BY matching relies on it). Immutable and thread-safe.
 */
public sealed interface BoundExpr permits ColumnExpr, ConstExpr, ParamExpr, CastExpr, ArithmeticExpr, NegateExpr,
        ConcatExpr, CompareExpr, LogicalExpr, NotExpr, IsNullExpr, IsBooleanExpr, InListExpr, LikeExpr, CaseExpr,
        FunctionExpr {

    SqlType type();

    Object eval(Object[] row, Object[] params);

    /** Whether the value depends on no row and no parameter. */
    default boolean isConstant() {
        return false;
    }
}
