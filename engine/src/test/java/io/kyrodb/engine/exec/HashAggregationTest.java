package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kyrodb.engine.exec.SpillTestSupport.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hash aggregation and DISTINCT past work_mem: the same groups and values as in memory (compared
 * as multisets: spilling changes the output order), spill files gone however the statement ends.
 */
class HashAggregationTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Columns: 0 g (int, ~20k values), 1 h (text, few values, NULLs), 2 x (bigint), 3 y (double, NULLs), 4 s (text). */
    static List<Object[]> rows(long seed, int n, int groups) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[]{
                    random.nextInt(groups),
                    random.nextInt(7) == 0 ? null : "h" + random.nextInt(3),
                    (long) random.nextInt(1000),
                    random.nextInt(5) == 0 ? null : random.nextInt(800) / 8.0,   // exact sums in any order
                    "s" + random.nextInt(100_000)});
        }
        return rows;
    }

    private static List<AggregateCall> calls(boolean withDistinct) {
        List<AggregateCall> calls = new ArrayList<>(List.of(
                new AggregateCall(AggregateFunction.COUNT, null, false, SqlType.BIGINT),
                new AggregateCall(AggregateFunction.COUNT, column(3, SqlType.DOUBLE), false, SqlType.BIGINT),
                new AggregateCall(AggregateFunction.SUM, column(2, SqlType.BIGINT), false, SqlType.BIGINT),
                new AggregateCall(AggregateFunction.MIN, column(4, SqlType.TEXT), false, SqlType.TEXT),
                new AggregateCall(AggregateFunction.MAX, column(3, SqlType.DOUBLE), false, SqlType.DOUBLE),
                new AggregateCall(AggregateFunction.AVG, column(3, SqlType.DOUBLE), false, SqlType.DOUBLE)));
        if (withDistinct) {
            calls.add(new AggregateCall(AggregateFunction.COUNT, column(2, SqlType.BIGINT), true, SqlType.BIGINT));
            calls.add(new AggregateCall(AggregateFunction.SUM, column(3, SqlType.DOUBLE), true, SqlType.DOUBLE));
        }
        return calls;
    }

    private List<String> run(PlanNode node, CountingFileSystem fs, long workMem) {
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            List<String> out = new ArrayList<>();
            for (Object[] row : SpillTestSupport.drain(node.open(ctx))) {
                out.add(Arrays.toString(row));
            }
            return out;
        }
    }

    private void assertSameAsInMemory(PlanNode node, long workMem, String what) throws IOException {
        CountingFileSystem memFs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<String> expected = run(node, memFs, LARGE);
        assertThat(memFs.created).isZero();
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<String> actual = run(node, fs, workMem);
        assertThat(fs.created).as("%s spills", what).isPositive();
        // Sorted, then compared in order: AssertJ's any-order comparison is quadratic.
        assertThat(actual.stream().sorted().toList()).as(what).isEqualTo(expected.stream().sorted().toList());
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void groupByManyGroupsSpillsAndGivesTheInMemoryResult() throws IOException {
        long seed = SpillTestSupport.seed("HashAggregationTest.groupByManyGroups", 0xa66L);
        List<Object[]> input = rows(seed, 50_000, 20_000);
        List<BoundExpr> groups = List.of(column(0, SqlType.INTEGER), column(1, SqlType.TEXT));
        AggregateNode node = new AggregateNode(new RowsNode(input), groups, calls(false));
        assertSameAsInMemory(node, SMALL, "seed " + seed);

        // An independent check of count(*) and sum(x) for one group.
        Map<List<Object>, long[]> reference = new HashMap<>();
        for (Object[] r : input) {
            long[] acc = reference.computeIfAbsent(Arrays.asList(r[0], r[1]), k -> new long[2]);
            acc[0]++;
            acc[1] += (Long) r[2];
        }
        List<String> small = run(node, new CountingFileSystem(LocalFileSystem.INSTANCE), SMALL);
        assertThat(small).hasSize(reference.size());
        Object[] first = input.getFirst();
        long[] acc = reference.get(Arrays.asList(first[0], first[1]));
        assertThat(small).anyMatch(s -> s.startsWith("[" + first[0] + ", " + first[1] + ", " + acc[0] + ", ")
                && s.contains(", " + acc[1] + ", "));
    }

    @Test
    void distinctAggregatesEvictGroupsAndMergeTheirStateBack() throws IOException {
        long seed = SpillTestSupport.seed("HashAggregationTest.distinctAggregatesEvictGroups", 0xd15L);
        // 2000 groups of ~25 rows: each group's DISTINCT sets grow while others are in the table.
        List<Object[]> input = rows(seed, 50_000, 2_000);
        AggregateNode node = new AggregateNode(new RowsNode(input), List.of(column(0, SqlType.INTEGER)), calls(true));
        assertSameAsInMemory(node, SMALL, "seed " + seed);
        try (ExecContext ctx = SpillTestSupport.context(new CountingFileSystem(LocalFileSystem.INSTANCE), dir, SMALL,
                new AtomicBoolean())) {
            HashAggregation it = (HashAggregation) node.open(ctx);
            SpillTestSupport.drain(it);
            assertThat(it.evictions()).as("groups evicted").isPositive();
            assertThat(it.deepestPass()).as("partitions split again").isGreaterThan(1);
        }
    }

    @Test
    void oneGroupsDistinctValuesBeyondWorkMemSpillSortedAndGiveTheInMemoryResult() throws IOException {
        long seed = SpillTestSupport.seed("HashAggregationTest.oneGroupsDistinctValuesSpill", 0xd5L);
        Random random = new Random(seed);
        List<Object[]> input = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            long v = random.nextInt(25_000);
            input.add(new Object[]{i % 2, v, "k" + (v % 9_000), random.nextInt(10) == 0 ? null : (double) (v % 4_000) / 4});
        }
        List<AggregateCall> calls = List.of(
                new AggregateCall(AggregateFunction.COUNT, column(1, SqlType.BIGINT), true, SqlType.BIGINT),
                new AggregateCall(AggregateFunction.SUM, column(1, SqlType.BIGINT), true, SqlType.NUMERIC),
                new AggregateCall(AggregateFunction.MAX, column(2, SqlType.TEXT), true, SqlType.TEXT),
                new AggregateCall(AggregateFunction.AVG, column(3, SqlType.DOUBLE), true, SqlType.DOUBLE),
                new AggregateCall(AggregateFunction.ARRAY_AGG, column(3, SqlType.DOUBLE), true,
                        SqlType.arrayOf(SqlType.DOUBLE)),
                new AggregateCall(AggregateFunction.COUNT, null, false, SqlType.BIGINT));
        for (List<BoundExpr> groups : List.of(List.<BoundExpr>of(), List.<BoundExpr>of(column(0, SqlType.INTEGER)))) {
            AggregateNode node = new AggregateNode(new RowsNode(input), groups, calls);
            CountingFileSystem inMemory = new CountingFileSystem(LocalFileSystem.INSTANCE);
            List<String> expected = run(node, inMemory, LARGE);
            assertThat(inMemory.created).isZero();
            CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
            List<String> actual = run(node, fs, SMALL);
            assertThat(fs.created).as("one group's DISTINCT values spill at 64kB").isPositive();
            assertThat(actual).as("seed %d, groups %s", seed, groups).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fs.live).isZero();
        }
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }

    @Test
    void oneGroupsArrayAggBeyondWorkMemFailsWith53200() throws IOException {
        List<Object[]> input = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            input.add(new Object[]{(long) i});
        }
        AggregateNode node = new AggregateNode(new RowsNode(input), List.of(), List.of(new AggregateCall(
                AggregateFunction.ARRAY_AGG, column(0, SqlType.BIGINT), false, SqlType.arrayOf(SqlType.BIGINT))));
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        assertThatThrownBy(() -> run(node, fs, SMALL)).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.OUT_OF_MEMORY);
            assertThat(e.getMessage()).contains("aggregate values of group")
                    .contains("exceeds work_mem (64kB); raise work_mem");
        });
        assertThat(fs.live).isZero();
    }

    @Test
    void withoutGroupByThereIsOneRowEvenForNoInput() {
        AggregateNode node = new AggregateNode(new RowsNode(List.of()), List.of(), calls(true));
        assertThat(run(node, new CountingFileSystem(LocalFileSystem.INSTANCE), 1))
                .containsExactly("[0, 0, null, null, null, null, 0, null]");
    }

    @Test
    void distinctSpillsAndGivesTheInMemoryRows() throws IOException {
        long seed = SpillTestSupport.seed("HashAggregationTest.distinctSpills", 0xd1dL);
        List<Object[]> input = new ArrayList<>();
        for (Object[] r : rows(seed, 50_000, 30_000)) {
            input.add(new Object[]{r[0], r[1], ((Long) r[2]) % 3});  // ~30k distinct of 50k, NULLs included
        }
        input.add(new Object[]{1, "h1", 2.0});  // equal to (1, 'h1', 2) by SQL value: not distinct
        input.add(0, new Object[]{1, "h1", 2L});
        DistinctNode node = new DistinctNode(new RowsNode(input));
        assertSameAsInMemory(node, SMALL, "seed " + seed);
        List<String> small = run(node, new CountingFileSystem(LocalFileSystem.INSTANCE), SMALL);
        assertThat(small).doesNotHaveDuplicates().contains("[1, h1, 2]").doesNotContain("[1, h1, 2.0]");
        // Output starts in first-appearance order, as it streams before the set fills up.
        assertThat(small.getFirst()).isEqualTo("[1, h1, 2]");
    }

    @Test
    void cancelWhileAggregatingAPartitionDeletesEveryPartition() throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        AggregateNode node = new AggregateNode(new RowsNode(rows(7, 50_000, 20_000)),
                List.of(column(0, SqlType.INTEGER)), calls(false));
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, cancel)) {
            RowIterator it = node.open(ctx);
            assertThat(it.next()).isNotNull();
            assertThat(fs.live).as("partitions wait on disk").isGreaterThan(1);
            cancel.set(true);
            assertThatThrownBy(() -> SpillTestSupport.drain(it)).isInstanceOfSatisfying(KyroException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
            assertThat(fs.live).as("deleted by the operator").isZero();
        }
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void cancelWhileDistinctReadsItsInputDeletesThePartitions() throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        RowsNode child = new RowsNode(rows(8, 50_000, 50_000), i -> {
            if (i == 40_000) {
                cancel.set(true);
            }
        });
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, cancel)) {
            RowIterator it = new DistinctNode(child).open(ctx);
            assertThatThrownBy(() -> SpillTestSupport.drain(it)).isInstanceOfSatisfying(KyroException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
            assertThat(fs.created).isPositive();
            assertThat(fs.live).isZero();
        }
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void stoppingEarlyLeavesThePartitionsToTheStatementWhichDeletesThem() throws IOException {
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            RowIterator it = new DistinctNode(new RowsNode(rows(9, 50_000, 50_000))).open(ctx);
            for (int i = 0; i < 10; i++) {
                it.next();
            }
            assertThat(it.next()).isNotNull();
            // The first rows stream out before the set fills up; read on until the input has spilled.
            while (fs.created == 0) {
                assertThat(it.next()).isNotNull();
            }
            assertThat(fs.live).isPositive();
        }
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void oneColumnKeyReadInBatchesGivesEachGroupItsRowsInMemoryAndSpilling() throws IOException {
        long seed = SpillTestSupport.seed("HashAggregationTest.oneColumnKeyInBatches", 0xba7L);
        // Exactly two batches, then many batches and a part one; NULL keys from the third batch on
        // (the integer index is dropped mid-input), and DISTINCT values that evict groups at SMALL.
        for (int n : new int[] {2 * HashAggregation.BATCH, 50_001}) {
            List<Object[]> input = rows(seed, n, 2_000);
            for (int i = 2 * HashAggregation.BATCH + 7; i < n; i += 997) {
                input.get(i)[0] = null;
            }
            Map<Object, long[]> counts = new HashMap<>();
            Map<Object, java.util.Set<Object>> distinct = new HashMap<>();
            for (Object[] r : input) {
                long[] acc = counts.computeIfAbsent(String.valueOf(r[0]), k -> new long[2]);
                acc[0]++;
                acc[1] += (Long) r[2];
                distinct.computeIfAbsent(String.valueOf(r[0]), k -> new java.util.HashSet<>()).add(r[2]);
            }
            List<String> expected = new ArrayList<>();
            counts.forEach((g, acc) -> expected.add("[" + g + ", " + acc[0] + ", " + acc[1] + ", "
                    + distinct.get(g).size() + "]"));
            AggregateNode node = new AggregateNode(new RowsNode(input), List.of(column(0, SqlType.INTEGER)), List.of(
                    new AggregateCall(AggregateFunction.COUNT, null, false, SqlType.BIGINT),
                    new AggregateCall(AggregateFunction.SUM, column(2, SqlType.BIGINT), false, SqlType.BIGINT),
                    new AggregateCall(AggregateFunction.COUNT, column(2, SqlType.BIGINT), true, SqlType.BIGINT)));
            for (long workMem : new long[] {LARGE, SMALL}) {
                List<String> actual = run(node, new CountingFileSystem(LocalFileSystem.INSTANCE), workMem);
                assertThat(actual.stream().sorted().toList()).as("%d rows, work_mem %d, seed %d", n, workMem, seed)
                        .isEqualTo(expected.stream().sorted().toList());
            }
        }
        try (ExecContext ctx = SpillTestSupport.context(new CountingFileSystem(LocalFileSystem.INSTANCE), dir, SMALL,
                new AtomicBoolean())) {
            HashAggregation it = (HashAggregation) new AggregateNode(new RowsNode(rows(seed, 50_001, 2_000)),
                    List.of(column(0, SqlType.INTEGER)), calls(true)).open(ctx);
            SpillTestSupport.drain(it);
            assertThat(it.evictions()).as("groups evicted while batches were read").isPositive();
        }
    }

    @Test
    void oneIntegerGroupKeyGroupsOtherNumericTypesAndNullsAsSqlDoes() {
        // A key of another type arrives after integer groups exist, and before others are made.
        List<Object[]> input = new ArrayList<>();
        input.add(new Object[]{1, 10L});
        input.add(new Object[]{2, 20L});
        input.add(new Object[]{1L, 1L});
        input.add(new Object[]{(short) 2, 2L});
        input.add(new Object[]{null, 100L});
        input.add(new Object[]{java.math.BigDecimal.valueOf(10, 1), 1000L});   // 1.0: group 1
        input.add(new Object[]{1.5, 7L});
        input.add(new Object[]{3, 3L});
        input.add(new Object[]{3.0, 30L});
        input.add(new Object[]{null, 200L});
        input.add(new Object[]{1, 10000L});
        AggregateNode node = new AggregateNode(new RowsNode(input), List.of(column(0, SqlType.INTEGER)), List.of(
                new AggregateCall(AggregateFunction.COUNT, null, false, SqlType.BIGINT),
                new AggregateCall(AggregateFunction.SUM, column(1, SqlType.BIGINT), false, SqlType.BIGINT)));
        assertThat(run(node, new CountingFileSystem(LocalFileSystem.INSTANCE), LARGE))
                .containsExactly("[1, 4, 11011]", "[2, 2, 22]", "[null, 2, 300]", "[1.5, 1, 7]", "[3, 2, 33]");
    }
}
