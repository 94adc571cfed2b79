package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.types.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SortNode past work_mem: the external merge sort gives exactly the in-memory sort's order
 * (stability included), and its spill files are gone afterwards, however the statement ends.
 */
class SortNodeSpillTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Columns: 0 seq (input order), 1 int with NULLs, 2 text with NULLs, 3 double with NULLs, 4 bigint. */
    static List<Object[]> rows(long seed, int n) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object a = random.nextInt(10) == 0 ? null : random.nextInt(50) - 25;
            Object b = random.nextInt(10) == 0 ? null : "k" + random.nextInt(300) + "x".repeat(random.nextInt(20));
            Object c = switch (random.nextInt(20)) {
                case 0 -> null;
                case 1 -> Double.NaN;
                case 2 -> -0.0;
                default -> (double) random.nextInt(1000) / 8;
            };
            rows.add(new Object[]{i, a, b, c, random.nextLong() % 1000});
        }
        return rows;
    }

    static Stream<List<SortKey>> orders() {
        return Stream.of(
                List.of(new SortKey(1, false, false)),                                  // a ASC NULLS LAST
                List.of(new SortKey(1, true, true)),                                    // a DESC NULLS FIRST
                List.of(new SortKey(1, false, true), new SortKey(2, true, false)),      // a NULLS FIRST, b DESC NULLS LAST
                List.of(new SortKey(3, true, false), new SortKey(4, false, false)),     // c DESC NULLS LAST, d
                List.of(new SortKey(2, false, false)),                                  // b: many ties
                List.of(new SortKey(4, false, false), new SortKey(0, true, false)));    // unique key
    }

    private List<Object[]> sort(List<Object[]> input, List<SortKey> keys, CountingFileSystem fs, long workMem) {
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            return SpillTestSupport.drain(new SortNode(new RowsNode(input), keys).open(ctx));
        }
    }

    @ParameterizedTest
    @MethodSource("orders")
    void spillingSortGivesTheInMemoryOrder(List<SortKey> keys) throws IOException {
        long seed = SpillTestSupport.seed("SortNodeSpillTest.spillingSortGivesTheInMemoryOrder", 0x50f7L);
        List<Object[]> input = rows(seed, 50_000);

        CountingFileSystem inMemoryFs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> expected = sort(input, keys, inMemoryFs, LARGE);
        assertThat(inMemoryFs.created).as("the default work_mem sorts in memory").isZero();

        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> actual = sort(input, keys, fs, SMALL);
        assertThat(fs.created).as("64kB spills").isPositive();
        assertThat(actual).as("seed %d, keys %s", seed, keys).hasSize(input.size());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i)).as("row %d, seed %d, keys %s", i, seed, keys).isEqualTo(expected.get(i));
        }
        assertStableOrder(actual, keys);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    /** Sorted by the keys (an independent check of NULL placement and direction), ties in input order. */
    private static void assertStableOrder(List<Object[]> rows, List<SortKey> keys) {
        for (int i = 1; i < rows.size(); i++) {
            Object[] a = rows.get(i - 1);
            Object[] b = rows.get(i);
            int c = 0;
            for (SortKey k : keys) {
                Object x = a[k.column()];
                Object y = b[k.column()];
                if (x == null && y == null) {
                    continue;
                }
                if (x == null || y == null) {
                    c = (x == null) == k.nullsFirst() ? -1 : 1;
                } else {
                    c = k.descending() ? Values.compare(y, x) : Values.compare(x, y);
                }
                if (c != 0) {
                    break;
                }
            }
            assertThat(c).as("rows %d and %d out of order", i - 1, i).isLessThanOrEqualTo(0);
            if (c == 0) {
                assertThat((Integer) a[0]).as("tie at %d keeps input order", i).isLessThan((Integer) b[0]);
            }
        }
    }

    @Test
    void manyRunsAreMergedInSeveralPassesKeepingTwoFilesAtMost() throws IOException {
        long seed = SpillTestSupport.seed("SortNodeSpillTest.manyRunsAreMergedInSeveralPasses", 0x9a55L);
        List<Object[]> input = rows(seed, 50_000);
        List<SortKey> keys = List.of(new SortKey(2, false, true), new SortKey(1, true, false));
        List<Object[]> expected = sort(input, keys, new CountingFileSystem(LocalFileSystem.INSTANCE), LARGE);

        // 64kB: dozens of runs of a few hundred rows, merged 15 at a time: a pass into a new file, then
        // the final merge.
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> actual = sort(input, keys, fs, SMALL);
        assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
        assertThat(fs.created).as("files: the runs, then one per merge pass").isGreaterThanOrEqualTo(2);
        assertThat(fs.maxLive).isLessThanOrEqualTo(2);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void rowsLargerThanWorkMemStillSort() {
        List<Object[]> input = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            input.add(new Object[]{i, (i * 7) % 10, String.valueOf((char) ('a' + i % 26)).repeat(10_000)});
        }
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> actual = sort(input, List.of(new SortKey(1, false, false)), fs, 1024);  // 64kB, the floor
        assertThat(fs.created).isPositive();
        assertThat(actual).extracting(r -> (Integer) r[1]).isSorted();
        assertStableOrder(actual, List.of(new SortKey(1, false, false)));
    }

    // ---- Spill files are deleted however the statement ends -----------------------------------------

    @Test
    void cancelWhileReadingTheInputDeletesTheRuns() throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> input = rows(1, 30_000);
        RowsNode child = new RowsNode(input, i -> {
            if (i == 25_000) {
                cancel.set(true);
            }
        });
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, cancel)) {
            assertThatThrownBy(() -> new SortNode(child, List.of(new SortKey(1, false, false))).open(ctx))
                    .isInstanceOfSatisfying(KyroException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
            assertThat(fs.created).isPositive();
            assertThat(fs.live).as("deleted by the sort itself, before the statement ends").isZero();
        }
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void cancelDuringTheMergeDeletesTheRuns() throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, cancel)) {
            RowIterator it = new SortNode(new RowsNode(rows(2, 30_000)), List.of(new SortKey(3, false, false))).open(ctx);
            for (int i = 0; i < 100; i++) {
                assertThat(it.next()).isNotNull();
            }
            assertThat(fs.live).as("the merge is reading its runs").isEqualTo(1);
            assertThat(SpillTestSupport.spillFiles(fs, dir)).hasSize(1);
            cancel.set(true);
            assertThatThrownBy(it::next).isInstanceOfSatisfying(KyroException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
            assertThat(fs.live).isZero();
            assertThat(it.next()).isNull();
        }
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void aFailingChildLeavesNoSpillFiles() throws IOException {
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        RowsNode child = new RowsNode(rows(3, 30_000), i -> {
            if (i == 20_000) {
                throw new IllegalStateException("boom at row " + i);
            }
        });
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            assertThatThrownBy(() -> new SortNode(child, List.of(new SortKey(1, false, false))).open(ctx))
                    .hasMessage("boom at row 20000");
        }
        assertThat(fs.created).isPositive();
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void aFullDiskFailsWith53100AndLeavesNoSpillFiles() throws IOException {
        FaultInjectingFileSystem faulty = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE);
        CountingFileSystem fs = new CountingFileSystem(faulty);
        faulty.failNth(FaultInjectingFileSystem.Op.WRITE, 20, true, true);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            assertThatThrownBy(() -> SpillTestSupport.drain(
                    new SortNode(new RowsNode(rows(4, 30_000)), List.of(new SortKey(1, false, false))).open(ctx)))
                    .isInstanceOfSatisfying(KyroException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.DISK_FULL);
                        assertThat(e.getMessage()).contains("could not write spill file").contains("sort-");
                    });
        }
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void stoppingEarlyLeavesTheFileToTheStatementWhichDeletesIt() throws IOException {
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            RowIterator it = new LimitNode(new SortNode(new RowsNode(rows(5, 30_000)),
                    List.of(new SortKey(4, false, false))), new io.kyrodb.engine.expr.ConstExpr(10L,
                    io.kyrodb.engine.types.SqlType.BIGINT), null).open(ctx);
            assertThat(SpillTestSupport.drain(it)).hasSize(10);
            assertThat(fs.live).isEqualTo(1);
        }
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }
}
