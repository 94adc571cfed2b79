package io.kyrodb.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTimerTest {
    @Test
    void anArmedDeadlineFiresAfterItsTime() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        long start = System.nanoTime();
        StatementTimer.schedule(fired::countDown, 50);
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aCancelledDeadlineNeverFires() throws InterruptedException {
        AtomicBoolean fired = new AtomicBoolean();
        StatementTimer.Deadline d = StatementTimer.schedule(() -> fired.set(true), 100);
        d.cancel();
        CountDownLatch later = new CountDownLatch(1);
        StatementTimer.schedule(later::countDown, 300);
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).isFalse();
    }

    /** The timer thread sleeps until the far deadline; a nearer one armed after it must wake it. */
    @Test
    void aNearDeadlineArmedAfterAFarOneFiresOnTime() throws InterruptedException {
        StatementTimer.Deadline far = StatementTimer.schedule(() -> { }, TimeUnit.MINUTES.toMillis(10));
        try {
            Thread.sleep(50);   // the timer thread has gone back to sleep
            CountDownLatch fired = new CountDownLatch(1);
            StatementTimer.schedule(fired::countDown, 20);
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            far.cancel();
        }
    }

    /** Statements that end before their timeout leave nothing behind, however many there are. */
    @Test
    void cancelledDeadlinesAreNotKept() {
        int before = StatementTimer.armed();
        for (int i = 0; i < 100_000; i++) {
            StatementTimer.schedule(() -> { }, 120_000).cancel();
        }
        assertThat(StatementTimer.armed()).isLessThanOrEqualTo(before);
    }
}
