package io.kyrodb.engine.stats;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The sketch counts distinct values within a few percent, whatever repeats them. */
class HyperLogLogTest {
    @ParameterizedTest
    @ValueSource(ints = {10, 1_000, 50_000, 400_000})
    void estimatesDistinctLongsWithinThreePercent(int distinct) {
        HyperLogLog h = new HyperLogLog();
        SplittableRandom r = new SplittableRandom(7);
        java.util.Set<Long> exact = new java.util.HashSet<>();
        for (int i = 0; i < distinct * 3; i++) {
            long v = r.nextInt(distinct);   // each value about three times, some never
            h.add(v);
            exact.add(v);
        }
        double seen = exact.size();
        assertThat(h.estimate()).isBetween(seen * 0.97, seen * 1.03);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 20_000})
    void equalValuesOfOneTypeHashAlike(int distinct) {
        HyperLogLog h = new HyperLogLog();
        for (int rep = 0; rep < 5; rep++) {
            for (int i = 0; i < distinct; i++) {
                h.add("value-" + i);
            }
        }
        assertThat(h.estimate()).isBetween(distinct * 0.97, distinct * 1.03);
    }
}
