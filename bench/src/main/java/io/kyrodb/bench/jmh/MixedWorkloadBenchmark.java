package io.kyrodb.bench.jmh;

import io.kyrodb.bench.index.KeyDistribution;
import io.kyrodb.bench.index.KeyStore;
import io.kyrodb.bench.index.LearnedLsm;
import io.kyrodb.bench.index.TreeMapStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The learned-index issue's measurement 3: after a bulk load of 10M uniform keys, a mix of 50%
 * inserts of new random keys and 50% lookups (90% of keys held, drawn from every key inserted so
 * far, and 10% keys never inserted), on {@code lsm} ({@link LearnedLsm}, a model of the engine's
 * memtable-plus-runs structure built on the product's PgmModel) and on {@code treeMap}.
 * Inserts are primary-key inserts: each first checks the key is not held.
 *
 * <ul>
 *   <li>{@code mixed}: throughput of the 50/50 mix, operations a second (inserts and lookups count
 *       alike), in the order a seeded coin gives.</li>
 *   <li>{@code readOnlyLookup}: the lookup latency distribution (SampleTime: every invocation one
 *       lookup, {@code contains} alone: the key is drawn before it, untimed, in a
 *       {@code Level.Invocation} setup) on the bulk-loaded store, no inserts.</li>
 *   <li>{@code mixedLookup}: the same during the mix: before each timed lookup an untimed insert,
 *       so lookups and inserts alternate 50/50 and the lookup meets whatever state the inserts (and
 *       the merges they trigger) left.</li>
 * </ul>
 * Held keys are odd and keys never inserted even, so every lookup's answer is known; a wrong one
 * fails the iteration. The store grows through the trial (the merges' cost lands in the inserts that
 * trigger them, as the engine's would in its background thread, here on the one benchmark thread).
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class MixedWorkloadBenchmark {

    @State(Scope.Thread)
    public static class Store {
        @Param({"lsm", "treeMap"})
        public String store;
        @Param("10000000")
        public int keys;
        /** The write buffer's keys (the memtable's part) in {@code lsm}. */
        @Param("65536")
        public int bufferKeys;
        @Param("16")
        public int epsilon;
        /** Bloom filter bits a key of each run in {@code lsm} (the product's runs use 10). */
        @Param("10")
        public int bloomBits;
        @Param("42")
        public long seed;

        KeyStore set;
        long[] held;          // every key held: the bulk load, then the inserts in order
        int heldCount;
        SplittableRandom random;
        long lookups;
        long found;
        long expectedFound;
        long drawnKey;
        boolean drawnHit;
        boolean drawnPending;

        @Setup(Level.Trial)
        public void load() {
            long[] bulk = KeyDistribution.UNIFORM.keys(keys, seed);
            for (int i = 0; i < bulk.length; i++) {
                bulk[i] |= 1;   // held keys are odd; x | 1 keeps the order, and makes at most pairs equal
            }
            bulk = java.util.Arrays.stream(bulk).distinct().toArray();
            set = store.equals("lsm") ? new LearnedLsm(bulk, bufferKeys, epsilon, bloomBits) : new TreeMapStore(bulk);
            held = java.util.Arrays.copyOf(bulk, bulk.length + (bulk.length >> 1));
            heldCount = bulk.length;
            random = new SplittableRandom(seed + 7);
            for (int i = 0; i < 100_000; i++) {   // a first check of answers before any timing
                lookup();
            }
            check();
        }

        /** One insert of a new odd key. */
        void insert() {
            long k = random.nextLong() | 1;
            set.insert(k);
            if (heldCount == held.length) {
                held = java.util.Arrays.copyOf(held, heldCount + (heldCount >> 1));
            }
            held[heldCount++] = k;   // a repeat of a held key (odds 1 in 2^62 a draw) is only held twice here
        }

        /** One lookup: 90% a held key, 10% an even key (never held). */
        boolean lookup() {
            long r = random.nextLong();
            boolean hit = (r & 0xff) >= 26;   // 230/256: 89.8%
            long k = hit ? held[(int) ((r >>> 8) % heldCount)] : (random.nextLong() & ~1L);
            return account(set.contains(k), hit);
        }

        /** Draws the next lookup's key into {@code drawnKey} and {@code drawnHit}, to be timed alone. */
        void draw() {
            long r = random.nextLong();
            drawnHit = (r & 0xff) >= 26;
            drawnKey = drawnHit ? held[(int) ((r >>> 8) % heldCount)] : (random.nextLong() & ~1L);
            drawnPending = true;
        }

        /** The lookup of the drawn key; fails if no key was drawn for it (a setup that ran elsewhere). */
        boolean lookupDrawn() {
            if (!drawnPending) {
                throw new IllegalStateException("no key drawn before this lookup");
            }
            drawnPending = false;
            return account(set.contains(drawnKey), drawnHit);
        }

        boolean account(boolean got, boolean hit) {
            lookups++;
            found += got ? 1 : 0;
            expectedFound += hit ? 1 : 0;
            return got;
        }

        @TearDown(Level.Iteration)
        public void check() {
            if (found != expectedFound) {
                throw new IllegalStateException(store + " found " + found + " of " + lookups + " lookups, expected "
                        + expectedFound);
            }
        }
    }

    /**
     * The store of {@link #readOnlyLookup}: before each invocation, outside its timing, the key to
     * look up. (A subclass rather than a second state that takes the store in its setup: JMH gives
     * such a dependent state a store instance of its own, so its setup would not touch the store the
     * benchmark reads.)
     */
    @State(Scope.Thread)
    public static class ReadOnlyStore extends Store {
        @Setup(Level.Invocation)
        public void drawFirst() {
            draw();
        }
    }

    /** The store of {@link #mixedLookup}: before each invocation, untimed, one insert, then the key to look up. */
    @State(Scope.Thread)
    public static class MixedStore extends Store {
        @Setup(Level.Invocation)
        public void insertAndDrawFirst() {
            insert();
            draw();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public boolean mixed(Store s) {
        if ((s.random.nextInt() & 1) == 0) {
            s.insert();
            return true;
        }
        return s.lookup();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean readOnlyLookup(ReadOnlyStore s) {
        return s.lookupDrawn();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean mixedLookup(MixedStore s) {
        return s.lookupDrawn();
    }
}
