package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {

    @Test
    void defaults() {
        CompareOptions o = CompareOptions.parse();
        assertThat(o.rows()).isEqualTo(1_000_000);
        assertThat(o.batch()).isEqualTo(10_000);
        assertThat(o.warmup()).isEqualTo(20_000);
        assertThat(o.lookups()).isEqualTo(100_000);
        assertThat(o.engines()).extracting(EngineUnderTest::key).containsExactly("kyro", "h2", "sqlite");
        assertThat(o.dir()).isNull();
        assertThat(o.csv()).isNull();
    }

    @Test
    void valuesAsNextArgumentOrAfterEquals() {
        CompareOptions o = CompareOptions.parse("--rows", "2_000", "--seed=-7", "--engines=SQLite,h2,sqlite",
                "--batch", "500", "--dir", "/tmp/x", "--csv=-", "--keep", "--warmup=0", "--time-limit=60");
        assertThat(o.rows()).isEqualTo(2000);
        assertThat(o.seed()).isEqualTo(-7);
        assertThat(o.engines()).extracting(EngineUnderTest::key).containsExactly("sqlite", "h2");
        assertThat(o.batch()).isEqualTo(500);
        assertThat(o.dir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.csv()).isEqualTo("-");
        assertThat(o.keep()).isTrue();
        assertThat(o.warmup()).isZero();
        assertThat(o.timeLimitSeconds()).isEqualTo(60);
        assertThat(o.replayArguments())
                .isEqualTo("--engines sqlite,h2 --rows 2000 --batch 500 --seed -7 --warmup 0 --lookups 100000");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> CompareOptions.parse("--rows", "0")).hasMessage("--rows must be at least 1, not 0");
        assertThatThrownBy(() -> CompareOptions.parse("--rows")).hasMessage("--rows needs a value");
        assertThatThrownBy(() -> CompareOptions.parse("--seed", "x")).hasMessage("--seed needs a whole number, not 'x'");
        assertThatThrownBy(() -> CompareOptions.parse("--engines", "h2,derby"))
                .hasMessage("unknown engine 'derby' (known: kyro, h2, sqlite)");
        assertThatThrownBy(() -> CompareOptions.parse("--fast")).hasMessage("unknown option '--fast'");
    }
}
