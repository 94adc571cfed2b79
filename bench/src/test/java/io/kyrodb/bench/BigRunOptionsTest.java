package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Options of bin/bench big and bin/bench recovery. */
class BigRunOptionsTest {

    @Test
    void bigTableDefaultsAreTheIssuesFigures() {
        BigTableOptions o = BigTableOptions.parse();
        assertThat(o.rows()).isEqualTo(10_000_000);
        assertThat(o.batch()).isEqualTo(10_000);
        assertThat(o.lookups()).isEqualTo(10_000);
        assertThat(o.heap()).isEqualTo("512m");
        assertThat(o.settings()).isEmpty();
        assertThat(o.url(Path.of("/d"))).isEqualTo("jdbc:kyro:file:/d");
    }

    @Test
    void theChildGetsTheSameOptionsBack() {
        BigTableOptions o = BigTableOptions.parse("--rows=2_000", "--seed", "-3", "--set", "memtable_size=1MB",
                "--set=cache_size=8MB", "--heap", "1G", "--val-length", "10", "--dir", "/tmp/x", "--keep");
        assertThat(o.url(Path.of("/d"))).isEqualTo("jdbc:kyro:file:/d;memtable_size=1MB;cache_size=8MB");
        assertThat(o.heap()).isEqualTo("1g");
        BigTableOptions child = BigTableOptions.parse(o.childArguments().toArray(String[]::new));
        assertThat(child.rows()).isEqualTo(2000);
        assertThat(child.seed()).isEqualTo(-3);
        assertThat(child.valLength()).isEqualTo(10);
        assertThat(child.settings()).containsExactly("memtable_size=1MB", "cache_size=8MB");
        assertThat(o.replayArguments()).startsWith("--rows 2000 --batch 10000 --val-length 10").endsWith(" --heap 1g");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> BigTableOptions.parse("--rows", "0")).hasMessage("--rows must be between 1 and 2147483646, not 0");
        assertThatThrownBy(() -> BigTableOptions.parse("--heap", "lots")).hasMessageContaining("--heap needs a heap size");
        assertThatThrownBy(() -> BigTableOptions.parse("--set", "sync")).hasMessageContaining("--set needs key=value");
        assertThatThrownBy(() -> BigTableOptions.parse("--set", "a=1;b=2")).hasMessageContaining("no ';'");
        assertThatThrownBy(() -> BigTableOptions.parse("--rows")).hasMessage("--rows needs a value");
        assertThatThrownBy(() -> RecoveryOptions.parse("--kill-window", "-1")).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> RecoveryOptions.parse("--bogus")).hasMessage("unknown option '--bogus'");
    }

    @Test
    void recoveryDefaults() {
        RecoveryOptions o = RecoveryOptions.parse("--seed", "9");
        assertThat(o.targetMb()).isEqualTo(1000);
        assertThat(o.valLength()).isEqualTo(1000);
        assertThat(o.batch()).isEqualTo(10_000);
        assertThat(o.trials()).isEqualTo(3);
        assertThat(o.killWindow()).isEqualTo(20.0);
        assertThat(o.replayArguments()).isEqualTo("--target-mb 1000 --val-length 1000 --batch 10000 --trials 3"
                + " --kill-window 20 --heap 512m --seed 9");
    }

    @Test
    void sizesAsShowPrintsThem() {
        assertThat(BigTableChild.sizeBytes("64MB")).isEqualTo(64L << 20);
        assertThat(BigTableChild.sizeBytes("1536kB")).isEqualTo(1536L << 10);
        assertThat(BigTableChild.sizeBytes("100B")).isEqualTo(100);
        assertThat(BigTableChild.sizeBytes("1GB")).isEqualTo(1L << 30);
    }
}
