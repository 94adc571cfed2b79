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
        List<Version> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            Object[] values = {k >= keys - 100, k / 3, (long) k * 11};
            byte[] key = KeyCodec.encode(values);
            int versions = k % 10 == 0 ? 2 : 1;
            for (int v = 0; v < versions; v++) {
                long seq = 900_000 - v * 1000L - k;
                Object[] row = k % 13 == 0 && v == 0 ? null
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
        Run run = write("count.run", versions, KeyRows.of(KINDS));
        Run v2 = Run.open(LocalFileSystem.INSTANCE, version2File(), 4, cache);
        for (Run r : List.of(run, v2)) {
            List<Version> contents = r == run ? versions : version2Contents();
            int groups = r == run ? 2000 : 200;
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
        v2.close();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
