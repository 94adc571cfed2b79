package io.kyrodb.tck.crash;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Everything one crash trial does, derived from its seed alone, so that
 * {@code -Dkyro.crash.seed=<seed>} reruns it: the mode (the seed's lowest two bits), the workload's
 * seed, after how many acknowledged commits the parent kills the child and how long it then
 * waits, (in the reopen modes) after which commits the child closes the database cleanly and
 * opens it again, and whether the first recovery is killed too: {@code recoveryKillNanos} after the
 * recovering JVM starts to open the database (-1: not killed).
 */
record TrialPlan(long seed, Mode mode, long workloadSeed, int killAfter, long delayNanos, List<Integer> reopenAfter,
                 long recoveryKillNanos) {

    enum Mode {
        SYNC("sync=on", false, false),
        SYNC_OFF("sync=off", true, false),
        REOPEN("sync=on, clean close+reopen during the run", false, true),
        REOPEN_SYNC_OFF("sync=off, clean close+reopen during the run", true, true);

        final String description;
        final boolean syncOff;
        final boolean reopen;

        Mode(String description, boolean syncOff, boolean reopen) {
            this.description = description;
            this.syncOff = syncOff;
            this.reopen = reopen;
        }
    }

    static TrialPlan of(long seed) {
        Mode mode = Mode.values()[(int) (seed & 3)];
        SplittableRandom r = new SplittableRandom(seed);
        long workloadSeed = r.nextLong();
        // Now and then before the first acknowledgement: the first commit creates the tables.
        int killAfter = r.nextInt(25) == 0 ? 0 : 1 + r.nextInt(60);
        long delayNanos = switch (r.nextInt(4)) {
            case 0 -> 0;                                           // at once
            case 1 -> r.nextLong(1_000_000);                       // within a millisecond: mid-commit
            default -> 1_000_000 + r.nextLong(30_000_000);         // 1-30 ms: several commits later
        };
        TreeSet<Integer> reopen = new TreeSet<>();
        if (mode.reopen) {
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                // Up to the kill point itself, so the kill can also land in a clean close or the reopen.
                reopen.add(1 + r.nextInt(Math.max(1, killAfter)));
            }
        }
        long recoveryKillNanos = r.nextInt(3) == 0 ? r.nextLong(20_000_000) : -1;
        return new TrialPlan(seed, mode, workloadSeed, killAfter, delayNanos, List.copyOf(reopen), recoveryKillNanos);
    }

    /** The seed of trial {@code index} of a run: its lowest two bits cycle through the modes. */
    static long trialSeed(long baseSeed, int index) {
        long mixed = new SplittableRandom(baseSeed + index * 0x9E3779B97F4A7C15L).nextLong();
        return (mixed & ~3L) | (index & 3);
    }

    /**
     * Every other pair of seeds runs with a tiny memtable, so the kill also lands in flushes,
     * compactions, checkpoints and WAL truncation, not only in the WAL.
     */
    boolean smallMemtable() {
        return (seed & 4) != 0;
    }

    String url(java.nio.file.Path dir) {
        return "jdbc:kyro:file:" + dir + (mode.syncOff ? ";sync=off" : "") + (smallMemtable() ? ";memtable_size=16kB" : "");
    }

    @Override
    public String toString() {
        return "seed=" + seed + " mode=" + mode.description + (smallMemtable() ? " memtable=16kB" : "") + " killAfter=" + killAfter + " delay="
                + String.format("%.3fms", delayNanos / 1e6) + (reopenAfter.isEmpty() ? "" : " reopenAfter=" + reopenAfter)
                + (recoveryKillNanos < 0 ? "" : String.format(" killRecoveryAfter=%.3fms", recoveryKillNanos / 1e6));
    }
}
