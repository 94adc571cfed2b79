package io.kyrodb.bench.index;

import io.kyrodb.engine.storage.run.PgmModel;

import java.io.PrintStream;

/**
 * The learned-index issue's measurement 2: bytes a key of each index beyond the keys themselves,
 * for every distribution and epsilon. PgmModel's is its own {@code memoryBytes()} (24 bytes a
 * segment over all levels, plus the objects); hppc's is {@code ramBytesUsed()} (its model, not its
 * copy of the keys); the B+tree's is its inner levels; TreeMap's an estimate of its entries (it
 * holds the keys too, boxed). Goal: PgmModel at most 0.1 byte a key at the default epsilon.
 */
public final class IndexMemory {
    public static final int[] EPSILONS = {4, 8, 16, 32, 64};

    private IndexMemory() {
    }

    public static void print(PrintStream out, int n, long seed) {
        out.printf("Index memory, bytes a key beyond the keys (%,d keys, seed %d); segments = PgmModel's bottom level%n",
                n, seed);
        out.printf("%-10s %-8s %10s %12s %12s %12s%n", "dist", "epsilon", "segments", "PgmModel", "hppc", "levels");
        for (KeyDistribution d : KeyDistribution.values()) {
            long[] keys = d.keys(n, seed);
            for (int eps : EPSILONS) {
                LearnedArrayIndex ours = new LearnedArrayIndex(keys, eps);
                PgmModel m = ours.model();
                HppcPgmIndex hppc = new HppcPgmIndex(keys, eps);
                out.printf("%-10s %-8d %10d %12.5f %12.5f %12d%n", d.name().toLowerCase(java.util.Locale.ROOT), eps,
                        m.segments(), (double) m.memoryBytes() / n, (double) hppc.indexBytes() / n, m.levels());
            }
            StaticBTree bt = new StaticBTree(keys);
            out.printf("%-10s %-8s %10s %12s %12s   B+tree inner levels %.4f bytes a key (height %d); TreeMap ~%d%n",
                    d.name().toLowerCase(java.util.Locale.ROOT), "-", "", "", "", (double) bt.indexBytes() / n, bt.height(),
                    TreeMapIndex.BYTES_PER_ENTRY);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        print(System.out, n, seed);
    }
}
