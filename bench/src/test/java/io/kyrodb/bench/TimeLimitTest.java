package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeLimitTest {

    @Test
    void passesWithinTheLimitAndSaysHowFarItGotAfterIt() {
        long now = System.nanoTime();
        assertThatCode(() -> new TimeLimit(Duration.ofHours(1)).check(now, "x")).doesNotThrowAnyException();
        assertThatCode(() -> TimeLimit.NONE.check(now - Duration.ofDays(365).toNanos(), "x"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new TimeLimit(Duration.ofSeconds(5)).check(now - Duration.ofSeconds(7).toNanos(),
                "10 of 20 rows inserted"))
                .isInstanceOf(TimeLimit.Exceeded.class)
                .hasMessage("stopped after 7 s (time limit 5 s) with 10 of 20 rows inserted");
    }
}
