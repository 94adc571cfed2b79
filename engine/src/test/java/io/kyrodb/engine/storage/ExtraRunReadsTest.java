package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.IndexKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ExtraRunReadsTest {
    private final List<Long> requests = new ArrayList<>();

    private ExtraRunReads reads() {
        Store store = new Store(1 << 20, IndexKind.LEARNED);
        store.compactionRequests(requests::add);
        return new ExtraRunReads(store);
    }

    @Test
    void asksForTheMergeOnceEnoughSeeksPaidForTheExtraRunsAndOnlyAfterTheWritesSettled() {
        long start = System.nanoTime();
        ExtraRunReads reads = reads();
        for (long i = 1; i < ExtraRunReads.MIN_SEEKS; i++) {
            reads.charge();
        }
        assertThat(requests).as("too few seeks").isEmpty();
        assertThat(reads.mergeWanted(start + TimeUnit.SECONDS.toNanos(60))).isFalse();
        reads.charge();
        assertThat(requests).as("one request, delayed until the runs have been unchanged for the settle time")
                .hasSize(1);
        assertThat(requests.getFirst()).isBetween(0L, ExtraRunReads.SETTLE_MILLIS);
        for (int i = 0; i < 1000; i++) {
            reads.charge();
        }
        assertThat(requests).as("asked once per change of the runs").hasSize(1);
        assertThat(reads.mergeWanted(start)).as("the runs changed less than a second before").isFalse();
        long settled = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ExtraRunReads.SETTLE_MILLIS) + 1;
        assertThat(reads.mergeWanted(settled)).isTrue();
    }

    @Test
    void aChangeOfTheRunsStartsTheCountAgain() {
        ExtraRunReads reads = reads();
        for (long i = 0; i < ExtraRunReads.MIN_SEEKS; i++) {
            reads.charge();
        }
        reads.runsChanged(List.of());   // a flush: the seeks before it read other runs
        long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        assertThat(reads.mergeWanted(later)).isFalse();
        for (long i = 0; i < ExtraRunReads.MIN_SEEKS; i++) {
            reads.charge();
        }
        assertThat(requests).hasSize(2);
        assertThat(reads.mergeWanted(later)).isTrue();
    }

    @Test
    void afterAMergeTheNextWaitsNineTimesAsLongAsItTook() {
        ExtraRunReads reads = reads();
        long end = System.nanoTime();
        long took = TimeUnit.MILLISECONDS.toNanos(500);
        reads.merged(end, took);
        reads.runsChanged(List.of());
        for (long i = 0; i < ExtraRunReads.MIN_SEEKS; i++) {
            reads.charge();
        }
        long settle = TimeUnit.MILLISECONDS.toNanos(ExtraRunReads.SETTLE_MILLIS);
        assertThat(reads.mergeWanted(end + 2 * settle)).as("settled, but 4.5 s quiet after a 0.5 s merge").isFalse();
        assertThat(reads.mergeWanted(end + ExtraRunReads.QUIET_FACTOR * took + settle)).isTrue();
    }

    @Test
    void fullScansThroughTheRunsAskForTheMergeAfterAFew() {
        ExtraRunReads reads = reads();
        for (long i = 1; i < ExtraRunReads.SCANS_PER_MERGE; i++) {
            reads.chargeScan();
        }
        assertThat(requests).as("fewer scans").isEmpty();
        reads.chargeScan();
        assertThat(requests).hasSize(1);
        assertThat(reads.mergeWanted(System.nanoTime() + TimeUnit.SECONDS.toNanos(60))).isTrue();
    }
}
