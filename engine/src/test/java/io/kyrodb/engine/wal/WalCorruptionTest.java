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
 * docs/format/wal.md. Layout used throughout, payloads of 8 bytes so every record is 25 bytes:
 * <pre>
 * wal/0000000000000001.wal  header 0..24 | LSN 1 at 24 | LSN 2 at 49 | LSN 3 at 74 | end 99
 * wal/0000000000000004.wal  header 0..24 | LSN 4 at 24 | LSN 5 at 49 | end 74
 * </pre>
 */
class WalCorruptionTest {
    private static final String SEG1 = "0000000000000001.wal";
    private static final String SEG4 = "0000000000000004.wal";

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
        parts[0] = header(WalFormat.MAGIC, 1, firstLsn);
        for (int i = 0; i < lsns.length; i++) {
            parts[i + 1] = rec(lsns[i]);
        }
        return concat(parts);
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

    /** The reader stops at the torn tail; the writer truncates it and continues with {@code nextLsn}. */
    private void assertTornTailRecovered(long lastGoodLsn, long truncatedSize, String tornReason) throws IOException {
        try (WalReader r = WalReader.open(fs, wal, 1)) {
            for (WalRecord expected : records(1, lastGoodLsn)) {
                assertThat(r.next()).isEqualTo(expected);
            }
            assertThat(r.next()).isNull();
            assertThat(r.nextLsn()).isEqualTo(lastGoodLsn + 1);
            assertThat(r.tornTail()).contains(tornReason);
        }
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.recovered()).contains(tornReason).endsWith("truncated");
            assertThat(w.nextLsn()).isEqualTo(lastGoodLsn + 1);
            assertThat(Files.size(wal.resolve(SEG4))).isEqualTo(truncatedSize);
            w.append((byte) 1, payload(lastGoodLsn + 1));
        }
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, lastGoodLsn + 1));
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
    void shortHeaderInTheNewestSegmentIsAnInterruptedCreation() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, Arrays.copyOf(seg(4), 10));
        try (WalReader r = WalReader.open(fs, wal, 1)) {
            assertThat(List.of(r.next(), r.next(), r.next())).containsExactlyElementsOf(records(1, 3));
            assertThat(r.next()).isNull();
            assertThat(r.tornTail()).contains("interrupted creation of segment wal/" + SEG4);
        }
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.recovered()).contains("deleted wal/" + SEG4);
            assertThat(wal.resolve(SEG4)).doesNotExist();
            assertThat(w.append((byte) 1, payload(4))).isEqualTo(4);
        }
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 4));
    }

    @Test
    void zeroedHeaderOfAnEmptyNewestSegmentIsAnInterruptedCreation() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, new byte[WalFormat.HEADER_SIZE]);
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 3));
        try (WalWriter w = WalWriter.open(fs, wal)) {
            assertThat(w.nextLsn()).isEqualTo(4);
        }
        assertThat(wal.resolve(SEG4)).doesNotExist();
    }

    @Test
    void zeroedNewestSegmentLongerThanAHeaderIsCorruption() throws IOException {
        // Records are written only after the header was fsynced: this header was lost after that.
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, new byte[WalFormat.HEADER_SIZE + 40]);
        assertCorrupt("corrupt WAL segment wal/" + SEG4 + " at offset 0: bad magic: not a KyroDB WAL segment");
    }

    @Test
    void theSegmentBeforeAnInterruptedOneMustBeComplete() throws IOException {
        write(SEG1, Arrays.copyOf(seg(1, 1, 2, 3), 90));
        write(SEG4, Arrays.copyOf(seg(4), 10));
        String message = "corrupt WAL segment wal/" + SEG1 + " at offset 74: truncated record: 16 bytes left,"
                + " a record takes at least 17";
        assertCorrupt(message);
    }

    @Test
    void badMagic() throws IOException {
        byte[] magic = WalFormat.MAGIC.clone();
        magic[6] = 'X';
        write(SEG1, concat(header(magic, 1, 1), rec(1)));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 0: bad magic: not a KyroDB WAL segment");
        assertWriterRefuses("corrupt WAL segment wal/" + SEG1 + " at offset 0: bad magic: not a KyroDB WAL segment");
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException {
        write(SEG1, concat(header(WalFormat.MAGIC, 2, 1), rec(1)));
        String message = "unsupported WAL segment wal/" + SEG1 + " at offset 8: format version 2 (written by a newer"
                + " KyroDB); this KyroDB reads WAL format version 1 only";
        assertCorrupt(message);
        assertWriterRefuses(message);
    }

    @Test
    void olderFormatVersionIsRefused() throws IOException {
        write(SEG1, concat(header(WalFormat.MAGIC, 0, 1), rec(1)));
        assertCorrupt("unsupported WAL segment wal/" + SEG1 + " at offset 8: format version 0 (written by an older"
                + " KyroDB); this KyroDB reads WAL format version 1 only");
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

    // ---- torn tails of the newest segment: truncated ----

    @Test
    void tornLengthAtTheTail() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, concat(seg(4, 4, 5), new byte[] {8, 0, 0}));
        assertTornTailRecovered(5, 74, "truncated record: 3 bytes left");
    }

    @Test
    void tornPayloadAtTheTail() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, Arrays.copyOf(seg(4, 4, 5), 49 + 20));
        assertTornTailRecovered(4, 49, "torn record at offset 49");
    }

    @Test
    void tornRecordWithItsLengthWrittenButNotItsPayload() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] full = seg(4, 4, 5);
        byte[] torn = Arrays.copyOf(full, full.length + 17); // header of LSN 6 says 8 bytes, 4 are there
        System.arraycopy(rec(6), 0, torn, full.length, 17);
        write(SEG4, torn);
        assertTornTailRecovered(5, 74, "truncated record: length 8 needs 25 bytes, 17 left");
    }

    @Test
    void badChecksumAtTheTailIsTruncated() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = seg(4, 4, 5);
        s[49 + 15] ^= 0x10; // payload of LSN 5
        write(SEG4, s);
        assertTornTailRecovered(4, 49, "checksum mismatch");
    }

    @Test
    void garbageLengthAtTheTailIsTruncated() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] garbage = new byte[30];
        Arrays.fill(garbage, (byte) 0xff);
        write(SEG4, concat(seg(4, 4, 5), garbage));
        assertTornTailRecovered(5, 74, "record length 4294967295 exceeds the limit of 1073741824");
    }

    @Test
    void zeroedTailIsTruncated() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        write(SEG4, concat(seg(4, 4, 5), new byte[4096]));
        assertTornTailRecovered(5, 74, "checksum mismatch");
    }

    // ---- corruption anywhere else: XX001 with file and offset ----

    @Test
    void badChecksumInTheMiddleOfTheNewestSegment() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = seg(4, 4, 5, 6);
        s[49 + 15] ^= 0x10; // payload of LSN 5; LSN 6 after it is intact
        write(SEG4, s);
        String message = "corrupt WAL segment wal/" + SEG4 + " at offset 49: checksum mismatch; valid records follow,"
                + " so this is not a torn tail";
        assertCorrupt(message);
        assertWriterRefuses(message);
        assertThat(Files.size(wal.resolve(SEG4))).isEqualTo(99); // nothing was truncated
    }

    @Test
    void corruptLengthInTheMiddleOfTheNewestSegment() throws IOException {
        write(SEG1, seg(1, 1, 2, 3));
        byte[] s = seg(4, 4, 5, 6);
        s[49] = 100; // length of LSN 5 now points past the end of the file
        write(SEG4, s);
        assertCorrupt("corrupt WAL segment wal/" + SEG4 + " at offset 49: truncated record: length 100 needs 117"
                + " bytes, 50 left; valid records follow, so this is not a torn tail");
    }

    @Test
    void badChecksumInAnOlderSegment() throws IOException {
        byte[] s = seg(1, 1, 2, 3);
        s[74 + 15] ^= 0x10; // the last record of the segment: not a tail, a newer segment follows
        write(SEG1, s);
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 74: checksum mismatch");
    }

    @Test
    void truncatedOlderSegment() throws IOException {
        write(SEG1, Arrays.copyOf(seg(1, 1, 2, 3), 74 + 20));
        write(SEG4, seg(4, 4, 5));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 74: truncated record: length 8 needs 25 bytes,"
                + " 20 left");
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
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 74: expected LSN 3, found 4");
        assertWriterRefuses("corrupt WAL segment wal/" + SEG1 + " at offset 74: expected LSN 3, found 4");
    }

    @Test
    void recordOfTheReservedTypeZero() throws IOException {
        write(SEG1, concat(seg(1, 1), record(2, 0, payload(2))));
        assertCorrupt("corrupt WAL segment wal/" + SEG1 + " at offset 49: invalid record type 0");
    }

    @Test
    void filesThatAreNotSegmentsAreIgnored() throws IOException {
        writeStandardLog();
        write("notes.txt", new byte[] {1, 2, 3});
        write("0000000000000009.wal.tmp", new byte[] {1, 2, 3});
        assertThat(readAll(fs, wal, 1)).containsExactlyElementsOf(records(1, 5));
    }
}
