package io.kyrodb.engine.exec;

import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameExclusion;
import io.kyrodb.sql.ast.Expr.FrameUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.kyrodb.engine.exec.SpillTestSupport.column;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window over input that arrives sorted by its partition values ({@code presorted}: each
 * partition sorted alone) gives every row the value the sort of the whole input gives it, rows in
 * the same order; with {@code keepsInputOrder} the same rows and values come out in the input's
 * order. Random data with ties and NULLs in the partition and order values, ORDER BY keys ascending
 * and descending with NULLs first or last, in memory and past work_mem (partitions spilled and
 * sorted through spill files). {@code -Dkyro.seed=N} replays one seed.
 */
class WindowPresortedTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Columns: 0 seq (arrival), 1 partition key (few values, NULLs), 2 and 3 order values with ties and NULLs, 4 padding. */
    private static List<Object[]> rows(Random random, int n, int partitions) {
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object p = random.nextInt(15) == 0 ? null : (long) random.nextInt(partitions);
            Object a = random.nextInt(10) == 0 ? null : random.nextInt(8);
            Object b = random.nextInt(10) == 0 ? null : "v" + random.nextInt(5);
            rows.add(new Object[]{i, p, a, b, "x".repeat(random.nextInt(20))});
        }
        return rows;
    }

    private static WindowCall aggregate(AggregateFunction fn, BoundExpr argument, WindowFrame frame, SqlType type) {
        return new WindowCall(WindowFunction.AGGREGATE, argument == null ? List.of() : List.of(argument),
                new AggregateCall(fn, argument, false, type), null, frame, type);
    }

    /** Ranking, offsets, running and sliding aggregates: all sensitive to the order of ties. */
    private static List<WindowCall> calls() {
        BoundExpr a = column(2, SqlType.INTEGER);
        WindowFrame sliding = new WindowFrame(FrameUnit.ROWS, BoundKind.PRECEDING, new ConstExpr(2L, SqlType.BIGINT),
                BoundKind.FOLLOWING, new ConstExpr(1L, SqlType.BIGINT), FrameExclusion.NO_OTHERS, null);
        return List.of(
                new WindowCall(WindowFunction.ROW_NUMBER, List.of(), null, null, WindowFrame.DEFAULT, SqlType.BIGINT),
                new WindowCall(WindowFunction.RANK, List.of(), null, null, WindowFrame.DEFAULT, SqlType.BIGINT),
                aggregate(AggregateFunction.SUM, a, WindowFrame.DEFAULT, SqlType.BIGINT),
                aggregate(AggregateFunction.SUM, column(0, SqlType.INTEGER), sliding, SqlType.BIGINT),
                new WindowCall(WindowFunction.LAG, List.of(column(0, SqlType.INTEGER)), null, null, WindowFrame.DEFAULT,
                        SqlType.INTEGER),
                new WindowCall(WindowFunction.FIRST_VALUE, List.of(column(0, SqlType.INTEGER)), null, null,
                        WindowFrame.DEFAULT, SqlType.INTEGER));
    }

    private record Shape(boolean partitioned, List<SortKey> keys) {
    }

    private static Shape shape(Random random) {
        List<SortKey> keys = new ArrayList<>();
        List<Integer> columns = new ArrayList<>(List.of(0, 1));
        java.util.Collections.shuffle(columns, random);
        for (int i = 0; i < random.nextInt(3); i++) {
            keys.add(new SortKey(columns.get(i), random.nextBoolean(), random.nextBoolean()));
        }
        return new Shape(random.nextInt(4) != 0, keys);
    }

    private List<Object[]> run(List<Object[]> input, Shape shape, boolean presorted, boolean keep, long workMem,
                               CountingFileSystem fs) {
        List<WindowCall> calls = calls();
        int width = 5 + calls.size();
        int[] slots = new int[calls.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = 5 + i;
        }
        List<BoundExpr> partition = shape.partitioned() ? List.of(column(1, SqlType.BIGINT)) : List.of();
        List<BoundExpr> order = new ArrayList<>();
        for (SortKey k : shape.keys()) {
            order.add(k.column() == 0 ? column(2, SqlType.INTEGER) : column(3, SqlType.TEXT));
        }
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0; i < shape.keys().size(); i++) {
            keys.add(new SortKey(i, shape.keys().get(i).descending(), shape.keys().get(i).nullsFirst()));
        }
        WindowNode node = new WindowNode(new RowsNode(input), width, partition, order, keys, calls, slots, presorted,
                keep);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            return SpillTestSupport.drain(node.open(ctx));
        }
    }

    @TestFactory
    Stream<DynamicTest> presortedPartitionsGiveTheFullSortsAnswer() {
        String one = System.getProperty("kyro.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 16);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private void trial(long seed) throws IOException {
        System.out.println("WindowPresortedTest seed=" + seed + " (rerun: -Dtest=WindowPresortedTest -Dkyro.seed="
                + seed + ")");
        Random random = new Random(seed);
        boolean big = seed % 4 == 0;
        List<Object[]> input = rows(random, big ? 6_000 : 1 + random.nextInt(400), big ? 3 : 1 + random.nextInt(40));
        // the partition values ascending, NULLs last, arrival order kept among equal ones (as an index delivers)
        List<Object[]> arriving = new ArrayList<>(input);
        arriving.sort(Comparator.comparing((Object[] r) -> r[1], Comparator.nullsLast(Values::compare)));
        Shape shape = shape(random);
        long workMem = big ? SMALL : LARGE;
        List<Object[]> expected = run(arriving, shape, false, false, LARGE,
                new CountingFileSystem(LocalFileSystem.INSTANCE));

        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> presorted = run(arriving, shape, true, false, workMem, fs);
        assertThat(presorted).as("presorted, %s, seed %d", shape, seed).containsExactlyElementsOf(expected);
        assertThat(fs.live).isZero();

        fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> kept = run(arriving, shape, true, true, workMem, fs);
        assertThat(kept).as("rows in arrival order, %s, seed %d", shape, seed).hasSameSizeAs(arriving);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i)[0]).as("row %d keeps its place, seed %d", i, seed).isEqualTo(arriving.get(i)[0]);
        }
        List<Object[]> keptBySeq = new ArrayList<>(kept);
        keptBySeq.sort(Comparator.comparing(r -> (Integer) r[0]));
        List<Object[]> expectedBySeq = new ArrayList<>(expected);
        expectedBySeq.sort(Comparator.comparing(r -> (Integer) r[0]));
        assertThat(keptBySeq).as("same values, %s, seed %d", shape, seed).containsExactlyElementsOf(expectedBySeq);
        assertThat(fs.live).isZero();
        if (big) {
            assertThat(fs.created).as("a partition of ~2,000 rows is past 64kB: it spills").isPositive();
        }
    }
}
