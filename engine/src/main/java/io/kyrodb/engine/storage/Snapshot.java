package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.fs.AtomicFile;
import io.kyrodb.engine.fs.FileSystem;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The walking skeleton's checkpoint: the whole database as one file, replaced atomically. See
 * docs/format/snapshot.md.
 * <pre>
 * magic "KYROSNAP" | u32 version (big-endian) | u64 wal LSN | u32 change count | change* | u32 crc32c(all before)
 * </pre>
 * {@code wal LSN} is the first WAL record the snapshot does not contain: recovery loads the
 * snapshot, then replays the WAL from there. Changes are {@link ChangeCodec}'s: a CreateTable per
 * table, then a Put per row. The storage engine issue replaces this file with runs + checkpoint.
 * These constants are on disk: never change them; add a version instead.
 */
final class Snapshot {
    static final String FILE_NAME = "snapshot";
    static final byte[] MAGIC = {'K', 'Y', 'R', 'O', 'S', 'N', 'A', 'P'};
    static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8 + 4;

    private Snapshot() {
    }

    /** Writes what {@code view} sees of {@code catalog}, as of WAL LSN {@code walLsn}. */
    static void write(FileSystem fs, Path dir, Catalog catalog, ReadView view, long walLsn) {
        long count = 0;
        for (Table t : catalog.tables()) {
            count++;
            for (Iterator<Map.Entry<Object, Object[]>> it = t.data().entries(view); it.hasNext(); it.next()) {
                count++;
            }
        }
        if (count > Integer.MAX_VALUE) {
            throw new KyroException(SqlState.INSUFFICIENT_RESOURCES, "database of " + count
                    + " rows is too large for the skeleton's snapshot");
        }
        int total = (int) count;
        AtomicFile.write(fs, dir.resolve(FILE_NAME), raw -> {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush(); // the outer stream writes the CRC after this one's bytes
                }
            }, crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(walLsn);
            out.writeInt(total);
            for (Table t : catalog.tables()) {
                ChangeCodec.write(out, new Change.CreateTable(t.name(), t.columns(), t.primaryKey()));
                for (Iterator<Map.Entry<Object, Object[]>> it = t.data().entries(view); it.hasNext(); ) {
                    Map.Entry<Object, Object[]> e = it.next();
                    ChangeCodec.write(out, new Change.Put(t.name(), e.getKey(), e.getValue()));
                }
            }
            out.flush();
            DataOutputStream tail = new DataOutputStream(raw);
            tail.writeInt((int) crc.getValue());
            tail.flush();
        });
    }

    /** Applies the snapshot in {@code dir} if there is one; returns its WAL LSN (the first LSN to replay). */
    static long load(FileSystem fs, Path dir, Consumer<Change> apply) {
        Path file = dir.resolve(FILE_NAME);
        if (!fs.exists(file)) {
            return 1;
        }
        byte[] bytes = AtomicFile.read(fs, file);
        String where = FILE_NAME;
        if (bytes.length < HEADER + 4) {
            throw corrupt(where, 0, "file of " + bytes.length + " bytes is shorter than its header");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(where, 0, "bad magic");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw corrupt(where, bytes.length - 4, "checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw corrupt(where, MAGIC.length, "format version " + version + " is not supported (this build reads "
                        + VERSION + ")");
            }
            long walLsn = in.readLong();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                apply.accept(ChangeCodec.read(in));
            }
            if (in.available() != 0) {
                throw corrupt(where, bytes.length - 4 - in.available(), in.available() + " bytes after the last change");
            }
            return walLsn;
        } catch (IOException e) {
            throw corrupt(where, -1, e.getMessage());
        }
    }

    private static KyroException corrupt(String file, long offset, String what) {
        return new KyroException(SqlState.DATA_CORRUPTED, "corrupt snapshot " + file
                + (offset >= 0 ? " at offset " + offset : "") + ": " + what);
    }
}
