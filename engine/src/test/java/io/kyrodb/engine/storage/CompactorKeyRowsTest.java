package io.kyrodb.engine.storage;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.storage.run.BlockCache;
import io.kyrodb.engine.storage.run.KeyRows;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunWriter;
import io.kyrodb.engine.types.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compaction and key rows (run format 3): a version 2 run (the test resource, from the build
 * before) compacts into key rows; key rows are copied as they are into a run of the same key
 * kinds, and written out as rows into a run without them; every row reads back the same.
 */
class CompactorKeyRowsTest {
    private static final TypeKind[] KINDS = {TypeKind.BOOLEAN, TypeKind.INTEGER, TypeKind.BIGINT};

    @TempDir
    Path dir;

    private final BlockCache cache = new BlockCache(1 << 20);

    private Run version2Run() throws IOException {
        Path file = dir.resolve("v2.run");
        try (InputStream in = CompactorKeyRowsTest.class.getResourceAsStream("/run/version2.run")) {
            assertThat(in).isNotNull();
            Files.copy(in, file);
        }
        return Run.open(LocalFileSystem.INSTANCE, file, 1, cache);
    }

    /** Each key's newest version as {@code key -> row bytes (null: a delete)}, in run order. */
    private static List<Object[]> newest(Run run) {
        List<Object[]> out = new ArrayList<>();
        Run.RawCursor c = run.raw();
        byte[] last = null;
        while (c.next()) {
            if (last != null && Arrays.equals(last, c.key())) {
                continue;
            }
            last = c.key();
            out.add(new Object[]{c.key(), c.isDelete() ? null
                    : Arrays.copyOfRange(c.rowData(), c.rowOffset(), c.rowOffset() + c.rowLength())});
        }
        return out;
    }

    private static int keyRows(Run run) {
        int n = 0;
        Run.RawCursor c = run.raw();
        while (c.next()) {
            n += c.isKeyRow() ? 1 : 0;
        }
        return n;
    }

    private Run compact(String name, List<Run> inputs, KeyRows keyRows) throws IOException {
        Path file = dir.resolve(name);
        // no snapshot older than now, not the bottom: each key's newest version, deletes kept
        assertThat(Compactor.merge(LocalFileSystem.INSTANCE, file, inputs, Long.MAX_VALUE, false, 16, keyRows,
                () -> false)).isNotNull();
        assertThat(ByteReader.getInt(Files.readAllBytes(file), 8)).as("written as version 3").isEqualTo(3);
        return Run.open(LocalFileSystem.INSTANCE, file, name.hashCode() & 0xFFFF, cache);
    }

    private static boolean sameRows(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals((byte[]) a.get(i)[0], (byte[]) b.get(i)[0])
                    || !Arrays.equals((byte[]) a.get(i)[1], (byte[]) b.get(i)[1])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aVersion2RunCompactsIntoKeyRowsAndBackIntoRows() throws IOException {
        Run v2 = version2Run();
        List<Object[]> want = newest(v2);
        Run keyed = compact("keyed.run", List.of(v2), KeyRows.of(KINDS));
        assertThat(sameRows(newest(keyed), want)).isTrue();
        // the fixture's puts with three columns and no extra one are key rows: 600 keys, every 5th has 4 columns
        long threeColumnRows = want.stream().filter(e -> e[1] != null)
                .filter(e -> ValueCodec.readRow(new ByteReader((byte[]) e[1])).length == 3).count();
        assertThat(threeColumnRows).isGreaterThan(300);
        assertThat(keyRows(keyed)).isEqualTo((int) threeColumnRows);

        Run again = compact("again.run", List.of(keyed), KeyRows.of(KINDS));
        assertThat(sameRows(newest(again), want)).isTrue();
        assertThat(keyRows(again)).as("copied as key rows").isEqualTo((int) threeColumnRows);

        Run plain = compact("plain.run", List.of(keyed), null);
        assertThat(sameRows(newest(plain), want)).isTrue();
        assertThat(keyRows(plain)).as("a run without key kinds holds rows").isZero();

        // another table's key kinds: the key rows are written as rows, checked one by one
        TypeKind[] other = {TypeKind.BOOLEAN, TypeKind.BIGINT, TypeKind.BIGINT};
        Run otherKinds = compact("other.run", List.of(keyed), KeyRows.of(other));
        assertThat(sameRows(newest(otherKinds), want)).isTrue();
        assertThat(keyRows(otherKinds)).as("an integer column is not a bigint row").isZero();
        for (Run r : List.of(v2, keyed, again, plain, otherKinds)) {
            r.close();
        }
    }

    @Test
    void aNewerRunsKeyRowsWinOverAnOlderRunsRows() throws IOException {
        Run v2 = version2Run();
        // newer versions of some keys, as key rows in a version 3 run
        Path file = dir.resolve("newer.run");
        List<byte[]> keys = new ArrayList<>();
        try (RunWriter w = RunWriter.create(LocalFileSystem.INSTANCE, file, 0, 16, KeyRows.of(KINDS))) {
            for (int k = 0; k < 600; k += 4) {
                Object[] values = {k >= 550, k / 3, (long) k * 11};
                ByteWriter row = new ByteWriter();
                ValueCodec.writeRow(row, values);
                byte[] key = KeyCodec.encode(values);
                keys.add(key);
                w.add(key, 9000 + k, row.toByteArray());
            }
            w.finish();
        }
        Run newer = Run.open(LocalFileSystem.INSTANCE, file, 2, cache);
        Run merged = compact("merged.run", List.of(newer, v2), KeyRows.of(KINDS));
        for (byte[] key : keys) {
            Object[] row = merged.get(key, Long.MAX_VALUE);
            assertThat(row).hasSize(3);
            assertThat(KeyCodec.encode(row)).isEqualTo(key);
        }
        assertThat(merged.stats().keys()).isEqualTo(600);
        for (Run r : List.of(v2, newer, merged)) {
            r.close();
        }
    }
}
