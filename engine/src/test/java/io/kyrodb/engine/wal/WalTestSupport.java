package io.kyrodb.engine.wal;

import io.kyrodb.engine.fs.FileSystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** Helpers shared by the WAL tests; the encoders follow docs/format/wal.md, not the writer's code. */
final class WalTestSupport {
    private WalTestSupport() {
    }

    static List<WalRecord> readAll(FileSystem fs, Path walDir, long fromLsn) {
        List<WalRecord> out = new ArrayList<>();
        try (WalReader r = WalReader.open(fs, walDir, fromLsn)) {
            for (WalRecord rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec);
            }
        }
        return out;
    }

    static byte[] randomPayload(Random random, int maxLength) {
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(b);
        return b;
    }

    /** The segment files of a WAL directory in LSN order. */
    static List<Path> segmentFiles(Path walDir) throws IOException {
        try (Stream<Path> s = Files.list(walDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
        }
    }

    static byte[] header(byte[] magic, int version, long firstLsn) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.put(magic).putInt(version).putLong(firstLsn);
        b.putInt(crc(b.array(), 0, 20));
        return b.array();
    }

    /** A record whose synced LSN says every record before it was durable (one commit at a time). */
    static byte[] record(long lsn, int type, byte[] payload) {
        return record(lsn, type, lsn - 1, payload);
    }

    static byte[] record(long lsn, int type, long synced, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(25 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(payload.length).putLong(lsn).put((byte) type).putLong(synced).put(payload);
        b.putInt(crc(b.array(), 0, 21 + payload.length));
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static int crc(byte[] bytes, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(bytes, off, len);
        return (int) c.getValue();
    }

    /** Seed for randomized tests: -Dkyro.seed=N to rerun one, else the given default. */
    static long seed(long defaultSeed) {
        return Long.getLong("kyro.seed", defaultSeed);
    }
}
