package io.kyrodb.bench.jmh;

import io.kyrodb.bench.index.HppcPgmIndex;
import io.kyrodb.bench.index.KeyDistribution;
import io.kyrodb.bench.index.LearnedArrayIndex;
import io.kyrodb.bench.index.PositionIndex;
import io.kyrodb.bench.index.Queries;
import io.kyrodb.bench.index.SortedArrayIndex;
import io.kyrodb.bench.index.StaticBTree;
import io.kyrodb.bench.index.TreeMapIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Point-lookup latency of the primary-key index candidates over the same sorted keys (the
 * learned-index issue's measurement 1): {@code binarySearch} ({@link java.util.Arrays#binarySearch},
 * the reference), {@code pgm} (the product's {@code PgmModel.lowerBound} at each epsilon),
 * {@code hppcPgm} (hppc's LongPgmIndex at epsilon 16), {@code treeMap} ({@code TreeMap.get}) and
 * {@code btree} (a static 16-key-node B+tree, the stand-in for {@code pk_index=btree}).
 *
 * <p>Each invocation asks {@value #BATCH} of 2^20 seeded queries (10% misses), one after the other:
 * the next query's slot depends on the key the previous lookup found, read again from the
 * structure's own array at the answered position (an L1 hit: the lookup just read that line), masked
 * with a field that is always 0 (which the JIT cannot fold). The dependence is on loaded data, not
 * on the answer alone: an answer computed through predicted branches lets the CPU start the next
 * lookup before this one's loads arrive, so lookups would overlap. (TreeMap's answer is itself read
 * from its entry.) So lookups do not overlap and the score is the latency of one lookup, in ns.
 * Before timing, each structure answers all 2^20 queries and must match {@code Arrays.binarySearch}
 * (position, or -1 for a miss), or the trial fails; each invocation returns the sum of its answers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class IndexLookupBenchmark {
    static final int BATCH = 1024;
    static final int QUERIES = 1 << 20;

    /** The key set and the queries, shared by every structure of a trial. */
    @State(Scope.Benchmark)
    public static class Keys {
        @Param({"uniform", "lognormal", "clustered", "dense"})
        public String dist;
        @Param("10000000")
        public int keys;
        @Param("42")
        public long seed;

        long[] sorted;
        Queries queries;
        long[] q;
        int cursor;
        /** Always 0; read from a field so that the JIT keeps the dependence it creates. */
        int zero;

        @Setup
        public void setup() {
            KeyDistribution d = KeyDistribution.parse(dist);
            sorted = d.keys(keys, seed);
            queries = Queries.of(d, sorted, QUERIES, 0.10, seed + 1);
            q = queries.keys();
        }

        void check(String what, PositionIndex index) {
            queries.verify(what + " on " + dist, index);
        }
    }

    @State(Scope.Benchmark)
    public static class BinarySearch {
        SortedArrayIndex index;

        @Setup
        public void setup(Keys k) {
            index = new SortedArrayIndex(k.sorted);
            k.check("binarySearch", index);
        }
    }

    @State(Scope.Benchmark)
    public static class Pgm {
        @Param({"4", "8", "16", "32", "64"})
        public int epsilon;
        LearnedArrayIndex index;

        @Setup
        public void setup(Keys k) {
            index = new LearnedArrayIndex(k.sorted, epsilon);
            k.check("PgmModel epsilon " + epsilon, index);
        }
    }

    /**
     * The floor for any index that confirms its answer in the key array: each query's position is
     * known ahead (the lower bound, from setup), and the lookup is the one load and compare there.
     * Profiling only.
     */
    @State(Scope.Benchmark)
    public static class Oracle {
        int[] position;

        @Setup
        public void setup(Keys k) {
            position = new int[k.q.length];
            for (int i = 0; i < position.length; i++) {
                int r = java.util.Arrays.binarySearch(k.sorted, k.q[i]);
                position[i] = Math.min(k.sorted.length - 1, r >= 0 ? r : -r - 1);
            }
            long[] sorted = k.sorted;
            for (int i = 0; i < position.length; i++) {
                int got = sorted[position[i]] == k.q[i] ? position[i] : -1;
                if (got != k.queries.expected()[i]) {
                    throw new IllegalStateException("oracle answered " + got + " for query " + i);
                }
            }
        }
    }

    @State(Scope.Benchmark)
    public static class HppcPgm {
        @Param("16")
        public int hppcEpsilon;
        HppcPgmIndex index;

        @Setup
        public void setup(Keys k) {
            index = new HppcPgmIndex(k.sorted, hppcEpsilon);
            k.check("hppc LongPgmIndex", index);
        }
    }

    @State(Scope.Benchmark)
    public static class Tree {
        TreeMapIndex index;
        Long[] boxed;

        @Setup
        public void setup(Keys k) {
            index = new TreeMapIndex(k.sorted);
            k.check("TreeMap", index);
            boxed = new Long[k.q.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = k.q[i];
            }
        }
    }

    @State(Scope.Benchmark)
    public static class BTree {
        StaticBTree index;

        @Setup
        public void setup(Keys k) {
            index = new StaticBTree(k.sorted);
            k.check("B+tree", index);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long binarySearch(Keys k, BinarySearch s) {
        long[] q = k.q;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            int r = s.index.find(q[(at + n + dep) & (QUERIES - 1)]);
            sum += r;
            dep = (int) s.index.keyAt(r < 0 ? 0 : r) & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pgm(Keys k, Pgm s) {
        long[] q = k.q;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            int r = s.index.find(q[(at + n + dep) & (QUERIES - 1)]);
            sum += r;
            dep = (int) s.index.keyAt(r < 0 ? 0 : r) & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }

    /**
     * The model's prediction alone, no search of the keys (for profiling where {@link #pgm}'s time
     * goes; not one of the figures, so {@code bin/bench jmh} leaves it out unless asked).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pgmPredictOnly(Keys k, Pgm s) {
        long[] q = k.q;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            long r = s.index.predict(q[(at + n + dep) & (QUERIES - 1)]);
            sum += r;
            dep = (int) r & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }

    /** NOT an index: one dependent load at a position known ahead, the memory floor; left out unless named. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long oneLoadFloor(Keys k, Oracle s) {
        long[] q = k.q;
        long[] sorted = k.sorted;
        int[] position = s.position;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            int i = (at + n + dep) & (QUERIES - 1);
            int p = position[i];
            int r = sorted[p] == q[i] ? p : -1;
            sum += r;
            dep = (int) sorted[r < 0 ? 0 : r] & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long hppcPgm(Keys k, HppcPgm s) {
        long[] q = k.q;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            int r = s.index.find(q[(at + n + dep) & (QUERIES - 1)]);
            sum += r;
            dep = (int) s.index.keyAt(r < 0 ? 0 : r) & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long treeMap(Keys k, Tree s) {
        Long[] q = s.boxed;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            int r = s.index.find(q[(at + n + dep) & (QUERIES - 1)]);
            sum += r;
            dep = r & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long btree(Keys k, BTree s) {
        long[] q = k.q;
        int at = k.cursor;
        int dep = 0;
        int zero = k.zero;
        long sum = 0;
        for (int n = 0; n < BATCH; n++) {
            int r = s.index.find(q[(at + n + dep) & (QUERIES - 1)]);
            sum += r;
            dep = (int) s.index.keyAt(r < 0 ? 0 : r) & zero;
        }
        k.cursor = (at + BATCH) & (QUERIES - 1);
        return sum;
    }
}
