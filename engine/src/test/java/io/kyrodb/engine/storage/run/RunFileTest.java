package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Run files: what is written is read back at every snapshot, and each corruption branch is reported. */
class RunFileTest {
    @TempDir
    Path dir;

    private final BlockCache cache = new BlockCache(1 << 20);

    private static byte[] row(Object... values) {
        ByteWriter w = new ByteWriter();
        ValueCodec.writeRow(w, values);
        return w.toByteArray();
    }

    /** key -> versions newest first: seq, row (null: delete). */
    private static TreeMap<Long, List<Object[]>> randomVersions(Random r, int keys) {
        TreeMap<Long, List<Object[]>> m = new TreeMap<>();
        while (m.size() < keys) {
            long k = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(keys * 3) - keys;
            List<Object[]> versions = new ArrayList<>();
            long seq = 1000;
            int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(4) : 0);
            for (int i = 0; i < n; i++) {
                seq -= 1 + r.nextInt(100);
                Object[] rowValues = r.nextInt(6) == 0 ? null : new Object[]{k, "v" + seq + "x".repeat(r.nextInt(200))};
                versions.add(new Object[]{seq, rowValues});
            }
            m.put(k, versions);
        }
        return m;
    }

    private Run write(String name, Map<Long, List<Object[]>> data) throws IOException {
        Path file = dir.resolve(name);
        // KeyCodec order is signed-long order, so a TreeMap<Long> iterates in run order.
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
            for (Map.Entry<Long, List<Object[]>> e : data.entrySet()) {
                for (Object[] v : e.getValue()) {
                    Object[] values = (Object[]) v[1];
                    w.add(KeyCodec.encode(e.getKey()), (Long) v[0], values == null ? null : row(values));
                }
            }
            RunStats stats = w.finish();
            assertThat(stats.keys()).isEqualTo(data.size());
        }
        return Run.open(LocalFileSystem.INSTANCE, file, name.hashCode() & 0xFFFF, cache);
    }

    private static Object[] expected(List<Object[]> versions, long seq) {
        for (Object[] v : versions) {
            if ((Long) v[0] <= seq) {
                return v[1] == null ? Run.DELETED : (Object[]) v[1];
            }
        }
        return null;
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 7, 99})
    void pointLookupsAndCursorsSeeTheRightVersionAtEverySnapshot(long seed) throws IOException {
        System.out.println("RunFileTest seed=" + seed);
        Random r = new Random(seed);
        TreeMap<Long, List<Object[]>> data = randomVersions(r, 3000);
        Run run = write("a.run", data);
        assertThat(run.index().blockCount()).as("several blocks").isGreaterThan(10);
        for (long seq : new long[]{0, 500, 900, 950, 1000}) {
            for (Map.Entry<Long, List<Object[]>> e : data.entrySet()) {
                Object[] want = expected(e.getValue(), seq);
                Object[] got = run.get(KeyCodec.encode(e.getKey()), seq);
                if (want == null || want == Run.DELETED) {
                    assertThat(got).as("key %d at %d", e.getKey(), seq).isSameAs(want);
                } else {
                    assertThat(got).as("key %d at %d", e.getKey(), seq).containsExactly(want);
                }
            }
            for (int i = 0; i < 200; i++) {
                long absent = r.nextLong();
                if (!data.containsKey(absent)) {
                    assertThat(run.get(KeyCodec.encode(absent), seq)).isNull();
                }
            }
            // A cursor from a random key sees exactly the visible versions after it, in order.
            long from = data.keySet().stream().skip(r.nextInt(data.size())).findFirst().orElseThrow();
            KeyCursor c = run.cursor(KeyCodec.encode(from), seq);
            for (Map.Entry<Long, List<Object[]>> e : data.tailMap(from, true).entrySet()) {
                Object[] want = expected(e.getValue(), seq);
                if (want == null) {
                    continue;
                }
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(KeyCodec.encode(e.getKey()));
                if (want == Run.DELETED) {
                    assertThat(c.row()).isNull();
                } else {
                    assertThat(c.row()).containsExactly(want);
                }
            }
            assertThat(c.next()).isFalse();
        }
        Run.RawCursor raw = run.raw();
        long entries = 0;
        while (raw.next()) {
            entries++;
        }
        assertThat(entries).isEqualTo(run.stats().entries());
        run.close();
    }

    /** Rows of many types, with NULLs, for the decoded-block cache (key -> versions as in {@link #randomVersions}). */
    private static TreeMap<Long, List<Object[]>> typedVersions(Random r, int keys) {
        TreeMap<Long, List<Object[]>> m = randomVersions(r, keys);
        for (Map.Entry<Long, List<Object[]>> e : m.entrySet()) {
            for (Object[] v : e.getValue()) {
                if (v[1] != null) {
                    long k = e.getKey();
                    v[1] = new Object[]{k, r.nextBoolean() ? null : (int) k, r.nextBoolean() ? null : "t" + k,
                            r.nextBoolean() ? null : k / 3.0, new java.math.BigDecimal(k).movePointLeft(2),
                            r.nextBoolean(), java.time.LocalDate.ofEpochDay(Math.floorMod(k, 40_000)), null,
                            new float[]{k, -1.5f}};
                }
            }
        }
        return m;
    }

    /**
     * A scan caches each block with its rows decoded while the cache has room: a second scan and
     * point lookups then return those same row objects, and every snapshot still sees exactly its
     * versions, deletes included, whether the cache holds all, some or none of the blocks decoded.
     */
    @ParameterizedTest(name = "cache={0}")
    @ValueSource(ints = {0, 512 * 1024, 64 << 20})
    void scansCacheDecodedRowsAndStillSeeTheRightVersions(int cacheBytes) throws IOException {
        BlockCache small = new BlockCache(cacheBytes);
        TreeMap<Long, List<Object[]>> data = typedVersions(new Random(11), 3000);
        Run written = write("d.run", data);
        written.close();
        Run run = Run.open(LocalFileSystem.INSTANCE, dir.resolve("d.run"), 77, small);
        assertThat(run.index().blockCount()).as("several blocks").isGreaterThan(10);
        for (long seq : new long[]{0, 500, 900, 950, 1000}) {
            List<Object[]> first = scan(run, seq, data);
            List<Object[]> second = scan(run, seq, data);
            assertThat(small.usedBytes()).isLessThanOrEqualTo(small.capacity());
            int shared = 0;
            for (int i = 0; i < first.size(); i++) {
                if (first.get(i) != null && first.get(i) == second.get(i)) {
                    shared++;
                }
            }
            if (cacheBytes == 0) {
                assertThat(shared).as("nothing cached, every row decoded anew").isZero();
            } else if (cacheBytes > 1 << 20) {
                assertThat(shared).as("every row of the second scan comes decoded from the cache")
                        .isEqualTo((int) first.stream().filter(java.util.Objects::nonNull).count());
            } else if (first.stream().anyMatch(java.util.Objects::nonNull)) {
                assertThat(shared).as("the blocks that fitted").isPositive();
            }
            for (Map.Entry<Long, List<Object[]>> e : data.entrySet()) {
                Object[] want = expected(e.getValue(), seq);
                Object[] got = run.get(KeyCodec.encode(e.getKey()), seq);
                if (want == null || want == Run.DELETED) {
                    assertThat(got).as("key %d at %d", e.getKey(), seq).isSameAs(want);
                } else {
                    assertThat(Arrays.deepToString(got)).as("key %d at %d", e.getKey(), seq).isEqualTo(Arrays.deepToString(want));
                }
            }
        }
        run.close();
        assertThat(small.usedBytes()).as("closing the run drops its blocks").isZero();
    }

    /**
     * Lookups in decoded blocks of one version a key, which answer from the block's key heads
     * without reading an entry: present keys, deletes, keys between and beyond the run's, and a
     * snapshot older than some of a block's entries (those blocks are read entry by entry).
     */
    @Test
    void lookupsInDecodedBlocksOfOneVersionAKeyAnswerAsTheVersionsSay() throws IOException {
        TreeMap<Long, List<Object[]>> data = new TreeMap<>();
        for (long k = 0; k < 3000; k++) {
            long seq = 1000 + k % 700;
            data.put(k * 3, List.<Object[]>of(new Object[]{seq, k % 13 == 5 ? null : new Object[]{k * 3, "row " + k}}));
        }
        data.put(Long.MIN_VALUE, List.<Object[]>of(new Object[]{10L, new Object[]{Long.MIN_VALUE, "least"}}));
        data.put(Long.MAX_VALUE, List.<Object[]>of(new Object[]{10L, new Object[]{Long.MAX_VALUE, "greatest"}}));
        BlockCache big = new BlockCache(64 << 20);
        write("one.run", data).close();
        Run run = Run.open(LocalFileSystem.INSTANCE, dir.resolve("one.run"), 78, big);
        assertThat(run.index().blockCount()).as("several blocks").isGreaterThan(10);
        List<Object[]> scanned = scan(run, Long.MAX_VALUE, data);
        assertThat(sameRows(scanned, scan(run, Long.MAX_VALUE, data))).as("every block decoded")
                .isEqualTo((int) scanned.stream().filter(java.util.Objects::nonNull).count());
        for (long seq : new long[]{1500, Long.MAX_VALUE}) {
            for (long k = -2; k < 9003; k++) {
                List<Object[]> versions = data.get(k);
                Object[] want = versions == null ? null : expected(versions, seq);
                Object[] got = run.get(KeyCodec.encode(k), seq);
                if (want == null || want == Run.DELETED) {
                    assertThat(got).as("key %d at %d", k, seq).isSameAs(want);
                } else {
                    assertThat(got).as("key %d at %d", k, seq).containsExactly(want);
                }
            }
            for (long k : new long[]{Long.MIN_VALUE, Long.MAX_VALUE}) {
                assertThat(run.get(KeyCodec.encode(k), seq)).as("key %d", k).containsExactly((Object[]) data.get(k).getFirst()[1]);
            }
            assertThat(run.get(KeyCodec.encode(Long.MIN_VALUE + 1), seq)).isNull();
            assertThat(run.get(KeyCodec.encode(Long.MAX_VALUE - 1), seq)).isNull();
        }
        run.close();
    }

    /**
     * A lookup in a decoded block compares key heads only where every key has the looked-up
     * key's length: a key that is a proper prefix of a stored one (the same 8 bytes after the
     * shared ones) is not that key.
     */
    @Test
    void aKeyThatIsAPrefixOfAStoredOneIsNotFoundInADecodedBlock() throws IOException {
        byte[] shared = {9, 9, 9, 9};
        byte[][] keys = {
                concat(shared, new byte[]{1, 0, 0, 0, 0, 0, 0, 0}),
                concat(shared, new byte[]{2, 0, 0, 0, 0, 0, 0, 0, 5}),
                concat(shared, new byte[]{3, 0, 0, 0, 0, 0, 0, 0})};
        Path file = dir.resolve("prefix.run");
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 4)) {
            for (int i = 0; i < keys.length; i++) {
                w.add(keys[i], 10, row((long) i, "key " + i));
            }
            w.finish();
        }
        Run run = Run.open(LocalFileSystem.INSTANCE, file, 79, new BlockCache(1 << 20));
        List<Object[]> first = new ArrayList<>();
        List<Object[]> second = new ArrayList<>();
        for (List<Object[]> rows : List.of(first, second)) {
            KeyCursor scan = run.cursor(null, Long.MAX_VALUE);
            while (scan.next()) {
                rows.add(scan.row());
            }
        }
        assertThat(sameRows(first, second)).as("the block decoded into the cache").isEqualTo(3);
        assertThat(run.get(keys[1], Long.MAX_VALUE)).containsExactly(1L, "key 1");
        byte[] prefixOfSecond = concat(shared, new byte[]{2, 0, 0, 0, 0, 0, 0, 0});
        assertThat(run.get(prefixOfSecond, Long.MAX_VALUE)).isNull();
        assertThat(run.get(keys[0], Long.MAX_VALUE)).containsExactly(0L, "key 0");
        // the run's Bloom filter turns the prefix away before the block: ask the block itself
        Block block = run.block(0, Run.CacheFill.ALWAYS);
        Block.Entry scratch = new Block.Entry();
        assertThat(block.seek(prefixOfSecond, scratch)).as("where a lookup of it lands (and the heads made)").isEqualTo(1);
        assertThat(block.keyEquals(1, prefixOfSecond, scratch)).isFalse();
        assertThat(block.keyEquals(1, keys[1], scratch)).isTrue();
        assertThat(block.keyEquals(2, keys[2], scratch)).isTrue();
        run.close();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** How many rows two scans returned as the same objects (served decoded from the cache both times). */
    private static int sameRows(List<Object[]> first, List<Object[]> second) {
        int shared = 0;
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i) != null && first.get(i) == second.get(i)) {
                shared++;
            }
        }
        return shared;
    }

    /**
     * The cache holds one of two tables decoded. The table scanned first fills it; a table then
     * scanned once evicts none of it; the same table scanned again and again takes its room.
     */
    @Test
    void aTableScannedAgainAndAgainTakesTheCacheFromOneScannedBefore() throws IOException {
        TreeMap<Long, List<Object[]>> data = typedVersions(new Random(12), 3000);
        write("a.run", data).close();
        write("b.run", data).close();
        BlockCache probe = new BlockCache(256L << 20);
        Run measure = Run.open(LocalFileSystem.INSTANCE, dir.resolve("a.run"), 1, probe);
        scan(measure, 1000, data);
        long oneTable = probe.usedBytes();
        measure.close();

        BlockCache cache = new BlockCache(oneTable * 13 / 10);
        Run a = Run.open(LocalFileSystem.INSTANCE, dir.resolve("a.run"), 1, cache);
        Run b = Run.open(LocalFileSystem.INSTANCE, dir.resolve("b.run"), 2, cache);
        for (int i = 0; i < 3; i++) {
            scan(a, 1000, data);
        }
        int rows = (int) scan(a, 1000, data).stream().filter(java.util.Objects::nonNull).count();
        assertThat(sameRows(scan(a, 1000, data), scan(a, 1000, data))).as("a, cached").isGreaterThan(rows * 8 / 10);
        assertThat(sameRows(scan(b, 1000, data), scan(b, 1000, data))).as("b, read twice").isLessThan(rows / 2);

        for (int i = 0; i < 6; i++) {
            scan(b, 1000, data);
        }
        assertThat(sameRows(scan(b, 1000, data), scan(b, 1000, data))).as("b, after reads more than a's")
                .isGreaterThan(rows * 8 / 10);
        assertThat(sameRows(scan(a, 1000, data), scan(a, 1000, data))).as("a, evicted").isLessThan(rows / 2);
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(cache.capacity());
        a.close();
        b.close();
        assertThat(cache.usedBytes()).isZero();
    }

    /**
     * A key range's blocks after its first enter the cache as they are, not decoded: a range read
     * again reads no file, and a scan from the start still decodes them.
     */
    @Test
    void aKeyRangesBlocksEnterTheCacheUndecoded() throws IOException {
        TreeMap<Long, List<Object[]>> data = typedVersions(new Random(13), 3000);
        write("r.run", data).close();
        BlockCache big = new BlockCache(64L << 20);
        Run run = Run.open(LocalFileSystem.INSTANCE, dir.resolve("r.run"), 5, big);
        List<Long> keys = new ArrayList<>(data.keySet());
        byte[] from = KeyCodec.encode(keys.get(1000));
        List<String> first = new ArrayList<>();
        KeyCursor c = run.cursor(from, 1000);
        for (int i = 0; i < 600 && c.next(); i++) {
            first.add(Arrays.toString(c.key()) + Arrays.deepToString(c.row()));
        }
        long afterOne = big.usedBytes();
        assertThat(afterOne).as("the range's blocks, cached").isGreaterThan(3L * RunFormat.TARGET_BLOCK_SIZE);
        List<String> second = new ArrayList<>();
        c = run.cursor(from, 1000);
        for (int i = 0; i < 600 && c.next(); i++) {
            second.add(Arrays.toString(c.key()) + Arrays.deepToString(c.row()));
        }
        assertThat(second).isEqualTo(first);
        assertThat(big.usedBytes()).as("read from the cache, nothing added").isEqualTo(afterOne);
        List<Object[]> scanned = scan(run, 1000, data);
        assertThat(sameRows(scanned, scan(run, 1000, data))).as("a scan still decodes them for the cache")
                .isEqualTo((int) scanned.stream().filter(java.util.Objects::nonNull).count());
        run.close();
    }

    /** A full scan at {@code seq}, checked against {@code data}; the rows it returned (null for a delete). */
    private static List<Object[]> scan(Run run, long seq, TreeMap<Long, List<Object[]>> data) {
        List<Object[]> rows = new ArrayList<>();
        KeyCursor c = run.cursor(null, seq);
        for (Map.Entry<Long, List<Object[]>> e : data.entrySet()) {
            Object[] want = expected(e.getValue(), seq);
            if (want == null) {
                continue;
            }
            assertThat(c.next()).isTrue();
            assertThat(c.key()).isEqualTo(KeyCodec.encode(e.getKey()));
            if (want == Run.DELETED) {
                assertThat(c.row()).isNull();
            } else {
                assertThat(Arrays.deepToString(c.row())).isEqualTo(Arrays.deepToString(want));
            }
            rows.add(c.row());
        }
        assertThat(c.next()).isFalse();
        return rows;
    }

    @Test
    void writerRefusesEntriesOutOfOrder() throws IOException {
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, dir.resolve("o.run"), 0, 16)) {
            w.add(KeyCodec.encode(5L), 10, null);
            assertThatThrownBy(() -> w.add(KeyCodec.encode(5L), 10, null)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> w.add(KeyCodec.encode(4L), 1, null)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(dir.resolve("o.run")).doesNotExist();
    }

    // ---- One test per corruption branch of the reader ------------------------------------------

    private Path sample() throws IOException {
        TreeMap<Long, List<Object[]>> data = randomVersions(new Random(5), 500);
        write("s.run", data).close();
        return dir.resolve("s.run");
    }

    private void corruptAndExpect(Consumer<byte[]> damage, String... messageParts) throws IOException {
        corruptAndExpect(damage, IndexKind.BTREE, messageParts);
    }

    private void corruptAndExpect(Consumer<byte[]> damage, IndexKind kind, String... messageParts) throws IOException {
        Path file = sample();
        byte[] bytes = Files.readAllBytes(file);
        damage.accept(bytes);
        Files.write(file, bytes);
        assertThatThrownBy(() -> {
            Run run = Run.open(LocalFileSystem.INSTANCE, file, 1, new BlockCache(1 << 20), kind);
            try {
                Run.RawCursor c = run.raw();
                while (c.next()) {
                    c.row();
                }
            } finally {
                run.close();
            }
        }).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains("s.run").contains("at offset");
            for (String part : messageParts) {
                assertThat(e.getMessage()).contains(part);
            }
        });
    }

    private static int footer(byte[] b) {
        return b.length - RunFormat.FOOTER_SIZE;
    }

    private static void refooter(byte[] b) {
        int f = footer(b);
        ByteWriter.putInt(b, f + 72, RunFormat.crc(b, f, 72));
    }

    @Test
    void tooShort() throws IOException {
        Path file = dir.resolve("short.run");
        Files.write(file, new byte[20]);
        assertThatThrownBy(() -> Run.open(LocalFileSystem.INSTANCE, file, 1, cache))
                .hasMessageContaining("shorter than a header and a footer");
    }

    @Test
    void badMagic() throws IOException {
        corruptAndExpect(b -> b[0] = 'X', "bad magic");
    }

    @Test
    void headerChecksum() throws IOException {
        corruptAndExpect(b -> b[9] ^= 1, "header checksum mismatch");
    }

    @Test
    void unsupportedVersion() throws IOException {
        corruptAndExpect(b -> {
            ByteWriter.putInt(b, 8, 99);
            ByteWriter.putInt(b, 12, RunFormat.crc(b, 0, 12));
        }, "format version 99");
    }

    @Test
    void footerChecksum() throws IOException {
        corruptAndExpect(b -> b[footer(b) + 3] ^= 1, "footer checksum mismatch");
    }

    @Test
    void footerVersion() throws IOException {
        corruptAndExpect(b -> {
            ByteWriter.putInt(b, footer(b) + 68, 7);
            refooter(b);
        }, "footer format version 7");
    }

    @Test
    void footerPointsOutside() throws IOException {
        corruptAndExpect(b -> {
            ByteWriter.putLong(b, footer(b), 3);
            refooter(b);
        }, "footer points outside the file");
    }

    @Test
    void indexChecksum() throws IOException {
        corruptAndExpect(b -> b[(int) ByteReader.getLong(b, footer(b)) + 5] ^= 1, "index checksum mismatch");
    }

    @Test
    void indexBlockOffsets() throws IOException {
        corruptAndExpect(b -> {
            int index = (int) ByteReader.getLong(b, footer(b));
            int length = ByteReader.getInt(b, footer(b) + 8);
            ByteWriter.putLong(b, index + 4, 17);   // block 0 must start right after the header
            ByteWriter.putInt(b, index + length - 4, RunFormat.crc(b, index, length - 4));
        }, "block 0 at 17");
    }

    @Test
    void bloomChecksum() throws IOException {
        corruptAndExpect(b -> b[(int) ByteReader.getLong(b, footer(b) + 12) + 9] ^= 1, "Bloom filter checksum mismatch");
    }

    @Test
    void modelChecksum() throws IOException {
        corruptAndExpect(b -> b[(int) ByteReader.getLong(b, footer(b) + 24) + 2] ^= 1, IndexKind.LEARNED,
                "model checksum mismatch");
    }

    @Test
    void modelBlockStarts() throws IOException {
        corruptAndExpect(b -> {
            int model = (int) ByteReader.getLong(b, footer(b) + 24);
            int length = ByteReader.getInt(b, footer(b) + 32);
            ByteWriter.putInt(b, model + 1 + 4 + 4 + 4, 0);   // block 1 starting at entry 0, like block 0
            ByteWriter.putInt(b, model + length - 4, RunFormat.crc(b, model, length - 4));
        }, IndexKind.LEARNED, "block 1 starts at entry 0");
    }

    @Test
    void blockChecksum() throws IOException {
        corruptAndExpect(b -> b[RunFormat.HEADER_SIZE + 40] ^= 1, "block checksum mismatch");
    }

    @Test
    void blockEntryCount() throws IOException {
        corruptAndExpect(b -> {
            int index = (int) ByteReader.getLong(b, footer(b));
            int len = ByteReader.getInt(b, index + 12);   // block 0's length
            int start = RunFormat.HEADER_SIZE;
            ByteWriter.putInt(b, start + len - 8, 1 << 20);
            ByteWriter.putInt(b, start + len - 4, RunFormat.crc(b, start, len - 4));
        }, "block entry count");
    }

    @Test
    void blockEntryOffsets() throws IOException {
        corruptAndExpect(b -> {
            int index = (int) ByteReader.getLong(b, footer(b));
            int len = ByteReader.getInt(b, index + 12);
            int start = RunFormat.HEADER_SIZE;
            int n = ByteReader.getInt(b, start + len - 8);
            assertThat(n & RunFormat.NARROW_OFFSETS).as("a 4 KiB block's offsets are u16").isNotZero();
            int count = n & ~RunFormat.NARROW_OFFSETS;
            int entry1 = start + len - 8 - 2 * count + 2;
            b[entry1] = 0;   // entry 1 at offset 0, not after entry 0
            b[entry1 + 1] = 0;
            ByteWriter.putInt(b, start + len - 4, RunFormat.crc(b, start, len - 4));
        }, "out of order");
    }

    @Test
    void badRowInsideAValidBlock() throws IOException {
        corruptAndExpect(b -> {
            int index = (int) ByteReader.getLong(b, footer(b));
            int len = ByteReader.getInt(b, index + 12);
            int start = RunFormat.HEADER_SIZE;
            // entry 0: varint keyLen (8) | 8 key bytes | u8 kind | varint seq | varint rowLen | u16 ncols | tag...
            int p = start + 1 + 8;
            assertThat(b[p++]).as("entry 0 is a put").isEqualTo(RunFormat.PUT);
            while (b[p++] < 0) {
                // the seq's varint
            }
            while (b[p++] < 0) {
                // the row length's varint
            }
            b[p + 2] = 99;
            ByteWriter.putInt(b, start + len - 4, RunFormat.crc(b, start, len - 4));
        }, "bad row");
    }

    @Test
    void emptyBloomFilterAndOneKeyRunWork() throws IOException {
        TreeMap<Long, List<Object[]>> one = new TreeMap<>();
        one.put(Long.MIN_VALUE, List.<Object[]>of(new Object[]{5L, new Object[]{"x"}}));
        Run run = write("one.run", one);
        assertThat(run.get(KeyCodec.encode(Long.MIN_VALUE), 5)).containsExactly("x");
        assertThat(run.get(KeyCodec.encode(Long.MIN_VALUE), 4)).isNull();
        assertThat(run.get(KeyCodec.encode(Long.MAX_VALUE), 9)).isNull();
        assertThat(Arrays.asList(run.stats().entries(), run.stats().keys(), run.stats().deletes(), run.stats().maxSeq()))
                .containsExactly(1L, 1L, 0L, 5L);
        run.close();
    }
}
