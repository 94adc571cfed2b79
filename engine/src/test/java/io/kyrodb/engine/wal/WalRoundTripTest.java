package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.kyrodb.engine.wal.WalTestSupport.concat;
import static io.kyrodb.engine.wal.WalTestSupport.header;
import static io.kyrodb.engine.wal.WalTestSupport.randomPayload;
import static io.kyrodb.engine.wal.WalTestSupport.readAll;
import static io.kyrodb.engine.wal.WalTestSupport.record;
import static io.kyrodb.engine.wal.WalTestSupport.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalRoundTripTest {
    private static final WalWriter.Options SMALL = new WalWriter.Options(512, 64);

    @TempDir
    Path db;

    private final FileSystem fs = LocalFileSystem.INSTANCE;

    private Path wal() {
        return db.resolve("wal");
    }

    @Test
    void aMissingWalReadsAsEmptyAndANewOneStartsAtLsn1() throws Exception {
        try (WalReader r = WalReader.open(fs, wal(), 1)) {
            assertThat(r.next()).isNull();
            assertThat(r.nextLsn()).isEqualTo(1);
        }
        try (WalWriter w = WalWriter.open(fs, wal())) {
            assertThat(w.nextLsn()).isEqualTo(1);
            assertThat(w.durableLsn()).isZero();
            assertThat(w.recovered()).isNull();
        }
        // Preallocated: the first segment is created at its full size, zeros after the header.
        assertThat(Files.size(wal().resolve("0000000000000001.wal")))
                .isEqualTo(WalWriter.Options.DEFAULT.initialSegmentSize());
        assertThat(readAll(fs, wal(), 1)).isEmpty();
    }

    @Test
    void appendedRecordsReadBackInOrder() {
        List<WalRecord> written = new ArrayList<>();
        try (WalWriter w = WalWriter.open(fs, wal())) {
            written.add(new WalRecord(w.append((byte) 1, new byte[] {1, 2, 3}), (byte) 1, new byte[] {1, 2, 3}));
            written.add(new WalRecord(w.append((byte) 2, new byte[0]), (byte) 2, new byte[0]));
            written.add(new WalRecord(w.append((byte) 255, "hello".getBytes()), (byte) 255, "hello".getBytes()));
            w.sync();
            assertThat(w.durableLsn()).isEqualTo(3);
        }
        assertThat(written).extracting(WalRecord::lsn).containsExactly(1L, 2L, 3L);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(written);
    }

    @Test
    void theWriterProducesExactlyTheDocumentedBytes() throws Exception {
        try (WalWriter w = WalWriter.open(fs, wal())) {
            w.append((byte) 7, new byte[] {10, 20});
            w.append((byte) 8, new byte[0]);
        }
        // Nothing was durable when either record was appended: synced LSN 0 in both.
        byte[] expected = concat(header(WalFormat.MAGIC, 2, 1), record(1, 7, 0, new byte[] {10, 20}),
                record(2, 8, 0, new byte[0]));
        byte[] file = Files.readAllBytes(wal().resolve("0000000000000001.wal"));
        assertThat(file).hasSize((int) WalWriter.Options.DEFAULT.initialSegmentSize());
        assertThat(Arrays.copyOf(file, expected.length)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(file, expected.length, file.length)).containsOnly(0);
    }

    @Test
    void recordsRoundTripAcrossManySegments() throws Exception {
        long seed = WalTestSupport.seed(0x5eed_0001L);
        System.out.println("recordsRoundTripAcrossManySegments seed=" + seed + " (rerun with -Dkyro.seed=" + seed + ")");
        Random random = new Random(seed);
        List<WalRecord> written = new ArrayList<>();
        try (WalWriter w = WalWriter.open(fs, wal(), SMALL)) {
            for (int i = 0; i < 300; i++) {
                byte type = (byte) (1 + random.nextInt(255));
                byte[] payload = randomPayload(random, random.nextInt(10) == 0 ? 2000 : 100);
                written.add(new WalRecord(w.append(type, payload), type, payload));
                if (random.nextInt(20) == 0) {
                    w.sync();
                }
            }
        }
        List<Path> segments = segmentFiles(wal());
        assertThat(segments).hasSizeGreaterThan(20);
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(written);
        // Each segment is named after its first record, and only records bigger than the segment
        // size push a segment past it.
        for (Path seg : segments) {
            long first = Long.parseLong(seg.getFileName().toString().substring(0, 16), 16);
            WalRecord firstRecord = written.get((int) first - 1);
            assertThat(Files.size(seg)).isLessThanOrEqualTo(Math.max(512,
                    WalFormat.HEADER_SIZE + WalFormat.RECORD_OVERHEAD + firstRecord.payload().length));
        }
        // Reading from any LSN starts exactly there.
        for (long from : new long[] {1, 2, 57, 150, 299, 300, 301}) {
            List<WalRecord> tail = readAll(fs, wal(), from);
            assertThat(tail).containsExactlyElementsOf(written.subList((int) from - 1, 300));
        }
    }

    @Test
    void reopenedWriterContinuesTheLog() {
        List<WalRecord> written = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            try (WalWriter w = WalWriter.open(fs, wal(), SMALL)) {
                assertThat(w.nextLsn()).isEqualTo(written.size() + 1);
                assertThat(w.durableLsn()).isEqualTo(written.size());
                for (int i = 0; i < 25; i++) {
                    byte[] p = ("round " + round + " record " + i).getBytes();
                    written.add(new WalRecord(w.append((byte) 1, p), (byte) 1, p));
                }
            }
        }
        try (WalReader r = WalReader.open(fs, wal(), 1)) {
            List<WalRecord> read = new ArrayList<>();
            for (WalRecord rec = r.next(); rec != null; rec = r.next()) {
                read.add(rec);
            }
            assertThat(read).containsExactlyElementsOf(written);
            assertThat(r.nextLsn()).isEqualTo(101);
            assertThat(r.tornTail()).isNull();
        }
    }

    @Test
    void aRecordLargerThanTheSegmentAndTheBufferGetsASegmentOfItsOwn() throws Exception {
        byte[] big = new byte[5000];
        new Random(42).nextBytes(big);
        try (WalWriter w = WalWriter.open(fs, wal(), SMALL)) {
            w.append((byte) 1, new byte[] {1});
            w.append((byte) 2, big);
            w.append((byte) 3, new byte[] {3});
        }
        assertThat(segmentFiles(wal())).extracting(p -> p.getFileName().toString())
                .containsExactly("0000000000000001.wal", "0000000000000002.wal", "0000000000000003.wal");
        assertThat(readAll(fs, wal(), 1)).containsExactly(new WalRecord(1, (byte) 1, new byte[] {1}),
                new WalRecord(2, (byte) 2, big), new WalRecord(3, (byte) 3, new byte[] {3}));
    }

    @Test
    void deleteSegmentsBeforeRemovesOnlyWholeSegmentsBelowTheLsn() throws Exception {
        try (WalWriter w = WalWriter.open(fs, wal(), SMALL)) {
            for (int i = 0; i < 100; i++) {
                w.append((byte) 1, new byte[50]);
            }
            List<Path> before = segmentFiles(wal());
            long secondFirst = Long.parseLong(before.get(1).getFileName().toString().substring(0, 16), 16);
            assertThat(w.deleteSegmentsBefore(secondFirst - 1)).isZero();
            assertThat(w.deleteSegmentsBefore(secondFirst)).isEqualTo(1);
            assertThat(segmentFiles(wal())).isEqualTo(before.subList(1, before.size()));
            assertThat(readAll(fs, wal(), secondFirst)).hasSize((int) (101 - secondFirst));
            assertThatThrownBy(() -> readAll(fs, wal(), 1))
                    .isInstanceOf(KyroException.class)
                    .hasMessageContaining("begins at LSN " + secondFirst)
                    .hasMessageContaining("recovery needs the records from LSN 1");
            // Never the segment being written, however high the LSN.
            w.deleteSegmentsBefore(Long.MAX_VALUE);
            assertThat(segmentFiles(wal())).hasSize(1);
            long next = w.nextLsn();
            w.append((byte) 1, new byte[] {9});
            w.sync();
            assertThat(readAll(fs, wal(), next)).containsExactly(new WalRecord(next, (byte) 1, new byte[] {9}));
        }
        try (WalWriter w = WalWriter.open(fs, wal(), SMALL)) {
            assertThat(w.nextLsn()).isEqualTo(102);
        }
    }

    @Test
    void readingFromBeyondTheEndOfTheLogIsCorruption() {
        try (WalWriter w = WalWriter.open(fs, wal())) {
            w.append((byte) 1, new byte[1]);
        }
        assertThat(readAll(fs, wal(), 2)).isEmpty();
        assertThatThrownBy(() -> readAll(fs, wal(), 3))
                .isInstanceOf(KyroException.class)
                .satisfies(e -> assertThat(((KyroException) e).state()).isEqualTo(SqlState.DATA_CORRUPTED))
                .hasMessageContaining("ends before LSN 2, but recovery needs the records from LSN 3");
    }

    @Test
    void syncOfAnLsnAlreadyDurableDoesNotFsyncAgain() {
        FaultInjectingFileSystem ffs = new FaultInjectingFileSystem(fs);
        try (WalWriter w = WalWriter.open(ffs, wal())) {
            long a = w.append((byte) 1, new byte[1]);
            long b = w.append((byte) 1, new byte[1]);
            long syncs = ffs.count(FaultInjectingFileSystem.Op.SYNC);
            w.sync(a);
            assertThat(w.durableLsn()).isEqualTo(b); // one fsync covers everything appended before it
            w.sync(b);
            w.sync();
            assertThat(ffs.count(FaultInjectingFileSystem.Op.SYNC)).isEqualTo(syncs + 1);
            assertThatThrownBy(() -> w.sync(b + 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void commitsOverwriteThePreallocatedSpaceWithDataOnlyFsyncs() throws Exception {
        RecordingFileSystem rfs = new RecordingFileSystem(fs);
        try (WalWriter w = WalWriter.open(rfs, wal(), new WalWriter.Options(1 << 20, 4096, 1 << 16, false))) {
            Path segment = wal().resolve("0000000000000001.wal");
            assertThat(Files.size(segment)).isEqualTo(1 << 16);
            rfs.clear();
            for (int i = 0; i < 50; i++) {
                w.sync(w.append((byte) 1, new byte[100]));
            }
            assertThat(Files.size(segment)).as("the file never grows").isEqualTo(1 << 16);
            assertThat(rfs.calls()).extracting(RecordingFileSystem.Call::op).containsOnly("write", "syncData")
                    .filteredOn("syncData"::equals).hasSize(50);
        }
    }

    @Test
    void aNewSegmentIsPreallocatedFsyncedHeaderedAndRenamedBeforeItsFirstRecord() {
        RecordingFileSystem rfs = new RecordingFileSystem(fs);
        try (WalWriter w = WalWriter.open(rfs, wal(), new WalWriter.Options(4096, 4096, 4096, false))) {
            while (w.nextLsn() < 33) {
                w.append((byte) 1, new byte[100]); // 125 bytes each, buffered: 32 fit in 4096
            }
            rfs.clear();
            w.append((byte) 1, new byte[100]); // does not fit: LSN 33 (0x21) starts segment 2
            assertThat(rfs.calls()).extracting(c -> c.op() + " " + c.file()).containsExactly(
                    "write 0000000000000001.wal", "syncData 0000000000000001.wal",   // the rest of segment 1
                    "write next-segment.tmp", "sync next-segment.tmp",                 // zeros, length and blocks
                    "write next-segment.tmp", "syncData next-segment.tmp",             // the header
                    "rename 0000000000000021.wal");
        }
    }

    @Test
    void segmentsGrowFromTheInitialSizeToTheSegmentSize() throws Exception {
        try (WalWriter w = WalWriter.open(fs, wal(), new WalWriter.Options(4096, 64, 512, false))) {
            for (int i = 0; i < 200; i++) {
                w.append((byte) 1, new byte[60]);
            }
        }
        List<Long> sizes = new ArrayList<>();
        for (Path p : segmentFiles(wal())) {
            sizes.add(Files.size(p));
        }
        assertThat(sizes).startsWith(512L, 1024L, 2048L, 4096L, 4096L);
        assertThat(readAll(fs, wal(), 1)).hasSize(200);
    }

    @Test
    void theNextSegmentIsFilledInTheBackgroundBeforeTheRollover() throws Exception {
        RecordingFileSystem rfs = new RecordingFileSystem(fs);
        List<WalRecord> written = new ArrayList<>();
        try (WalWriter w = WalWriter.open(rfs, wal(), new WalWriter.Options(1 << 16, 1024, 1 << 16, true))) {
            while (segmentFiles(wal()).size() < 3) {
                byte[] p = ("record " + w.nextLsn()).repeat(40).getBytes();
                written.add(new WalRecord(w.append((byte) 1, p), (byte) 1, p));
                w.sync();
            }
        }
        // The first segment is filled by open(); the next ones, started at half full, on their own thread.
        List<String> fillers = rfs.calls().stream()
                .filter(c -> c.op().equals("sync") && c.file().equals(WalFormat.PREPARED_NAME))
                .map(RecordingFileSystem.Call::thread).toList();
        assertThat(fillers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(fillers.getFirst()).isEqualTo(Thread.currentThread().getName());
        assertThat(fillers.subList(1, fillers.size())).allSatisfy(t -> assertThat(t).startsWith("kyro-wal-prepare"));
        assertThat(wal().resolve(WalFormat.PREPARED_NAME)).as("close deletes an unused preparation").doesNotExist();
        for (Path p : segmentFiles(wal())) {
            assertThat(Files.size(p)).isEqualTo(1 << 16);
        }
        assertThat(readAll(fs, wal(), 1)).containsExactlyElementsOf(written);
    }

    @Test
    void misuseIsRejected() {
        WalWriter w = WalWriter.open(fs, wal());
        assertThatThrownBy(() -> w.append((byte) 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type 0 is reserved");
        w.close();
        w.close();
        assertThatThrownBy(() -> w.append((byte) 1, new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WalReader.open(fs, wal(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WalWriter.Options(40, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WalWriter.Options(4096, 64, 8192, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial segment size 8192");
    }

    /**
     * An appender and a syncer on two threads: every LSN a sync reported durable must survive a
     * crash that drops everything unsynced, and the log holds every append in order.
     */
    @Test
    void appendAndSyncFromDifferentThreads() throws Exception {
        FaultInjectingFileSystem ffs = new FaultInjectingFileSystem(fs);
        int count = 3000;
        AtomicLong highestReported = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        WalWriter w = WalWriter.open(ffs, wal(), new WalWriter.Options(4096, 256));
        {
            Thread syncer = new Thread(() -> {
                try {
                    while (done.getCount() > 0) {
                        long next = w.nextLsn();
                        w.sync();
                        // sync() covers every append that happened before it started.
                        assertThat(w.durableLsn()).isGreaterThanOrEqualTo(next - 1);
                        highestReported.set(w.durableLsn());
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            syncer.start();
            for (int i = 1; i <= count; i++) {
                assertThat(w.append((byte) 1, Integer.toString(i).getBytes())).isEqualTo(i);
            }
            done.countDown();
            syncer.join();
            assertThat(error.get()).isNull();
            ffs.simulateCrash(FaultInjectingFileSystem.CrashMode.DROP_UNSYNCED);
            // The crashed writer's files are gone; closing it can only report that.
            assertThatThrownBy(w::close).isInstanceOf(KyroException.class);
        }
        List<WalRecord> read = readAll(ffs, wal(), 1);
        assertThat(read.size()).isGreaterThanOrEqualTo((int) highestReported.get());
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).payload()).isEqualTo(Integer.toString(i + 1).getBytes());
        }
    }

    /**
     * Group commit: eight committers on a slow disk each append and wait for their record; every
     * wait returns with its record durable, and they share fsyncs (one covers every record appended
     * before it), so there are far fewer fsyncs than commits.
     */
    @Test
    void concurrentCommittersShareFsyncs() throws Exception {
        RecordingFileSystem rfs = new RecordingFileSystem(fs);
        int threads = 8;
        int perThread = 40;
        AtomicReference<Throwable> error = new AtomicReference<>();
        try (WalWriter w = WalWriter.open(rfs, wal())) {
            rfs.slowSyncData(2);
            rfs.clear();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> committers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread c = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            long lsn = w.append((byte) 1, new byte[40]);
                            w.sync(lsn);
                            assertThat(w.durableLsn()).isGreaterThanOrEqualTo(lsn);
                        }
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                }, "committer-" + t);
                c.start();
                committers.add(c);
            }
            start.countDown();
            for (Thread c : committers) {
                c.join(60_000);
                assertThat(c.isAlive()).as(c.getName() + " still waiting").isFalse();
            }
            assertThat(error.get()).isNull();
            long fsyncs = rfs.calls().stream().filter(c -> c.op().equals("syncData")).count();
            assertThat(fsyncs).as("fsyncs for %d commits", threads * perThread)
                    .isPositive().isLessThan(threads * perThread / 2);
            assertThat(w.durableLsn()).isEqualTo(threads * perThread);
        }
    }
}
