package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.ExecContext;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.fs.TempSpace;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subquery expressions over hand-made plans: when they run, what they cache, what they return. */
class SubqueryExprTest {

    /** A plan whose rows are computed from the context it is opened in; counts opens and rows read. */
    private static final class FakePlan implements PlanNode {
        private final Function<ExecContext, List<Object[]>> rows;
        int opens;
        int rowsRead;

        FakePlan(Function<ExecContext, List<Object[]>> rows) {
            this.rows = rows;
        }

        static FakePlan of(Object... values) {
            List<Object[]> out = new ArrayList<>();
            for (Object v : values) {
                out.add(new Object[]{v});
            }
            return new FakePlan(ctx -> out);
        }

        @Override
        public RowIterator open(ExecContext ctx) {
            opens++;
            List<Object[]> out = rows.apply(ctx);
            int[] next = {0};
            return () -> {
                if (next[0] >= out.size()) {
                    return null;
                }
                rowsRead++;
                return out.get(next[0]++);
            };
        }

        @Override
        public String describe() {
            return "Fake";
        }

        @Override
        public List<PlanNode> children() {
            return List.of();
        }
    }

    private static ExecContext context() {
        return new ExecContext(new Object[0], new ReadView(Long.MAX_VALUE, false), new AtomicBoolean(), 1 << 20,
                TempSpace.inSystemTemp());
    }

    private static Object[] row(Object... values) {
        return values;
    }

    @Test
    void uncorrelatedRunsOncePerExecution() {
        FakePlan plan = FakePlan.of(5);
        ScalarSubqueryExpr e = new ScalarSubqueryExpr(new SubPlan(plan, List.of()), SqlType.INTEGER);
        ExecContext ctx = context();
        for (int i = 0; i < 3; i++) {
            assertThat(e.eval(row(i), ctx)).isEqualTo(5);
        }
        assertThat(plan.opens).isEqualTo(1);
        assertThat(e.eval(row(0), context())).isEqualTo(5);
        assertThat(plan.opens).as("a new execution runs it again").isEqualTo(2);
    }

    @Test
    void correlatedSeesTheOuterRowAndRunsOncePerDistinctOuterValue() {
        FakePlan plan = new FakePlan(ctx -> List.<Object[]>of(row((Integer) ctx.outerRow(0)[1] * 10)));
        ScalarSubqueryExpr e = new ScalarSubqueryExpr(new SubPlan(plan, List.of(new SubPlan.OuterRef(0, 1))),
                SqlType.INTEGER);
        ExecContext ctx = context();
        List<Object> results = new ArrayList<>();
        for (Object[] r : List.of(row("a", 1), row("b", 2), row("c", 1), row("d", 2))) {
            results.add(e.eval(r, ctx));
        }
        assertThat(results).containsExactly(10, 20, 10, 20);
        assertThat(plan.opens).isEqualTo(2);
    }

    @Test
    void aReferenceToAnOuterQueryTwoLevelsOutIsPartOfTheCacheKey() {
        // The subquery reads column 0 of the row of the query around the one it is in (levelsUp 1).
        FakePlan plan = new FakePlan(ctx -> List.<Object[]>of(row(ctx.outerRow(1)[0])));
        ScalarSubqueryExpr e = new ScalarSubqueryExpr(new SubPlan(plan, List.of(new SubPlan.OuterRef(1, 0))),
                SqlType.INTEGER);
        ExecContext top = context();
        IdentityHashMap<SubPlan, Map<Object, Object>> shared = new IdentityHashMap<>();
        ExecContext underSeven = nestedUnder(top, row(7), shared);
        ExecContext underEight = nestedUnder(top, row(8), shared);
        assertThat(e.eval(row("x"), underSeven)).isEqualTo(7);
        assertThat(e.eval(row("y"), underSeven)).isEqualTo(7);
        assertThat(e.eval(row("x"), underEight)).isEqualTo(8);
        assertThat(plan.opens).isEqualTo(2);
    }

    private static ExecContext nestedUnder(ExecContext top, Object[] outer,
                                           IdentityHashMap<SubPlan, Map<Object, Object>> cache) {
        return new ExecContext(top.params(), top.view(), top.cancelRequested(), top.workMem(), top.tempSpace(),
                top.spills(), new Object[][]{outer}, cache, new IdentityHashMap<>());
    }

