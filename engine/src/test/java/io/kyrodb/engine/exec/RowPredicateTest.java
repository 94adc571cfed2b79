package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.IsNullExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filter's compiled condition gives, for every row, what evaluating its expression gives (TRUE,
 * FALSE or NULL), for the specialised shapes (integer and bigint columns against constants and
 * parameters on either side, text equality, AND/OR) and others, over NULLs and values of other
 * types than the constant's.
 */
class RowPredicateTest {
    private static final BinaryOp[] OPS = {BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE};

    private static ColumnExpr col(int i, SqlType t) {
        return new ColumnExpr(i, t, "t", "c" + i, true);
    }

    /** Rows: 0 integer (NULLs, sometimes a bigint or numeric value), 1 bigint, 2 text, 3 integer. */
    private static List<Object[]> rows(Random r) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Object a = switch (r.nextInt(8)) {
                case 0 -> null;
                case 1 -> (long) (r.nextInt(11) - 5);
                case 2 -> BigDecimal.valueOf(r.nextInt(11) - 5, r.nextInt(2));
                default -> r.nextInt(11) - 5;
            };
            Object b = r.nextInt(7) == 0 ? null : r.nextInt(5) == 0 ? (Object) (r.nextInt(11) - 5) : (long) (r.nextInt(11) - 5);
            Object s = r.nextInt(6) == 0 ? null : List.of("gold", "silver", "Gold", "gold ", "").get(r.nextInt(5));
            Object d = r.nextInt(6) == 0 ? null : r.nextInt(3);
            rows.add(new Object[]{a, b, s, d});
        }
        // the extremes
        rows.add(new Object[]{Integer.MIN_VALUE, Long.MIN_VALUE, "gold", 0});
        rows.add(new Object[]{Integer.MAX_VALUE, Long.MAX_VALUE, "gold", 1});
        return rows;
    }

    private static List<BoundExpr> conditions(Object[] params) {
        List<BoundExpr> out = new ArrayList<>();
        for (BinaryOp op : OPS) {
            out.add(new CompareExpr(op, col(0, SqlType.INTEGER), new ConstExpr(1, SqlType.INTEGER)));
            out.add(new CompareExpr(op, new ConstExpr(-2, SqlType.INTEGER), col(0, SqlType.INTEGER)));
            out.add(new CompareExpr(op, col(0, SqlType.INTEGER), new ConstExpr(Integer.MAX_VALUE, SqlType.INTEGER)));
            out.add(new CompareExpr(op, col(1, SqlType.BIGINT), new ConstExpr(0L, SqlType.BIGINT)));
            out.add(new CompareExpr(op, new ConstExpr(3L, SqlType.BIGINT), col(1, SqlType.BIGINT)));
            out.add(new CompareExpr(op, col(0, SqlType.INTEGER), new ParamExpr(0, SqlType.INTEGER)));
            out.add(new CompareExpr(op, new ParamExpr(1, SqlType.BIGINT), col(1, SqlType.BIGINT)));
            out.add(new CompareExpr(op, col(2, SqlType.TEXT), new ConstExpr("gold", SqlType.TEXT)));
            out.add(new CompareExpr(op, new ConstExpr("gold", SqlType.TEXT), col(2, SqlType.TEXT)));
            out.add(new CompareExpr(op, col(0, SqlType.INTEGER), col(3, SqlType.INTEGER)));
        }
        out.add(new CompareExpr(BinaryOp.EQ, col(0, SqlType.INTEGER), new ConstExpr(null, SqlType.INTEGER)));
        out.add(new IsNullExpr(col(2, SqlType.TEXT), false));
        List<BoundExpr> simple = List.copyOf(out);
        Random r = new Random(5);
        for (int i = 0; i < 60; i++) {
            BoundExpr a = simple.get(r.nextInt(simple.size()));
            BoundExpr b = simple.get(r.nextInt(simple.size()));
            BoundExpr c = simple.get(r.nextInt(simple.size()));
            out.add(new LogicalExpr(r.nextBoolean(), a, new LogicalExpr(r.nextBoolean(), b, c)));
        }
        return out;
    }

    @Test
    void givesWhatEvaluatingTheExpressionGives() {
        Random r = new Random(SpillTestSupport.seed("RowPredicateTest.givesWhatEvaluating", 31));
        Object[] params = {0, -1L};
        List<Object[]> rows = rows(r);
        try (ExecContext ctx = new ExecContext(params, new ReadView(Long.MAX_VALUE, false), new AtomicBoolean(), 1 << 20,
                null)) {
            for (BoundExpr e : conditions(params)) {
                RowPredicate p = RowPredicate.of(e, ctx);
                for (Object[] row : rows) {
                    Object want = e.eval(row, ctx);
                    int expected = want == null ? RowPredicate.UNKNOWN
                            : Boolean.TRUE.equals(want) ? RowPredicate.TRUE : RowPredicate.FALSE;
                    assertThat(p.test(row, ctx)).as("%s on %s", e, java.util.Arrays.toString(row)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theCommonShapesGetTheirOwnClass() {
        try (ExecContext ctx = new ExecContext(new Object[]{7}, new ReadView(Long.MAX_VALUE, false), new AtomicBoolean(),
                1 << 20, null)) {
            BoundExpr lt = new CompareExpr(BinaryOp.LT, col(0, SqlType.INTEGER), new ConstExpr(60, SqlType.INTEGER));
            BoundExpr eq = new CompareExpr(BinaryOp.EQ, col(2, SqlType.TEXT), new ConstExpr("gold", SqlType.TEXT));
            BoundExpr param = new CompareExpr(BinaryOp.GE, new ParamExpr(0, SqlType.INTEGER), col(0, SqlType.INTEGER));
            assertThat(RowPredicate.of(lt, ctx).getClass().getSimpleName()).isEqualTo("IntegerVersus");
            assertThat(RowPredicate.of(eq, ctx).getClass().getSimpleName()).isEqualTo("TextEquals");
            assertThat(RowPredicate.of(param, ctx).getClass().getSimpleName()).isEqualTo("IntegerVersus");
            assertThat(RowPredicate.of(new LogicalExpr(true, lt, eq), ctx).getClass().getSimpleName()).isEqualTo("And");
            assertThat(RowPredicate.of(new IsNullExpr(col(0, SqlType.INTEGER), false), ctx).getClass().getSimpleName())
                    .isEqualTo("Evaluated");
        }
    }
}
