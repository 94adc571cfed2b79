package io.kyrodb.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Figures derived from two others of the same engine run, so that the storage goals can be read off
 * the table: single-row commits against the disk's fsync rate, and eight committers against one.
 * A ratio is added right after the workload that reported its numerator, when the run also has its
 * denominator (a workload left out on the command line leaves its ratios out).
 */
final class Ratios {

    /** {@code key = numerator / denominator}, printed under {@code label}. */
    record Rule(String key, String label, String numerator, String denominator) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("commit1_vs_fsync", "c1/fsync", "commit1_per_s", "fsync_per_s"),
            new Rule("commit8_vs_commit1", "c8/c1", "commit8_per_s", "commit1_per_s"));

    /** What the columns mean and the goals the storage issue sets for KyroDB, for the notes. */
    static final String NOTE = "c1/fsync is commit1/s over the disk's fsync/s measured in the same engine's"
            + " run (goal for KyroDB >= 0.8: a single committer close to the disk's rate); c8/c1 is"
            + " commit8/s over commit1/s (goal for KyroDB >= 3: concurrent committers share an fsync)";

    private Ratios() {
    }

    /**
     * The ratios whose numerator is among {@code added} (what one workload just reported), with
     * their denominators from {@code all} (every figure of the run so far, {@code added} included).
     */
    static List<Measurement> derive(List<Measurement> all, List<Measurement> added) {
        List<Measurement> ratios = new ArrayList<>();
        for (Rule rule : RULES) {
            Measurement numerator = find(added, rule.numerator());
            Measurement denominator = find(all, rule.denominator());
            if (numerator != null && denominator != null && denominator.value() > 0) {
                ratios.add(new Measurement(rule.key(), rule.label(), numerator.value() / denominator.value(), 2));
            }
        }
        return ratios;
    }

    private static Measurement find(List<Measurement> measurements, String key) {
        for (Measurement m : measurements) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }
}
