package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndexSpec;
import io.kyrodb.engine.vector.VectorQuantization;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a transaction's changes as one WAL record payload, and table definitions in checkpoints.
 * <pre>
 * payload  := u32 count, change*
 * change   := u8 tag (1 create, 2 drop, 3 put, 4 delete, 5 create index, 6 drop index,
 *             7 create with defaults/checks, 8 create sequence, 9 drop sequence, 10 alter table,
 *             11 create view, 12 drop view,
 *             13 create vector index (hnsw; drop index, 6, drops it),
 *             14 create schema, 15 drop schema, 16 comment,
 *             17 create view whose search path is not public alone,
 *             18 create expression or partial index,
 *             20 create materialized view, 21 refresh materialized view,
 *             23 define enum type, 24 define domain, 25 drop type,
 *             27 create with generated columns or deferrable foreign keys, 28 alter table with them,
 *             29 create index with a shape (deferrable, INCLUDE columns, NULLS order),
 *             30 create function, 31 drop function, 33 define trigger (see {@link RoutineCodec}),
 *             34 create function with flags (30's body, then u8 flags: bit 0 RETURNS void, bit 1 OUT
 *                parameters, which are then its table columns, bit 2 procedure, bit 3 VARIADIC: the last
 *                argument is the variadic array);
 *             32, the triggers lane's own function record before the lanes merged, is never written), then
 *             create: str name, u16 ncols, (str name, type, bool notNull)*,
 *                     u16 npk, u16 column*
 *             create with defaults/checks: create, then u16 ncols, (u8 hasDefault, [str default],
 *                     u8 identity (0 none, 1 always, 2 by default))*, u16 nchecks, (str name, str sql)*,
 *                     u16 nfks, (str name, u16 n, u16 column*, str refTable, u16 column*, u8 onDelete,
 *                     u8 onUpdate)*   (actions: ForeignKey.Action ordinals)
 *             alter table: create with defaults/checks (the new definition of an existing table)
 *             create/alter table with generated columns or deferrable foreign keys: create with
 *                     defaults/checks, then u16 ncols, (u8 generated, [str expression])*   (GENERATED
 *                     ALWAYS AS (expression) STORED), u16 nfks, u8 timing*   (per foreign key, in order)
 *             create index with a shape: create expression or partial index, then shape
 *             shape: u8 timing (| 4: a unique index that is no constraint), u16 include (how many of the last parts are INCLUDE columns),
 *                     u8 hasNulls, [u8 nullsFirst per part]   (IndexShape)
 *             timing: bit 0 DEFERRABLE, bit 1 INITIALLY DEFERRED
 *             create sequence: str name, u8 type kind, i64 increment, min, max, start, cache, u8 cycle,
 *                     str ownedBy ("" none), i64 value, u8 called   (the state a restart continues from)
 *             drop sequence: str name
 *             drop:   str name
 *             put:    str table, key, row          (table: a table's or an index's name)
 *             delete: str table, key
 *             create index: str name, str table, bool unique, u16 n, (u16 column, bool descending)*
 *             create expression or partial index: create index (column 0xFFFF for an expression), then
 *                     (u8 has, [str sql])* per key part, u8 has, [str predicate]
 *             drop index:   str name
 *             create vector index: str name, str table, u16 column, u32 dimensions, u8 distance ordinal,
 *                     u16 m, u16 ef_construction, u8 quantization ordinal, u64 id
 *             create view:  str name, u16 n, str column*, str query, u16 m, str dependsOn*
 *             drop view:    str name
 *             create view with path: create view, then u16 n, str schema*
 *             create schema: str name
 *             drop schema:   str name
 *             comment:       str key, u8 present, [str text]   (key: Catalog's comment key)
 *             create materialized view: str name (its table's), str query, u16 n, str schema*, u8 populated
 *             refresh materialized view: str name, u8 populated
 *             (DROP MATERIALIZED VIEW is a drop, 2, of its table)
 *             define enum type: str key, u32 oid, u32 n, (str label, f32 sort order)*   (replaces one of that oid)
 *             define domain: str key, u32 oid, type base, u8 has, [str default], u8 notNull,
 *                     u16 n, (str name, str sql)*   (its CHECK constraints)
 *             drop type: str key
 *             create function: str schema, str name, u16 nargs, (u8 named, [str name], type, u8 hasDefault,
 *                              [str default])*, u8 hasReturnType, [type], u8 setof, u16 ncols, (str name, type)*,
 *                              str language, str body, u8 standardBody, u8 volatility (i/s/v), u8 strict
 *             drop function:   str key, u16 nargs, type*
 * key      := u8 0 then value (single), or u8 1, u16 n, value* (composite)
 * row      := u16 ncols, value*
 * type     := u8 kind ordinal, u32 length (varchar's limit, vector's dimensions; for kinds ENUM
 *             and DOMAIN the type's oid), and for an array (kind ARRAY) then its element's type
 * </pre>
 * Values and strings are {@link ValueCodec}'s; integers big-endian. These tags are on disk: never
 * renumber them; add new ones.
 */
public final class ChangeCodec {
    private static final TypeKind[] KINDS = TypeKind.values();
    private static final VectorDistance[] DISTANCES = VectorDistance.values();
    private static final VectorQuantization[] QUANTIZATIONS = VectorQuantization.values();

    private ChangeCodec() {
    }

    public static byte[] encode(List<Change> changes) {
        ByteWriter out = new ByteWriter(64 * changes.size() + 16);
        out.u32(changes.size());
        for (Change c : changes) {
            write(out, c);
        }
        return out.toByteArray();
    }

    /** Decodes a payload; {@code where} names the record for the corruption error. */
    public static List<Change> decode(byte[] payload, String where) {
        ByteReader in = new ByteReader(payload);
        try {
            int n = in.u32();
            if (n < 0) {
                throw new FormatException(0, "negative change count " + n);
            }
            List<Change> out = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                out.add(read(in));
            }
            if (in.remaining() > 0) {
                throw new FormatException(in.position(), in.remaining() + " trailing bytes");
            }
            return out;
        } catch (FormatException e) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "corrupt change record " + where + ": " + e.getMessage(), e);
        }
    }

    static void write(ByteWriter out, Change c) {
        switch (c) {
            case Change.CreateTable t when hasDdlExtras(t) -> {
                out.u8(27);
                writeTable(out, t);
                writeExtras(out, t);
                writeGenerated(out, t);
            }
            case Change.AlterTable a when hasDdlExtras(a.definition()) -> {
                out.u8(28);
                writeTable(out, a.definition());
                writeExtras(out, a.definition());
                writeGenerated(out, a.definition());
            }
            case Change.CreateTable t when hasExtras(t) -> {
                out.u8(7);
                writeTable(out, t);
                writeExtras(out, t);
            }
            case Change.CreateTable t -> {
                out.u8(1);
                writeTable(out, t);
            }
            case Change.CreateSequence s -> {
                out.u8(8);
                writeSequence(out, s.sequence());
            }
            case Change.DropSequence d -> out.u8(9).string(d.name());
            case Change.AlterTable a -> {
                out.u8(10);
                writeTable(out, a.definition());
                writeExtras(out, a.definition());
            }
            case Change.DropTable d -> out.u8(2).string(d.name());
            case Change.Put p -> {
                out.u8(3).string(p.table());
                writeKey(out, p.key());
                ValueCodec.writeRow(out, p.row());
            }
            case Change.Delete d -> {
                out.u8(4).string(d.table());
                writeKey(out, d.key());
            }
            case Change.CreateIndex i when i.shaped() -> {
                out.u8(29);
                writeIndex(out, i);
                writeIndexExtras(out, i);
                writeShape(out, i);
            }
            case Change.CreateIndex i when i.hasExtras() -> {
                out.u8(18);
                writeIndex(out, i);
                writeIndexExtras(out, i);
            }
            case Change.CreateIndex i -> {
                out.u8(5);
                writeIndex(out, i);
            }
            case Change.DropIndex d -> out.u8(6).string(d.name());
            case Change.CreateVectorIndex v -> {
                out.u8(13);
                writeVectorIndex(out, v.definition());
            }
            case Change.CreateView v when v.checkOption() != null -> {
                out.u8(37);   // WITH [LOCAL | CASCADED] CHECK OPTION
                writeView(out, v);
                writeStrings(out, v.searchPath());
                out.u8(checkOptionCode(v.checkOption()));
            }
            case Change.CreateView v when v.searchPath().equals(List.of(io.kyrodb.engine.catalog.SchemaNames.PUBLIC)) -> {
                out.u8(11);
                writeView(out, v);
            }
            case Change.CreateView v -> {
                out.u8(17);
                writeView(out, v);
                writeStrings(out, v.searchPath());
            }
            case Change.DropView d -> out.u8(12).string(d.name());
            case Change.CreateMaterializedView m -> {
                out.u8(20);
                writeMaterializedView(out, m);
            }
            case Change.RefreshMaterializedView r -> out.u8(21).string(r.name()).u8(r.populated() ? 1 : 0);
            case Change.CreateFunction f -> {
                out.u8(f.function().flags() != 0 ? 34 : 30);   // 34: with the flags of version 14
                writeFunction(out, f.function());
                if (f.function().flags() != 0) {
                    out.u8(functionFlags(f.function()));
                }
            }
            case Change.DropFunction d -> {
                out.u8(31).string(d.key()).u16(d.argumentTypes().size());
                d.argumentTypes().forEach(t -> writeType(out, t));
            }
            case Change.CreateSchema cs -> out.u8(14).string(cs.name());
            case Change.DefineType d when d.type() instanceof io.kyrodb.engine.types.EnumType e -> {
                out.u8(23);
                writeEnum(out, e);
            }
            case Change.DefineType d -> {
                out.u8(24);
                writeDomain(out, (io.kyrodb.engine.types.DomainType) d.type());
            }
            case Change.DropType d -> out.u8(25).string(d.key());
            case Change.DropSchema d -> out.u8(15).string(d.name());
            case Change.DefineTrigger t -> RoutineCodec.write(out.u8(33), t);
            case Change.DefineAccess a -> AccessCodec.write(out.u8(40), a.access());
            case Change.Comment cm -> {
                out.u8(16).string(cm.key()).u8(cm.text() == null ? 0 : 1);
                if (cm.text() != null) {
                    out.string(cm.text());
                }
            }
        }
    }

    static Change read(ByteReader in) {
        int at = in.position();
        int tag = in.u8();
        return switch (tag) {
            case 1 -> readTable(in);
            case 2 -> new Change.DropTable(in.string());
            case 3 -> new Change.Put(in.string(), readKey(in), ValueCodec.readRow(in));
            case 4 -> new Change.Delete(in.string(), readKey(in));
            case 5 -> readIndex(in);
            case 18 -> readIndexExtras(in, readIndex(in));
            case 6 -> new Change.DropIndex(in.string());
            case 7 -> readExtras(in, readTable(in));
            case 8 -> new Change.CreateSequence(readSequence(in));
            case 9 -> new Change.DropSequence(in.string());
            case 10 -> new Change.AlterTable(readExtras(in, readTable(in)));
            case 27 -> readGenerated(in, readExtras(in, readTable(in)));
            case 28 -> new Change.AlterTable(readGenerated(in, readExtras(in, readTable(in))));
            case 29 -> readShape(in, readIndexExtras(in, readIndex(in)));
            case 11 -> readView(in);
            case 12 -> new Change.DropView(in.string());
            case 13 -> new Change.CreateVectorIndex(readVectorIndex(in));
            case 14 -> new Change.CreateSchema(in.string());
            case 17 -> withPath(readView(in), readStrings(in));
            case 37 -> withCheckOption(withPath(readView(in), readStrings(in)), in, at);
            case 20 -> readMaterializedView(in);
            case 21 -> new Change.RefreshMaterializedView(in.string(), in.u8() != 0);
            case 30 -> new Change.CreateFunction(readFunction(in));
            case 34 -> new Change.CreateFunction(withFlags(readFunction(in), in));
            case 31 -> {
                String key = in.string();
                int n = in.u16();
                List<SqlType> types = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    types.add(readType(in));
                }
                yield new Change.DropFunction(key, types);
            }
            case 15 -> new Change.DropSchema(in.string());
            case 23 -> new Change.DefineType(readEnum(in));
            case 24 -> new Change.DefineType(readDomain(in));
            case 25 -> new Change.DropType(in.string());
            case 16 -> {
                String key = in.string();
                yield new Change.Comment(key, in.u8() == 0 ? null : in.string());
            }
            case 33 -> RoutineCodec.readTriggerChange(in);
            case 40 -> new Change.DefineAccess(AccessCodec.read(in));
            default -> throw new FormatException(at, "unknown change tag " + tag);
        };
    }

    /** A user function's definition without the tag: the body of change 30, also used by checkpoints. */
    public static void writeFunction(ByteWriter out, io.kyrodb.engine.catalog.UserFunction f) {
        out.string(f.schema()).string(f.name()).u16(f.arguments().size());
        for (io.kyrodb.engine.catalog.UserFunction.Argument a : f.arguments()) {
            out.u8(a.name() != null ? 1 : 0);
            if (a.name() != null) {
                out.string(a.name());
            }
            writeType(out, a.type());
            out.u8(a.defaultText() != null ? 1 : 0);
            if (a.defaultText() != null) {
                out.string(a.defaultText());
            }
        }
        out.u8(f.returnType() != null ? 1 : 0);
        if (f.returnType() != null) {
            writeType(out, f.returnType());
        }
        out.u8(f.setof() ? 1 : 0).u16(f.tableColumns().size());
        for (Column c : f.tableColumns()) {
            out.string(c.name());
            writeType(out, c.type());
        }
        out.string(f.language()).string(f.body()).u8(f.standardBody() ? 1 : 0).u8(f.volatility())
                .u8(f.strict() ? 1 : 0);
    }

    public static io.kyrodb.engine.catalog.UserFunction readFunction(ByteReader in) {
        String schema = in.string();
        String name = in.string();
        int n = in.u16();
        List<io.kyrodb.engine.catalog.UserFunction.Argument> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String argName = in.u8() != 0 ? in.string() : null;
            SqlType type = readType(in);
            String defaultText = in.u8() != 0 ? in.string() : null;
            args.add(new io.kyrodb.engine.catalog.UserFunction.Argument(argName, type, defaultText));
        }
        SqlType returnType = in.u8() != 0 ? readType(in) : null;
        boolean setof = in.u8() != 0;
        int nc = in.u16();
        List<Column> columns = new ArrayList<>(nc);
        for (int i = 0; i < nc; i++) {
            columns.add(new Column(in.string(), readType(in), false));
        }
        String language = in.string();
        String body = in.string();
        boolean standard = in.u8() != 0;
        int at = in.position();
        char volatility = (char) in.u8();
        if ("isv".indexOf(volatility) < 0) {
            throw new FormatException(at, "unknown function volatility " + (int) volatility);
        }
        boolean strict = in.u8() != 0;
        return new io.kyrodb.engine.catalog.UserFunction(schema, name, args, returnType, setof, columns, language, body,
                standard, volatility, strict);
    }

    /** Bit 0: RETURNS void; bit 1: OUT parameters; bit 2: a procedure; bit 3: VARIADIC (UserFunction's flags). The other bits are 0 (a reader refuses them). */
    public static int functionFlags(io.kyrodb.engine.catalog.UserFunction f) {
        return f.flags();
    }

    /** {@code f} with the flags byte that follows it (change 34, checkpoint version 14's function extras). */
    public static io.kyrodb.engine.catalog.UserFunction withFlags(io.kyrodb.engine.catalog.UserFunction f, ByteReader in) {
        int at = in.position();
        int flags = in.u8();
        if ((flags & ~15) != 0) {
            throw new FormatException(at, "unknown function flags " + flags);
        }
        return new io.kyrodb.engine.catalog.UserFunction(f.schema(), f.name(), f.arguments(), f.returnType(), f.setof(),
                f.tableColumns(), f.language(), f.body(), f.standardBody(), f.volatility(), f.strict(), flags);
    }

    /** A materialized view's definition without the tag: the body of change 20, also used by checkpoints. */
    public static Change.CreateMaterializedView readMaterializedView(ByteReader in) {
        String name = in.string();
        String query = in.string();
        List<String> path = readStrings(in);
        return new Change.CreateMaterializedView(name, query, path, in.u8() != 0);
    }

    public static void writeMaterializedView(ByteWriter out, Change.CreateMaterializedView m) {
        out.string(m.name()).string(m.query());
        writeStrings(out, m.searchPath());
        out.u8(m.populated() ? 1 : 0);
    }

    /**
     * An index definition, without the tag: the body of a CreateIndex change, also used by checkpoints.
     * {@code str name | str table | u8 unique | u16 n | (u16 column | u8 descending)*}
     */
    public static void writeIndex(ByteWriter out, Change.CreateIndex i) {
        out.string(i.name()).string(i.table()).u8(i.unique() ? 1 : 0).u16(i.columns().length);
        for (int c = 0; c < i.columns().length; c++) {
            out.u16(i.columns()[c] < 0 ? EXPRESSION_COLUMN : i.columns()[c]).u8(i.descending()[c] ? 1 : 0);
        }
    }

    /** The column number an expression's key part has on disk. */
    private static final int EXPRESSION_COLUMN = 0xFFFF;

    /**
     * What an expression or partial index adds after {@link #writeIndex} (WAL tag 18, checkpoint
     * format 8): {@code (u8 has | str sql)} per key part (0 for a column), then {@code u8 has | str predicate}.
     */
    public static void writeIndexExtras(ByteWriter out, Change.CreateIndex i) {
        for (int c = 0; c < i.columns().length; c++) {
            String e = i.expressions() == null ? null : i.expressions()[c];
            out.u8(e == null ? 0 : 1);
            if (e != null) {
                out.string(e);
            }
        }
        out.u8(i.predicate() == null ? 0 : 1);
        if (i.predicate() != null) {
            out.string(i.predicate());
        }
    }

    public static Change.CreateIndex readIndexExtras(ByteReader in, Change.CreateIndex i) {
        String[] expressions = new String[i.columns().length];
        boolean any = false;
        for (int c = 0; c < expressions.length; c++) {
            int at = in.position();
            if (in.u8() != 0) {
                expressions[c] = in.string();
                any = true;
            }
            if ((expressions[c] == null) != (i.columns()[c] >= 0)) {
                throw new FormatException(at, "index \"" + i.name() + "\": key part " + c
                        + " is both or neither a column and an expression");
            }
        }
        String predicate = in.u8() == 0 ? null : in.string();
        return new Change.CreateIndex(i.name(), i.table(), i.columns(), i.descending(), i.unique(),
                any ? expressions : null, predicate);
    }

    public static Change.CreateIndex readIndex(ByteReader in) {
        String name = in.string();
        String table = in.string();
        boolean unique = in.u8() != 0;
        int at = in.position();
        int n = in.u16();
        if (n == 0) {
            throw new FormatException(at, "index \"" + name + "\" has no columns");
        }
        int[] columns = new int[n];
        boolean[] descending = new boolean[n];
        for (int c = 0; c < n; c++) {
            columns[c] = in.u16();
            columns[c] = columns[c] == EXPRESSION_COLUMN ? -1 : columns[c];
            descending[c] = in.u8() != 0;
        }
        return new Change.CreateIndex(name, table, columns, descending, unique);
    }

    /** An HNSW index definition, without the tag: the body of a CreateVectorIndex change, also used by checkpoints. */
    public static void writeVectorIndex(ByteWriter out, VectorIndexDef v) {
        VectorIndexSpec spec = v.spec();
        out.string(v.name()).string(v.table()).u16(v.column()).u32(spec.dimensions()).u8(spec.distance().ordinal())
                .u16(spec.m()).u16(spec.efConstruction()).u8(spec.quantization().ordinal()).u64(v.id());
    }

    public static VectorIndexDef readVectorIndex(ByteReader in) {
        String name = in.string();
        String table = in.string();
        int column = in.u16();
        int dimensions = in.u32();
        int at = in.position();
        int distance = in.u8();
        if (distance >= DISTANCES.length) {
            throw new FormatException(at, "unknown vector distance " + distance);
        }
        int m = in.u16();
        int efConstruction = in.u16();
        at = in.position();
        int quantization = in.u8();
        if (quantization >= QUANTIZATIONS.length) {
            throw new FormatException(at, "unknown vector quantization " + quantization);
        }
        long id = in.u64();
        VectorIndexSpec spec;
        try {
            spec = new VectorIndexSpec(dimensions, DISTANCES[distance], m, efConstruction, QUANTIZATIONS[quantization]);
        } catch (KyroException e) {
            throw new FormatException(at, "vector index \"" + name + "\": " + e.getMessage());
        }
        return new VectorIndexDef(name, table, column, spec, id);
    }

    /** A view definition, without the tag: the body of a CreateView change, also used by checkpoints. */
    public static void writeView(ByteWriter out, Change.CreateView v) {
        out.string(v.name()).u16(v.columns().size());
        for (String c : v.columns()) {
            out.string(c);
        }
        out.string(v.query()).u16(v.dependsOn().size());
        for (String d : v.dependsOn()) {
            out.string(d);
        }
    }

    /** u16 n, str* (a view's search path). */
    public static void writeStrings(ByteWriter out, List<String> strings) {
        out.u16(strings.size());
        for (String s : strings) {
            out.string(s);
        }
    }

    public static List<String> readStrings(ByteReader in) {
        int n = in.u16();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.string());
        }
        return out;
    }

    public static Change.CreateView withPath(Change.CreateView v, List<String> searchPath) {
        return new Change.CreateView(v.name(), v.columns(), v.query(), v.dependsOn(), searchPath, v.checkOption());
    }

    /** A view's check option on disk (change 37, checkpoint version 19): 1 local, 2 cascaded. */
    public static int checkOptionCode(String checkOption) {
        return switch (checkOption) {
            case "local" -> 1;
            case "cascaded" -> 2;
            default -> throw new IllegalArgumentException("check option " + checkOption);
        };
    }

    /** {@code v} with the check option read from {@code in} (u8, see {@link #checkOptionCode}). */
    public static Change.CreateView withCheckOption(Change.CreateView v, ByteReader in, int at) {
        int code = in.u8();
        String option = switch (code) {
            case 1 -> "local";
            case 2 -> "cascaded";
            default -> throw new FormatException(at, "unknown check option " + code + " of view " + v.name());
        };
        return new Change.CreateView(v.name(), v.columns(), v.query(), v.dependsOn(), v.searchPath(), option);
    }

    public static Change.CreateView readView(ByteReader in) {
        String name = in.string();
        int n = in.u16();
        List<String> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(in.string());
        }
        String query = in.string();
        int m = in.u16();
        List<String> dependsOn = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            dependsOn.add(in.string());
        }
        return new Change.CreateView(name, columns, query, dependsOn);
    }

    /** A table definition, without the tag: the body of a CreateTable change, also used by checkpoints. */
    public static void writeTable(ByteWriter out, Change.CreateTable t) {
        out.string(t.name());
        out.u16(t.columns().size());
        for (Column col : t.columns()) {
            out.string(col.name());
            writeType(out, col.type());
            out.u8(col.notNull() ? 1 : 0);
        }
        out.u16(t.primaryKey().length);
        for (int k : t.primaryKey()) {
            out.u16(k);
        }
    }

    /** An enum type's definition (the body of change 23, also used by checkpoints). */
    public static void writeEnum(ByteWriter out, io.kyrodb.engine.types.EnumType e) {
        out.string(e.key()).u32(e.oid()).u32(e.size());
        for (int i = 0; i < e.size(); i++) {
            out.string(e.labels().get(i)).u32(Float.floatToRawIntBits(e.order(i)));
        }
    }

    public static io.kyrodb.engine.types.EnumType readEnum(ByteReader in) {
        String key = in.string();
        int oid = in.u32();
        int at = in.position();
        int n = in.u32();
        if (n < 0 || n > in.remaining() / 8) {
            throw new FormatException(at, "enum of " + n + " labels overruns the record");
        }
        List<String> labels = new ArrayList<>(n);
        float[] orders = new float[n];
        for (int i = 0; i < n; i++) {
            labels.add(in.string());
            orders[i] = Float.intBitsToFloat(in.u32());
            if (i > 0 && !(orders[i] > orders[i - 1])) {
                throw new FormatException(in.position() - 4, "enum " + key + " labels out of sort order");
            }
        }
        return new io.kyrodb.engine.types.EnumType(oid, key, labels, orders);
    }

    /** A domain's definition (the body of change 24, also used by checkpoints). */
    public static void writeDomain(ByteWriter out, io.kyrodb.engine.types.DomainType d) {
        out.string(d.key()).u32(d.oid());
        writeType(out, d.base());
        out.u8(d.defaultSql() == null ? 0 : 1);
        if (d.defaultSql() != null) {
            out.string(d.defaultSql());
        }
        out.u8(d.notNull() ? 1 : 0).u16(d.checks().size());
        for (io.kyrodb.engine.types.DomainType.Check c : d.checks()) {
            out.string(c.name()).string(c.sql());
        }
    }

    public static io.kyrodb.engine.types.DomainType readDomain(ByteReader in) {
        String key = in.string();
        int oid = in.u32();
        SqlType base = readType(in);
        String defaultSql = in.u8() == 0 ? null : in.string();
        boolean notNull = in.u8() != 0;
        int n = in.u16();
        List<io.kyrodb.engine.types.DomainType.Check> checks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            checks.add(new io.kyrodb.engine.types.DomainType.Check(in.string(), in.string()));
        }
        return new io.kyrodb.engine.types.DomainType(oid, key, base, defaultSql, notNull, checks);
    }

    /**
     * A column type: u8 kind ordinal, u32 length; an array then its element type the same way.
     * User types are stored by OID ({@link io.kyrodb.engine.catalog.UserTypes#stored}).
     */
    static void writeType(ByteWriter out, SqlType type) {
        type = io.kyrodb.engine.catalog.UserTypes.stored(type);
        out.u8(type.kind().ordinal());
        out.u32(type.length());
        if (type.kind() == TypeKind.ARRAY) {
            writeType(out, type.element());
        }
    }

    static SqlType readType(ByteReader in) {
        int at = in.position();
        int kind = in.u8();
        if (kind >= KINDS.length) {
            throw new FormatException(at, "unknown type kind " + kind);
        }
        int length = in.u32();
        if (KINDS[kind] == TypeKind.ARRAY) {
            SqlType element = readType(in);
            if (element.kind() == TypeKind.ARRAY) {
                throw new FormatException(at, "array of arrays at offset " + at);
            }
            return new SqlType(TypeKind.ARRAY, length, element);
        }
        return new SqlType(KINDS[kind], length);
    }

    public static Change.CreateTable readTable(ByteReader in) {
        String name = in.string();
        int n = in.u16();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String col = in.string();
            columns.add(new Column(col, readType(in), in.u8() != 0));
        }
        int[] pk = new int[in.u16()];
        for (int i = 0; i < pk.length; i++) {
            int at = in.position();
            pk[i] = in.u16();
            if (pk[i] >= n) {
                throw new FormatException(at, "primary key column " + pk[i] + " of a table with " + n + " columns");
            }
        }
        return new Change.CreateTable(name, columns, pk);
    }

    /** Whether a table has generated columns or deferrable foreign keys (WAL tags 27 and 28, checkpoint version 11). */
    public static boolean hasDdlExtras(Change.CreateTable t) {
        for (Column c : t.columns()) {
            if (c.generated()) {
                return true;
            }
        }
        return t.foreignKeys().stream().anyMatch(ForeignKey::deferrable);
    }

    /** A constraint's timing byte: bit 0 DEFERRABLE, bit 1 INITIALLY DEFERRED. */
    public static int timing(boolean deferrable, boolean initiallyDeferred) {
        return (deferrable ? 1 : 0) | (initiallyDeferred ? 2 : 0);
    }

    private static int readTiming(ByteReader in) {
        int at = in.position();
        int t = in.u8();
        if (t > 3) {
            throw new FormatException(at, "bad constraint timing " + t);
        }
        return t;
    }

    /** An index's {@link io.kyrodb.engine.catalog.IndexShape}: what tag 29 adds, and checkpoint 11 keeps. */
    public static void writeShape(ByteWriter out, Change.CreateIndex i) {
        io.kyrodb.engine.catalog.IndexShape s = i.shape();
        out.u8(timing(s.deferrable(), s.initiallyDeferred()) | (s.indexOnly() ? 4 : 0)).u16(s.include()).u8(s.nullsFirst() == null ? 0 : 1);
        if (s.nullsFirst() != null) {
            for (boolean f : s.nullsFirst()) {
                out.u8(f ? 1 : 0);
            }
        }
    }

    public static Change.CreateIndex readShape(ByteReader in, Change.CreateIndex i) {
        int tAt = in.position();
        int t = in.u8();
        if (t > 7) {
            throw new FormatException(tAt, "bad index shape flags " + t);
        }
        int at = in.position();
        int include = in.u16();
        if (include >= i.columns().length) {
            throw new FormatException(at, include + " INCLUDE columns of an index of " + i.columns().length + " parts");
        }
        boolean[] nullsFirst = null;
        if (in.u8() != 0) {
            nullsFirst = new boolean[i.columns().length];
            for (int c = 0; c < nullsFirst.length; c++) {
                nullsFirst[c] = in.u8() != 0;
            }
        }
        return new Change.CreateIndex(i.name(), i.table(), i.columns(), i.descending(), i.unique(), i.expressions(),
                i.predicate(), new io.kyrodb.engine.catalog.IndexShape((t & 1) != 0, (t & 2) != 0, include, nullsFirst,
                (t & 4) != 0));
    }

    /**
     * What tags 27 and 28 add after a table's extras: {@code u16 n, (u8 generated, [str expression])*,
     * u16 nfks, u8 timing*}.
     */
    public static void writeGenerated(ByteWriter out, Change.CreateTable t) {
        out.u16(t.columns().size());
        for (Column c : t.columns()) {
            out.u8(c.generated() ? 1 : 0);
            if (c.generated()) {
                out.string(c.generatedSql());
            }
        }
        out.u16(t.foreignKeys().size());
        for (ForeignKey f : t.foreignKeys()) {
            out.u8(timing(f.deferrable(), f.initiallyDeferred()));
        }
    }

    public static Change.CreateTable readGenerated(ByteReader in, Change.CreateTable base) {
        int at = in.position();
        int n = in.u16();
        if (n != base.columns().size()) {
            throw new FormatException(at, "generation expressions for " + n + " columns of a table with "
                    + base.columns().size());
        }
        List<Column> columns = new ArrayList<>(n);
        for (Column c : base.columns()) {
            int flagAt = in.position();
            int flag = in.u8();
            if (flag > 1) {
                throw new FormatException(flagAt, "bad generated-column flag " + flag);
            }
            columns.add(flag == 0 ? c : new Column(c.name(), c.type(), c.notNull(), c.defaultSql(), c.identity(),
                    in.string()));
        }
        int fkAt = in.position();
        int nf = in.u16();
        if (nf != base.foreignKeys().size()) {
            throw new FormatException(fkAt, "timings for " + nf + " foreign keys of a table with "
                    + base.foreignKeys().size());
        }
        List<ForeignKey> fks = new ArrayList<>(nf);
        for (ForeignKey f : base.foreignKeys()) {
            int t = readTiming(in);
            fks.add(f.timed((t & 1) != 0, (t & 2) != 0));
        }
        return new Change.CreateTable(base.name(), columns, base.primaryKey(), base.checks(), fks);
    }

    static boolean hasExtras(Change.CreateTable t) {
        if (!t.checks().isEmpty() || !t.foreignKeys().isEmpty()) {
            return true;
        }
        for (Column c : t.columns()) {
            if (c.defaultSql() != null || c.identity() != null) {
                return true;
            }
        }
        return false;
    }

    /** What tag 7 adds to a table definition: defaults, identities, CHECK constraints. */
    public static void writeExtras(ByteWriter out, Change.CreateTable t) {
        out.u16(t.columns().size());
        for (Column c : t.columns()) {
            out.u8(c.defaultSql() == null ? 0 : 1);
            if (c.defaultSql() != null) {
                out.string(c.defaultSql());
            }
            out.u8(c.identity() == null ? 0 : c.identity() == Column.Identity.ALWAYS ? 1 : 2);
        }
        out.u16(t.checks().size());
        for (CheckConstraint k : t.checks()) {
            out.string(k.name()).string(k.sql());
        }
        out.u16(t.foreignKeys().size());
        for (ForeignKey f : t.foreignKeys()) {
            out.string(f.name()).u16(f.columns().length);
            for (int c : f.columns()) {
                out.u16(c);
            }
            out.string(f.refTable());
            for (int c : f.refColumns()) {
                out.u16(c);
            }
            out.u8(f.onDelete().ordinal()).u8(f.onUpdate().ordinal());
        }
    }

    private static final ForeignKey.Action[] ACTIONS = ForeignKey.Action.values();

    private static ForeignKey.Action action(ByteReader in) {
        int at = in.position();
        int a = in.u8();
        if (a >= ACTIONS.length) {
            throw new FormatException(at, "unknown referential action " + a);
        }
        return ACTIONS[a];
    }

    public static Change.CreateTable readExtras(ByteReader in, Change.CreateTable base) {
        int at = in.position();
        int n = in.u16();
        if (n != base.columns().size()) {
            throw new FormatException(at, "defaults for " + n + " columns of a table with " + base.columns().size());
        }
        List<Column> columns = new ArrayList<>(n);
        for (Column c : base.columns()) {
            String def = in.u8() != 0 ? in.string() : null;
            int idAt = in.position();
            int id = in.u8();
            if (id > 2) {
                throw new FormatException(idAt, "unknown identity kind " + id);
            }
            columns.add(new Column(c.name(), c.type(), c.notNull(), def,
                    id == 0 ? null : id == 1 ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT));
        }
        int nc = in.u16();
        List<CheckConstraint> checks = new ArrayList<>(nc);
        for (int i = 0; i < nc; i++) {
            checks.add(new CheckConstraint(in.string(), in.string()));
        }
        int nf = in.u16();
        List<ForeignKey> fks = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            String name = in.string();
            int[] cols = new int[in.u16()];
            for (int c = 0; c < cols.length; c++) {
                int colAt = in.position();
                cols[c] = in.u16();
                if (cols[c] >= n) {
                    throw new FormatException(colAt, "foreign key column " + cols[c] + " of a table with " + n + " columns");
                }
            }
            String ref = in.string();
            int[] refCols = new int[cols.length];
            for (int c = 0; c < refCols.length; c++) {
                refCols[c] = in.u16();
            }
            fks.add(new ForeignKey(name, cols, ref, refCols, action(in), action(in)));
        }
        return new Change.CreateTable(base.name(), columns, base.primaryKey(), checks, fks);
    }

    /** A sequence's definition and the state a restart continues from (its logged value). */
    public static void writeSequence(ByteWriter out, Sequence s) {
        out.string(s.name()).u8(s.type().kind().ordinal()).u64(s.increment()).u64(s.minValue()).u64(s.maxValue())
                .u64(s.start()).u64(s.cache()).u8(s.cycle() ? 1 : 0).string(s.ownedBy() == null ? "" : s.ownedBy());
        synchronized (s) {
            out.u64(s.loggedValue()).u8(s.loggedCalled() ? 1 : 0);
        }
    }

    /** A sequence as recorded: durable (it was committed). */
    public static Sequence readSequence(ByteReader in) {
        String name = in.string();
        int at = in.position();
        int kind = in.u8();
        if (kind >= KINDS.length) {
            throw new FormatException(at, "unknown type kind " + kind);
        }
        long increment = in.u64();
        long min = in.u64();
        long max = in.u64();
        long start = in.u64();
        long cache = in.u64();
        boolean cycle = in.u8() != 0;
        String owner = in.string();
        long value = in.u64();
        boolean called = in.u8() != 0;
        return new Sequence(name, new SqlType(KINDS[kind], 0), increment, min, max, start, cache, cycle,
                owner.isEmpty() ? null : owner, value, called, true);
    }

    private static void writeKey(ByteWriter out, Object key) {
        if (key instanceof Object[] parts) {
            out.u8(1).u16(parts.length);
            for (Object p : parts) {
                ValueCodec.write(out, p);
            }
        } else {
            out.u8(0);
            ValueCodec.write(out, key);
        }
    }

    private static Object readKey(ByteReader in) {
        int at = in.position();
        int kind = in.u8();
        if (kind == 0) {
            return ValueCodec.read(in);
        }
        if (kind != 1) {
            throw new FormatException(at, "unknown key kind " + kind);
        }
        Object[] parts = new Object[in.u16()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = ValueCodec.read(in);
        }
        return parts;
    }
}
