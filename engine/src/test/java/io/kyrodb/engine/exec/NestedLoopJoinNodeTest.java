package io.kyrodb.engine.exec;

import io.kyrodb.engine.exec.SpillTestSupport.CountingFileSystem;
import io.kyrodb.engine.exec.SpillTestSupport.RowsNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kyrodb.engine.exec.JoinTestSupport.LEFT_BELOW_RIGHT;
import static io.kyrodb.engine.exec.JoinTestSupport.RIGHT_SLOTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nested-loop joins (INNER, LEFT, FULL; RIGHT is a swapped LEFT) with any condition, with the
 * inner input in memory and spilled, against the definition.
 */
class NestedLoopJoinNodeTest {
    private static final long SMALL = 64 * 1024;
    private static final long LARGE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    private List<Object[]> run(PlanNode node, CountingFileSystem fs, long workMem) {
        try (ExecContext ctx = SpillTestSupport.context(fs, dir, workMem, new AtomicBoolean())) {
            return SpillTestSupport.drain(node.open(ctx));
        }
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "FULL"})
    void inMemoryAndSpilledMatchTheDefinition(JoinType type) throws IOException {
        Random random = new Random(SpillTestSupport.seed("NestedLoopJoinNodeTest.join", 13));
        List<Object[]> lefts = JoinTestSupport.lefts(random, 60, 20);
        List<Object[]> rights = JoinTestSupport.rights(random, 3000, 20);
        for (BoundExpr condition : new BoundExpr[]{null, LEFT_BELOW_RIGHT}) {
            NestedLoopJoinNode node = new NestedLoopJoinNode(new RowsNode(lefts), new RowsNode(rights), type, condition,
                    RIGHT_SLOTS, null);
            List<String> expected = JoinTestSupport.expected(lefts, rights, type, false, condition);
            CountingFileSystem memFs = new CountingFileSystem(LocalFileSystem.INSTANCE);
            assertThat(JoinTestSupport.sorted(run(node, memFs, LARGE))).isEqualTo(expected);
            assertThat(memFs.created).isZero();
            CountingFileSystem fs = new CountingFileSystem(LocalFileSystem.INSTANCE);
            assertThat(JoinTestSupport.sorted(run(node, fs, SMALL))).isEqualTo(expected);
            assertThat(fs.created).as("inner input spilled").isEqualTo(1);
            assertThat(fs.live).isZero();
        }
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }

    @Test
    void anEmptyInnerInputStillPreservesTheOuterRows() {
        Random random = new Random(SpillTestSupport.seed("NestedLoopJoinNodeTest.empty", 17));
        List<Object[]> lefts = JoinTestSupport.lefts(random, 10, 5);
        NestedLoopJoinNode node = new NestedLoopJoinNode(new RowsNode(lefts), new RowsNode(List.of()), JoinType.LEFT,
                LEFT_BELOW_RIGHT, RIGHT_SLOTS, null);
        assertThat(JoinTestSupport.sorted(run(node, new CountingFileSystem(LocalFileSystem.INSTANCE), LARGE)))
                .isEqualTo(JoinTestSupport.sorted(lefts));
    }

    @Test
    void aRightJoinMustBeSwappedIntoALeftJoin() {
        assertThatThrownBy(() -> new NestedLoopJoinNode(new RowsNode(List.of()), new RowsNode(List.of()), JoinType.RIGHT,
                null, RIGHT_SLOTS, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
