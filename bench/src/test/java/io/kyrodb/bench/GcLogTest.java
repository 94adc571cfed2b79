package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void summarizesPausesOfAUnifiedGcLog() {
        GcLog gc = GcLog.parse(List.of(
                "[0.006s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->3M(512M) 2.500ms",
                "[2.000s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->120M(512M) 5.500ms",
                "[2.100s][info][gc] GC(1) Concurrent Mark Cycle 45.678ms",
                "[2.200s][info][gc] GC(2) Pause Remark 130M->128M(512M) 1.000ms",
                "[3.000s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 511M->480M(512M) 200.000ms",
                "[3.050s][info][gc] GC(9) Pause Full (System.gc()) 100M->5M(512M) 50.000ms",
                "[3.100s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 1024K->512K(1G) 0.100ms",
                "[3.200s][info][gc] GC(5) Pause Young (Mixed) (G1 Evacuation Pause) (Evacuation Failure: Allocation)"
                        + " 461M->398M(512M) 304.129ms"));
        assertThat(gc.pauses()).isEqualTo(6);
        assertThat(gc.fullPauses()).isEqualTo(1);
        assertThat(gc.pauseMillis()).isEqualTo(513.229, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gc.maxBefore()).isEqualTo(511L << 20);
        assertThat(GcLog.parse(List.of()).maxAfterFull()).isEqualTo(-1);
        assertThat(gc.maxAfter()).isEqualTo(480L << 20);
        assertThat(gc.maxAfterFull()).isEqualTo(480L << 20);
        assertThat(gc.evacuationFailures()).isEqualTo(1);
        assertThat(gc.outOfMemory()).isFalse();
        assertThat(gc.describe()).startsWith("6 pauses (1 full, 1 with evacuation failures), 513 ms in all");
        assertThat(GcLog.parse(List.of("java.lang.OutOfMemoryError: Java heap space")).outOfMemory()).isTrue();
    }
}
