package io.kyrodb.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code bin/bench memory}: the host's memory latency, measured by a dependent random read (a
 * pointer chase through one random cycle) over working sets from 64 KB to 64 MB, three times. A
 * slow result (hundreds of nanoseconds from 4 MB on) says the host's caches are taken by others or
 * its memory is slow today, which slows every engine and the probe-heavy analytic queries most
 * (README, analytical queries): run it before comparing engines.
 */
public final class MemoryLatency {
    private static final int[] SIZES_KB = {64, 1024, 4096, 16384, 65536};
    private static final int STEPS = 5_000_000;

    private MemoryLatency() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("bin/bench memory: ns per dependent random read over 64 KB .. 64 MB, three rounds");
            return;
        }
        int[][] cycles = new int[SIZES_KB.length][];
        for (int s = 0; s < SIZES_KB.length; s++) {
            cycles[s] = cycle(SIZES_KB[s] * 256, new SplittableRandom(s + 1));
        }
        for (int round = 1; round <= 3; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int s = 0; s < SIZES_KB.length; s++) {
                int[] next = cycles[s];
                int p = chase(next, 0, STEPS);   // warm: pages touched, the JIT done
                long start = System.nanoTime();
                p = chase(next, p, STEPS);
                double ns = (System.nanoTime() - start) / (double) STEPS;
                line.append(String.format(Locale.ROOT, "  %s %.1f ns", label(SIZES_KB[s]), ns));
                if (p < 0) {
                    line.append('!');   // never: keeps the chase from being optimized away
                }
            }
            System.out.println(line);
        }
    }

    /** One random cycle through {@code n} slots: {@code next[i]} is the slot after i. */
    private static int[] cycle(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }

    private static int chase(int[] next, int from, int steps) {
        int p = from;
        for (int i = 0; i < steps; i++) {
            p = next[p];
        }
        return p;
    }

    private static String label(int kb) {
        return kb >= 1024 ? kb / 1024 + " MB" : kb + " KB";
    }
}