    @Test
    void scalarSubqueryOfNoRowIsNullAndOfTwoRowsFailsWith21000() {
        assertThat(new ScalarSubqueryExpr(new SubPlan(FakePlan.of(), List.of()), SqlType.INTEGER)
                .eval(row(), context())).isNull();
        ScalarSubqueryExpr two = new ScalarSubqueryExpr(new SubPlan(FakePlan.of(1, 2), List.of()), SqlType.INTEGER);
        assertThatThrownBy(() -> two.eval(row(), context())).isInstanceOfSatisfying(KyroException.class, ex -> {
            assertThat(ex.state()).isEqualTo(SqlState.CARDINALITY_VIOLATION);
            assertThat(ex.getMessage()).contains("more than one row returned by a subquery used as an expression");
        });
    }

    @Test
    void existsReadsOneRowAtMost() {
        FakePlan plan = FakePlan.of(1, 2, 3);
        assertThat(new ExistsExpr(new SubPlan(plan, List.of())).eval(row(), context())).isEqualTo(true);
        assertThat(plan.rowsRead).isEqualTo(1);
        assertThat(new ExistsExpr(new SubPlan(FakePlan.of(), List.of())).eval(row(), context())).isEqualTo(false);
    }

    /**
     * {@code value [NOT] IN (subquery rows)}; "-" is no rows, "N" a NULL. Uncorrelated (a set built
     * once) and correlated (rows compared per probe) must agree.
     */
    @ParameterizedTest(name = "{0} IN ({1}) = {2}, NOT IN = {3}")
    @CsvSource({
            "1, 1 2,  true,  false",
            "3, 1 2,  false, true",
            "3, 1 N,  NULL,  NULL",
            "1, 1 N,  true,  false",
            "1, N 1,  true,  false",
            "N, 1 2,  NULL,  NULL",
            "N, -,    false, true",
            "1, -,    false, true",
            "N, N,    NULL,  NULL",
    })
    void inFollowsThreeValuedLogic(String value, String rows, String in, String notIn) {
        Object v = value.equals("N") ? null : Integer.valueOf(value);
        Object[] values = rows.equals("-") ? new Object[0]
                : Arrays.stream(rows.split(" ")).map(s -> s.equals("N") ? null : (Object) Integer.valueOf(s)).toArray();
        for (boolean correlated : new boolean[]{false, true}) {
            List<SubPlan.OuterRef> refs = correlated ? List.of(new SubPlan.OuterRef(0, 0)) : List.of();
            for (boolean negated : new boolean[]{false, true}) {
                InSubqueryExpr e = new InSubqueryExpr(new ConstExpr(v, SqlType.INTEGER),
                        new SubPlan(FakePlan.of(values), refs), new ColumnExpr(0, SqlType.INTEGER, "", "", true),
                        negated);
                String expected = negated ? notIn : in;
                assertThat(String.valueOf(e.eval(row(0), context())))
                        .as("correlated=%s negated=%s", correlated, negated)
                        .isEqualTo(expected.equals("NULL") ? "null" : expected);
            }
        }
    }

    @Test
    void uncorrelatedInBuildsItsSetOnce() {
        FakePlan plan = FakePlan.of(1, 2, 3);
        InSubqueryExpr e = new InSubqueryExpr(new ColumnExpr(0, SqlType.INTEGER, "", "", true),
                new SubPlan(plan, List.of()), new ColumnExpr(0, SqlType.INTEGER, "", "", true), false);
        ExecContext ctx = context();
        List<Object> results = new ArrayList<>();
        for (int probe = 0; probe < 5; probe++) {
            results.add(e.eval(row(probe), ctx));
        }
        assertThat(results).containsExactly(false, true, true, true, false);
        assertThat(plan.opens).isEqualTo(1);
    }

    @Test
    void anInSetLargerThanWorkMemIsNotKeptButScannedPerProbe() {
        Object[] many = new Object[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        FakePlan plan = FakePlan.of(many);
        InSubqueryExpr e = new InSubqueryExpr(new ColumnExpr(0, SqlType.INTEGER, "", "", true),
                new SubPlan(plan, List.of()), new ColumnExpr(0, SqlType.INTEGER, "", "", true), false);
        ExecContext ctx = new ExecContext(new Object[0], new ReadView(Long.MAX_VALUE, false), new AtomicBoolean(),
                64 * 1024, TempSpace.inSystemTemp());
        assertThat(e.eval(row(4999), ctx)).isEqualTo(true);
        assertThat(e.eval(row(5000), ctx)).isEqualTo(false);
        assertThat(e.eval(row((Object) null), ctx)).isNull();
        assertThat(plan.opens).as("a failed collection, then one scan per probe").isEqualTo(4);
    }
}
