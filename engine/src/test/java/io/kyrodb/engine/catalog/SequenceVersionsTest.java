package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ALTER SEQUENCE (without RESTART) and a renamed owner column make a new version of a sequence
 * while sessions may still call nextval on the old one: both versions count on one counter, so no
 * value is handed out twice, whichever version a session holds.
 */
class SequenceVersionsTest {
    private static Sequence sequence() {
        return new Sequence("s", SqlType.BIGINT, 1, 1, Long.MAX_VALUE, 1, 1, false, null, 1, false, true);
    }

    @Test
    void anAlteredVersionCountsOnFromTheOldOnesValues() {
        Sequence old = sequence();
        assertThat(old.next(SequenceLog.NONE)).isEqualTo(1);
        Sequence cached = old.altered(new Sequence("s", SqlType.BIGINT, 1, 1, Long.MAX_VALUE, 1, 20, false, null, 1,
                false, false), null);
        assertThat(old.next(SequenceLog.NONE)).isEqualTo(2);        // a session still on the old catalog
        assertThat(cached.next(SequenceLog.NONE)).isEqualTo(3);     // the new version goes on after it
        assertThat(cached.cache()).isEqualTo(20);
        Sequence byTen = cached.altered(new Sequence("s", SqlType.BIGINT, 10, 1, Long.MAX_VALUE, 1, 1, false, null, 1,
                false, false), null);
        assertThat(byTen.next(SequenceLog.NONE)).isEqualTo(13);
        assertThat(old.next(SequenceLog.NONE)).isEqualTo(14);       // the old definition's increment, the shared value
    }

    @Test
    void restartGivesTheNewVersionItsOwnCounter() {
        Sequence old = sequence();
        old.next(SequenceLog.NONE);
        Sequence restarted = old.altered(old, 100L);
        assertThat(restarted.next(SequenceLog.NONE)).isEqualTo(100);
        assertThat(old.next(SequenceLog.NONE)).isEqualTo(2);
    }

    @Test
    void concurrentCallsOnBothVersionsNeverRepeatAValue() throws Exception {
        Sequence old = sequence();
        Sequence renamedOwner = old.ownedAs("t.c");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Sequence version = t % 2 == 0 ? old : renamedOwner;
                parts.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        got.add(version.next(SequenceLog.NONE));
                    }
                    return got;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : parts) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(8_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
