package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checkpoint round-trips, and each corruption branch of its reader is reported with its offset. */
class CheckpointTest {

    private static Checkpoint sample() {
        Change.CreateTable t = new Change.CreateTable("t", List.of(
                new Column("id", new SqlType(TypeKind.BIGINT, 0), true),
                new Column("v", new SqlType(TypeKind.VARCHAR, 20), false)), new int[]{0});
        Change.CreateTable h = new Change.CreateTable("h", List.of(
                new Column("x", new SqlType(TypeKind.INTEGER, 0), false)), new int[0]);
        return new Checkpoint(42, 10, java.util.Map.of(), List.of(
                new Checkpoint.TableEntry(t, 1, new long[]{9, 4, 2}),
                new Checkpoint.TableEntry(h, 77, new long[0])));
    }

    @Test
    void roundTrips() {
        Checkpoint back = Checkpoint.decode(sample().encode());
        assertThat(back.walLsn()).isEqualTo(42);
        assertThat(back.nextRunId()).isEqualTo(10);
        assertThat(back.tables()).hasSize(2);
        assertThat(back.tables().get(0).runIds()).containsExactly(9, 4, 2);
        assertThat(back.tables().get(0).definition().columns().get(1).type()).isEqualTo(new SqlType(TypeKind.VARCHAR, 20));
        assertThat(back.tables().get(1).nextRowId()).isEqualTo(77);
        assertThat(back.tables().get(1).definition().primaryKey()).isEmpty();
    }

