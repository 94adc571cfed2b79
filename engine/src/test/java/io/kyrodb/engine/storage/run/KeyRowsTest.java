package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.types.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run format version 3's key rows (an index's entries store no row bytes when the row is its key)
 * and compact entries, and version 2 runs read by this build.
 */
class KeyRowsTest {
    private static final TypeKind[] KINDS = {TypeKind.BOOLEAN, TypeKind.INTEGER, TypeKind.BIGINT};

    @TempDir
    Path dir;

    private final BlockCache cache = new BlockCache(1 << 20);

    /** One version: key, seq, row (null: a delete). */
    private record Version(byte[] key, long seq, Object[] row) {
    }

    private static byte[] encodeRow(Object[] values) {
        ByteWriter w = new ByteWriter();
        ValueCodec.writeRow(w, values);
        return w.toByteArray();
    }

    /**
     * Index-like versions in run order: most rows are their key's columns; every 7th has an extra
     * column (not a key row); every 13th key's newest version is a delete; every 10th key has an
     * older version too.
     */
    private static List<Version> indexVersions(int keys) {
        return indexVersions(keys, 0);
    }

    /**
     * {@link #indexVersions(int)}, but keys below {@code plainBelow} hold one version each, a put:
     * their blocks are plain puts, which a view not older than them reads without decoding
     * entries ({@code Block.plainFor}).
     */
    private static List<Version> indexVersions(int keys, int plainBelow) {
        List<Version> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            Object[] values = {k >= keys - 100, k / 3, (long) k * 11};
            byte[] key = KeyCodec.encode(values);
            boolean plain = k < plainBelow;
            int versions = k % 10 == 0 && !plain ? 2 : 1;
            for (int v = 0; v < versions; v++) {
                long seq = 900_000 - v * 1000L - k;
                Object[] row = k % 13 == 0 && v == 0 && !plain ? null
                        : k % 7 == 0 ? new Object[]{values[0], values[1], values[2], "extra" + v} : values;
                out.add(new Version(key, seq, row));
            }
        }
        return out;
    }

    private Run write(String name, List<Version> versions, KeyRows keyRows) throws IOException {
        Path file = dir.resolve(name);
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 16, keyRows)) {
            for (Version v : versions) {
                w.add(v.key, v.seq, v.row == null ? null : encodeRow(v.row));
            }
            w.finish();
        }
        return Run.open(LocalFileSystem.INSTANCE, file, name.hashCode() & 0xFFFF, cache, IndexKind.LEARNED);
    }

    /** What a view at {@code seq} sees of {@code key}: the row, {@link Run#DELETED}, or null. */
    private static Object[] visible(List<Version> versions, byte[] key, long seq) {
        for (Version v : versions) {
            if (Arrays.equals(v.key, key) && v.seq <= seq) {
                return v.row == null ? Run.DELETED : v.row;
            }
        }
        return null;
    }

    /** Every read path of {@code run} answers what {@code versions} hold, at several snapshots. */
    private static void checkContents(Run run, List<Version> versions) {
        for (long seq : new long[]{0, 898_500, 899_000, 899_990, Long.MAX_VALUE}) {
            List<byte[]> keys = versions.stream().map(Version::key).distinct().toList();
            for (byte[] key : keys) {
                Object[] want = visible(versions, key, seq);
                Object[] got = run.get(key, seq);
                if (want == null || want == Run.DELETED) {
                    assertThat(got).isSameAs(want);
                } else {
                    assertThat(Arrays.deepToString(got)).isEqualTo(Arrays.deepToString(want));
                }
            }
            KeyCursor c = run.cursor(null, seq);
            for (byte[] key : keys) {
                Object[] want = visible(versions, key, seq);
                if (want == null) {
                    continue;
                }
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(key);
                assertThat(c.deleted()).isEqualTo(want == Run.DELETED);
                if (want != Run.DELETED) {
                    assertThat(Arrays.deepToString(c.row())).isEqualTo(Arrays.deepToString(want));
                }
            }
            assertThat(c.next()).isFalse();
        }
        Run.RawCursor raw = run.raw();
        for (Version v : versions) {
            assertThat(raw.next()).isTrue();
            assertThat(raw.key()).isEqualTo(v.key);
            assertThat(raw.seq()).isEqualTo(v.seq);
            assertThat(raw.isDelete()).isEqualTo(v.row == null);
            if (v.row != null) {
                assertThat(Arrays.copyOfRange(raw.rowData(), raw.rowOffset(), raw.rowOffset() + raw.rowLength()))
                        .as("the row's bytes, made from the key for a key row").isEqualTo(encodeRow(v.row));
            }
        }
        assertThat(raw.next()).isFalse();
    }

    private static int keyRowCount(Run run) {
        int n = 0;
        Run.RawCursor raw = run.raw();
        while (raw.next()) {
            n += raw.isKeyRow() ? 1 : 0;
        }
        return n;
    }

    /**
     * Blocks of plain puts are read without decoding their entries once a search has made their
     * heads (here a lookup of every key, which caches the blocks as they are), and only by views
     * that see all of them; the rest of the run is read as before. A probe cursor walks them (a
     * scan from the start would decode them into the cache instead).
     */
    @Test
    void blocksOfPlainPutsReadAsTheirVersionsSay() throws IOException {
        List<Version> versions = indexVersions(6000, 3000);
        Run run = write("plainputs.run", versions, KeyRows.of(KINDS));
        for (Version v : versions) {
            run.get(v.key, Long.MAX_VALUE);
        }
        for (long seq : new long[]{0, 898_500, 899_000, 899_990, Long.MAX_VALUE}) {
            KeyCursor c = run.probeCursor(seq);
            c.seek(new byte[0]);
            for (Map.Entry<byte[], Object[]> e : visibleAll(versions, seq)) {
                Object[] want = e.getValue();
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(e.getKey());
                assertThat(c.deleted()).isEqualTo(want == Run.DELETED);
                if (want != Run.DELETED) {
                    assertThat(Arrays.deepToString(c.row())).isEqualTo(Arrays.deepToString(want));
                }
            }
            assertThat(c.next()).isFalse();
        }
        checkContents(run, versions);
        run.close();
    }

    /** Each key a view at {@code seq} sees a version of, in run order: its row, or {@link Run#DELETED}. */
    private static List<Map.Entry<byte[], Object[]>> visibleAll(List<Version> versions, long seq) {
        List<Map.Entry<byte[], Object[]>> out = new ArrayList<>();
        byte[] last = null;
        boolean found = false;
        for (Version v : versions) {   // key order, each key's versions newest first
            if (last == null || !Arrays.equals(last, v.key)) {
                last = v.key;
                found = false;
            }
            if (!found && v.seq <= seq) {
                found = true;
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(v.key, v.row == null ? Run.DELETED : v.row));
            }
        }
        return out;
    }

    /** How many keys starting with {@code prefix} a view at {@code seq} sees a put of. */
    private static long visibleCount(List<Version> versions, byte[] prefix, long seq) {
        return visibleAll(versions, seq).stream()
                .filter(e -> startsWith(e.getKey(), prefix) && e.getValue() != Run.DELETED).count();
    }

    @Test
    void rowsThatAreTheirKeysAreStoredAsKeysAndReadBackExactly() throws IOException {
        List<Version> versions = indexVersions(6000);
        Run plain = write("plain.run", versions, null);
        Run keyed = write("keyed.run", versions, KeyRows.of(KINDS));
        checkContents(plain, versions);
        checkContents(keyed, versions);
        long expectedKeyRows = versions.stream().filter(v -> v.row != null && v.row.length == 3).count();
        assertThat(keyRowCount(keyed)).isEqualTo((int) expectedKeyRows);
        assertThat(keyRowCount(plain)).isZero();
        long plainBytes = Files.size(dir.resolve("plain.run"));
        long keyedBytes = Files.size(dir.resolve("keyed.run"));
        assertThat(keyedBytes).as("key rows store no row bytes").isLessThan(plainBytes * 3 / 4);
        plain.close();
        keyed.close();
    }

    @Test
    void aRowThatOnlyComparesEqualToItsKeyKeepsItsBytes() throws IOException {
        TypeKind[] kinds = {TypeKind.NUMERIC, TypeKind.TEXT};
        List<Version> versions = new ArrayList<>();
        Object[][] rows = {
                {new BigDecimal("1.50"), "a"},   // the key decodes to 1.5: the row's scale must survive
                {new BigDecimal("2.5"), "b"},
                {new BigDecimal("3"), "c\u0000d"},
                {new BigDecimal("-4.25"), "\u00e9t\u00e9"},
        };
        List<Object[]> sorted = new ArrayList<>(Arrays.asList(rows));
        sorted.sort((x, y) -> Arrays.compareUnsigned(KeyCodec.encode(x), KeyCodec.encode(y)));
        for (Object[] r : sorted) {
            versions.add(new Version(KeyCodec.encode(r), 10, r));
        }
        Run run = write("numeric.run", versions, KeyRows.of(kinds));
        checkContents(run, versions);
        assertThat(run.get(KeyCodec.encode(rows[0]), 10)[0]).hasToString("1.50");
        assertThat(keyRowCount(run)).as("all but 1.50").isEqualTo(3);
        run.close();
    }

    /** A one-column run of {@code kind} holding {@code values} (sorted here); which were stored as key rows. */
    private List<Boolean> oneColumn(String name, TypeKind kind, Object... values) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (Object v : values) {
            rows.add(new Object[]{v});
        }
        rows.sort((x, y) -> Arrays.compareUnsigned(KeyCodec.encode(x[0]), KeyCodec.encode(y[0])));
        List<Version> versions = new ArrayList<>();
        for (Object[] r : rows) {
            versions.add(new Version(KeyCodec.encode(r[0]), 7, r));
        }
        Run run = write(name, versions, KeyRows.of(new TypeKind[]{kind}));
        checkContents(run, versions);
        for (Object[] r : rows) {
            Object got = run.get(KeyCodec.encode(r[0]), 7)[0];
            assertThat(got).as("%s read back", r[0]).isInstanceOf(r[0].getClass());
            assertThat(encodeRow(new Object[]{got})).isEqualTo(encodeRow(r));
        }
        List<Boolean> keyRows = new ArrayList<>();
        Run.RawCursor c = run.raw();
        while (c.next()) {
            keyRows.add(c.isKeyRow());
        }
        run.close();
        // back in the caller's order
        List<Boolean> byValue = new ArrayList<>();
        for (Object v : values) {
            byValue.add(keyRows.get(rows.indexOf(rows.stream().filter(r -> r[0] == v).findFirst().orElseThrow())));
        }
        return byValue;
    }

    @Test
    void valuesWhoseKeyLosesSomethingKeepTheirRows() throws IOException {
        assertThat(oneColumn("d.run", TypeKind.DOUBLE, -0.0, 0.5, Double.longBitsToDouble(0x7ff8000000000001L),
                -7.25)).containsExactly(false, true, false, true);
        assertThat(oneColumn("nan.run", TypeKind.DOUBLE, Double.NaN)).as("the canonical NaN").containsExactly(true);
        assertThat(oneColumn("f.run", TypeKind.REAL, -0.0f, 3.5f)).containsExactly(false, true);
        assertThat(oneColumn("i.run", TypeKind.BIGINT, 5, 6L)).as("an Integer under a bigint key")
                .containsExactly(false, true);
        assertThat(oneColumn("n.run", TypeKind.NUMERIC, new BigDecimal("1E+2"), new BigDecimal("250"),
                new BigDecimal("0.000"), new BigDecimal("-3.5"))).containsExactly(false, true, false, true);
        assertThat(oneColumn("v.run", TypeKind.INTERVAL, new io.kyrodb.engine.types.Interval(1, 0, 0),
                new io.kyrodb.engine.types.Interval(0, 3, 5_000_000))).as("'1 mon' keys as '30 days'")
                .containsExactly(false, true);
        assertThat(oneColumn("t.run", TypeKind.TEXT, "a\u0000b", "", "\u00e9\ud83d\ude00"))
                .containsExactly(true, true, true);
        assertThat(oneColumn("b.run", TypeKind.BYTEA, io.kyrodb.engine.types.Bytes.wrap(new byte[]{0, 1, 0}),
                io.kyrodb.engine.types.Bytes.wrap(new byte[0]))).containsExactly(true, true);
    }

    @Test
    void aBlockPast64KiBKeepsU32Offsets() throws IOException {
        // one key's versions never split, so a big newest version pushes the older ones past 0xFFFF
        byte[] key = KeyCodec.encode(new Object[]{false, 1, 1L});
        Object[] big = {false, 1, 1L, "x".repeat(70_000)};
        Object[] small = {false, 1, 1L};
        List<Version> versions = List.of(new Version(key, 30, big), new Version(key, 20, small),
                new Version(key, 10, null), new Version(KeyCodec.encode(new Object[]{false, 2, 2L}), 5,
                        new Object[]{false, 2, 2L}));
        Run run = write("wide.run", versions, KeyRows.of(KINDS));
        checkContents(run, versions);
        run.close();
        byte[] b = Files.readAllBytes(dir.resolve("wide.run"));
        int footer = b.length - RunFormat.FOOTER_SIZE;
        int index = (int) io.kyrodb.engine.storage.codec.ByteReader.getLong(b, footer);
        int length0 = io.kyrodb.engine.storage.codec.ByteReader.getInt(b, index + 12);
        int n = io.kyrodb.engine.storage.codec.ByteReader.getInt(b, RunFormat.HEADER_SIZE + length0 - 8);
        assertThat(n).as("three entries, u32 offsets").isEqualTo(3);
    }

    /**
     * A decoded block whose keys hold one version each is read without its sequence numbers only by
     * views that see all of it: a view between its versions still sees exactly its own.
     */
    @Test
    void aDecodedBlockOfSingleVersionsAnswersEverySnapshot() throws IOException {
        List<Version> versions = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            Object[] values = {false, k, (long) k};
            versions.add(new Version(KeyCodec.encode(values), 1000 + k % 50, values));
        }
        Run run = write("single.run", versions, KeyRows.of(KINDS));
        for (int pass = 0; pass < 2; pass++) {   // the second pass reads blocks decoded by the first
            checkContents(run, versions);
        }
        KeyCursor all = run.cursor(null, 1020);
        int seen = 0;
        while (all.next()) {
            assertThat(((Long) all.row()[2]) % 50).isLessThanOrEqualTo(20);
            seen++;
        }
        assertThat(seen).isEqualTo(3000 / 50 * 21);
        run.close();
    }

    /** Delegates to {@code c} but counts with KeyCursor's own loop: what countPrefix must answer. */
    private static KeyCursor withDefaultCount(KeyCursor c) {
        return new KeyCursor() {
            @Override
            public boolean next() {
                return c.next();
            }

            @Override
            public byte[] key() {
                return c.key();
            }

            @Override
            public Object[] row() {
                return c.row();
            }

            @Override
            public boolean deleted() {
                return c.deleted();
            }

            @Override
            public void seek(byte[] from) {
                c.seek(from);
            }
        };
    }

    @Test
    void countingInPlaceEndsWhereTheCursorsOwnLoopEnds() throws IOException {
        // groups of 0 to 400 keys (many span blocks), older versions and deletes
        List<Version> versions = new ArrayList<>();
        for (int g = 0; g < 120; g++) {
            int size = g * 37 % 401;
            for (int k = 0; k < size; k++) {
                Object[] values = {false, g, (long) k};
                byte[] key = KeyCodec.encode(values);
                if (k % 9 == 0) {
                    versions.add(new Version(key, 5000 + k, k % 2 == 0 ? null : values));
                }
                versions.add(new Version(key, 3000 + g, k % 11 == 0 ? null : values));
            }
        }
        Run run = write("groups.run", versions, KeyRows.of(KINDS));
        countsAgainstTheLoop(run, 121);
        run.close();
    }

    /**
     * Blocks of plain puts are counted from their key heads (Block.plainPrefixEnd), unless the view
     * is older than one of their entries; groups past 80 hold older versions and deletes again, so
     * a count crosses from plain blocks into others. Groups of up to 1,200 keys span whole blocks
     * (the prefix is then shorter than what the block's keys share), and sub-groups of a third
     * column make prefixes that reach past the 8 bytes of the heads.
     */
    @Test
    void countingPlainBlocksFromTheirHeadsEndsWhereTheCursorsOwnLoopEnds() throws IOException {
        List<Version> versions = new ArrayList<>();
        for (int g = 0; g < 120; g++) {
            int size = g * 211 % 1201;
            for (int k = 0; k < size; k++) {
                Object[] values = {false, g, (long) k};
                byte[] key = KeyCodec.encode(values);
                boolean noisy = g >= 80;
                if (noisy && k % 9 == 0) {
                    versions.add(new Version(key, 5000 + k, k % 2 == 0 ? null : values));
                }
                versions.add(new Version(key, 3000 + g, noisy && k % 11 == 0 ? null : values));
            }
        }
        Run run = write("plain.run", versions, KeyRows.of(KINDS));
        countsAgainstTheLoop(run, 121);
        for (long seq : new long[]{3050, 5100, Long.MAX_VALUE}) {
            KeyCursor probe = run.probeCursor(seq);
            for (int g = 0; g < 121; g += 3) {
                byte[] prefix = KeyCodec.encode(new Object[]{false, g});
                probe.seek(prefix);
                assertThat(probe.countPrefix(prefix, Long.MAX_VALUE)).as("group %d at %d, from the versions", g, seq)
                        .isEqualTo(visibleCount(versions, prefix, seq));
            }
        }
        KeyCursor fast = run.probeCursor(Long.MAX_VALUE);
        KeyCursor model = withDefaultCount(run.probeCursor(Long.MAX_VALUE));
        for (int g = 0; g < 80; g += 7) {
            for (long k = 0; k < 1200; k += 97) {
                byte[] prefix = KeyCodec.encode(new Object[]{false, g, k});
                fast.seek(prefix);
                model.seek(prefix);
                assertThat(fast.countPrefix(prefix, Long.MAX_VALUE)).as("group %d key %d", g, k)
                        .isEqualTo(model.countPrefix(prefix, Long.MAX_VALUE));
            }
        }
        run.close();
    }

    /** countPrefix against KeyCursor's own loop for groups {@code [0, groups)}, cold and decoded, at three views. */
    private static void countsAgainstTheLoop(Run run, int groups) {
        for (boolean decodedFirst : new boolean[]{false, true}) {
            if (decodedFirst) {
                KeyCursor scan = run.cursor(null, Long.MAX_VALUE);
                while (scan.next()) {
                    scan.row();
                }
            }
            for (long seq : new long[]{3050, 5100, Long.MAX_VALUE}) {
                KeyCursor fast = run.probeCursor(seq);
                KeyCursor model = withDefaultCount(run.probeCursor(seq));
                for (int g = 0; g < groups; g += 1 + g % 4) {
                    byte[] prefix = KeyCodec.encode(new Object[]{false, g});
                    for (long limit : new long[]{1, 2, 3, 5, 100, Long.MAX_VALUE}) {
                        fast.seek(prefix);
                        model.seek(prefix);
                        assertThat(fast.countPrefix(prefix, limit)).as("group %d limit %d at %d", g, limit, seq)
                                .isEqualTo(model.countPrefix(prefix, limit));
                        boolean more = model.next();
                        assertThat(fast.next()).isEqualTo(more);
                        if (more) {
                            assertThat(fast.key()).as("where the count ended").isEqualTo(model.key());
                        }
                    }
                }
            }
        }
    }

    @Test
    void onlyKindsThatDecodeToARowsOwnClassesStoreKeyRows() {
        assertThat(KeyRows.of(KINDS)).isNotNull();
        assertThat(KeyRows.of(new TypeKind[]{TypeKind.INTEGER, TypeKind.JSONB})).isNull();
        assertThat(KeyRows.of(new TypeKind[]{TypeKind.ARRAY})).isNull();
        assertThat(KeyRows.of(new TypeKind[0])).isNull();
    }

    @Test
    void anUnknownKeyKindIsReportedAsCorruption() throws IOException {
        write("k.run", indexVersions(50), KeyRows.of(KINDS)).close();
        Path file = dir.resolve("k.run");
        byte[] b = Files.readAllBytes(file);
        int footer = b.length - RunFormat.FOOTER_SIZE;
        int index = (int) io.kyrodb.engine.storage.codec.ByteReader.getLong(b, footer);
        int length = io.kyrodb.engine.storage.codec.ByteReader.getInt(b, footer + 8);
        // the last kind's name ends right before the index's CRC: BIGINT becomes BIGINX
        assertThat(new String(b, index + length - 4 - 6, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("BIGINT");
        b[index + length - 5] = 'X';
        ByteWriter.putInt(b, index + length - 4, RunFormat.crc(b, index, length - 4));
        Files.write(file, b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Run.open(LocalFileSystem.INSTANCE, file, 1, cache))
                .isInstanceOf(io.kyrodb.engine.KyroException.class)
                .hasMessageContaining("k.run").hasMessageContaining("unknown key kind BIGINX");
    }

    /** The versions {@code version2.run} (written by the version-2 build, the file in test resources) holds. */
    private static List<Version> version2Contents() {
        List<Version> out = new ArrayList<>();
        for (int k = 0; k < 600; k++) {
            Object[] values = {k >= 550, k / 3, (long) k * 11};
            byte[] key = KeyCodec.encode(values);
            int versions = k % 10 == 0 ? 3 : 1;
            for (int v = 0; v < versions; v++) {
                long seq = 5000 - v * 100L - k;
                Object[] row = k % 13 == 0 && v == 0 ? null
                        : k % 5 == 0 ? new Object[]{values[0], values[1], values[2], "extra" + v} : values;
                out.add(new Version(key, seq, row));
            }
        }
        return out;
    }

    private Path version2File() throws IOException {
        Path file = dir.resolve("v2.run");
        try (InputStream in = KeyRowsTest.class.getResourceAsStream("/run/version2.run")) {
            assertThat(in).as("test resource run/version2.run").isNotNull();
            Files.copy(in, file);
        }
        byte[] header = Arrays.copyOf(Files.readAllBytes(file), 12);
        assertThat(io.kyrodb.engine.storage.codec.ByteReader.getInt(header, 8)).as("a version 2 file").isEqualTo(2);
        return file;
    }

    @Test
    void aVersion2RunIsReadAsBefore() throws IOException {
        List<Version> contents = version2Contents();
        for (IndexKind kind : IndexKind.values()) {
            Run run = Run.open(LocalFileSystem.INSTANCE, version2File(), 3, new BlockCache(1 << 20), kind);
            assertThat(run.stats().entries()).isEqualTo(contents.size());
            checkVersion2(run, contents);
            run.close();
            Files.delete(dir.resolve("v2.run"));
        }
    }

    private static void checkVersion2(Run run, List<Version> contents) {
        Run.RawCursor raw = run.raw();
        for (Version v : contents) {
            assertThat(raw.next()).isTrue();
            assertThat(raw.key()).isEqualTo(v.key);
            assertThat(raw.seq()).isEqualTo(v.seq);
            assertThat(raw.isDelete()).isEqualTo(v.row == null);
            assertThat(raw.isKeyRow()).isFalse();
            if (v.row != null) {
                assertThat(Arrays.deepToString(raw.row())).isEqualTo(Arrays.deepToString(v.row));
            }
        }
        assertThat(raw.next()).isFalse();
        for (long seq : new long[]{4500, 4800, 4950, 5000}) {
            for (Version v : contents) {
                Object[] want = visible(contents, v.key, seq);
                Object[] got = run.get(v.key, seq);
                if (want == null || want == Run.DELETED) {
                    assertThat(got).isSameAs(want);
                } else {
                    assertThat(Arrays.deepToString(got)).isEqualTo(Arrays.deepToString(want));
                }
            }
        }
    }

    @Test
    void countingAPrefixInPlaceSeesVersionsAndDeletesAsTheCursorDoes() throws IOException {
        List<Version> versions = indexVersions(6000);
        List<Version> plainFirst = indexVersions(6000, 3000);
        Run run = write("count.run", versions, KeyRows.of(KINDS));
        Run plain = write("countplain.run", plainFirst, KeyRows.of(KINDS));
        Run v2 = Run.open(LocalFileSystem.INSTANCE, version2File(), 4, cache);
        for (Run r : List.of(run, plain, v2)) {
            List<Version> contents = r == run ? versions : r == plain ? plainFirst : version2Contents();
            int groups = r == v2 ? 200 : 2000;
            for (long seq : new long[]{0, 4800, 898_500, 899_990, Long.MAX_VALUE}) {
                KeyCursor probe = r.probeCursor(seq);
                // strides of 1-3 groups (the same or the next block) and of 157 (a lookup)
                for (int g = 0; g < groups; g += g % 5 == 4 ? 157 : 1 + g % 3) {
                    byte[] prefix = KeyCodec.encode(new Object[]{false, g});
                    long want = contents.stream().map(Version::key).distinct()
                            .filter(k -> startsWith(k, prefix))
                            .filter(k -> {
                                Object[] row = visible(contents, k, seq);
                                return row != null && row != Run.DELETED;
                            })
                            .count();
                    probe.seek(prefix);
                    assertThat(probe.countPrefix(prefix, Long.MAX_VALUE)).as("group %d at %d", g, seq).isEqualTo(want);
                    probe.seek(prefix);
                    assertThat(probe.countPrefix(prefix, 1)).isEqualTo(Math.min(1, want));
                }
            }
        }
        run.close();
        plain.close();
        v2.close();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
