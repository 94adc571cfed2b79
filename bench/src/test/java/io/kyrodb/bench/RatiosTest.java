package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void ratioFollowsItsNumeratorWhenTheDenominatorIsKnown() {
        List<Measurement> all = new ArrayList<>(List.of(new Measurement("fsync_per_s", "fsync/s", 1000, 0),
                new Measurement("append_fsync_per_s", "append fsync/s", 400, 0)));
        assertThat(Ratios.derive(all, all)).isEmpty();

        List<Measurement> commit1 = List.of(new Measurement("commit1_per_s", "commit1/s", 800, 0));
        all.addAll(commit1);
        assertThat(Ratios.derive(all, commit1)).containsExactly(
                new Measurement("commit1_vs_fsync", "c1/fsync", 0.8, 2));

        List<Measurement> commit8 = List.of(new Measurement("commit8_per_s", "commit8/s", 2400, 0));
        all.addAll(commit8);
        assertThat(Ratios.derive(all, commit8)).containsExactly(
                new Measurement("commit8_vs_commit1", "c8/c1", 3.0, 2));
    }

    @Test
    void noRatioWithoutItsDenominator() {
        List<Measurement> commit8 = List.of(new Measurement("commit8_per_s", "commit8/s", 2400, 0));
        assertThat(Ratios.derive(commit8, commit8)).isEmpty();
        List<Measurement> zero = List.of(new Measurement("fsync_per_s", "fsync/s", 0, 0),
                new Measurement("commit1_per_s", "commit1/s", 5, 0));
        assertThat(Ratios.derive(zero, zero.subList(1, 2))).isEmpty();
    }
}
