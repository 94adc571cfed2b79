package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/**
 * An expression after binding: names resolved to column positions, types known, operands already
 * converted to the types their operator takes. Evaluated against one input row and an
 * {@link EvalContext} (parameter values, enclosing queries' rows, subquery execution); returns null
 * for SQL NULL. Implementations are records, so two bindings of the same text compare equal (GROUP
 * BY matching relies on it), except that a subquery is equal only to itself ({@link SubPlan}).
 * Immutable and thread-safe.
 */
public sealed interface BoundExpr permits ColumnExpr, ConstExpr, ParamExpr, CastExpr, ArithmeticExpr, NegateExpr,
        ConcatExpr, CompareExpr, LogicalExpr, NotExpr, IsNullExpr, IsBooleanExpr, InListExpr, LikeExpr, CaseExpr,
        FunctionExpr, OuterColumnExpr, ScalarSubqueryExpr, ExistsExpr, InSubqueryExpr,
        VectorFunctionExpr, BuiltinExpr, DateTimeArithmeticExpr, ContainerFunctionExpr, QuantifiedExpr, ArraySubqueryExpr, SequenceExpr,
        CatalogFunctionExpr, UserFunctionExpr {

    SqlType type();

    Object eval(Object[] row, EvalContext ctx);

    /** Whether the value depends on no row and no parameter. */
    default boolean isConstant() {
        return false;
    }
}
