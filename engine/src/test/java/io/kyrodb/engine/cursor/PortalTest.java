package io.kyrodb.engine.cursor;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.FetchDirection;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Portal} against the FETCH and MOVE of PostgreSQL's documentation, modelled as a position
 * 0..n+1 (before the first row, on row 1..n, after the last): seeded random sequences of every
 * direction on SCROLL cursors, and of forward motion on NO SCROLL ones. Also that a cursor reads
 * its source only as far as it is fetched, that NO SCROLL keeps no rows, and what WITH HOLD keeps
 * at commit. {@code -Dkyro.portal.seed=N} replays one seed.
 */
class PortalTest {
    private static final FetchDirection[] ALL_DIRECTIONS = FetchDirection.values();
    private static final FetchDirection[] FORWARD_ONLY = {FetchDirection.NEXT, FetchDirection.FORWARD,
            FetchDirection.FORWARD_ALL, FetchDirection.RELATIVE};

    @TestFactory
    Stream<DynamicTest> everyDirectionMovesAsDocumented() {
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed, true)));
    }

    @TestFactory
    Stream<DynamicTest> noScrollMovesForwardAsDocumented() {
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed, false)));
    }

    private static LongStream seeds() {
        String one = System.getProperty("kyro.portal.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 40);
    }

    private static void trial(long seed, boolean scroll) {
        Random random = new Random(seed);
        int n = random.nextInt(9);
        Source source = new Source(n);
        Portal portal = new Portal("c", "DECLARE c", source, scroll, false, false);
        Model model = new Model(n);
        StringBuilder done = new StringBuilder("seed=" + seed + " (rerun with -Dkyro.portal.seed=" + seed + "), "
                + n + " rows:");
        for (int step = 0; step < 30; step++) {
            FetchDirection d = scroll ? ALL_DIRECTIONS[random.nextInt(ALL_DIRECTIONS.length)]
                    : FORWARD_ONLY[random.nextInt(FORWARD_ONLY.length)];
            long count = scroll ? random.nextInt(21) - 10 : random.nextInt(6) + 1;
            boolean move = random.nextBoolean();
            if (!scroll && random.nextInt(8) == 0) {   // MOVE 0: stays, even without SCROLL
                d = FetchDirection.FORWARD;
                count = 0;
                move = true;
            }
            done.append(' ').append(move ? "MOVE " : "FETCH ").append(d).append(' ').append(count).append(';');
            List<Integer> expected = model.fetch(d, count);
            if (move) {
                assertThat(portal.move(d, count)).as(done::toString).isEqualTo(expected.size());
            } else {
                assertThat(portal.fetch(d, count).stream().map(r -> (Integer) r[0]).toList()).as(done::toString)
                        .isEqualTo(expected);
            }
        }
    }

    /** FETCH as PostgreSQL's documentation describes it, over rows 1..n. */
    private static final class Model {
        private final int n;
        private long position;

        Model(int n) {
            this.n = n;
        }

        List<Integer> fetch(FetchDirection d, long count) {
            List<Integer> rows = new ArrayList<>();
            switch (d) {
                case NEXT -> forward(1, rows);
                case PRIOR -> backward(1, rows);
                case FIRST -> jump(1, rows);
                case LAST -> jump(n, rows);
                case ABSOLUTE -> jump(count > 0 ? count : count < 0 ? n + 1 + count : 0, rows);
                case RELATIVE -> jump(position + count, rows);
                case FORWARD -> {
                    if (count < 0) {
                        backward(-count, rows);
                    } else {
                        forward(count, rows);
                    }
                }
                case BACKWARD -> {
                    if (count < 0) {
                        forward(-count, rows);
                    } else {
                        backward(count, rows);
                    }
                }
                case FORWARD_ALL -> forward(Long.MAX_VALUE, rows);
                case BACKWARD_ALL -> backward(Long.MAX_VALUE, rows);
            }
            return rows;
        }

        /** To row {@code target} (clamped to before the first or after the last); that row, if any. */
        private void jump(long target, List<Integer> rows) {
            position = Math.max(0, Math.min(target, n + 1L));
            current(rows);
        }

        private void forward(long count, List<Integer> rows) {
            if (count == 0) {
                current(rows);
                return;
            }
            for (long i = 0; i < count && position <= n; i++) {
                position++;
                current(rows);
            }
        }

        private void backward(long count, List<Integer> rows) {
            if (count == 0) {
                current(rows);
                return;
            }
            for (long i = 0; i < count && position >= 1; i++) {
                position--;
                current(rows);
            }
        }

        private void current(List<Integer> rows) {
            if (position >= 1 && position <= n) {
                rows.add((int) position);
            }
        }
    }

    @Test
    void aCursorReadsItsSourceOnlyAsFarAsItIsFetched() {
        Source source = new Source(1000);
        Portal portal = new Portal("c", "DECLARE c", source, false, false, false);
        assertThat(source.pulled).isZero();
        assertThat(portal.fetch(FetchDirection.FORWARD, 3)).hasSize(3);
        assertThat(source.pulled).isEqualTo(3);
        assertThat(portal.move(FetchDirection.ABSOLUTE, 10)).isEqualTo(1);
        assertThat(source.pulled).isEqualTo(10);
        portal.close();
        assertThat(source.closed).isTrue();
    }

    @Test
    void noScrollFailsBackwardAndRewindsOnlyBeforeItMoved() {
        Portal portal = new Portal("c", "DECLARE c", new Source(5), false, false, false);
        assertThat(portal.fetch(FetchDirection.ABSOLUTE, 0)).isEmpty();   // a rewind while at the start is allowed
        assertThat(portal.fetch(FetchDirection.NEXT, 1)).hasSize(1);
        assertThatThrownBy(() -> portal.fetch(FetchDirection.PRIOR, 1)).isInstanceOf(KyroException.class)
                .hasMessageContaining("cursor can only scan forward");
        assertThatThrownBy(() -> portal.fetch(FetchDirection.ABSOLUTE, 1)).isInstanceOf(KyroException.class);
        assertThatThrownBy(() -> portal.fetch(FetchDirection.RELATIVE, 0)).isInstanceOf(KyroException.class);
        assertThat(portal.move(FetchDirection.FORWARD, 0)).isEqualTo(1);
        assertThat(portal.fetch(FetchDirection.FORWARD_ALL, 0).stream().map(r -> (Integer) r[0]).toList())
                .containsExactly(2, 3, 4, 5);
    }

    @Test
    void holdingReadsTheRestAndReleasesTheSource() {
        Source source = new Source(6);
        Portal noScroll = new Portal("h", "DECLARE h", source, false, true, false);
        noScroll.fetch(FetchDirection.FORWARD, 2);
        noScroll.persist();
        assertThat(source.pulled).isEqualTo(6);
        assertThat(source.closed).isTrue();
        assertThat(noScroll.fetch(FetchDirection.NEXT, 1).get(0)[0]).isEqualTo(3);
        assertThat(noScroll.move(FetchDirection.FORWARD_ALL, 0)).isEqualTo(3);

        Portal scroll = new Portal("s", "DECLARE s", new Source(4), true, true, false);
        scroll.fetch(FetchDirection.NEXT, 1);
        scroll.persist();
        assertThat(scroll.fetch(FetchDirection.LAST, 1).get(0)[0]).isEqualTo(4);
        assertThat(scroll.fetch(FetchDirection.FIRST, 1).get(0)[0]).isEqualTo(1);
    }

    @Test
    void portalsCloseWithTheirTransactionButForHeldOnesThatCommitted() {
        Portals portals = new Portals();
        Source plain = new Source(3);
        Source held = new Source(3);
        Source lost = new Source(3);
        portals.declare(new Portal("plain", "", plain, false, false, false));
        portals.declare(new Portal("held", "", held, false, true, false));
        assertThatThrownBy(() -> portals.declare(new Portal("held", "", new Source(1), false, false, false)))
                .hasMessageContaining("cursor \"held\" already exists");
        portals.persistHoldable();
        portals.transactionEnded(true);
        assertThat(plain.closed).isTrue();
        assertThat(portals.find("plain")).isNull();
        assertThat(portals.get("held").fetch(FetchDirection.NEXT, 1)).hasSize(1);

        portals.declare(new Portal("lost", "", lost, false, true, false));   // a later transaction rolls back
        portals.savepoint("s");
        portals.declare(new Portal("inner", "", new Source(1), false, false, false));
        portals.rollbackTo("s");
        assertThat(portals.find("inner")).isNull();
        portals.transactionEnded(false);
        assertThat(lost.closed).isTrue();
        assertThat(portals.all()).extracting(Portal::name).containsExactly("held");
        assertThatThrownBy(() -> portals.get("lost")).isInstanceOf(KyroException.class)
                .hasMessageContaining("cursor \"lost\" does not exist");
    }

    /** Rows 1..n, counting what is read. */
    private static final class Source implements ExecResult.Rows {
        private final int n;
        int pulled;
        boolean closed;

        Source(int n) {
            this.n = n;
        }

        @Override
        public List<ResultColumn> columns() {
            return List.of(new ResultColumn("id", SqlType.INTEGER, false, "", ""));
        }

        @Override
        public Object[] next() {
            if (closed || pulled == n) {
                return null;
            }
            return new Object[] {++pulled};
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
