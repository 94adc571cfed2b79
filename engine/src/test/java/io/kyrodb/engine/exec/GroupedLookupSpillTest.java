package io.kyrodb.engine.exec;

import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BinaryOp;
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
 * The decorrelated lookup past work_mem: when the subquery's groups do not fit, both sides are
 * split by key hash and the rows that pass are those the in-memory lookup passes (in another
 * order), NULL keys and keys without a group included; no spill file is left.
 */
class GroupedLookupSpillTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Input rows {id, key, value}; groups {key, count}: "value < (count of the key's group, else 0)". */
    private List<String> run(List<Object[]> input, List<Object[]> groups, CountingFileSystem fs, long workMem) {
        BoundExpr predicate = new CompareExpr(BinaryOp.LT, column(2, SqlType.BIGINT), column(3, SqlType.BIGINT));
        GroupedLookupFilterNode node = new GroupedLookupFilterNode(new RowsNode(input),
                new HashNode(new RowsNode(groups)), List.of(column(1, SqlType.BIGINT)), 0L, 3, predicate, "k", "v < n");
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            List<String> out = new ArrayList<>();
            for (Object[] row : SpillTestSupport.drain(node.open(ctx))) {
                out.add(java.util.Arrays.toString(row));
            }
            return out;
        }
    }

    @Test
    void groupsPastWorkMemAreSplitWithTheInputAndPassTheSameRows() throws IOException {
        long seed = SpillTestSupport.seed("GroupedLookupSpillTest.groupsPastWorkMem", 0x6a7L);
        Random random = new Random(seed);
        List<Object[]> groups = new ArrayList<>();
        for (long k = 0; k < 30_000; k += 1 + random.nextInt(2)) {
            groups.add(new Object[]{k, (long) random.nextInt(10)});
        }
        List<Object[]> input = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            Object key = random.nextInt(50) == 0 ? null : (long) random.nextInt(35_000);
            input.add(new Object[]{i, key, (long) random.nextInt(10) - 1});
        }
        CountingFileSystem inMemoryFs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<String> expected = run(input, groups, inMemoryFs, LARGE);
        assertThat(inMemoryFs.created).isZero();
        assertThat(expected).hasSizeBetween(1_000, 39_000);

        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<String> actual = run(input, groups, fs, SMALL);
        assertThat(fs.created).as("30,000 groups do not fit 64kB: both sides spill").isPositive();
        assertThat(actual).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(fs, dir)).isEmpty();
    }

    @Test
    void readingPartOfTheSpilledLookupLeavesNoFile() throws IOException {
        List<Object[]> groups = new ArrayList<>();
        List<Object[]> input = new ArrayList<>();
        for (long k = 0; k < 20_000; k++) {
            groups.add(new Object[]{k, 5L});
            input.add(new Object[]{(int) k, k, 1L});
        }
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        BoundExpr predicate = new CompareExpr(BinaryOp.LT, column(2, SqlType.BIGINT), column(3, SqlType.BIGINT));
        GroupedLookupFilterNode node = new GroupedLookupFilterNode(new RowsNode(input),
                new HashNode(new RowsNode(groups)), List.of(column(1, SqlType.BIGINT)), 0L, 3, predicate, "k", "v < n");
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            RowIterator it = node.open(ctx);
            assertThat(it.next()).isNotNull();
            assertThat(fs.live).as("partitions being read").isPositive();
        }
        assertThat(fs.live).isZero();
    }
}
