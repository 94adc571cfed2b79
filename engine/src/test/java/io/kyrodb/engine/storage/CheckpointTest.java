package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.storage.codec.ByteReader;
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

    /** What version 7 wrote ({@code c} has no expression indexes and no materialized views). */
    static byte[] v7(Checkpoint c) {
        return c.encode(7);
    }

    /**
     * {@code c} (only the public schema, no comments) as version 6 wrote it: version 7's schema and
     * comment sections cut off. The damage tests count offsets from the end of this layout.
     */
    static byte[] v6(Checkpoint c) {
        byte[] v7 = v7(c);
        ByteWriter tail = new ByteWriter(16);
        tail.u32(1).string("public").u32(0);
        byte[] v6 = new byte[v7.length - tail.size()];
        System.arraycopy(v7, 0, v6, 0, v6.length - 4);
        ByteWriter.putInt(v6, 8, 6);
        CRC32C crc = new CRC32C();
        crc.update(v6, 0, v6.length - 4);
        ByteWriter.putInt(v6, v6.length - 4, (int) crc.getValue());
        return v6;
    }

    /** Version 6 had no schemas or comments: it still reads, as a database whose only schema is public. */
    @Test
    void version6StillReads() {
        Checkpoint back = Checkpoint.decode(v6(withVectorIndex(8)));
        assertThat(back.vectorIndexes()).hasSize(1);
        assertThat(back.schemas()).containsExactly("public");
        assertThat(back.comments()).isEmpty();
    }

    /** Version 7 had no materialized views: it still reads, as a database without any. */
    @Test
    void version7StillReads() {
        Checkpoint back = Checkpoint.decode(v7(withVectorIndex(8)));
        assertThat(back.vectorIndexes()).hasSize(1);
        assertThat(back.schemas()).containsExactly("public");
        assertThat(back.materializedViews()).isEmpty();
    }

    /** Version 19 keeps each view's check option; older versions read views without one and cannot hold one. */
    @Test
    void viewCheckOptionsRoundTrip() {
        Checkpoint base = sample();
        Change.CreateView plain = new Change.CreateView("p", List.of(), "SELECT 1", List.of());
        Change.CreateView checked = new Change.CreateView("c", List.of("a"), "SELECT x AS a FROM h WHERE x > 0",
                List.of("h"), List.of("public"), "cascaded");
        Change.CreateView local = new Change.CreateView("l", List.of(), "SELECT a FROM c WHERE a < 9", List.of("c"),
                List.of("public"), "local");
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(),
                base.sequences(), List.of(plain, checked, local));
        assertThat(Checkpoint.decode(c.encode()).views()).containsExactly(plain, checked, local);
        assertThatThrownBy(() -> c.encode(17)).hasMessageContaining("no view check options");
        Checkpoint unchecked = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(),
                base.indexes(), base.sequences(), List.of(plain));
        assertThat(Checkpoint.decode(unchecked.encode(17)).views()).containsExactly(plain);
        byte[] b = c.encode();   // ... | u32 2 | u32 1 | u8 2 | u32 2 | u8 1 | crc
        ByteWriter.putInt(b, b.length - 4 - 5, 7);
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("check option for view 7 of 3");
    }

    @Test
    void materializedViewsRoundTrip() {
        Checkpoint base = sample();
        Change.CreateMaterializedView m = new Change.CreateMaterializedView("t", "SELECT 1 AS one",
                List.of("app", "public"), false);
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(),
                base.sequences(), base.views(), base.vectorIndexes(), List.of("app", "public"), java.util.Map.of(),
                List.of(m));
        Checkpoint back = Checkpoint.decode(c.encode());
        assertThat(back.materializedViews()).containsExactly(m);
        assertThat(back.schemas()).containsExactly("app", "public");
    }

    @Test
    void negativeMaterializedViewCount() {
        byte[] b = sample().encode(9);   // ... | u32 0 (materialized views) | crc
        ByteWriter.putInt(b, b.length - 8, -1);
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative materialized view count");
    }

    private static final io.kyrodb.engine.catalog.UserFunction FUNCTION = new io.kyrodb.engine.catalog.UserFunction(
            "app", "add", List.of(new io.kyrodb.engine.catalog.UserFunction.Argument("a", SqlType.INTEGER, null),
                    new io.kyrodb.engine.catalog.UserFunction.Argument(null, SqlType.arrayOf(SqlType.TEXT), "'{}'")),
            null, false, List.of(new Column("x", SqlType.INTEGER, false), new Column("y", SqlType.TEXT, false)),
            "sql", "SELECT $1, 'y'", false, 's', true);

    @Test
    void functionsRoundTrip() {
        Checkpoint base = sample();
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(),
                base.sequences(), base.views(), base.vectorIndexes(), List.of("app", "public"), java.util.Map.of(),
                List.of(), List.of(), List.of(FUNCTION), List.of());
        Checkpoint back = Checkpoint.decode(c.encode());
        assertThat(back.functions()).containsExactly(FUNCTION);
    }

    @Test
    void negativeFunctionCount() {
        byte[] b = sample().encode(14);   // ... | u32 0 (functions) | u32 0 (triggers, version 13) | u32 0 (function flags, 14) | crc
        ByteWriter.putInt(b, b.length - 16, -1);
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative function count");
    }

    /** Version 9 had no functions: it still reads, as a database without any. */
    @Test
    void version9StillReadsWithoutFunctions() {
        Checkpoint back = Checkpoint.decode(withVectorIndex(8).encode(9));
        assertThat(back.vectorIndexes()).hasSize(1);
        assertThat(back.functions()).isEmpty();
    }

    @Test
    void version9CannotHoldFunctions() {
        Checkpoint base = sample();
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(),
                base.sequences(), base.views(), base.vectorIndexes(), List.of("public"), java.util.Map.of(),
                List.of(), List.of(), List.of(FUNCTION), List.of());
        assertThatThrownBy(() -> c.encode(9)).hasMessageContaining("no functions");
    }

    private static Checkpoint withTypes() {
        Checkpoint base = sample();
        io.kyrodb.engine.types.EnumType mood = io.kyrodb.engine.types.EnumType.of(70001, "mood",
                List.of("sad", "ok", "happy")).withLabel("meh", "ok", true);
        io.kyrodb.engine.types.DomainType email = new io.kyrodb.engine.types.DomainType(70003, "app.email",
                SqlType.TEXT, "'a@b'", true, List.of(new io.kyrodb.engine.types.DomainType.Check("email_check",
                "VALUE ~ '@'")));
        Change.CreateTable t = new Change.CreateTable("typed", List.of(
                new Column("m", SqlType.ofEnum(mood), false),
                new Column("ms", SqlType.arrayOf(SqlType.ofEnum(mood)), false),
                new Column("e", email.columnType(), false)), new int[0]);
        List<Checkpoint.TableEntry> tables = new java.util.ArrayList<>(base.tables());
        tables.add(new Checkpoint.TableEntry(t, 1, new long[0]));
        return new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), tables, base.indexes(),
                base.sequences(), base.views(), base.vectorIndexes(), List.of("app", "public"), java.util.Map.of(),
                List.of(), List.of(mood, email), List.of(), List.of());
    }

    /** Version 10 adds enum and domain definitions; columns name them by OID. */
    @Test
    void userTypesRoundTrip() {
        Checkpoint back = Checkpoint.decode(withTypes().encode());
        assertThat(back.types()).hasSize(2);
        io.kyrodb.engine.types.EnumType mood = (io.kyrodb.engine.types.EnumType) back.types().get(0);
        assertThat(mood.labels()).containsExactly("sad", "meh", "ok", "happy");
        assertThat(mood.order(1)).isEqualTo(1.5f);
        io.kyrodb.engine.types.DomainType email = (io.kyrodb.engine.types.DomainType) back.types().get(1);
        assertThat(email.key()).isEqualTo("app.email");
        assertThat(email.base()).isEqualTo(SqlType.TEXT);
        assertThat(email.defaultSql()).isEqualTo("'a@b'");
        assertThat(email.notNull()).isTrue();
        assertThat(email.checks()).containsExactly(new io.kyrodb.engine.types.DomainType.Check("email_check", "VALUE ~ '@'"));
        List<Column> columns = back.tables().get(2).definition().columns();
        assertThat(columns.get(0).type()).isEqualTo(new SqlType(TypeKind.ENUM, 70001));
        assertThat(columns.get(1).type().element()).isEqualTo(new SqlType(TypeKind.ENUM, 70001));
        assertThat(columns.get(2).type()).isEqualTo(new SqlType(TypeKind.DOMAIN, 70003));
        io.kyrodb.engine.catalog.Catalog catalog = io.kyrodb.engine.catalog.Catalog.empty().with(mood).with(email);
        List<Column> resolved = io.kyrodb.engine.catalog.UserTypes.resolve(catalog, columns);
        assertThat(resolved.get(0).type().enumType().labels()).hasSize(4);
        assertThat(resolved.get(2).type().domain().name()).isEqualTo("email");
        assertThat(resolved.get(2).type().kind()).isEqualTo(TypeKind.TEXT);
    }

    /** Version 9 had no user-defined types: it still reads, as a database without any; it cannot hold them. */
    @Test
    void version9StillReads() {
        Checkpoint back = Checkpoint.decode(sample().encode(9));
        assertThat(back.types()).isEmpty();
        assertThat(back.tables()).hasSize(2);
        assertThatThrownBy(() -> withTypes().encode(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeTypeCount() {
        byte[] b = sample().encode(14);   // ... | u32 0 (types) | u32 0 | u32 0 (version 11) | u32 0 (functions)
        ByteWriter.putInt(b, b.length - 28, -1);   // | u32 0 (triggers) | u32 0 (function flags) | crc
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative type count");
    }

    @Test
    void unknownUserTypeKind() {
        byte[] b = withTypes().encode(14);
        int at = b.length - 24;   // the domain's record ends the types (version 11's, the functions', triggers' and flags' counts, crc follow)
        ByteWriter dom = new ByteWriter(64);
        ChangeCodec.writeDomain(dom, (io.kyrodb.engine.types.DomainType) withTypes().types().get(1));
        b[at - dom.size() - 1] = 9;
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("unknown type kind 9");
    }

    @Test
    void enumLabelsOutOfOrder() {
        io.kyrodb.engine.types.EnumType bad = new io.kyrodb.engine.types.EnumType(5, "bad", List.of("a", "b"),
                new float[]{2, 1});
        Checkpoint base = sample();
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(),
                base.sequences(), base.views(), base.vectorIndexes(), List.of("public"), java.util.Map.of(),
                List.of(), List.of(bad), List.of(), List.of());
        assertThatThrownBy(() -> Checkpoint.decode(c.encode())).hasMessageContaining("labels out of sort order");
    }

    @Test
    void schemasAndCommentsRoundTrip() {
        Checkpoint base = withVectorIndex(8);
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(),
                base.sequences(), base.views(), base.vectorIndexes(), List.of("app", "public", "Mixed Case"),
                java.util.Map.of("r:app.t", "a table", "c:t\u0000v", "a column", "n:app", "ünïcode schema"));
        Checkpoint back = Checkpoint.decode(c.encode());
        assertThat(back.schemas()).containsExactly("app", "public", "Mixed Case");
        assertThat(back.comments()).isEqualTo(c.comments());
        assertThat(back.vectorIndexes()).hasSize(1);
        Checkpoint noPublic = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(),
                base.indexes(), base.sequences(), base.views(), base.vectorIndexes(), List.of(), java.util.Map.of());
        assertThat(Checkpoint.decode(noPublic.encode()).schemas()).isEmpty();
    }

    @Test
    void negativeSchemaAndCommentCounts() {
        byte[] good = v7(sample());   // ... | u32 1 | str "public" | u32 0 | crc
        byte[] b = good.clone();
        ByteWriter.putInt(b, b.length - 8, -1);
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative comment count");
        ByteWriter tail = new ByteWriter(16);
        tail.u32(1).string("public").u32(0);
        byte[] c = good.clone();
        ByteWriter.putInt(c, c.length - 4 - tail.size(), -1);
        fixCrc(c);
        assertThatThrownBy(() -> Checkpoint.decode(c)).hasMessageContaining("negative schema count");
    }

    private static void fixCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
    }

    private static void expect(Consumer<byte[]> damage, boolean fixCrc, String... parts) {
        byte[] b = v6(sample());
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
    void defaultsChecksAndSequencesRoundTrip() {
        SqlType bigint = new SqlType(TypeKind.BIGINT, 0);
        Change.CreateTable t = new Change.CreateTable("t", List.of(
                new Column("id", bigint, true, "nextval('t_id_seq')", null)), new int[]{0},
                List.of(new io.kyrodb.engine.catalog.CheckConstraint("t_id_check", "id > 0")));
        io.kyrodb.engine.catalog.Sequence s = new io.kyrodb.engine.catalog.Sequence("t_id_seq", bigint, 1, 1,
                Long.MAX_VALUE, 1, 1, false, "t.id", 64, true, true);
        Checkpoint c = new Checkpoint(5, 3, java.util.Map.of(), List.of(new Checkpoint.TableEntry(t, 1, new long[0])),
                List.of(), List.of(s), List.of());
        Checkpoint back = Checkpoint.decode(c.encode());
        assertThat(back.tables().get(0).definition().columns().get(0).defaultSql()).isEqualTo("nextval('t_id_seq')");
        assertThat(back.tables().get(0).definition().checks()).hasSize(1);
        assertThat(back.sequences()).hasSize(1);
        assertThat(back.sequences().get(0).loggedValue()).isEqualTo(64);
        assertThat(back.sequences().get(0).ownedBy()).isEqualTo("t.id");
        // u32 sequenceCount | str "t_id_seq" (4 + 8) | u8 kind | 5 x u64 | u8 cycle | str "t.id" (4 + 4) | u64 | u8
        // | u32 viewCount | u32 vectorIndexCount | crc
        byte[] b = v6(c);
        int count = b.length - 4 - 4 - 4 - (12 + 1 + 40 + 1 + 8 + 8 + 1) - 4;
        assertThat(ByteReader.getInt(b, count)).isEqualTo(1);
        ByteWriter.putInt(b, count, -1);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative sequence count");
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
        byte[] good = v6(sample());
        byte[] longer = new byte[good.length + 3];
        System.arraycopy(good, 0, longer, 0, good.length - 4);
        CRC32C crc = new CRC32C();
        crc.update(longer, 0, longer.length - 4);
        ByteWriter.putInt(longer, longer.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> Checkpoint.decode(longer)).hasMessageContaining("bytes after the last vector index");
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

    /**
     * The layout of versions 2 and 3, written here by hand: no defaults, checks or sequences, and
     * (version 2) no index section.
     */
    private static byte[] encodeOld(Checkpoint c, int version) {
        ByteWriter out = new ByteWriter(256);
        out.bytes(Checkpoint.MAGIC).u32(version).u64(c.walLsn()).u64(c.nextRunId()).u32(0);
        out.u32(c.tables().size());
        for (Checkpoint.TableEntry t : c.tables()) {
            ChangeCodec.writeTable(out, t.definition());
            out.u64(t.nextRowId()).u32(t.runIds().length);
            for (long id : t.runIds()) {
                out.u64(id);
            }
        }
        if (version >= 3) {
            out.u32(c.indexes().size());
            for (Checkpoint.IndexEntry i : c.indexes()) {
                ChangeCodec.writeIndex(out, i.definition());
                out.u32(i.runIds().length);
                for (long id : i.runIds()) {
                    out.u64(id);
                }
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.u32((int) crc.getValue());
        return out.toByteArray();
    }

    /** Version 2 had no index section: it still reads, as a database without indexes. */
    @Test
    void version2StillReads() {
        Checkpoint back = Checkpoint.decode(encodeOld(sample(), 2));
        assertThat(back.tables()).hasSize(2);
        assertThat(back.indexes()).isEmpty();
        assertThat(back.sequences()).isEmpty();
    }

    /** Version 3 had no defaults, checks or sequences: it still reads, as a database without them. */
    @Test
    void version3StillReads() {
        Checkpoint back = Checkpoint.decode(encodeOld(withIndex(), 3));
        assertThat(back.tables()).hasSize(2);
        assertThat(back.tables().get(0).runIds()).containsExactly(9, 4, 2);
        assertThat(back.tables().get(0).definition().checks()).isEmpty();
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.sequences()).isEmpty();
    }

    /** Version 4 had no view section: it still reads, as a database without views. */
    @Test
    void version4StillReads() {
        byte[] v6 = v6(withIndex());
        byte[] v4 = new byte[v6.length - 8];
        System.arraycopy(v6, 0, v4, 0, v6.length - 12);   // all but the view and vector index counts and the CRC
        ByteWriter.putInt(v4, 8, 4);
        CRC32C crc = new CRC32C();
        crc.update(v4, 0, v4.length - 4);
        ByteWriter.putInt(v4, v4.length - 4, (int) crc.getValue());
        Checkpoint back = Checkpoint.decode(v4);
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.views()).isEmpty();
    }

    /** Version 8 adds expression and partial indexes: their texts round-trip, beside a plain index. */
    @Test
    void expressionAndPartialIndexesRoundTrip() {
        Checkpoint base = withIndex();
        Change.CreateIndex expr = new Change.CreateIndex("t_lower", "t", new int[]{-1, 0}, new boolean[]{false, true},
                true, new String[]{"lower(v)", null}, "v IS NOT NULL");
        List<Checkpoint.IndexEntry> indexes = new java.util.ArrayList<>(base.indexes());
        indexes.add(new Checkpoint.IndexEntry(expr, new long[]{5}));
        Checkpoint back = Checkpoint.decode(new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(),
                base.tables(), indexes).encode());
        assertThat(back.indexes()).hasSize(2);
        assertThat(back.indexes().get(0).definition().hasExtras()).isFalse();
        Change.CreateIndex e = back.indexes().get(1).definition();
        assertThat(e.columns()).containsExactly(-1, 0);
        assertThat(e.expressions()).containsExactly("lower(v)", null);
        assertThat(e.predicate()).isEqualTo("v IS NOT NULL");
        assertThat(back.indexes().get(1).runIds()).containsExactly(5);
    }

    /** Version 8 (expression indexes, no materialized views yet) still reads, its index extras included. */
    @Test
    void version8StillReads() {
        Checkpoint base = withIndex();
        Change.CreateIndex expr = new Change.CreateIndex("t_lower", "t", new int[]{-1}, new boolean[]{false},
                false, new String[]{"lower(v)"}, null);
        List<Checkpoint.IndexEntry> indexes = new java.util.ArrayList<>(base.indexes());
        indexes.add(new Checkpoint.IndexEntry(expr, new long[0]));
        Checkpoint c = new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), indexes);
        Checkpoint back = Checkpoint.decode(c.encode(8));
        assertThat(back.indexes().get(1).definition().expressions()).containsExactly("lower(v)");
        assertThat(back.materializedViews()).isEmpty();
        assertThatThrownBy(() -> c.encode(7)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Version 7 had no expression or partial indexes: its index section still reads. */
    @Test
    void version7IndexSectionStillReads() {
        Checkpoint back = Checkpoint.decode(withIndex().encode(7));
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.indexes().get(0).definition().columns()).containsExactly(1, 0);
        assertThat(back.indexes().get(0).definition().hasExtras()).isFalse();
    }

    @Test
    void viewsRoundTrip() {
        Checkpoint base = withIndex();
        Change.CreateView v = new Change.CreateView("v", List.of("a"), "SELECT v FROM t", List.of("t"));
        Checkpoint back = Checkpoint.decode(new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(),
                base.tables(), base.indexes(), List.of(), List.of(v)).encode());
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.views()).containsExactly(v);
    }

    @Test
    void negativeViewCount() {
        expect(b -> ByteWriter.putInt(b, b.length - 12, -1), true, "negative view count");
    }

    @Test
    void negativeIndexCount() {
        expect(b -> ByteWriter.putInt(b, b.length - 20, -1), true, "negative index count");   // then sequences, views, vector indexes, crc
    }

    @Test
    void indexWithoutColumns() {
        byte[] good = v6(withIndex());
        // index := str "t_v" | str "t" | u8 unique | u16 n ...; n sits 4 + 3 + 4 + 1 + 1 bytes after the index count.
        int indexCount = good.length - 4 - 4 - (4 + 3 + 4 + 1 + 1 + 2 + 2 * 3 + 4 + 2 * 8) - 4 - 4 - 4;   // before: sequences, views, vector indexes
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

    private static Checkpoint withVectorIndex(int dimensions) {
        Checkpoint base = withIndex();
        return new Checkpoint(base.walLsn(), base.nextRunId(), base.settings(), base.tables(), base.indexes(), List.of(),
                List.of(), List.of(new io.kyrodb.engine.catalog.VectorIndexDef("t_emb", "t", 1, new io.kyrodb.engine.vector.VectorIndexSpec(
                        dimensions, io.kyrodb.engine.vector.VectorDistance.COSINE, 8, 40,
                        io.kyrodb.engine.vector.VectorQuantization.INT4), 0x1234_5678_9abcL)));
    }

    @Test
    void vectorIndexesRoundTrip() {
        Checkpoint back = Checkpoint.decode(withVectorIndex(384).encode());
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.vectorIndexes()).containsExactlyElementsOf(withVectorIndex(384).vectorIndexes());
        assertThat(back.vectorIndexes().get(0).directoryName()).isEqualTo("t_emb-123456789abc");
    }

    /** Version 5 had no vector index section: it still reads, as a database without HNSW indexes. */
    @Test
    void version5StillReads() {
        byte[] v6 = v6(withIndex());
        byte[] v5 = new byte[v6.length - 4];
        System.arraycopy(v6, 0, v5, 0, v6.length - 8);   // all but the vector index count and the CRC
        ByteWriter.putInt(v5, 8, 5);
        CRC32C crc = new CRC32C();
        crc.update(v5, 0, v5.length - 4);
        ByteWriter.putInt(v5, v5.length - 4, (int) crc.getValue());
        Checkpoint back = Checkpoint.decode(v5);
        assertThat(back.indexes()).hasSize(1);
        assertThat(back.vectorIndexes()).isEmpty();
    }

    @Test
    void negativeVectorIndexCount() {
        expect(b -> ByteWriter.putInt(b, b.length - 8, -1), true, "negative vector index count");
    }

    /** vectorIndex := str name | str table | u16 column | u32 dims | u8 distance | u16 m | u16 ef | u8 quantization | u64 id */
    private static void expectVectorDamage(int fromEnd, byte value, String message) {
        byte[] b = v6(withVectorIndex(384));
        b[b.length - 4 - fromEnd] = value;
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> Checkpoint.decode(b)).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void unknownVectorDistance() {
        expectVectorDamage(8 + 1 + 2 + 2 + 1, (byte) 9, "unknown vector distance 9");
    }

    @Test
    void unknownVectorQuantization() {
        expectVectorDamage(8 + 1, (byte) 9, "unknown vector quantization 9");
    }

    @Test
    void vectorIndexOutOfRange() {
        expectVectorDamage(8 + 1 + 2 + 1, (byte) 1, "value 1 out of bounds for option \"m\"");   // m = 1
    }

    /** Reads a big-endian u32 (the test's own, so it does not lean on the reader it checks). */
    private static final class ByteReaderProbe {
        static int u32(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }
    }
}
