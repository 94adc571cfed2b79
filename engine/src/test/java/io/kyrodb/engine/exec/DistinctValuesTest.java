package io.kyrodb.engine.exec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set a DISTINCT aggregate keeps: integers unboxed while they are all one class, then the
 * general hashed set; equality as GROUP BY counts it (1 = 1.0 = 1.00), values given back as added.
 */
class DistinctValuesTest {
    @Test
    void integersAreCountedOnceEachIncludingZeroAndNegatives() {
        long seed = 20261129L;
        System.out.println("DistinctValuesTest seed=" + seed);
        Random r = new Random(seed);
        DistinctValues d = new DistinctValues(false);
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            int v = r.nextInt(20_001) - 10_000;   // zero and negatives included, many repeats
            long grown = d.add(v);
            assertThat(grown > 0).as("value %d new", v).isEqualTo(expected.add(v));
        }
        assertThat(d.size()).isEqualTo(expected.size());
        assertThat(d.values()).allMatch(v -> v instanceof Integer).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void longsComeBackAsLongs() {
        DistinctValues d = new DistinctValues(false);
        for (long v : new long[]{0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, Long.MAX_VALUE}) {
            d.add(v);
        }
        assertThat(d.values()).containsExactlyInAnyOrder(0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L);
    }

    @Test
    void anotherClassMovesTheValuesToTheGeneralSetAndEqualValuesStayOne() {
        DistinctValues d = new DistinctValues(false);
        assertThat(d.add(1)).isPositive();
        assertThat(d.add(0)).isPositive();
        assertThat(d.add(2)).isPositive();
        assertThat(d.add(1L)).as("1 (bigint) equals 1 (integer)").isNegative();
        assertThat(d.add(new BigDecimal("2.00"))).as("2.00 equals 2").isNegative();
        assertThat(d.add(2.0)).as("2.0 (double) equals 2").isNegative();
        assertThat(d.add(new BigDecimal("2.5"))).isPositive();
        assertThat(d.add(0.0)).isNegative();
        assertThat(d.add(-0.0)).as("-0 equals 0").isNegative();
        assertThat(d.size()).isEqualTo(4);
        List<Object> values = new ArrayList<>(d.values());
        assertThat(values).hasSize(4).contains(1, 0, 2, new BigDecimal("2.5"));
    }

    @Test
    void textAndNaN() {
        DistinctValues d = new DistinctValues(false);
        assertThat(d.add("a")).isPositive();
        assertThat(d.add("A")).isPositive();
        assertThat(d.add(new String("a"))).isNegative();
        DistinctValues f = new DistinctValues(false);
        assertThat(f.add(Double.NaN)).isPositive();
        assertThat(f.add(Double.longBitsToDouble(0x7ff8000000000001L))).as("every NaN is one value").isNegative();
        assertThat(f.size()).isEqualTo(1);
    }

    @Test
    void sortedSetListsValuesInOrder() {
        DistinctValues d = new DistinctValues(true);
        for (int v : new int[]{5, -3, 5, 0, 12, -3}) {
            d.add(v);
        }
        assertThat(d.values()).containsExactly(-3, 0, 5, 12);
    }
}
