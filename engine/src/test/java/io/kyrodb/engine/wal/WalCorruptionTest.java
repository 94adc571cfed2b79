package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static io.kyrodb.engine.wal.WalTestSupport.concat;
import static io.kyrodb.engine.wal.WalTestSupport.header;
import static io.kyrodb.engine.wal.WalTestSupport.readAll;
import static io.kyrodb.engine.wal.WalTestSupport.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per branch of the reader (LevelDB's log_test). The files are written by hand from
 * docs/format/wal.md. Layout used throughout, payloads of 8 bytes so every record is 33 bytes,
 * each record's synced LSN the one before it (as if each was a commit of its own) unless a test
 * says otherwise; a preallocated segment goes on with zeros after its last record:
 * <pre>
 * wal/0000000000000001.wal  header 0..24 | LSN 1 at 24 | LSN 2 at 57 | LSN 3 at 90 | end 123
 * wal/0000000000000004.wal  header 0..24 | LSN 4 at 24 | LSN 5 at 57 | LSN 6 at 90 | end 123
 * </pre>
 */
class WalCorruptionTest {
    private static final String SEG1 = "0000000000000001.wal";
    private static final String SEG4 = "0000000000000004.wal";
    private static final int V = WalFormat.VERSION;

    @TempDir
    Path db;

    private final FileSystem fs = LocalFileSystem.INSTANCE;
    private Path wal;

    @BeforeEach
    void createDirectory() throws IOException {
        wal = Files.createDirectories(db.resolve("wal"));
    }

    private static byte[] rec(long lsn) {
        return record(lsn, 1, payload(lsn));
    }

    private static byte[] payload(long lsn) {
        byte[] p = new byte[8];
        Arrays.fill(p, (byte) lsn);
        return p;
    }

    private static byte[] seg(long firstLsn, long... lsns) {
        byte[][] parts = new byte[lsns.length + 1][];
        parts[0] = header(WalFormat.MAGIC, V, firstLsn);
        for (int i = 0; i < lsns.length; i++) {
            parts[i + 1] = rec(lsns[i]);
        }
        return concat(parts);
    }

    private static byte[] zeros(int n) {
        return new byte[n];
    }

    private void write(String name, byte[] content) throws IOException {
        Files.write(wal.resolve(name), content);
    }

    private void writeStandardLog() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, seg(4, 4, 5));
    }

    private static List<WalRecord> records(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(l -> new WalRecord(l, (byte) 1, payload(l))).toList();
    }

    private void assertCorrupt(String message) {
        assertThatThrownBy(() -> readAll(fs, wal, 1))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private void assertWriterRefuses(String message) {
        assertThatThrownBy(() -> WalWriter.open(fs, wal).close())
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    /**
     * The reader stops after {@code lastGoodLsn} and reports what it discarded; the writer zeroes
     * everything from {@code end} on, keeps the file's size, and continues with the next LSN.
     */
    private void assertDiscarded(long lastGoodLsn, long end, String what) throws IOException {
        long size = Files.size(wal.resolve(SEG4));
        try (WalReader r = WalReader.open(fs, wal, 1)) {
            for (WalRecord expected : records(1, lastGoodLsn)) {
                assertThat(r.next()).isEqualTo(expected);
            }
            assertThat(r.next()).isNull();
            assertThat(r.nextLsn()).isEqualTo(lastGoodLsn + 1);
            assertThat(r.tornTail()).contains(what);
        }
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.recovered()).contains(what).endsWith("zeroed");
            assertThat(w.nextLsn()).isEqualTo(lastGoodLsn + 1);
            byte[] bytes = Files.readAllBytes(wal.resolve(SEG4));
            assertThat(bytes).hasSize((int) size);
            assertThat(Arrays.copyOfRange(bytes, (int) end, bytes.length)).containsOnly(0);
            w.append((byte) 1, payload(lastGoodLsn + 1));
        }
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, lastGoodLsn + 1));
        assertThat(Files.size(wal.resolve(SEG4))).as("the preallocated size is kept").isEqualTo(size);
    }

    @Test
    void intactLogReadsCompletely() throws IOException {
        writeStandardLog();
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 5));
    }

    // ---- segment headers ----

    @Test
    void shortHeaderInAnOlderSegment() throws IOException {
        write(SEG1, Arrays.copyOf(seg(1), 10));
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 0: short header: 10 bytes, a segment header"
                + " takes 24");
    }

    @Test
    void shortHeaderInTheNewestSegmentIsCorruption() throws IOException {
        // A segment gets its name only by a rename after its header was fsynced.
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, Arrays.copyOf(seg(4), 10));
        String message = "corrupt WAL segment wal/" + SEG4 + " at offset 0: short header: 10 bytes, a segment"
                + " header takes 24";
        assertCorrupt(message);
        assertWriterRefuses(message);
        assertThat(wal.resolve(SEG4)).exists();
    }

    @Test
    void zeroedHeaderOfThePreallocatedNewestSegmentIsCorruption() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, zeros(4096));
        assertCorrupt("corrupt WAL segment wal/" + SEG4 + " at offset 0: bad magic: not a KyroDB WAL segment");
    }

    @Test
    void badMagic() throws IOException {
        byte[] magic = WalFormat.MAGIC.clone();
        magic[6] = 'X';
        write(SEG1, concat(header(magic, V, 1), rec(1)));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 0: bad magic: not a KyroDB WAL segment");
        assertWriterRefuses("corrupt WAL segment wal/" + SEG1 + " at offset 0: bad magic: not a KyroDB WAL segment");
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        write(SEG1, concat(header(WalFormat.MAGIC, 3, 1), rec(1)));
        String message = "unsupported WAL segment wal/" + SEG1 + " at offset 8: format version 3 (written by a newer"
                + " KyroDB); this KyroDB reads WAL format version 2 only";
        assertCorrupt(message);
        assertWriterRefuses(message);
    }

    @Test
    void olderFormatVersionIsRefused() throws IOException {
        // Version 1: growing segments, records without the synced LSN.
        write(SEG1, concat(header(WalFormat.MAGIC, 1, 1), rec(1)));
        String message = "unsupported WAL segment wal/" + SEG1 + " at offset 8: format version 1 (written by an"
                + " older KyroDB); this KyroDB reads WAL format version 2 only";
        assertCorrupt(message);
        assertWriterRefuses(message);
    }

    @Test
    void badHeaderChecksum() throws IOException {
        byte[] s = seg(1, 1, 2, 3);
        s[13] ^= 0x01; // inside the first-LSN field, which the header CRC covers
        write(SEG1, s);
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 20: header checksum mismatch");
    }

    @Test
    void headerLsnDisagreeingWithTheFileName() throws IOException {
        write(SEG1, seg(2, 2));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 12: header says first LSN 2 but the file name"
                + " says 1");
    }

    // ---- where the records end: a zero header or the end of the file ----

    @Test
    void theNewestSegmentEndsCleanlyAtItsZeroTail() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, concat(seg(4, 4, 5), zeros(4096)));
        try (WalReader r = WalReader.open(fs, wal, 1)) {
            for (WalRecord expected : records(1, 5)) {
                assertThat(r.next()).isEqualTo(expected);
            }
            assertThat(r.next()).isNull();
            assertThat(r.tornTail()).isNull();
        }
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.recovered()).isNull();
            assertThat(w.append((byte) 1, payload(6))).isEqualTo(6);
        }
        // The next record went into the zeros, right after LSN 5: the file did not grow.
        assertThat(Files.size(wal.resolve(SEG4))).isEqualTo(90 + 4096);
        assertThat(Arrays.copyOfRange(Files.readAllBytes(wal.resolve(SEG4)), 90, 123))
                .isEqualTo(record(6, 1, 5, payload(6)));
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 6));
    }

    @Test
    void aZeroTailShorterThanARecordHeaderIsACleanEnd() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, concat(seg(4, 4, 5), zeros(WalFormat.RECORD_HEADER_SIZE - 1)));
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 5));
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.recovered()).isNull();
            assertThat(w.nextLsn()).isEqualTo(6);
        }
    }

    @Test
    void anOlderSegmentEndsAtItsZeroTailAndTheNextGoesOn() throws IOException {
        write(SEG1, concat(seg(1, 1, 2, 3), zeros(30)));
        write(SEG4, concat(seg(4, 4, 5), zeros(500)));
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 5));
        assertThat(readAll(fs, wal, 3)).containsExactlyElementsOf(records(3, 5));
    }

    @Test
    void anOlderSegmentThatEndsEarlyLeavesAnLsnGap() throws IOException {
        // LSN 3 was zeroed (a lost write): segment 1 seems to end after LSN 2, segment 4 cannot follow.
        write(SEG1, concat(seg(1, 1, 2), zeros(33 + 30)));
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG4 + " at offset 12: LSN gap: the previous segment ends"
                + " before LSN 3, this one starts at LSN 4");
    }

    @Test
    void dataInTheZeroTailOfAnOlderSegmentIsCorruption() throws IOException {
        byte[] s = concat(seg(1, 1, 2, 3), zeros(100));
        s[123 + 60] = 7;
        write(SEG1, s);
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 183: data after the end of the records at offset"
                + " 123; only the newest segment may hold unfinished writes");
    }

    // ---- the end of the newest segment: torn records and unsynced writes, zeroed ----

    @Test
    void tornLengthAtTheEndOfTheFile() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, concat(seg(4, 4, 5), new byte[] {8, 0, 0}));
        assertDiscarded(5, 90, "torn record at offset 90 of wal/" + SEG4 + " (truncated record: 3 bytes left, a"
                + " record takes at least 25), 1 bytes discarded");
    }

    @Test
    void tornPayloadAtTheEndOfTheFile() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, Arrays.copyOf(seg(4, 4, 5), 57 + 28));
        assertDiscarded(4, 57, "torn record at offset 57 of wal/" + SEG4 + " (truncated record: length 8 needs 33"
                + " bytes, 28 left)");
    }

    @Test
    void tornRecordBeforeTheZeros() throws IOException {
        // LSN 6's first 20 bytes reached the disk, the rest of its sector did not: zeros.
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = concat(seg(4, 4, 5), zeros(4096));
        System.arraycopy(rec(6), 0, s, 90, 20);
        write(SEG4, s);
        assertDiscarded(5, 90, "torn record at offset 90 of wal/" + SEG4 + " (checksum mismatch), 14 bytes"
                + " discarded"); // up to its last non-zero byte
    }

    @Test
    void badChecksumOfTheLastRecordIsATornTail() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = concat(seg(4, 4, 5), zeros(100));
        s[57 + 23] ^= 0x10; // payload of LSN 5
        write(SEG4, s);
        assertDiscarded(4, 57, "torn record at offset 57 of wal/" + SEG4 + " (checksum mismatch)");
    }

    @Test
    void garbageLengthAtTheEndIsATornTail() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] garbage = new byte[30];
        Arrays.fill(garbage, (byte) 0xff);
        write(SEG4, concat(seg(4, 4, 5), garbage, zeros(100)));
        assertDiscarded(5, 90, "(record length 4294967295 exceeds the limit of 1073741824), 30 bytes discarded");
    }

    @Test
    void garbageInTheZerosAfterTheEndIsDiscarded() throws IOException {
        // Not a record: pieces of unsynced writes whose sectors reached the disk out of order.
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = concat(seg(4, 4, 5), zeros(2000));
        Arrays.fill(s, 700, 740, (byte) 0x5a);
        s[1500] = 1;
        write(SEG4, s);
        assertDiscarded(5, 90, "unsynced writes after the last record at offset 90 of wal/" + SEG4 + ", 1411 bytes"
                + " discarded");
    }

    @Test
    void laterRecordsOfTheSameUnsyncedBatchAfterATornOneAreDiscarded() throws IOException {
        // LSNs 5 to 7 were written together and never synced (each says only LSN 4 was durable);
        // LSN 5's second half and LSN 6's header never reached the disk, LSN 7 did.
        write(SEG1, seg(1, 1, 2, 3));
        byte[] r5 = record(5, 1, 4, payload(5));
        Arrays.fill(r5, 20, r5.length, (byte) 0);
        byte[] r6 = record(6, 1, 4, payload(6));
        Arrays.fill(r6, 0, 21, (byte) 0);
        write(SEG4, concat(seg(4, 4), r5, r6, record(7, 1, 4, payload(7)), zeros(200)));
        assertDiscarded(4, 57, "torn record at offset 57 of wal/" + SEG4 + " (checksum mismatch), ");
    }

    @Test
    void aLaterRecordOfTheSameBatchAfterAZeroHeaderIsDiscarded() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, concat(seg(4, 4), zeros(33), record(6, 1, 4, payload(6)), zeros(200)));
        assertDiscarded(4, 57, "unsynced writes after the last record at offset 57 of wal/" + SEG4 + ", ");
    }

    // ---- corruption anywhere else: XX001 with file and offset ----

    @Test
    void badChecksumFollowedByARecordThatProvesItWasDurable() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = concat(seg(4, 4, 5, 6), zeros(100));
        s[57 + 23] ^= 0x10; // payload of LSN 5; LSN 6 was written after LSN 5 was synced
        write(SEG4, s);
        String message = "corrupt WAL segment wal/" + SEG4 + " at offset 57: checksum mismatch, but the record at"
                + " offset 90 was written when LSNs up to 5 were durable, so this is damage to acknowledged records,"
                + " not a torn tail";
        assertCorrupt(message);
        assertWriterRefuses(message);
        assertThat(Files.readAllBytes(wal.resolve(SEG4))).isEqualTo(s); // nothing was zeroed
    }

    @Test
    void zeroedHeaderFollowedByARecordThatProvesItWasDurable() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = concat(seg(4, 4, 5, 6), zeros(100));
        Arrays.fill(s, 57, 57 + WalFormat.RECORD_HEADER_SIZE, (byte) 0);
        write(SEG4, s);
        String message = "corrupt WAL segment wal/" + SEG4 + " at offset 57: zeroed record header, but the record at"
                + " offset 90 was written when LSNs up to 5 were durable, so this is damage to acknowledged records,"
                + " not a torn tail";
        assertCorrupt(message);
        assertWriterRefuses(message);
    }

    @Test
    void corruptLengthFollowedByARecordThatProvesItWasDurable() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = seg(4, 4, 5, 6);
        s[57] = 100; // length of LSN 5 now points past the end of the file
        write(SEG4, s);
        assertCorrupt("corrupt WAL segment wal/" + SEG4 + " at offset 57: truncated record: length 100 needs 125"
                + " bytes, 66 left, but the record at offset 90 was written when LSNs up to 5 were durable, so this is"
                + " damage to acknowledged records, not a torn tail");
    }

    @Test
    void recordClaimingItsOwnLsnWasDurable() throws IOException {
        write(SEG1, concat(seg(1, 1), record(2, 1, 2, payload(2))));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 57: record LSN 2 says LSN 2 was durable before"
                + " it was written");
    }

    @Test
    void badChecksumInAnOlderSegment() throws IOException {
        byte[] s = seg(1, 1, 2, 3);
        s[90 + 23] ^= 0x10; // the last record of the segment: not a tail, a newer segment follows
        write(SEG1, s);
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 90: checksum mismatch");
    }

    @Test
    void truncatedOlderSegment() throws IOException {
        write(SEG1, Arrays.copyOf(seg(1, 1, 2, 3), 90 + 20));
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 90: truncated record: 20 bytes left, a record"
                + " takes at least 25");
    }

    @Test
    void lsnGapBetweenSegments() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write("0000000000000005.wal", seg(5, 5, 6));
        assertCorrupt("corrupt WAL segment wal/0000000000000005.wal at offset 12: LSN gap: the previous segment ends"
                + " before LSN 4, this one starts at LSN 5");
    }

    @Test
    void lsnGapWithinASegment() throws IOException {
        write(SEG1, seg(1, 1, 2, 4));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 90: expected LSN 3, found 4");
        assertWriterRefuses("corrupt WAL segment wal/" + SEG1 + " at offset 90: expected LSN 3, found 4");
    }

    @Test
    void recordOfTheReservedTypeZero() throws IOException {
        write(SEG1, concat(seg(1, 1), record(2, 0, payload(2))));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 57: invalid record type 0");
    }

    // ---- files that are not segments ----

    @Test
    void filesThatAreNotSegmentsAreIgnored() throws IOException {
        writeStandardLog();
        write("notes.txt", new byte[] {1, 2, 3});
        write("0000000000000009.wal.tmp", new byte[] {1, 2, 3});
        write(WalFormat.PREPARED_NAME, concat(header(WalFormat.MAGIC, V, 6), rec(6)));
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 5));
    }

    @Test
    void anInterruptedPreallocationIsDeletedByTheWriter() throws IOException {
        // The crash came while the next segment was being filled: a short file, partly zeros.
        writeStandardLog();
        byte[] partial = new byte[3000];
        Arrays.fill(partial, 2048, 3000, (byte) 0x33); // whatever the file system left there
        write(WalFormat.PREPARED_NAME, partial);
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 5));
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.recovered()).contains("deleted an unused preallocated segment");
            assertThat(wal.resolve(WalFormat.PREPARED_NAME)).doesNotExist();
            assertThat(w.append((byte) 1, payload(6))).isEqualTo(6);
        }
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 6));
    }

    @Test
    void aNewestSegmentWithoutZeroTailRollsIntoAPreallocatedOne() throws IOException {
        // As a backup copies it: up to its last record.
        writeStandardLog();
        WalWriter.Options options = new WalWriter.Options(8192, 256, 4096, false);
        try (WalWriter w = WalWriter.open(fs, wal, options)) {
            assertThat(w.recovered()).isNull();
            assertThat(w.append((byte) 1, payload(6))).isEqualTo(6);
        }
        assertThat(Files.size(wal.resolve(SEG4))).isEqualTo(90);
        assertThat(Files.size(wal.resolve("0000000000000006.wal"))).isEqualTo(4096);
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 6));
    }
}
