package io.kyrodb.engine.exec;

import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BoundKind;
import io.kyrodb.sql.ast.Expr.FrameExclusion;
import io.kyrodb.sql.ast.Expr.FrameUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kyrodb.engine.exec.SpillTestSupport.column;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WindowNode past work_mem: a partition larger than work_mem is written to a spill file and read
 * back by position, giving exactly the values the in-memory partition gives; the file is gone
 * afterwards.
 */
class WindowNodeSpillTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Columns: 0 seq, 1 int with NULLs and ties, 2 a partition key of three values, 3 padding text. */
    private static List<Object[]> rows(long seed, int n) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = random.nextInt(20) == 0 ? null : random.nextInt(500);
            rows.add(new Object[]{i, v, "p" + random.nextInt(3), "x".repeat(random.nextInt(30))});
        }
        return rows;
    }

    private static WindowCall aggregate(AggregateFunction fn, BoundExpr argument, WindowFrame frame, SqlType type) {
        return new WindowCall(WindowFunction.AGGREGATE, argument == null ? List.of() : List.of(argument),
                new AggregateCall(fn, argument, false, type), null, frame, type);
    }

    /** Calls reading the frame around each row, the whole partition, and rows far from the current one. */
    private static List<WindowCall> calls() {
        BoundExpr v = column(1, SqlType.INTEGER);
        WindowFrame around = new WindowFrame(FrameUnit.ROWS, BoundKind.PRECEDING, new ConstExpr(3L, SqlType.BIGINT),
                BoundKind.FOLLOWING, new ConstExpr(2L, SqlType.BIGINT), FrameExclusion.CURRENT_ROW, null);
        WindowFrame all = new WindowFrame(FrameUnit.ROWS, BoundKind.UNBOUNDED_PRECEDING, null,
                BoundKind.UNBOUNDED_FOLLOWING, null);
        return List.of(
                new WindowCall(WindowFunction.ROW_NUMBER, List.of(), null, null, WindowFrame.DEFAULT, SqlType.BIGINT),
                aggregate(AggregateFunction.SUM, v, around, SqlType.BIGINT),
                aggregate(AggregateFunction.COUNT, null, WindowFrame.DEFAULT, SqlType.BIGINT),
                new WindowCall(WindowFunction.LAG, List.of(v, new ConstExpr(1000L, SqlType.BIGINT)), null, null,
                        WindowFrame.DEFAULT, SqlType.INTEGER),
                new WindowCall(WindowFunction.LAST_VALUE, List.of(column(0, SqlType.INTEGER)), null, null, all,
                        SqlType.INTEGER),
                new WindowCall(WindowFunction.NTH_VALUE, List.of(v, new ConstExpr(7L, SqlType.BIGINT)), null, null, all,
                        SqlType.INTEGER));
    }

    private List<Object[]> run(List<Object[]> input, boolean partitioned, CountingFileSystem fs, long workMem) {
        List<WindowCall> calls = calls();
        int width = 4 + calls.size();
        int[] slots = new int[calls.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = 4 + i;
        }
        List<BoundExpr> partition = partitioned ? List.of(column(2, SqlType.TEXT)) : List.of();
        List<BoundExpr> order = partitioned ? List.of(column(1, SqlType.INTEGER), column(0, SqlType.INTEGER)) : List.of();
        List<SortKey> keys = partitioned ? List.of(new SortKey(0, false, false), new SortKey(1, false, false)) : List.of();
        WindowNode node = new WindowNode(new RowsNode(input), width, partition, order, keys, calls, slots);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            return SpillTestSupport.drain(node.open(ctx));
        }
    }

    @Test
    void aPartitionPastWorkMemSpillsAndGivesTheInMemoryValues() throws IOException {
        long seed = SpillTestSupport.seed("WindowNodeSpillTest.aPartitionPastWorkMemSpills", 0x3d1eL);
        List<Object[]> input = rows(seed, 30_000);

        CountingFileSystem inMemoryFs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> expected = run(input, false, inMemoryFs, LARGE);
        assertThat(inMemoryFs.created).as("the default work_mem holds the partition").isZero();

        // no PARTITION BY or ORDER BY: nothing is sorted, so a spill file can only be the window's
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> actual = run(input, false, fs, SMALL);
        assertThat(fs.created).as("the one partition of 30,000 rows does not fit 64kB: it spills").isPositive();
        assertThat(actual).hasSize(input.size());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("row %d, seed %d", i, seed).isEqualTo(expected.get(i));
        }
        assertThat(actual.get(0)[6]).isEqualTo(30_000L);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void sortedPartitionsSpillOneAtATime() throws IOException {
        long seed = SpillTestSupport.seed("WindowNodeSpillTest.sortedPartitionsSpillOneAtATime", 0x77a1L);
        List<Object[]> input = rows(seed, 30_000);
        List<Object[]> expected = run(input, true, new CountingFileSystem(LocalFileSystem.INSTANCE), LARGE);

        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> actual = run(input, true, fs, SMALL);
        assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
        assertThat(fs.maxLive).as("the sort's file and one partition's").isLessThanOrEqualTo(2);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void readingPartOfASpilledPartitionLeavesNoFile() throws IOException {
        List<Object[]> input = rows(11, 20_000);
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<WindowCall> calls = calls();
        int[] slots = new int[calls.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = 4 + i;
        }
        WindowNode node = new WindowNode(new RowsNode(input), 4 + calls.size(), List.of(), List.of(), List.of(), calls,
                slots);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            RowIterator it = node.open(ctx);
            for (int i = 0; i < 10; i++) {
                assertThat(it.next()).isNotNull();
            }
            assertThat(fs.live).as("the partition's spill file, while it is read").isEqualTo(1);
        }
        assertThat(fs.live).as("closing the statement deletes it").isZero();
    }
}
