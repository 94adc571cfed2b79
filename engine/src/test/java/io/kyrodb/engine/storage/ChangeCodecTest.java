package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.types.Bytes;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
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

    /** Enum and domain definitions (tags 23, 24), DROP TYPE (25) and enum values (value tag 28) round-trip. */
    @Test
    void userTypesAndEnumValuesRoundTrip() {
        io.kyrodb.engine.types.EnumType mood = io.kyrodb.engine.types.EnumType.of(9001, "app.mood", List.of("sad", "ok"))
                .withLabel("meh", "sad", false);
        io.kyrodb.engine.types.DomainType pos = new io.kyrodb.engine.types.DomainType(9003, "pos",
                io.kyrodb.engine.types.SqlType.INTEGER, null, false,
                List.of(new io.kyrodb.engine.types.DomainType.Check("pos_check", "VALUE > 0")));
        Object[] row = {mood.value(1), io.kyrodb.engine.types.SqlArray.of(mood.value(0), null, mood.value(2))};
        List<Change> changes = List.of(new Change.DefineType(mood), new Change.DefineType(pos),
                new Change.Put("t", 1L, row), new Change.Put("t_m", mood.value(1), new Object[0]),
                new Change.DropType("pos"));
        byte[] payload = ChangeCodec.encode(changes);
        assertThat(payload[4]).isEqualTo((byte) 23);   // on disk, never renumbered
        List<Change> back = ChangeCodec.decode(payload, "test");
        io.kyrodb.engine.types.EnumType m = (io.kyrodb.engine.types.EnumType) ((Change.DefineType) back.get(0)).type();
        assertThat(m.key()).isEqualTo("app.mood");
        assertThat(m.labels()).containsExactly("sad", "meh", "ok");
        assertThat(m.order(1)).isEqualTo(1.5f);
        assertThat(((Change.DefineType) back.get(1)).type()).isEqualTo(pos);
        Object[] r = ((Change.Put) back.get(2)).row();
        assertThat(((io.kyrodb.engine.types.EnumValue) r[0]).label()).isEqualTo("meh");
        assertThat(r[1].toString()).isEqualTo("{sad,NULL,ok}");
        assertThat(((io.kyrodb.engine.types.EnumValue) ((Change.Put) back.get(3)).key()).label()).isEqualTo("meh");
        assertThat(back.get(4)).isEqualTo(new Change.DropType("pos"));
    }

    @Test
    void expressionAndPartialIndexesRoundTripUnderTag18() {
        Change.CreateIndex c = new Change.CreateIndex("t_x", "t", new int[]{-1, 2}, new boolean[]{true, false}, false,
                new String[]{"(a + b)", null}, "deleted_at IS NULL");
        Change.CreateIndex partial = new Change.CreateIndex("t_p", "t", new int[]{1}, new boolean[]{false}, true,
                null, "a > 0");
        byte[] payload = ChangeCodec.encode(List.of(c, partial));
        assertThat(payload[4]).isEqualTo((byte) 18);   // on disk, never renumbered
        List<Change> back = ChangeCodec.decode(payload, "test");
        Change.CreateIndex b = (Change.CreateIndex) back.get(0);
        assertThat(b.columns()).containsExactly(-1, 2);
        assertThat(b.expressions()).containsExactly("(a + b)", null);
        assertThat(b.predicate()).isEqualTo("deleted_at IS NULL");
        Change.CreateIndex p = (Change.CreateIndex) back.get(1);
        assertThat(p.expressions()).isNull();
        assertThat(p.predicate()).isEqualTo("a > 0");
        assertThat(p.unique()).isTrue();
        // a plain index is still written as tag 5, which older builds read
        assertThat(ChangeCodec.encode(List.of(new Change.CreateIndex("i", "t", new int[]{0}, new boolean[]{false},
                false)))[4]).isEqualTo((byte) 5);
    }

    @Test
    void anExpressionPartWithoutItsTextIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.CreateIndex("i", "t", new int[]{-1}, new boolean[]{false},
                false, new String[]{"lower(a)"}, null)));
        // u32 count | u8 tag | str "i" | str "t" | u8 unique | u16 n | u16 column | u8 desc | u8 has
        int has = 4 + 1 + 5 + 5 + 1 + 2 + 2 + 1;
        assertThat(payload[has]).isEqualTo((byte) 1);
        payload[has] = 0;
        byte[] cut = java.util.Arrays.copyOf(payload, has + 2);   // no text; then the predicate's flag
        cut[has + 1] = 0;
        assertThatThrownBy(() -> ChangeCodec.decode(cut, "at LSN 4")).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains("key part 0 is both or neither a column and an expression");
        });
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

    /** An interval column's typmod is the column type's length (no new tag); a numeric NaN/infinity is value tag 33. */
    @Test
    void intervalTypmodsAndSpecialNumericsRoundTrip() {
        SqlType daySecond = io.kyrodb.engine.types.TypeResolver.resolve(new io.kyrodb.sql.ast.TypeName(
                new io.kyrodb.sql.ast.Pos(1, 1, 0), "interval day to second", List.of(3)), "x");
        SqlType year = io.kyrodb.engine.types.TypeResolver.resolve(new io.kyrodb.sql.ast.TypeName(
                new io.kyrodb.sql.ast.Pos(1, 1, 0), "interval year", List.of()), "x");
        List<Column> columns = List.of(new Column("id", SqlType.INTEGER, true), new Column("a", daySecond, false),
                new Column("b", year, false), new Column("n", SqlType.NUMERIC, false));
        Object[] row = {1, new io.kyrodb.engine.types.Interval(0, 3, 4_005_006_789L), new io.kyrodb.engine.types.Interval(24, 0, 0),
                io.kyrodb.engine.types.NumericSpecial.NEGATIVE_INFINITY};
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(
                new Change.CreateTable("t", columns, new int[]{0}), new Change.Put("t", 1, row))), "test");
        Change.CreateTable t = (Change.CreateTable) back.get(0);
        assertThat(t.columns()).isEqualTo(columns);
        assertThat(t.columns().get(1).type().displayName()).isEqualTo("interval day to second(3)");
        assertThat(t.columns().get(1).type().length()).isEqualTo(470286339);   // PostgreSQL's atttypmod
        assertThat(t.columns().get(2).type().displayName()).isEqualTo("interval year");
        assertThat(((Change.Put) back.get(1)).row()).containsExactly(row);
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
    void schemaAndCommentChangesRoundTrip() {
        List<Change> changes = List.of(new Change.CreateSchema("app"), new Change.Comment("r:app.t", "the table"),
                new Change.Comment("c:app.t\u0000id", null), new Change.DropSchema("Old Schema"));
        byte[] payload = ChangeCodec.encode(changes);
        assertThat(payload[4]).isEqualTo((byte) 14);   // tags 14, 16, 16, 15: on disk, never renumbered
        assertThat(ChangeCodec.decode(payload, "test")).containsExactlyElementsOf(changes);
    }

    @Test
    void anUnknownTagIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DropIndex("i")));
        payload[4] = 99;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 3")).hasMessageContaining("unknown change tag 99");
    }

    private static final SqlType INT = new SqlType(TypeKind.INTEGER, 0);

    @Test
    void defaultsChecksAndSequencesRoundTrip() {
        Sequence s = new Sequence("t_id_seq", INT, -3, -100, -1, -1, 1, true, "t.id", -31, true, true);
        List<Change> changes = List.of(
                new Change.CreateSequence(s),
                new Change.CreateTable("t", List.of(
                        new Column("id", INT, true, null, Column.Identity.ALWAYS),
                        new Column("v", INT, false, "nextval('x') + 1", null),
                        new Column("w", INT, false)), new int[]{0},
                        List.of(new CheckConstraint("t_v_check", "v > 0"))),
                new Change.CreateTable("plain", List.of(new Column("a", INT, false)), new int[0]),
                new Change.DropSequence("t_id_seq"));
        byte[] payload = ChangeCodec.encode(changes);
        assertThat(payload[4]).as("a table with defaults takes tag 7").isEqualTo((byte) 8);
        List<Change> back = ChangeCodec.decode(payload, "test");
        Sequence r = ((Change.CreateSequence) back.get(0)).sequence();
        assertThat(List.of(r.name(), r.type(), r.increment(), r.minValue(), r.maxValue(), r.start(), r.cycle(),
                r.ownedBy(), r.loggedValue(), r.loggedCalled()))
                .containsExactly("t_id_seq", INT, -3L, -100L, -1L, -1L, true, "t.id", -31L, true);
        Change.CreateTable t = (Change.CreateTable) back.get(1);
        assertThat(t.columns()).containsExactly(new Column("id", INT, true, null, Column.Identity.ALWAYS),
                new Column("v", INT, false, "nextval('x') + 1", null), new Column("w", INT, false));
        assertThat(t.checks()).containsExactly(new CheckConstraint("t_v_check", "v > 0"));
        assertThat(((Change.CreateTable) back.get(2)).checks()).isEmpty();
        assertThat(((Change.DropSequence) back.get(3)).name()).isEqualTo("t_id_seq");
        // The plain table keeps tag 1, the format older builds wrote.
        byte[] plain = ChangeCodec.encode(List.of(changes.get(2)));
        assertThat(plain[4]).isEqualTo((byte) 1);
    }

    @Test
    void foreignKeysAndAlterTableRoundTrip() {
        io.kyrodb.engine.catalog.ForeignKey fk = new io.kyrodb.engine.catalog.ForeignKey("c_a_b_fkey", new int[]{1, 0},
                "p", new int[]{0, 2}, io.kyrodb.engine.catalog.ForeignKey.Action.CASCADE,
                io.kyrodb.engine.catalog.ForeignKey.Action.SET_DEFAULT);
        Change.CreateTable def = new Change.CreateTable("c", List.of(new Column("a", INT, false),
                new Column("b", INT, false)), new int[0], List.of(), List.of(fk));
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(def, new Change.AlterTable(def))), "t");
        assertThat(((Change.CreateTable) back.get(0)).foreignKeys()).containsExactly(fk);
        assertThat(((Change.AlterTable) back.get(1)).definition().foreignKeys()).containsExactly(fk);
        byte[] payload = ChangeCodec.encode(List.of(def));
        payload[payload.length - 1] = 9;   // onUpdate
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "x")).hasMessageContaining("unknown referential action 9");
    }

    @Test
    void anUnknownIdentityKindIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.CreateTable("t",
                List.of(new Column("a", INT, true, null, Column.Identity.BY_DEFAULT)), new int[0])));
        // the last bytes: ... u8 hasDefault(0) | u8 identity | u16 nchecks(0) | u16 nfks(0)
        payload[payload.length - 5] = 5;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 4")).hasMessageContaining("unknown identity kind 5");
    }

    @Test
    void defaultsForTheWrongNumberOfColumnsAreCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.CreateTable("t",
                List.of(new Column("a", INT, true, "1", null)), new int[0])));
        // ... u16 npk(0) | u16 ncols of the extras (1) | u8 1 | str "1" (4 + 1) | u8 identity | u16 nchecks | u16 nfks
        int at = payload.length - (2 + 1 + 5 + 1 + 2 + 2);
        payload[at + 1] = 3;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 5"))
                .hasMessageContaining("defaults for 3 columns of a table with 1");
    }

    @Test
    void aSequenceRecordRoundTripsAndTrailingBytesAreCorruption() {
        byte[] p = SequenceRecord.encode("s", 96, true, false);
        assertThat(SequenceRecord.decode(p, "x")).isEqualTo(new SequenceRecord("s", 96, true, false));
        byte[] longer = java.util.Arrays.copyOf(p, p.length + 1);
        assertThatThrownBy(() -> SequenceRecord.decode(longer, "at LSN 6")).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.getMessage()).contains("corrupt sequence record at LSN 6").contains("1 trailing bytes"));
        assertThatThrownBy(() -> SequenceRecord.decode(java.util.Arrays.copyOf(p, 5), "at LSN 7"))
                .isInstanceOf(KyroException.class);
    }

    @Test
    void viewsRoundTrip() {
        Change.CreateView v = new Change.CreateView("v", List.of("a", "b"), "SELECT x, y FROM t WHERE x > 'é'",
                List.of("t", "w"));
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(v, new Change.DropView("w"))), "at LSN 4");
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(v);
        assertThat(back.get(1)).isEqualTo(new Change.DropView("w"));
    }

    /** Change 37: a view WITH CHECK OPTION (local or cascaded); an unknown option code is corruption. */
    @Test
    void viewCheckOptionsRoundTrip() {
        Change.CreateView local = new Change.CreateView("app.v", List.of(), "SELECT a FROM t WHERE a > 0",
                List.of("app.t"), List.of("app", "public"), "local");
        Change.CreateView cascaded = new Change.CreateView("w", List.of("x"), "SELECT a FROM app.v", List.of("app.v"),
                List.of("public"), "cascaded");
        assertThat(ChangeCodec.decode(ChangeCodec.encode(List.of(local, cascaded)), "at LSN 5"))
                .containsExactly(local, cascaded);
        byte[] b = ChangeCodec.encode(List.of(cascaded));
        assertThat(b[b.length - 1]).isEqualTo((byte) 2);
        b[b.length - 1] = 9;
        assertThatThrownBy(() -> ChangeCodec.decode(b, "at LSN 6")).hasMessageContaining("unknown check option 9");
    }

    @Test
    void materializedViewChangesRoundTrip() {
        Change.CreateMaterializedView m = new Change.CreateMaterializedView("app.totals",
                "SELECT region, sum(x) FROM t GROUP BY region", List.of("app", "public"), true);
        Change.RefreshMaterializedView r = new Change.RefreshMaterializedView("app.totals", false);
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(m, r)), "at LSN 9");
        assertThat(back).containsExactly(m, r);
    }

    @Test
    void functionChangesRoundTrip() {
        io.kyrodb.engine.catalog.UserFunction f = new io.kyrodb.engine.catalog.UserFunction("public", "add",
                List.of(new io.kyrodb.engine.catalog.UserFunction.Argument("a", SqlType.INTEGER, null),
                        new io.kyrodb.engine.catalog.UserFunction.Argument("b", SqlType.numeric(8, 2), "10")),
                SqlType.INTEGER, true, List.of(), "sql", "RETURN a + b", true, 'i', false);
        Change.DropFunction d = new Change.DropFunction("app.f", List.of(SqlType.TEXT, SqlType.arrayOf(SqlType.INTEGER)));
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(new Change.CreateFunction(f), d)), "at LSN 5");
        assertThat(back).containsExactly(new Change.CreateFunction(f), d);
    }

    @Test
    void aFunctionWithAnUnknownVolatilityIsCorruption() {
        io.kyrodb.engine.catalog.UserFunction f = new io.kyrodb.engine.catalog.UserFunction("public", "f", List.of(),
                SqlType.INTEGER, false, List.of(), "sql", "SELECT 1", false, 'x', false);
        byte[] payload = ChangeCodec.encode(List.of(new Change.CreateFunction(f)));
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "at LSN 6")).isInstanceOf(KyroException.class)
                .hasMessageContaining("volatility");
    }

    @Test
    void vectorIndexChangesRoundTrip() {
        io.kyrodb.engine.catalog.VectorIndexDef def = new io.kyrodb.engine.catalog.VectorIndexDef("t_v", "t", 2,
                new io.kyrodb.engine.vector.VectorIndexSpec(1536, io.kyrodb.engine.vector.VectorDistance.L2, 16, 64,
                        io.kyrodb.engine.vector.VectorQuantization.INT8), 42);
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(new Change.CreateVectorIndex(def),
                new Change.DropIndex("t_v"))), "test");
        assertThat(((Change.CreateVectorIndex) back.get(0)).definition()).isEqualTo(def);
        assertThat(((Change.DropIndex) back.get(1)).name()).isEqualTo("t_v");
    }
}
