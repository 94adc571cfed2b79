package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static io.kyrodb.engine.wal.WalTestSupport.randomPayload;
import static io.kyrodb.engine.wal.WalTestSupport.readAll;
import static io.kyrodb.engine.wal.WalTestSupport.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault injection and simulated crashes: after a failed operation or a crash, recovery yields
 * every record a returned sync covered, in order, and nothing that was not appended. The wrapper
 * models durability itself, so it does not pass fsyncs on to the disk (hundreds of runs).
 */
class WalCrashTest {
    /** Preallocated in the foreground, so that every test counts the same operations. */
    private static final WalWriter.Options SMALL = new WalWriter.Options(300, 64, 300, false);

    @TempDir
    Path db;

    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);

    private Path wal() {
        return db.resolve("wal");
    }

    private static byte[] payload(long lsn) {
        return ("record " + lsn).getBytes();
    }

    private static List<WalRecord> records(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(l -> new WalRecord(l, (byte) 1, payload(l))).toList();
    }

    private static void appendUpTo(WalWriter w, long lastLsn) {
        while (w.nextLsn() <= lastLsn) {
            w.append((byte) 1, payload(w.nextLsn()));
        }
    }

    @Test
    void syncedRecordsSurviveACrashThatDropsEverythingUnsynced() {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 3);
        w.sync();
        appendUpTo(w, 5); // appended, never synced
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 3));
    }

    @Test
    void recordsInANewSegmentSurviveACrash() throws IOException {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 40);
        w.sync();
        assertThat(segmentFiles(wal())).hasSizeGreaterThan(3);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 40));
    }

    @Test
    void aNewWalDirectorySurvivesACrash() throws IOException {
        Files.createDirectories(db); // the database directory itself is the caller's business
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 2);
        w.sync();
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 2));
    }

    @Test
    void flushToOsSurvivesAProcessCrashButClaimsNoDurability() {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 2);
        w.flushToOs();
        assertThat(w.durableLsn()).isZero();
        appendUpTo(w, 3); // still in the writer's buffer: dies with the process
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 2));
        fs.simulateCrash(CrashMode.DROP_UNSYNCED); // the machine goes down before anyone fsynced
        assertThat(readAll(fs, wal(), 1)).isEmpty();
    }

    @Test
    void recoveryMakesWhatAProcessCrashLeftDurable() {
        WalWriter.Options unbuffered = new WalWriter.Options(300, WalFormat.RECORD_OVERHEAD, 300, false);
        WalWriter w = WalWriter.open(fs, wal(), unbuffered);
        appendUpTo(w, 3); // each record goes straight to the OS, none is fsynced
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
        WalWriter reopened = WalWriter.open(fs, wal(), unbuffered);
        assertThat(reopened.durableLsn()).isEqualTo(3);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED); // then the power fails
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 3));
    }

    @Test
    void aSegmentLeftByAProcessCrashIsMadeDurable() throws IOException {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 5);
        fs.failNth(Op.SYNC_DIRECTORY, 1, false, false); // the rollover's directory fsync
        assertThatThrownBy(() -> appendUpTo(w, 40)).isInstanceOf(KyroException.class);
        List<Path> segments = segmentFiles(wal());
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
        WalWriter reopened = WalWriter.open(fs, wal(), SMALL);
        assertThat(segmentFiles(wal())).isEqualTo(segments);
        long next = reopened.nextLsn();
        appendUpTo(reopened, next + 1);
        reopened.sync();
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, next + 1));
    }


    @Test
    void aFailedSyncIs58030AndClaimsNoDurability() {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 3);
        w.sync();
        appendUpTo(w, 5);
        fs.failNth(Op.SYNC, 1, false, false);
        assertThatThrownBy(w::sync).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
            assertThat(e.getMessage()).startsWith("could not sync WAL segment wal/0000000000000001.wal: Input/output"
                    + " error");
        });
        assertThat(w.durableLsn()).isEqualTo(3);
        // The next fsync might "succeed" after the kernel dropped the pages: the writer is done.
        assertThatThrownBy(w::sync).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
            assertThat(e.getMessage()).contains("is unusable after an earlier error").contains("reopen the database");
        });
        assertThatThrownBy(() -> w.append((byte) 1, new byte[1])).isInstanceOf(KyroException.class);
        assertThat(w.durableLsn()).isEqualTo(3);
        w.close(); // releases the files without claiming anything

        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 3));
        try (WalWriter reopened = WalWriter.open(fs, wal(), SMALL)) {
            assertThat(reopened.nextLsn()).isEqualTo(4);
        }
    }

    @Test
    void aFullDiskIs53100() {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 1);
        w.sync();
        fs.failNth(Op.WRITE, 1, true, true);
        appendUpTo(w, 2); // buffered: no write yet
        assertThatThrownBy(w::sync).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DISK_FULL);
            assertThat(e.getMessage()).isEqualTo("could not write WAL segment wal/0000000000000001.wal: No space"
                    + " left on device");
        });
        assertThat(w.durableLsn()).isEqualTo(1);
        assertThatThrownBy(() -> w.append((byte) 1, new byte[1])).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.DISK_FULL));
        fs.clearFaults();
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, 1));
    }

    @Test
    void aFailedDirectorySyncOnRolloverStopsTheWriterButKeepsTheFinishedSegment() {
        WalWriter w = WalWriter.open(fs, wal(), SMALL);
        appendUpTo(w, 5);
        fs.failNth(Op.SYNC_DIRECTORY, 1, false, false);
        assertThatThrownBy(() -> appendUpTo(w, 40)).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.IO_ERROR));
        long durable = w.durableLsn();
        assertThat(durable).isGreaterThan(5); // the finished segment was fsynced before the new one
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(records(1, durable));
    }

    /**
     * Fails every write, fsync and directory fsync in turn (and everything after it), then crashes:
     * the log holds exactly what was reported durable (or, where unsynced data may survive, a
     * longer prefix of what was appended), and the writer reopens and goes on.
     */
    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void aCrashAtEveryFailedOperation(CrashMode mode) throws IOException {
        Random random = new Random(WalTestSupport.seed(mode.ordinal()));
        for (Op op : Op.values()) {
            boolean completed = false;
            for (int nth = 1; !completed; nth++) {
                Path dbDir = Files.createDirectories(db.resolve(op + "-" + nth));
                Path walDir = dbDir.resolve("wal");
                FaultInjectingFileSystem ffs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
                ffs.failNth(op, nth, true, false);
                WalWriter w = null;
                long durable = 0;
                long appended = 0;
                try {
                    w = WalWriter.open(ffs, walDir, SMALL);
                    for (long lsn = 1; lsn <= 40; lsn++) {
                        w.append((byte) 1, payload(lsn));
                        appended = lsn;
                        if (lsn % 3 == 0) {
                            w.sync();
                        }
                    }
                    w.close();
                    completed = true;
                } catch (KyroException e) {
                    assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
                }
                if (w != null) {
                    durable = w.durableLsn();
                }
                String context = mode + ", " + op + " #" + nth + " failed, durable LSN " + durable;
                ffs.clearFaults();
                ffs.simulateCrash(mode, random);

                List<WalRecord> recovered = readAll(ffs, walDir, 1);
                assertThat(recovered).as(context).containsExactlyElementsOf(records(1, recovered.size()));
                assertThat((long) recovered.size()).as(context).isBetween(durable, appended);
                if (mode == CrashMode.DROP_UNSYNCED || mode == CrashMode.ZERO_UNSYNCED) {
                    assertThat((long) recovered.size()).as(context).isEqualTo(durable);
                }
                try (WalWriter reopened = WalWriter.open(ffs, walDir, SMALL)) {
                    assertThat(reopened.nextLsn()).as(context).isEqualTo(recovered.size() + 1);
                    appendUpTo(reopened, recovered.size() + 3);
                }
                assertThat(readAll(ffs, walDir, 1)).as(context)
                        .containsExactlyElementsOf(records(1, recovered.size() + 3));
            }
        }
    }

    /**
     * Unsynced writes into preallocated space reach the disk sector by sector in any order: a
     * crash can leave a torn record, zeros, then whole later records of the same unsynced batch.
     * That is a torn tail, never corruption: every synced record is recovered and the rest goes.
     * Checks that the case really arises (a later record's exact bytes survive past the end).
     */
    @Test
    void sectorsOfUnsyncedWritesReachingTheDiskOutOfOrderAreATornTail() throws IOException {
        long base = WalTestSupport.seed(77);
        int laterRecordSurvived = 0;
        for (int trial = 0; trial < 60; trial++) {
            long seed = base + trial;
            Random random = new Random(seed);
            Path walDir = Files.createDirectories(db.resolve("sectors-" + trial)).resolve("wal");
            FaultInjectingFileSystem ffs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
            WalWriter w = WalWriter.open(ffs, walDir, new WalWriter.Options(1 << 16, 4096, 1 << 16, false));
            List<byte[]> payloads = new ArrayList<>();
            for (int batch = random.nextInt(4); batch >= 0; batch--) {
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    payloads.add(randomPayload(random, 900));
                    w.append((byte) 1, payloads.getLast());
                }
                w.sync();
            }
            long durable = w.durableLsn();
            for (int i = 2 + random.nextInt(10); i > 0; i--) { // the batch in flight at the crash
                payloads.add(randomPayload(random, 900));
                w.append((byte) 1, payloads.getLast());
            }
            w.flushToOs();
            ffs.simulateCrash(CrashMode.SECTORS_UNSYNCED, random);

            byte[] file = Files.readAllBytes(walDir.resolve("0000000000000001.wal"));
            List<WalRecord> recovered = readAll(ffs, walDir, 1);
            String context = "seed " + seed + ", durable LSN " + durable + ", appended " + payloads.size();
            assertThat((long) recovered.size()).as(context).isBetween(durable, (long) payloads.size());
            for (int i = 0; i < recovered.size(); i++) {
                assertThat(recovered.get(i).payload()).as(context).isEqualTo(payloads.get(i));
            }
            for (long lsn = recovered.size() + 2; lsn <= payloads.size(); lsn++) {
                byte[] bytes = WalTestSupport.record(lsn, 1, durable, payloads.get((int) lsn - 1));
                if (indexOf(file, bytes) >= 0) {
                    laterRecordSurvived++;
                    break;
                }
            }
            try (WalWriter reopened = WalWriter.open(ffs, walDir)) {
                assertThat(reopened.nextLsn()).as(context).isEqualTo(recovered.size() + 1);
            }
        }
        assertThat(laterRecordSurvived).as("trials where a record after the end survived whole").isPositive();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static LongStream seeds() {
        Long fixed = Long.getLong("kyro.seed");
        if (fixed != null) {
            return LongStream.of(fixed);
        }
        int count = Boolean.getBoolean("kyro.slow") ? 1000 : 40;
        return LongStream.range(0, count).map(i -> 0x9E3779B97F4A7C15L * (i + 1));
    }

    /**
     * Several rounds of random appends, syncs and checkpoints (deleting old segments), each ended
     * by a crash in a random mode at a random point, then recovery; the model of the log is what
     * the previous recovery returned plus what was appended since.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomCrashesLoseNothingSynced(long seed) throws IOException {
        System.out.println("randomCrashesLoseNothingSynced seed=" + seed
                + " (rerun: ./mvnw -pl engine -am test -Dtest=WalCrashTest -Dkyro.seed=" + seed + ")");
        Random random = new Random(seed);
        Files.createDirectories(db);
        List<WalRecord> log = new ArrayList<>(); // the model: every record from LSN 1 on
        long checkpoint = 1; // records below it are covered elsewhere; their segments may go
        for (int round = 0; round < 6; round++) {
            int segmentSize = 100 + random.nextInt(900);
            int bufferSize = WalFormat.RECORD_OVERHEAD + random.nextInt(300);
            WalWriter.Options options = new WalWriter.Options(segmentSize, bufferSize,
                    50 + random.nextInt(segmentSize - 49), false);
            WalWriter w = WalWriter.open(fs, wal(), options);
            assertThat(w.nextLsn()).isEqualTo(log.size() + 1);
            int steps = random.nextInt(120);
            for (int i = 0; i < steps; i++) {
                int action = random.nextInt(100);
                if (action < 70) {
                    byte type = (byte) (1 + random.nextInt(255));
                    byte[] p = randomPayload(random, random.nextInt(15) == 0 ? 700 : 60);
                    log.add(new WalRecord(w.append(type, p), type, p));
                } else if (action < 88) {
                    w.sync();
                } else if (action < 95) {
                    if (w.nextLsn() > 1) {
                        w.sync(1 + random.nextLong(w.nextLsn() - 1));
                    }
                } else {
                    long cp = 1 + random.nextLong(w.durableLsn() + 1);
                    w.deleteSegmentsBefore(cp);
                    checkpoint = Math.max(checkpoint, cp);
                }
            }
            long durable = w.durableLsn();
            CrashMode mode = CrashMode.values()[random.nextInt(CrashMode.values().length)];
            String context = "seed " + seed + ", round " + round + ", " + mode + ", durable LSN " + durable
                    + ", appended up to " + log.size() + ", checkpoint " + checkpoint;
            fs.simulateCrash(mode, random);

            List<WalRecord> recovered = readAll(fs, wal(), checkpoint);
            List<WalRecord> expected = log.subList((int) checkpoint - 1, log.size());
            assertThat(recovered.size()).as(context).isLessThanOrEqualTo(expected.size());
            assertThat(recovered).as(context).containsExactlyElementsOf(expected.subList(0, recovered.size()));
            long recoveredEnd = checkpoint - 1 + recovered.size();
            assertThat(recoveredEnd).as(context).isGreaterThanOrEqualTo(durable);
            if (mode == CrashMode.DROP_UNSYNCED || mode == CrashMode.ZERO_UNSYNCED) {
                assertThat(recoveredEnd).as(context).isEqualTo(durable);
            }
            log = new ArrayList<>(log.subList(0, (int) recoveredEnd));
        }
        try (WalWriter w = WalWriter.open(fs, wal())) {
            assertThat(w.nextLsn()).isEqualTo(log.size() + 1);
        }
        assertThat(readAll(fs, wal(), checkpoint)).containsExactlyElementsOf(log.subList((int) checkpoint - 1, log.size()));
    }
}
