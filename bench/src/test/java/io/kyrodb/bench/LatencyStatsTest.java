package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // unsorted on purpose
        }
        LatencyStats stats = LatencyStats.of(samples);
        assertThat(stats.median()).isEqualTo(50);
        assertThat(stats.percentile(99)).isEqualTo(99);
        assertThat(stats.percentile(100)).isEqualTo(100);
        assertThat(stats.percentile(1)).isEqualTo(1);
        assertThat(stats.percentile(0.5)).isEqualTo(1);
        assertThat(stats.percentile(99.5)).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(samples[0]).as("input left as it was").isEqualTo(100);
    }

    @Test
    void medianOfEvenCountIsTheLowerMiddleSample() {
        assertThat(LatencyStats.of(40, 10, 30, 20).median()).isEqualTo(20);
        assertThat(LatencyStats.of(10, 20, 30).median()).isEqualTo(20);
    }

    @Test
    void fractionalPercentileThatIsWholeOnPaperDoesNotRoundUp() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i + 1;
        }
        LatencyStats stats = LatencyStats.of(samples);
        assertThat(stats.percentile(99.9)).isEqualTo(999);
        assertThat(stats.percentile(99)).isEqualTo(990);
        assertThat(stats.percentile(99.95)).isEqualTo(1000);
    }

    @Test
    void singleSampleIsEveryPercentile() {
        LatencyStats stats = LatencyStats.of(7);
        assertThat(stats.percentile(0.001)).isEqualTo(7);
        assertThat(stats.median()).isEqualTo(7);
        assertThat(stats.percentile(100)).isEqualTo(7);
        assertThat(stats.mean()).isEqualTo(7.0);
    }

    @Test
    void usesOnlyTheFirstCountSamples() {
        LatencyStats stats = LatencyStats.of(new long[] {5, 1, 3, 1_000_000}, 3);
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.max()).isEqualTo(5);
        assertThat(stats.mean()).isEqualTo(3.0);
    }

    @Test
    void percentileIsAlwaysAMeasuredSampleAndMonotone() {
        long seed = 20260101L;
        SplittableRandom random = new SplittableRandom(seed);
        long[] samples = new long[997];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextLong(1, 1_000_000);
        }
        LatencyStats stats = LatencyStats.of(samples);
        long previous = Long.MIN_VALUE;
        for (double p = 0.1; p <= 100; p += 0.1) {
            long v = stats.percentile(Math.min(p, 100));
            assertThat(samples).as("seed %d, p%s", seed, p).contains(v);
            assertThat(v).as("seed %d, p%s", seed, p).isGreaterThanOrEqualTo(previous);
            long atOrBelow = java.util.Arrays.stream(samples).filter(s -> s <= v).count();
            assertThat(atOrBelow).as("seed %d, p%s", seed, p)
                    .isGreaterThanOrEqualTo((long) Math.ceil(Math.min(p, 100) * samples.length / 100 - 1e-9));
            previous = v;
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> LatencyStats.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStats.of(new long[] {1}, 2)).isInstanceOf(IllegalArgumentException.class);
        LatencyStats stats = LatencyStats.of(1, 2);
        assertThatThrownBy(() -> stats.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void microsConvertsNanos() {
        assertThat(LatencyStats.micros(12_345)).isEqualTo(12.345);
    }
}
