package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(o.workloads()).containsExactly("load", "lookup", "fsync", "commit1", "commit8");
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
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
        assertThat(o.replayArguments()).isEqualTo("--engines sqlite,h2 --workloads load,lookup,fsync,commit1,commit8"
                + " --rows 2000 --batch 500 --seed -7 --warmup 0 --lookups 100000 --duration 3");
    }

    @Test
    void workloadsRunInTheirOwnOrderAndDurationsTakeDecimals() {
        CompareOptions o = CompareOptions.parse("--workloads", "commit8, FSYNC,commit1,fsync", "--duration=0.25");
        assertThat(o.workloads()).containsExactly("fsync", "commit1", "commit8");
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.replayArguments()).contains("--workloads fsync,commit1,commit8 ").endsWith("--duration 0.25");
        assertThat(CompareOptions.parse("--workloads", "lookup,load").workloads()).containsExactly("load", "lookup");
        assertThat(CompareOptions.parse("--duration", "10").duration()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> CompareOptions.parse("--rows", "0")).hasMessage("--rows must be at least 1, not 0");
        assertThatThrownBy(() -> CompareOptions.parse("--rows")).hasMessage("--rows needs a value");
        assertThatThrownBy(() -> CompareOptions.parse("--seed", "x")).hasMessage("--seed needs a whole number, not 'x'");
        assertThatThrownBy(() -> CompareOptions.parse("--engines", "h2,derby"))
                .hasMessage("unknown engine 'derby' (known: kyro, kyro-learned, kyro-btree, h2, sqlite)");
        assertThatThrownBy(() -> CompareOptions.parse("--fast")).hasMessage("unknown option '--fast'");
        assertThatThrownBy(() -> CompareOptions.parse("--workloads", "load,scan"))
                .hasMessage("unknown workload 'scan' (known: load, lookup, fsync, commit1, commit8, window)");
        assertThatThrownBy(() -> CompareOptions.parse("--workloads", "window"))
                .hasMessage("--workloads: window reads the rows load inserts, so it needs load too");
        assertThatThrownBy(() -> CompareOptions.parse("--workloads", "lookup,fsync"))
                .hasMessage("--workloads: lookup reads the rows load inserts, so it needs load too");
        assertThatThrownBy(() -> CompareOptions.parse("--workloads", ","))
                .hasMessage("--workloads needs at least one workload, not ','");
        assertThatThrownBy(() -> CompareOptions.parse("--duration", "0"))
                .hasMessage("--duration must be between 0.001 and 3600 seconds, not 0");
        assertThatThrownBy(() -> CompareOptions.parse("--duration", "3s"))
                .hasMessage("--duration needs a number of seconds, not '3s'");
    }
}
