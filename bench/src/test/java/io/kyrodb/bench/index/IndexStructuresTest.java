package io.kyrodb.bench.index;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every structure the JMH benchmarks time answers like Arrays.binarySearch on 100k keys of each
 * distribution (hits, misses, the extremes); the LSM model answers like a TreeSet through inserts
 * and merges. Shape and answers only, never speed.
 */
class IndexStructuresTest {
    private static final long SEED = 20240611L;

    @ParameterizedTest
    @EnumSource(KeyDistribution.class)
    void everyStructureAnswersLikeBinarySearch(KeyDistribution d) {
        long seed = SEED + d.ordinal();
        System.out.println("IndexStructuresTest " + d + " seed=" + seed);
        long[] keys = d.keys(100_000, seed);
        assertThat(keys).hasSize(100_000);
        for (int i = 1; i < keys.length; i++) {
            assertThat(keys[i]).as("sorted and distinct at %d", i).isGreaterThan(keys[i - 1]);
        }
        assertThat(d.keys(100_000, seed)).as("the same keys for the same seed").isEqualTo(keys);

        Queries q = Queries.of(d, keys, 50_000, 0.10, seed + 1);
        long misses = Arrays.stream(q.expected()).filter(e -> e < 0).count();
        assertThat(misses).as("about 10%% misses").isBetween(4_000L, 6_000L);

        q.verify("binarySearch", new SortedArrayIndex(keys));
        for (int eps : IndexMemory.EPSILONS) {
            LearnedArrayIndex ours = new LearnedArrayIndex(keys, eps);
            q.verify("PgmModel epsilon " + eps, ours);
        }
        q.verify("hppc", new HppcPgmIndex(keys, 16));
        q.verify("TreeMap", new TreeMapIndex(keys));
        q.verify("B+tree", new StaticBTree(keys));

        long[] edges = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, keys[0], keys[keys.length - 1], keys[0] - 1,
                keys[keys.length - 1] + 1};
        Queries edge = new Queries(edges, Arrays.stream(edges).mapToInt(k -> Queries.answer(keys, k)).toArray());
        edge.verify("PgmModel", new LearnedArrayIndex(keys, 16));
        edge.verify("hppc", new HppcPgmIndex(keys, 16));
        edge.verify("B+tree", new StaticBTree(keys));
        edge.verify("TreeMap", new TreeMapIndex(keys));
    }

    @Test
    void bTreeOfEveryShapeFindsItsExtremes() {
        for (int n : new int[]{1, 2, 15, 16, 17, 255, 256, 257, 4097}) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = i == n - 1 ? Long.MAX_VALUE : Long.MIN_VALUE + 3L * i;
            }
            StaticBTree t = new StaticBTree(keys);
            for (int i = 0; i < n; i++) {
                assertThat(t.find(keys[i])).as("n=%d key %d", n, i).isEqualTo(i);
                if (keys[i] != Long.MAX_VALUE) {
                    assertThat(t.find(keys[i] + 1)).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void lsmModelAnswersLikeATreeSetThroughFlushesAndMerges() {
        System.out.println("IndexStructuresTest lsm seed=" + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        long[] bulk = KeyDistribution.UNIFORM.keys(20_000, SEED);
        LearnedLsm lsm = new LearnedLsm(bulk, 512, 16);
        TreeSet<Long> oracle = new TreeSet<>();
        for (long k : bulk) {
            oracle.add(k);
        }
        int maxRuns = 0;
        for (int i = 0; i < 60_000; i++) {
            long k = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextLong(1000) - 500;     // near 0, repeats, and 0 itself
                case 2 -> bulk[r.nextInt(bulk.length)];
                default -> r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(3) : Long.MAX_VALUE - r.nextInt(3);
            };
            if (r.nextBoolean()) {
                lsm.insert(k);
                oracle.add(k);
            } else {
                assertThat(lsm.contains(k)).as("contains %d after %d ops", k, i).isEqualTo(oracle.contains(k));
            }
            maxRuns = Math.max(maxRuns, lsm.runCount());
        }
        assertThat(lsm.size()).isEqualTo(oracle.size());
        for (long k : oracle) {
            assertThat(lsm.contains(k)).as("holds %d", k).isTrue();
        }
        assertThat(maxRuns).as("runs merged by the logarithmic method").isBetween(2, 12);
    }

    @Test
    void mergeKeepsOneOfARepeatedKeyInUnsignedOrder() {
        long[] a = {1, 5, -7};   // unsigned order: 1 < 5 < 2^64-7
        long[] b = {2, 5, -1};
        assertThat(LearnedLsm.merge(a, b)).containsExactly(1, 2, 5, -7, -1);
    }
}
