package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.types.Bytes;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAL change payloads: index changes round-trip, and their corruption branches say what is wrong. */
class ChangeCodecTest {
    @Test
    void indexChangesAndTheirEntriesRoundTrip() {
        Object[] entry = {false, 7, true, "", 42L};
        List<Change> changes = List.of(
                new Change.CreateIndex("t_a", "t", new int[]{2, 0}, new boolean[]{false, true}, true),
                new Change.Put("t_a", entry, entry),
                new Change.Delete("t_a", entry),
                new Change.DropIndex("t_a"));
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(changes), "test");
        assertThat(back).hasSize(4);
        Change.CreateIndex c = (Change.CreateIndex) back.get(0);
        assertThat(c.name()).isEqualTo("t_a");
        assertThat(c.table()).isEqualTo("t");
        assertThat(c.columns()).containsExactly(2, 0);
        assertThat(c.descending()).containsExactly(false, true);
        assertThat(c.unique()).isTrue();
        assertThat((Object[]) ((Change.Put) back.get(1)).key()).containsExactly(entry);
        assertThat((Object[]) ((Change.Delete) back.get(2)).key()).containsExactly(entry);
        assertThat(((Change.DropIndex) back.get(3)).name()).isEqualTo("t_a");
    }

    @Test
    void newTypesRoundTripInTableDefinitionsAndRows() {
        SqlType textArray = SqlType.arrayOf(SqlType.varchar(12));
        List<Column> columns = List.of(new Column("id", SqlType.UUID, true), new Column("b", SqlType.BYTEA, false),
                new Column("j", SqlType.JSONB, false), new Column("tags", textArray, false),
                new Column("n", SqlType.arrayOf(SqlType.INTEGER), false));
        Object[] row = {new UUID(-1, 7), Bytes.wrap(new byte[]{0, 1, (byte) 0xff}), Jsonb.parse("{\"a\": [1, null]}"),
                SqlArray.of("x", null, ""), SqlArray.of(1, 2, null)};
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(
                new Change.CreateTable("t", columns, new int[]{0}),
                new Change.Put("t", row[0], row))), "test");
        Change.CreateTable t = (Change.CreateTable) back.get(0);
        assertThat(t.columns()).isEqualTo(columns);
        assertThat(t.columns().get(3).type().displayName()).isEqualTo("character varying(12)[]");
        Change.Put put = (Change.Put) back.get(1);
        assertThat(put.key()).isEqualTo(row[0]);
        assertThat(put.row()).containsExactly(row);
        assertThat(put.row()[2].toString()).isEqualTo("{\"a\": [1, null]}");
    }

    @Test
    void anIndexWithoutColumnsIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(
                new Change.CreateIndex("i", "t", new int[]{1}, new boolean[]{false}, false)));
        // u32 count | u8 tag | str "i" (4 + 1) | str "t" (4 + 1) | u8 unique | u16 n
        int n = 4 + 1 + 5 + 5 + 1;
        payload[n] = 0;
        payload[n + 1] = 0;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 9")).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains("at LSN 9").contains("index \"i\" has no columns");
        });
    }

    @Test
    void anUnknownTagIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DropIndex("i")));
        payload[4] = 7;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 3")).hasMessageContaining("unknown change tag 7");
    }
}
