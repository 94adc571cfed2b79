package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.InListExpr;
import io.kyrodb.engine.expr.IsNullExpr;
import io.kyrodb.engine.expr.LikeExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.NotExpr;
import io.kyrodb.engine.stats.Analyzer;
import io.kyrodb.engine.stats.TableStatistics;
import io.kyrodb.engine.storage.Store;
import io.kyrodb.engine.storage.run.IndexKind;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The histogram estimator against the true answers on a skewed 100,000-row table: each predicate
 * kind within a factor of two (ranges, equality on common and rare values, IN, LIKE prefixes,
 * IS NULL, AND/OR/NOT), joins by distinct counts, and PostgreSQL's defaults without statistics.
 */
class HistogramEstimatorTest {
    private static final int N = 100_000;
    private static final List<Object[]> ROWS = new ArrayList<>();
    private static Table table;
    private static TableStatistics stats;
    private static CardinalityEstimator estimator;
    private static final CardinalityEstimator.Columns COLUMNS = slot -> new CardinalityEstimator.ColumnRef(table, slot);

    @BeforeAll
    static void data() {
        table = new Table("t", List.of(new Column("k", SqlType.BIGINT, false), new Column("s", SqlType.TEXT, false),
                new Column("x", SqlType.BIGINT, false)), new int[0], new Store(0, IndexKind.LEARNED));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < N; i++) {
            // k: 30% zeros, the rest uniform over 1..5000; s: a city-like prefix; x: NULL 10%
            long k = r.nextInt(10) < 3 ? 0 : 1 + r.nextInt(5000);
            String s = new String[]{"amsterdam", "berlin", "bern", "boston", "cairo"}[r.nextInt(5)] + r.nextInt(100);
            Long x = r.nextInt(10) == 0 ? null : (long) r.nextInt(1000);
            ROWS.add(new Object[]{k, s, x});
        }
        stats = new Analyzer(List.of("k", "s", "x")).analyze(ROWS.iterator());
        estimator = new HistogramEstimator(t -> stats);
    }

    private static ColumnExpr col(int i) {
        return new ColumnExpr(i, i == 1 ? SqlType.TEXT : SqlType.BIGINT, "t", "c" + i, true);
    }

    private static ConstExpr val(Object v) {
        return new ConstExpr(v, v instanceof String ? SqlType.TEXT : SqlType.BIGINT);
    }

    private static CompareExpr cmp(BinaryOp op, int column, Object v) {
        return new CompareExpr(op, col(column), val(v));
    }

    private static void withinFactorTwo(BoundExpr condition, Predicate<Object[]> truth) {
        long matching = ROWS.stream().filter(truth).count();
        double estimate = estimator.selectivity(condition, COLUMNS) * N;
        assertThat(estimate).as("%s: true %d", condition, matching).isBetween(matching / 2.0 - 5, matching * 2.0 + 5);
    }

    @Test
    void equalityOnCommonAndRareValues() {
        withinFactorTwo(cmp(BinaryOp.EQ, 0, 0L), r -> (long) r[0] == 0);
        withinFactorTwo(cmp(BinaryOp.EQ, 0, 1234L), r -> (long) r[0] == 1234);
        withinFactorTwo(cmp(BinaryOp.NE, 0, 0L), r -> (long) r[0] != 0);
        assertThat(estimator.selectivity(cmp(BinaryOp.EQ, 0, 99_999L), COLUMNS)).isZero();   // above the max
    }

    @Test
    void rangesMergeOnOneColumn() {
        withinFactorTwo(cmp(BinaryOp.LT, 0, 100L), r -> (long) r[0] < 100);
        withinFactorTwo(cmp(BinaryOp.GE, 0, 2500L), r -> (long) r[0] >= 2500);
        withinFactorTwo(new LogicalExpr(true, cmp(BinaryOp.GT, 0, 1000L), cmp(BinaryOp.LE, 0, 1100L)),
                r -> (long) r[0] > 1000 && (long) r[0] <= 1100);
        withinFactorTwo(new LogicalExpr(true, cmp(BinaryOp.GE, 2, 10L), cmp(BinaryOp.LT, 2, 20L)),
                r -> r[2] != null && (long) r[2] >= 10 && (long) r[2] < 20);
    }

    @Test
    void inListsLikeNullsAndLogic() {
        withinFactorTwo(new InListExpr(col(0), List.of(val(0L), val(7L), val(8L)), false),
                r -> (long) r[0] == 0 || (long) r[0] == 7 || (long) r[0] == 8);
        withinFactorTwo(new LikeExpr(col(1), val("ber%"), false, false), r -> ((String) r[1]).startsWith("ber"));
        withinFactorTwo(new LikeExpr(col(1), val("bern%"), false, false), r -> ((String) r[1]).startsWith("bern"));
        withinFactorTwo(new IsNullExpr(col(2), false), r -> r[2] == null);
        withinFactorTwo(new IsNullExpr(col(2), true), r -> r[2] != null);
        withinFactorTwo(new LogicalExpr(false, cmp(BinaryOp.EQ, 0, 0L), cmp(BinaryOp.LT, 2, 100L)),
                r -> (long) r[0] == 0 || (r[2] != null && (long) r[2] < 100));
        withinFactorTwo(new NotExpr(cmp(BinaryOp.EQ, 0, 0L)), r -> (long) r[0] != 0);
        withinFactorTwo(new LogicalExpr(true, cmp(BinaryOp.EQ, 0, 0L), new LikeExpr(col(1), val("cairo%"), false, false)),
                r -> (long) r[0] == 0 && ((String) r[1]).startsWith("cairo"));
    }

    @Test
    void joinsByDistinctCounts() {
        // t.k = t.k over all pairs: sum of squared frequencies; the distinct-count rule ignores the
        // skew of k's zeros (as PostgreSQL's does without MCV matching) but gets x's join right
        CardinalityEstimator.ColumnRef x = new CardinalityEstimator.ColumnRef(table, 2);
        double s = estimator.equiJoinSelectivity(x, N, x, N);
        long[] counts = new long[1000];
        ROWS.forEach(r -> {
            if (r[2] != null) {
                counts[(int) (long) r[2]]++;
            }
        });
        double pairs = 0;
        for (long c : counts) {
            pairs += (double) c * c;
        }
        assertThat(s * N * N).isBetween(pairs / 2, pairs * 2);
        assertThat(estimator.groups(List.of(x), N)).isBetween(990.0, 1010.0);
    }

    @Test
    void defaultsWithoutStatistics() {
        CardinalityEstimator none = new HistogramEstimator(t -> null);
        assertThat(none.tableRows(table)).isEqualTo(HistogramEstimator.DEFAULT_ROWS);
        assertThat(none.selectivity(cmp(BinaryOp.EQ, 0, 1L), COLUMNS)).isEqualTo(HistogramEstimator.DEFAULT_EQ);
        assertThat(none.selectivity(cmp(BinaryOp.LT, 0, 1L), COLUMNS)).isEqualTo(HistogramEstimator.DEFAULT_RANGE);
        assertThat(none.equiJoinSelectivity(null, 10, null, 10)).isEqualTo(HistogramEstimator.DEFAULT_EQ);
    }
}
