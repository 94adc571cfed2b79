package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk at a segment rollover refuses the record with 53100 but leaves the writer usable:
 * once space returns, appends go on with the next LSN and every record reads back.
 */
class WalDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aRolloverOnAFullDiskRefusesTheRecordAndTheWriterGoesOn() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        Path wal = dir.resolve("wal");
        // Small segments, filled on the appending thread, so the rollover is where the disk runs out.
        WalWriter.Options options = new WalWriter.Options(8 << 10, 1 << 10, 8 << 10, false);
        List<byte[]> written = new ArrayList<>();
        int refused = 0;
        try (WalWriter w = WalWriter.open(fs, wal, options)) {
            byte[] payload = new byte[300];
            for (int i = 0; i < 20; i++) {
                payload[0] = (byte) i;
                w.append((byte) 1, payload.clone());
                written.add(payload.clone());
                w.sync();
            }
            fs.setDiskFull(true);
            for (int i = 20; i < 80; i++) {
                payload[0] = (byte) i;
                try {
                    long lsn = w.append((byte) 1, payload.clone());
                    assertThat(lsn).isEqualTo(written.size() + 1);
                    w.sync();
                    written.add(payload.clone());
                } catch (KyroException e) {
                    assertThat(e.state()).isEqualTo(SqlState.DISK_FULL);
                    assertThat(e.getMessage()).contains("the commit was not logged");
                    refused++;
                }
            }
            assertThat(refused).as("records refused at a rollover").isPositive();
            fs.setDiskFull(false);
            for (int i = 80; i < 120; i++) {
                payload[0] = (byte) i;
                assertThat(w.append((byte) 1, payload.clone())).isEqualTo(written.size() + 1);
                written.add(payload.clone());
            }
            w.sync();
        }
        List<WalRecord> back = WalTestSupport.readAll(fs, wal, 1);
        assertThat(back).hasSize(written.size());
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i).lsn()).isEqualTo(i + 1);
            assertThat(back.get(i).payload()).isEqualTo(written.get(i));
        }
    }
}
