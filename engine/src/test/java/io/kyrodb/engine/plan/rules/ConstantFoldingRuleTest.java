package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.expr.ArithmeticExpr;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CaseExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.FunctionExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.ScalarFunction;
import io.kyrodb.engine.plan.PlannerOptions;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConstantFoldingRuleTest {
    private static final BoundExpr X = new ColumnExpr(0, SqlType.INTEGER, "t", "x", true);
    private static final BoundExpr X_POSITIVE = new CompareExpr(BinaryOp.GT, X, integer(0));

    private static ConstExpr integer(int v) {
        return new ConstExpr(v, SqlType.INTEGER);
    }

    private static ConstExpr bool(Boolean v) {
        return new ConstExpr(v, SqlType.BOOLEAN);
    }

    private static BoundExpr plus(BoundExpr a, BoundExpr b) {
        return new ArithmeticExpr(BinaryOp.ADD, a, b, SqlType.INTEGER);
    }

    private static BoundExpr divide(BoundExpr a, BoundExpr b) {
        return new ArithmeticExpr(BinaryOp.DIVIDE, a, b, SqlType.INTEGER);
    }

    @Test
    void arithmeticAndComparisonsOverConstantsBecomeTheirValue() {
        BoundExpr e = new CompareExpr(BinaryOp.EQ, plus(integer(1), new ArithmeticExpr(BinaryOp.MULTIPLY, integer(2),
                integer(3), SqlType.INTEGER)), integer(7));
        assertThat(ConstantFoldingRule.fold(e)).isEqualTo(bool(true));
        assertThat(ConstantFoldingRule.fold(new CompareExpr(BinaryOp.EQ, X, plus(integer(1), integer(1)))))
                .isEqualTo(new CompareExpr(BinaryOp.EQ, X, integer(2)));
    }

    @Test
    void andWithFalseIsFalseAndOrWithTrueIsTrueWhateverTheOtherSide() {
        assertThat(ConstantFoldingRule.fold(new LogicalExpr(true, X_POSITIVE, bool(false)))).isEqualTo(bool(false));
        assertThat(ConstantFoldingRule.fold(new LogicalExpr(false, bool(true), X_POSITIVE))).isEqualTo(bool(true));
        assertThat(ConstantFoldingRule.fold(new LogicalExpr(true, X_POSITIVE, bool(true)))).isEqualTo(X_POSITIVE);
        assertThat(ConstantFoldingRule.fold(new LogicalExpr(true, X_POSITIVE, bool(null))))
                .isEqualTo(new LogicalExpr(true, X_POSITIVE, bool(null)));   // NULL AND x: NULL or FALSE, per row
        assertThat(ConstantFoldingRule.keepsNothing(ConstantFoldingRule.fold(
                new CompareExpr(BinaryOp.EQ, integer(1), integer(0))))).isTrue();
    }

    @Test
    void aFailingComputationIsLeftToFailWhenARowEvaluatesIt() {
        BoundExpr byZero = divide(integer(1), integer(0));
        assertThat(ConstantFoldingRule.fold(byZero)).isEqualTo(byZero);
        BoundExpr neverTaken = new CaseExpr(List.of(new CompareExpr(BinaryOp.EQ, integer(1), integer(0))),
                List.of(byZero), integer(5), SqlType.INTEGER);
        assertThat(ConstantFoldingRule.fold(neverTaken)).isEqualTo(integer(5));
        BoundExpr perRow = new CaseExpr(List.of(X_POSITIVE), List.of(byZero), integer(5), SqlType.INTEGER);
        assertThat(ConstantFoldingRule.fold(perRow)).isEqualTo(perRow);
    }

    @Test
    void coalesceDropsLeadingNullsAndStopsAtTheFirstConstant() {
        BoundExpr e = new FunctionExpr(ScalarFunction.COALESCE,
                List.of(new ConstExpr(null, SqlType.INTEGER), integer(2), divide(integer(1), integer(0))), SqlType.INTEGER);
        assertThat(ConstantFoldingRule.fold(e)).isEqualTo(integer(2));
        BoundExpr withColumn = new FunctionExpr(ScalarFunction.COALESCE,
                List.of(new ConstExpr(null, SqlType.INTEGER), X, integer(3)), SqlType.INTEGER);
        assertThat(ConstantFoldingRule.fold(withColumn))
                .isEqualTo(new FunctionExpr(ScalarFunction.COALESCE, List.of(X, integer(3)), SqlType.INTEGER));
    }

    @Test
    void volatileParametersAndTimeDependentCastsAreNotFolded() {
        BoundExpr random = new FunctionExpr(ScalarFunction.RANDOM, List.of(), SqlType.DOUBLE);
        assertThat(ConstantFoldingRule.fold(random)).isEqualTo(random);
        BoundExpr param = plus(new ParamExpr(0, SqlType.INTEGER), integer(1));
        assertThat(ConstantFoldingRule.fold(param)).isEqualTo(param);
        BoundExpr today = new CastExpr(new ConstExpr("today", SqlType.TEXT), SqlType.DATE, true);
        assertThat(ConstantFoldingRule.fold(today)).isEqualTo(today);
        assertThat(ConstantFoldingRule.fold(new CastExpr(new ConstExpr("42", SqlType.TEXT), SqlType.INTEGER, true)))
                .isEqualTo(integer(42));
    }

    @Test
    void theSwitchTurnsTheRuleOff() {
        BoundExpr e = plus(integer(1), integer(1));
        PlannerOptions off = new PlannerOptions(PlannerOptions.defaults().estimator(), true, true, true, true, true,
                true, false, true);
        assertThat(RewriteRules.CONSTANT_FOLDING.apply(e, off)).isEqualTo(e);
        assertThat(RewriteRules.CONSTANT_FOLDING.apply(e, PlannerOptions.defaults())).isEqualTo(integer(2));
        assertThat(RewriteRules.ALL).extracting(RewriteRule::setting)
                .containsExactly("enable_constant_folding", "enable_pushdown", "enable_decorrelation",
                        "enable_distinct_pushdown", "enable_column_pruning");
    }
}
