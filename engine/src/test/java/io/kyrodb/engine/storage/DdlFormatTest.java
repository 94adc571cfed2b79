package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the DDL additions persist: generated columns and deferrable foreign keys (WAL tags 27 and
 * 28), deferrable UNIQUE indexes (tag 29), and their checkpoint version 11 sections.
 */
class DdlFormatTest {
    private static final SqlType INT = new SqlType(TypeKind.INTEGER, 0);

    private static Change.CreateTable table() {
        ForeignKey fk = new ForeignKey("c_p_fkey", new int[]{1}, "p", new int[]{0}, ForeignKey.Action.NO_ACTION,
                ForeignKey.Action.NO_ACTION).timed(true, true);
        ForeignKey plain = new ForeignKey("c_q_fkey", new int[]{0}, "q", new int[]{0}, ForeignKey.Action.CASCADE,
                ForeignKey.Action.NO_ACTION);
        return new Change.CreateTable("c", List.of(new Column("a", INT, true), new Column("b", INT, false),
                new Column("g", INT, false, null, null, "(a * 2)")), new int[]{0}, List.of(), List.of(fk, plain));
    }

    private static Change.CreateIndex timedIndex() {
        return new Change.CreateIndex("c_b_key", "c", new int[]{1, 0}, new boolean[]{false, false}, true, null, null,
                new io.kyrodb.engine.catalog.IndexShape(true, false, 1, new boolean[]{true, false}));
    }

    @Test
    void generatedColumnsAndTimingsRoundTripUnderTheirTags() {
        Change.CreateTable t = table();
        byte[] payload = ChangeCodec.encode(List.of(t, new Change.AlterTable(t), timedIndex()));
        List<Change> back = ChangeCodec.decode(payload, "test");
        Change.CreateTable created = (Change.CreateTable) back.get(0);
        assertThat(created.columns().get(2).generatedSql()).isEqualTo("(a * 2)");
        assertThat(created.columns().get(0).generated()).isFalse();
        assertThat(created.foreignKeys().get(0).deferrable()).isTrue();
        assertThat(created.foreignKeys().get(0).initiallyDeferred()).isTrue();
        assertThat(created.foreignKeys().get(1).deferrable()).isFalse();
        assertThat(((Change.AlterTable) back.get(1)).definition().columns()).isEqualTo(t.columns());
        Change.CreateIndex i = (Change.CreateIndex) back.get(2);
        assertThat(i.shape()).isEqualTo(timedIndex().shape());
        assertThat(i.shape().include()).isEqualTo(1);
        assertThat(i.shape().nullsFirst()).containsExactly(true, false);
        assertThat(payload[4]).isEqualTo((byte) 27);   // on disk: never renumbered
        assertThat(ChangeCodec.encode(List.of(new Change.AlterTable(t)))[4]).isEqualTo((byte) 28);
        assertThat(ChangeCodec.encode(List.of(timedIndex()))[4]).isEqualTo((byte) 29);
    }

    @Test
    void definitionsWithoutThemKeepTheOlderTags() {
        Change.CreateTable plain = new Change.CreateTable("t", List.of(new Column("a", INT, false, "1", null)),
                new int[0]);
        assertThat(ChangeCodec.encode(List.of(plain))[4]).isEqualTo((byte) 7);
        assertThat(ChangeCodec.encode(List.of(new Change.CreateIndex("i", "t", new int[]{0}, new boolean[]{false},
                true)))[4]).isEqualTo((byte) 5);
    }

    @Test
    void aBadTimingByteIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(timedIndex()));
        payload[payload.length - 6] = 8;   // u8 timing | u16 include | u8 hasNulls | u8 nullsFirst * 2
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 9")).isInstanceOf(KyroException.class)
                .hasMessageContaining("bad index shape flags 8");
    }

    @Test
    void aUniqueIndexThatIsNoConstraintRoundTripsUnderTagTwentyNine() {
        Change.CreateIndex made = new Change.CreateIndex("c_b_idx", "c", new int[]{1}, new boolean[]{false}, true,
                null, null, io.kyrodb.engine.catalog.IndexShape.NONE.withIndexOnly(true));
        byte[] payload = ChangeCodec.encode(List.of(made));
        assertThat(payload[4]).isEqualTo((byte) 29);
        Change.CreateIndex back = (Change.CreateIndex) ChangeCodec.decode(payload, "test").get(0);
        assertThat(back.shape().indexOnly()).isTrue();
        assertThat(back.shape().deferrable()).isFalse();
        Change.CreateIndex timed = (Change.CreateIndex) ChangeCodec.decode(ChangeCodec.encode(List.of(timedIndex())),
                "test").get(0);
        assertThat(timed.shape().indexOnly()).isFalse();
    }

    @Test
    void generationExpressionsForTheWrongNumberOfColumnsAreCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.CreateTable("t",
                List.of(new Column("a", INT, false), new Column("g", INT, false, null, null, "a")), new int[0])));
        // the end: u16 ncols (2) | u8 0 | u8 1 | str "a" (4 + 1) | u16 nfks (0)
        int at = payload.length - (2 + 1 + 1 + 5 + 2);
        payload[at + 1] = 5;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 3"))
                .hasMessageContaining("generation expressions for 5 columns of a table with 2");
    }

    private static Checkpoint checkpoint() {
        return new Checkpoint(5, 9, Map.of(), List.of(new Checkpoint.TableEntry(table(), 1, new long[]{2})),
                List.of(new Checkpoint.IndexEntry(timedIndex(), new long[]{3}),
                        new Checkpoint.IndexEntry(new Change.CreateIndex("c_a", "c", new int[]{0}, new boolean[]{false},
                                false), new long[0])));
    }

    @Test
    void version11KeepsThemInACheckpoint() {
        Checkpoint back = Checkpoint.decode(checkpoint().encode());
        Change.CreateTable t = back.tables().get(0).definition();
        assertThat(t.columns().get(2).generatedSql()).isEqualTo("(a * 2)");
        assertThat(t.foreignKeys()).isEqualTo(table().foreignKeys());
        assertThat(back.tables().get(0).runIds()).containsExactly(2);
        assertThat(back.indexes().get(0).definition().shape()).isEqualTo(timedIndex().shape());
        assertThat(back.indexes().get(0).runIds()).containsExactly(3);
        assertThat(back.indexes().get(1).definition().deferrable()).isFalse();
    }

    @Test
    void olderVersionsCannotHoldThem() {
        assertThatThrownBy(() -> checkpoint().encode(9)).isInstanceOf(IllegalArgumentException.class);
        Checkpoint without = new Checkpoint(5, 9, Map.of(), List.of(new Checkpoint.TableEntry(
                new Change.CreateTable("t", List.of(new Column("a", INT, false)), new int[0]), 1, new long[0])));
        assertThat(Checkpoint.decode(without.encode(9)).tables()).hasSize(1);   // version 9 still reads
    }

    @Test
    void aTimingForAnIndexThatIsNotThereIsCorruption() {
        byte[] bytes = checkpoint().encode(13);
        // the end: ... u32 nshaped (1) | u32 index (0) | shape (6 bytes) | u32 0 (functions, version 12)
        //          | u32 0 (triggers, version 13) | u32 crc
        int at = bytes.length - 4 - 4 - 4 - 6 - 4;
        io.kyrodb.engine.storage.codec.ByteWriter.putInt(bytes, at, 7);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        io.kyrodb.engine.storage.codec.ByteWriter.putInt(bytes, bytes.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> Checkpoint.decode(bytes)).hasMessageContaining("timing for index 7 of 2");
    }
}
