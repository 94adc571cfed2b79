package io.kyrodb.engine.wal;

import io.kyrodb.engine.fs.FileSystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The on-disk WAL format, version 2 (docs/format/wal.md); {@link WalWriter} writes it and
 * {@link WalReader} reads it. All integers little-endian.
 * <pre>
 * segment file wal/&lt;first LSN as 16 lower-case hex digits&gt;.wal, e.g. wal/0000000000000001.wal,
 *              preallocated: header, records back to back, then zeros to the end of the file
 * header (24 bytes): magic "KYROWAL\0" | u32 version | u64 first LSN | u32 crc32c(the 20 bytes before)
 * record:            u32 length | u64 lsn | u8 type | u64 synced lsn | payload[length] | u32 crc32c(all before)
 * </pre>
 * The log ends where a record header (21 bytes, or what is left of the file) is all zeros: LSNs
 * start at 1, so no record begins that way. "synced lsn" is the highest LSN the writer knew durable
 * when it appended the record (always below the record's own): a record found after the end that
 * says the end was already durable proves damage, not a torn write.
 * These constants are on disk: never change them; add a version instead. Before 1.0 a reader
 * refuses every version but {@link #VERSION}.
 */
public final class WalFormat {
    /** "KYROWAL" and a zero byte. */
    public static final byte[] MAGIC = {'K', 'Y', 'R', 'O', 'W', 'A', 'L', 0};
    /** 2: preallocated zero-filled segments, the synced LSN in each record. */
    public static final int VERSION = 2;

    public static final int HEADER_SIZE = 24;
    static final int HEADER_VERSION_OFFSET = 8;
    static final int HEADER_FIRST_LSN_OFFSET = 12;
    static final int HEADER_CRC_OFFSET = 20;

    static final int RECORD_LSN_OFFSET = 4;
    static final int RECORD_TYPE_OFFSET = 12;
    static final int RECORD_SYNCED_OFFSET = 13;
    /** length, lsn, type and synced lsn. */
    static final int RECORD_HEADER_SIZE = 21;
    /** Bytes a record takes besides its payload. */
    public static final int RECORD_OVERHEAD = RECORD_HEADER_SIZE + 4;
    /** Largest payload of one record (1 GiB). A length field above it is corruption. */
    public static final int MAX_PAYLOAD = 1 << 30;

    /** The LSN of the first record of a new WAL. */
    public static final long FIRST_LSN = 1;

    public static final String SEGMENT_SUFFIX = ".wal";
    private static final Pattern SEGMENT_NAME = Pattern.compile("[0-9a-f]{16}\\.wal");
    /**
     * The next segment while it is being preallocated, before it has a header and a name: not a
     * segment (readers ignore it); a writer deletes one it finds when it opens.
     */
    public static final String PREPARED_NAME = "next-segment.tmp";

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private WalFormat() {
    }

    /** {@code 0000000000000001.wal} for first LSN 1. */
    public static String segmentName(long firstLsn) {
        return String.format("%016x%s", firstLsn, SEGMENT_SUFFIX);
    }

    static ByteBuffer encodeHeader(long firstLsn) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putLong(firstLsn);
        b.putInt(crc(b.array(), 0, HEADER_CRC_OFFSET));
        return b.flip();
    }

    /** Up to 1 MiB of zeros to write; each call gets its own buffer over shared memory. */
    static ByteBuffer zeros(long n) {
        return ZEROS.duplicate().limit((int) Math.min(n, ZEROS.capacity()));
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** A segment file, named after its first LSN. */
    record Segment(long firstLsn, Path path) {
    }

    /** The segments in {@code walDir} in LSN order; other files are ignored. Empty if no directory. */
    static List<Segment> listSegments(FileSystem fs, Path walDir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        if (!fs.exists(walDir)) {
            return segments;
        }
        for (Path p : fs.list(walDir)) {
            String name = p.getFileName().toString();
            if (SEGMENT_NAME.matcher(name).matches()) {
                segments.add(new Segment(Long.parseUnsignedLong(name.substring(0, 16), 16), p));
            }
        }
        segments.sort((a, b) -> Long.compareUnsigned(a.firstLsn, b.firstLsn));
        return segments;
    }

    /** How messages name a segment: {@code wal/0000000000000001.wal}. */
    static String display(Path segment) {
        Path dir = segment.getParent();
        return (dir == null || dir.getFileName() == null ? "" : dir.getFileName() + "/") + segment.getFileName();
    }
}