    private static void expect(Consumer<byte[]> damage, boolean fixCrc, String... parts) {
        byte[] b = sample().encode();
        damage.accept(b);
        if (fixCrc) {
            CRC32C crc = new CRC32C();
            crc.update(b, 0, b.length - 4);
            ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
        }
        assertThatThrownBy(() -> Checkpoint.decode(b)).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains("corrupt checkpoint file checkpoint at offset");
            for (String p : parts) {
                assertThat(e.getMessage()).contains(p);
            }
        });
    }

    @Test
    void databaseSettingsRoundTripAndABadCountIsCorruption() {
        Checkpoint c = new Checkpoint(1, 1, java.util.Map.of("pk_index", "btree"), List.of());
        assertThat(Checkpoint.decode(c.encode()).settings()).containsEntry("pk_index", "btree");
        expect(b -> ByteWriter.putInt(b, 28, 5000), true, "setting count 5000");
    }

    @Test
    void tooShort() {
        assertThatThrownBy(() -> Checkpoint.decode(new byte[10])).hasMessageContaining("shorter than its header");
    }

    @Test
    void badMagic() {
        expect(b -> b[1] = 'x', false, "bad magic");
    }

    @Test
    void checksum() {
        expect(b -> b[30] ^= 4, false, "checksum mismatch");
    }

    @Test
    void version() {
        expect(b -> ByteWriter.putInt(b, 8, 1), true, "format version 1");
    }

    @Test
    void negativeTableCount() {
        expect(b -> ByteWriter.putInt(b, 32, -1), true, "negative table count");
    }

    @Test
    void runIdNotBelowNextRunId() {
        expect(b -> ByteWriter.putLong(b, 20, 5), true, "is not below the next run id 5");   // nextRunId 5 < run 9
    }

    @Test
    void truncatedTable() {
        expect(b -> ByteWriter.putInt(b, 32, 3), true, "need");   // a third table that is not there
    }

    @Test
    void unknownTypeKind() {
        // table "t": u32 len(1) 't' | u16 ncols | u32 len(2) "id" | u8 kind
        expect(b -> b[36 + 5 + 2 + 6] = 99, true, "unknown type kind 99");
    }

    @Test
    void primaryKeyColumnOutOfRange() {
        byte[] probe = sample().encode();
        // Find table t's u16 pk column (0) after its two columns: search the bytes for the pk count/column pair.
        int at = 36 + 5 + 2 + (4 + 2 + 1 + 4 + 1) + (4 + 1 + 1 + 4 + 1);
        assertThat(probe[at]).isZero();
        assertThat(probe[at + 1]).isEqualTo((byte) 1);   // one pk column
        expect(b -> b[at + 3] = 7, true, "primary key column 7 of a table with 2 columns");
    }

    @Test
    void trailingBytes() {
        byte[] good = sample().encode();
        byte[] longer = new byte[good.length + 3];
        System.arraycopy(good, 0, longer, 0, good.length - 4);
        CRC32C crc = new CRC32C();
        crc.update(longer, 0, longer.length - 4);
        ByteWriter.putInt(longer, longer.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> Checkpoint.decode(longer)).hasMessageContaining("bytes after the last view");
    }

    private static Checkpoint withIndex() {
        Checkpoint base = sample();
        return new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), List.of(
                new Checkpoint.IndexEntry(new Change.CreateIndex("t_v", "t", new int[]{1, 0}, new boolean[]{true, false},
                        true), new long[]{8, 3})));
    }

    @Test
    void indexesRoundTrip() {
        Checkpoint back = Checkpoint.decode(withIndex().encode());
        assertThat(back.tables()).hasSize(2);
        assertThat(back.indexes()).hasSize(1);
        Checkpoint.IndexEntry i = back.indexes().get(0);
        assertThat(i.definition().name()).isEqualTo("t_v");
        assertThat(i.definition().table()).isEqualTo("t");
        assertThat(i.definition().columns()).containsExactly(1, 0);
        assertThat(i.definition().descending()).containsExactly(true, false);
        assertThat(i.definition().unique()).isTrue();
        assertThat(i.runIds()).containsExactly(8, 3);
    }

    /** Version 2 had no index section: it still reads, as a database without indexes. */
    @Test
    void version2StillReads() {
        byte[] v4 = sample().encode();
        byte[] v2 = new byte[v4.length - 8];
        System.arraycopy(v4, 0, v2, 0, v4.length - 12);   // all but the index and view counts and the CRC
        ByteWriter.putInt(v2, 8, 2);
        CRC32C crc = new CRC32C();
        crc.update(v2, 0, v2.length - 4);
        ByteWriter.putInt(v2, v2.length - 4, (int) crc.getValue());
        Checkpoint back = Checkpoint.decode(v2);
        assertThat(back.tables()).hasSize(2);
        assertThat(back.indexes()).isEmpty();
    }

    /** Version 3 had no view section: it still reads, as a database without views. */
    @Test
    void version3StillReads() {
        byte[] v4 = withIndex().encode();
        byte[] v3 = new byte[v4.length - 4];
        System.arraycopy(v4, 0, v3, 0, v4.length - 8);   // all but the view count and the CRC
        ByteWriter.putInt(v3, 8, 3);
        CRC32C crc = new CRC32C();
        crc.update(v3, 0, v3.length - 4);
        ByteWriter.putInt(v3, v3.length - 4, (int) crc.getValue());
        Checkpoint back = Checkpoint.decode(v3);
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.views()).isEmpty();
    }

    @Test
    void viewsRoundTrip() {
        Checkpoint base = withIndex();
        Change.CreateView v = new Change.CreateView("v", List.of("a"), "SELECT v FROM t", List.of("t"));
        Checkpoint back = Checkpoint.decode(new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(),
                base.tables(), base.indexes(), List.of(v)).encode());
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.views()).containsExactly(v);
    }

    @Test
    void negativeViewCount() {
        expect(b -> ByteWriter.putInt(b, b.length - 8, -1), true, "negative view count");
    }

    @Test
    void negativeIndexCount() {
        expect(b -> ByteWriter.putInt(b, b.length - 12, -1), true, "negative index count");
    }

    @Test
    void indexWithoutColumns() {
        byte[] good = withIndex().encode();
        // index := str "t_v" | str "t" | u8 unique | u16 n ...; n sits 4 + 3 + 4 + 1 + 1 bytes after the index count;
        // the view count (0) follows the index.
        int indexCount = good.length - 4 - 4 - (4 + 3 + 4 + 1 + 1 + 2 + 2 * 3 + 4 + 2 * 8) - 4;
        assertThat(ByteReaderProbe.u32(good, indexCount)).isEqualTo(1);
        int n = indexCount + 4 + 4 + 3 + 4 + 1 + 1;
        byte[] b = good.clone();
        b[n] = 0;
        b[n + 1] = 0;
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> Checkpoint.decode(b)).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.getMessage()).contains("index \"t_v\" has no columns"));
    }

    /** Reads a big-endian u32 (the test's own, so it does not lean on the reader it checks). */
    private static final class ByteReaderProbe {
        static int u32(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }
    }
}
