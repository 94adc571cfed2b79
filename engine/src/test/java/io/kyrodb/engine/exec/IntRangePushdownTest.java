package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.run.IntRangeFilter;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranges a scan's filter hands down: each AND conjunct {@code column op integer} narrows its
 * column's range (constants on either side, parameters, two conjuncts on one column, the
 * integer limits, a join's offset); anything else (OR, <>, another type's constant, a column
 * outside the scan's row) is left to the filter alone.
 */
class IntRangePushdownTest {
    private static ColumnExpr col(int i) {
        return new ColumnExpr(i, SqlType.INTEGER, "t", "c" + i, true);
    }

    private static BoundExpr cmp(BinaryOp op, BoundExpr left, BoundExpr right) {
        return new CompareExpr(op, left, right);
    }

    private static BoundExpr i(int v) {
        return new ConstExpr(v, SqlType.INTEGER);
    }

    private static BoundExpr and(BoundExpr a, BoundExpr b) {
        return new LogicalExpr(true, a, b);
    }

    private static String ranges(BoundExpr predicate, int offset, int width) {
        try (ExecContext ctx = new ExecContext(new Object[]{7, 7L}, new ReadView(Long.MAX_VALUE, false), new AtomicBoolean(),
                1 << 20, null)) {
            IntRangeFilter f = IntRangePushdown.of(predicate, ctx, offset, width);
            return f == null ? null : f.toString();
        }
    }

    @Test
    void eachComparisonIsARange() {
        assertThat(ranges(cmp(BinaryOp.LT, col(1), i(200)), 0, 4)).isEqualTo("$1 in [-2147483648, 199]");
        assertThat(ranges(cmp(BinaryOp.LE, col(1), i(200)), 0, 4)).isEqualTo("$1 in [-2147483648, 200]");
        assertThat(ranges(cmp(BinaryOp.GT, col(1), i(200)), 0, 4)).isEqualTo("$1 in [201, 2147483647]");
        assertThat(ranges(cmp(BinaryOp.GE, col(1), i(200)), 0, 4)).isEqualTo("$1 in [200, 2147483647]");
        assertThat(ranges(cmp(BinaryOp.EQ, col(1), i(200)), 0, 4)).isEqualTo("$1 in [200, 200]");
        assertThat(ranges(cmp(BinaryOp.LT, i(200), col(1)), 0, 4)).as("200 < c1").isEqualTo("$1 in [201, 2147483647]");
        assertThat(ranges(cmp(BinaryOp.GE, i(200), col(1)), 0, 4)).as("200 >= c1").isEqualTo("$1 in [-2147483648, 200]");
        assertThat(ranges(cmp(BinaryOp.LE, col(0), new ParamExpr(0, SqlType.INTEGER)), 0, 4)).as("a parameter")
                .isEqualTo("$0 in [-2147483648, 7]");
    }

    @Test
    void conjunctsNarrowAndTheLimitsMakeEmptyRanges() {
        BoundExpr between = and(cmp(BinaryOp.GE, col(2), i(100)), cmp(BinaryOp.LE, col(2), i(110)));
        assertThat(ranges(and(between, cmp(BinaryOp.GT, col(2), i(104))), 0, 4)).isEqualTo("$2 in [105, 110]");
        assertThat(ranges(and(cmp(BinaryOp.EQ, col(3), i(7)), cmp(BinaryOp.LT, col(0), i(5))), 0, 4))
                .as("two columns, in column order").isEqualTo("$0 in [-2147483648, 4] and $3 in [7, 7]");
        assertThat(ranges(and(cmp(BinaryOp.GT, col(1), i(5)), cmp(BinaryOp.LT, col(1), i(3))), 0, 4))
                .as("x > 5 AND x < 3").isEqualTo("$1 in [1, 0]");
        assertThat(ranges(cmp(BinaryOp.LT, col(1), i(Integer.MIN_VALUE)), 0, 4)).isEqualTo("$1 in [1, 0]");
        assertThat(ranges(cmp(BinaryOp.GT, col(1), i(Integer.MAX_VALUE)), 0, 4)).isEqualTo("$1 in [1, 0]");
        assertThat(ranges(cmp(BinaryOp.GE, col(1), i(Integer.MIN_VALUE)), 0, 4)).isEqualTo("$1 in [-2147483648, 2147483647]");
    }

    @Test
    void aJoinsWidenedRowIsReadFromItsOffset() {
        BoundExpr p = and(cmp(BinaryOp.LT, col(5), i(9)), cmp(BinaryOp.EQ, col(1), i(3)));
        assertThat(ranges(p, 4, 3)).as("slot 5 is the scan's column 1; slot 1 is another table's")
                .isEqualTo("$1 in [-2147483648, 8]");
        assertThat(ranges(cmp(BinaryOp.LT, col(7), i(9)), 4, 3)).as("past the scan's row").isNull();
    }

    @Test
    void whatIsNotAnIntegerRangeIsLeftToTheFilter() {
        assertThat(ranges(new LogicalExpr(false, cmp(BinaryOp.LT, col(1), i(3)), cmp(BinaryOp.GT, col(1), i(9))), 0, 4))
                .as("OR").isNull();
        assertThat(ranges(cmp(BinaryOp.NE, col(1), i(3)), 0, 4)).as("<>").isNull();
        assertThat(ranges(cmp(BinaryOp.LT, col(1), new ConstExpr(3_000_000_000L, SqlType.BIGINT)), 0, 4)).as("a bigint").isNull();
        assertThat(ranges(cmp(BinaryOp.LT, col(1), new ParamExpr(1, SqlType.BIGINT)), 0, 4)).as("a bigint parameter").isNull();
        assertThat(ranges(cmp(BinaryOp.LT, col(1), new ConstExpr(new BigDecimal("10.5"), SqlType.NUMERIC)), 0, 4))
                .as("a numeric").isNull();
        assertThat(ranges(cmp(BinaryOp.LT, col(1), new ConstExpr(null, SqlType.INTEGER)), 0, 4)).as("NULL").isNull();
        assertThat(ranges(cmp(BinaryOp.LT, col(1), col(2)), 0, 4)).as("two columns").isNull();
        assertThat(ranges(and(cmp(BinaryOp.NE, col(1), i(3)), cmp(BinaryOp.LT, col(1), i(8))), 0, 4))
                .as("the conjuncts that are ranges").isEqualTo("$1 in [-2147483648, 7]");
    }
}
