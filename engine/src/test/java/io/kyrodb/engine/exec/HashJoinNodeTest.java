package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kyrodb.engine.exec.JoinTestSupport.LEFT_BELOW_RIGHT;
import static io.kyrodb.engine.exec.JoinTestSupport.LEFT_KEY;
import static io.kyrodb.engine.exec.JoinTestSupport.RIGHT_KEY;
import static io.kyrodb.engine.exec.JoinTestSupport.RIGHT_SLOTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hash joins of every type, in memory and past work_mem (split into partitions, more than once),
 * against a plain nested loop over the same rows; spill files are gone when the statement ends.
 */
class HashJoinNodeTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    private static HashJoinNode node(List<Object[]> lefts, List<Object[]> rights, JoinType type, BoundExpr residual) {
        return new HashJoinNode(new RowsNode(lefts), new HashNode(new RowsNode(rights)), type, List.of(LEFT_KEY),
                List.of(RIGHT_KEY), residual, RIGHT_SLOTS, "(t.c0 = t.c2)", null);
    }

    private List<Object[]> run(PlanNode node, CountingFileSystem fs, long workMem) {
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            return SpillTestSupport.drain(node.open(ctx));
        }
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void inMemoryMatchesTheDefinition(JoinType type) {
        Random random = new Random(SpillTestSupport.seed("HashJoinNodeTest.inMemory", 7));
        // Left rows probe in batches: one and a part, exactly two (the end found by an empty batch).
        for (int n : new int[] {300, 2 * HashAggregation.BATCH}) {
            List<Object[]> lefts = JoinTestSupport.lefts(random, n, 50);
            List<Object[]> rights = JoinTestSupport.rights(random, 200, 50);
            for (BoundExpr residual : new BoundExpr[]{null, LEFT_BELOW_RIGHT}) {
                CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
                List<Object[]> out = run(node(lefts, rights, type, residual), fs, LARGE);
                assertThat(JoinTestSupport.sorted(out)).as("%d left rows", n)
                        .isEqualTo(JoinTestSupport.expected(lefts, rights, type, true, residual));
                assertThat(fs.created).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void pastWorkMemItSplitsBothInputsAndReturnsTheSameRows(JoinType type) throws IOException {
        Random random = new Random(SpillTestSupport.seed("HashJoinNodeTest.spill", 11));
        List<Object[]> lefts = JoinTestSupport.lefts(random, 6000, 3000);
        List<Object[]> rights = JoinTestSupport.rights(random, 8000, 3000);
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        List<Object[]> out = run(node(lefts, rights, type, LEFT_BELOW_RIGHT), fs, SMALL);
        assertThat(JoinTestSupport.sorted(out))
                .isEqualTo(JoinTestSupport.expected(lefts, rights, type, true, LEFT_BELOW_RIGHT));
        assertThat(fs.created).as("spill files written").isGreaterThan(0);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }

    /** NOT IN over right keys without NULLs (with one, the answer is empty whatever the rest). */
    @Test
    void nullAwareAntiJoinSpillsAndMatchesTheDefinitionWhenTheRightKeysHoldNoNull() throws IOException {
        Random random = new Random(SpillTestSupport.seed("HashJoinNodeTest.notIn", 13));
        List<Object[]> lefts = JoinTestSupport.lefts(random, 6000, 3000);
        List<Object[]> rights = JoinTestSupport.rights(random, 8000, 6000).stream().filter(r -> r[2] != null).toList();
        for (long workMem : new long[]{LARGE, SMALL}) {
            CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
            List<Object[]> out = run(node(lefts, rights, JoinType.NULL_AWARE_ANTI, null), fs, workMem);
            List<String> expected = JoinTestSupport.expected(lefts, rights, JoinType.NULL_AWARE_ANTI, true, null);
            assertThat(expected).isNotEmpty();
            assertThat(JoinTestSupport.sorted(out)).isEqualTo(expected);
            assertThat(fs.created > 0).as("spilled").isEqualTo(workMem == SMALL);
        }
        assertThat(run(node(lefts, List.of(), JoinType.NULL_AWARE_ANTI, null),
                new CountingFileSystem(LocalFileSystem.INSTANCE), LARGE)).hasSize(lefts.size());
    }

    @Test
    void aPartitionTooLargeForWorkMemIsSplitAgain() {
        Random random = new Random(SpillTestSupport.seed("HashJoinNodeTest.deep", 5));
        List<Object[]> lefts = JoinTestSupport.lefts(random, 2000, 40_000);
        List<Object[]> rights = JoinTestSupport.rights(random, 40_000, 40_000);
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            HashJoinNode node = node(lefts, rights, JoinType.FULL, null);
            HashJoinExecution it = (HashJoinExecution) node.open(ctx);
            List<Object[]> out = new ArrayList<>();
            int deepest = 0;
            for (Object[] row; (row = it.next()) != null; ) {
                out.add(row);
                deepest = Math.max(deepest, it.deepestPass());
            }
            assertThat(deepest).as("partitions split again").isGreaterThanOrEqualTo(2);
            assertThat(JoinTestSupport.sorted(out))
                    .isEqualTo(JoinTestSupport.expected(lefts, rights, JoinType.FULL, true, null));
        }
        assertThat(fs.live).isZero();
    }

    @Test
    void equalKeysBeyondWorkMemFailWith53200AndLeaveNoFiles() throws IOException {
        List<Object[]> lefts = List.<Object[]>of(new Object[]{1, 0, null, null});
        List<Object[]> rights = new ArrayList<>();
        for (int j = 0; j < 5000; j++) {
            rights.add(new Object[]{null, null, 1, j});
        }
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        assertThatThrownBy(() -> run(node(lefts, rights, JoinType.INNER, null), fs, SMALL))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.OUT_OF_MEMORY);
                    assertThat(e.getMessage()).contains("exceeds work_mem");
                });
        assertThat(fs.created).isGreaterThan(0);
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }

    @Test
    void stoppingEarlyLeavesNoFilesOnceTheStatementEnds() throws IOException {
        Random random = new Random(SpillTestSupport.seed("HashJoinNodeTest.early", 3));
        List<Object[]> lefts = JoinTestSupport.lefts(random, 5000, 2000);
        List<Object[]> rights = JoinTestSupport.rights(random, 8000, 2000);
        CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, SMALL, new AtomicBoolean())) {
            RowIterator it = node(lefts, rights, JoinType.INNER, null).open(ctx);
            assertThat(it.next()).isNotNull();
            assertThat(fs.live).isGreaterThan(0);
        }
        assertThat(fs.live).isZero();
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }

    /** Keys of mixed numeric types, some whole, some not, some NULL: matched by SQL value equality. */
    private static Object mixedKey(Random random, int keys) {
        int k = random.nextInt(keys);
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> (long) k;
            case 2 -> (short) k;
            case 3 -> java.math.BigDecimal.valueOf(k * 10L, 1);   // k.0: equal to k
            case 4 -> k + 0.5;                                   // equal to no integer
            case 5 -> (double) k;
            default -> k;
        };
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void integerKeysMatchKeysOfOtherNumericTypesByValue(JoinType type) {
        Random random = new Random(SpillTestSupport.seed("HashJoinNodeTest.integerKeys", 11));
        // Build sides: integers only (the integer table throughout), then integers with one numeric
        // key late in the input (moved to the general table while building).
        for (boolean mixedRight : new boolean[]{false, true}) {
            List<Object[]> lefts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                lefts.add(new Object[]{mixedKey(random, 40), i, null, null});
            }
            List<Object[]> rights = new ArrayList<>();
            for (int j = 0; j < 120; j++) {
                Object k = random.nextInt(10) == 0 ? null : random.nextInt(2) == 0 ? (Object) random.nextInt(40)
                        : (Object) (long) random.nextInt(40);
                rights.add(new Object[]{null, null, k, j});
            }
            if (mixedRight) {
                rights.add(new Object[]{null, null, java.math.BigDecimal.valueOf(75, 1), 1000});   // 7.5
                rights.add(new Object[]{null, null, java.math.BigDecimal.valueOf(30, 1), 1001});   // 3.0
                rights.add(new Object[]{null, null, 5, 1002});
            }
            List<Object[]> out = run(node(lefts, rights, type, null), new CountingFileSystem(LocalFileSystem.INSTANCE),
                    LARGE);
            assertThat(JoinTestSupport.sorted(out)).as("%s, mixed right keys %s", type, mixedRight)
                    .isEqualTo(byValue(lefts, rights, type));
        }
    }

    /** {@link JoinTestSupport#expected} with keys equal by {@link io.kyrodb.engine.types.Values#sameValue}. */
    private static List<String> byValue(List<Object[]> lefts, List<Object[]> rights, JoinType type) {
        List<String> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[rights.size()];
        for (Object[] l : lefts) {
            boolean matched = false;
            for (int j = 0; j < rights.size(); j++) {
                Object[] r = rights.get(j);
                if (l[0] == null || r[2] == null || !io.kyrodb.engine.types.Values.sameValue(l[0], r[2])) {
                    continue;
                }
                matched = true;
                rightMatched[j] = true;
                if (!type.leftOnly()) {
                    out.add(java.util.Arrays.toString(new Object[]{l[0], l[1], r[2], r[3]}));
                }
            }
            boolean rightHasNull = rights.stream().anyMatch(r -> r[2] == null);
            boolean keep = switch (type) {
                case SEMI -> matched;
                case ANTI -> !matched;
                case NULL_AWARE_ANTI -> !matched && !rightHasNull && (l[0] != null || rights.isEmpty());
                case LEFT, FULL -> !matched;
                default -> false;
            };
            if (keep) {
                out.add(java.util.Arrays.toString(l));
            }
        }
        if (type.preservesRight()) {
            for (int j = 0; j < rights.size(); j++) {
                if (!rightMatched[j]) {
                    out.add(java.util.Arrays.toString(rights.get(j)));
                }
            }
        }
        return out.stream().sorted().toList();
    }
}
