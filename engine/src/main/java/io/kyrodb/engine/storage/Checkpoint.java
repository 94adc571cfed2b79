package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.fs.AtomicFile;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The checkpoint file: which runs hold the database up to a WAL LSN, and the catalog as of it.
 * Recovery opens these runs and replays the WAL from {@code walLsn}; the WAL before it is deleted.
 * Replaced atomically ({@link AtomicFile}). See docs/format/checkpoint.md.
 * <pre>
 * magic "KYROCKPT" | u32 version | u64 walLsn | u64 nextRunId | u32 settingCount | (str key | str value)*
 *       | u32 tableCount | table* | u32 indexCount | index* | u32 sequenceCount | sequence*
 *       | u32 viewCount | view* | u32 vectorIndexCount | vectorIndex*
 *       | u32 schemaCount | str schema* | u32 commentCount | (str key | str text)*   (since version 7)
 *       | u32 materializedViewCount | materializedView*                           (since version 9)
 *       | u32 typeCount | (u8 kind (1 enum, 2 domain) | ChangeCodec enum or domain definition)*  (since version 10)
 *       | u32 n | (u32 table | ChangeCodec generated columns and foreign-key timings)*   (since version 11)
 *       | u32 n | (u32 index | ChangeCodec index shape)*   (indexes with one, since version 11)
 *       | u32 functionCount | function*                                           (since version 12)
 *       | u32 triggerCount | trigger*                                             (since version 13)
 *       | u32 n | (u32 function | u8 flags)*   (functions with flags, as change 34's, since version 14)
 *       | AccessCodec access (roles, memberships, privileges, NOT VALID constraints) (since version 17)
 *       | u32 n | (u32 view | u8 checkOption (1 local, 2 cascaded))*   (views WITH CHECK OPTION, since version 19)
 *       | u32 crc32c(all before)
 * table := ChangeCodec table definition | [ChangeCodec table extras (since version 4)]
 *          | u64 nextRowId | u32 runCount | u64 runId*   (runs newest first)
 * index := ChangeCodec index definition | [ChangeCodec index extras (since version 8)]
 *          | u32 runCount | u64 runId*                                                (since version 3)
 * sequence := ChangeCodec sequence (definition and logged state)                     (since version 4)
 * view  := ChangeCodec view definition                                              (since version 5)
 *          | u16 n | str schema*   (its search path, since version 7)
 * </pre>
 * vectorIndex := ChangeCodec vector index definition                                     (since version 6)
 * materializedView := ChangeCodec materialized view definition (its table is in the tables)  (since version 9)
 * function := ChangeCodec function definition (CREATE FUNCTION)                              (since version 12)
 * trigger := {@link RoutineCodec}'s trigger (CREATE TRIGGER)                                  (since version 13)
 * Older versions are still read, as having none of what they lack: version 2 has no index section,
 * version 3 no defaults, CHECK constraints or sequences, version 4 no views, version 5 no
 * vector (HNSW) indexes, version 6 no schemas (only public exists) and no comments, version 7 no
 * expression or partial indexes, version 8 no materialized views, version 9 no user-defined types,
 * versions before 11 no generated columns and no deferrable constraints ({@code table}, {@code
 * index}: a position in the table or index section, for each that has them), versions before 12
 * no functions (each version places its sections after those of the versions before it),
 * version 12 no triggers (13 places them after the functions), versions before 14 no function flags
 * (RETURNS void; 14 places them after the triggers), versions before 17 no roles, privileges or NOT
 * VALID constraints (17 places them after 14's; 15 and 16 add nothing of their own here), versions
 * before 19 no view check options (19 places them after 17's and 18's).
 * {@code walLsn} is the first WAL record the runs do not contain. The settings are the database's
 * own (kind DATABASE, e.g. {@code pk_index}), fixed when it was created. Integers big-endian.
 * These constants are on disk: never change them; add a version instead.
 */
public record Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                         List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                         List<Change.CreateView> views, List<VectorIndexDef> vectorIndexes, List<String> schemas,
                         java.util.Map<String, String> comments,
                         List<Change.CreateMaterializedView> materializedViews,
                         List<io.kyrodb.engine.types.UserType> types,
                         List<io.kyrodb.engine.catalog.UserFunction> functions,
                         List<io.kyrodb.engine.catalog.Trigger> triggers,
                         io.kyrodb.engine.catalog.Access access) {
    public static final String FILE_NAME = "checkpoint";
    static final byte[] MAGIC = {'K', 'Y', 'R', 'O', 'C', 'K', 'P', 'T'};
    static final int VERSION = 19;
    /** The oldest version this build reads. */
    static final int OLDEST_VERSION = 2;

    /** One table: its definition, its row-id counter and its runs, newest first. */
    public record TableEntry(Change.CreateTable definition, long nextRowId, long[] runIds) {
    }

    /** One index: its definition and the runs of its entries, newest first. */
    public record IndexEntry(Change.CreateIndex definition, long[] runIds) {
    }

    public Checkpoint {
        settings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
        tables = List.copyOf(tables);
        indexes = List.copyOf(indexes);
        sequences = List.copyOf(sequences);
        views = List.copyOf(views);
        vectorIndexes = List.copyOf(vectorIndexes);
        schemas = List.copyOf(schemas);
        comments = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(comments));
        materializedViews = List.copyOf(materializedViews);
        types = List.copyOf(types);
        functions = List.copyOf(functions);
        triggers = List.copyOf(triggers);
    }

    /** Without roles, privileges and NOT VALID constraints (what versions before 17 held). */
    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                      List<Change.CreateView> views, List<VectorIndexDef> vectorIndexes, List<String> schemas,
                      java.util.Map<String, String> comments,
                      List<Change.CreateMaterializedView> materializedViews,
                      List<io.kyrodb.engine.types.UserType> types,
                      List<io.kyrodb.engine.catalog.UserFunction> functions,
                      List<io.kyrodb.engine.catalog.Trigger> triggers) {
        this(walLsn, nextRunId, settings, tables, indexes, sequences, views, vectorIndexes, schemas, comments,
                materializedViews, types, functions, triggers, io.kyrodb.engine.catalog.Access.EMPTY);
    }

    /** Without user-defined types and triggers. */
    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                      List<Change.CreateView> views, List<VectorIndexDef> vectorIndexes, List<String> schemas,
                      java.util.Map<String, String> comments, List<Change.CreateMaterializedView> materializedViews,
                      List<io.kyrodb.engine.catalog.UserFunction> functions) {
        this(walLsn, nextRunId, settings, tables, indexes, sequences, views, vectorIndexes, schemas, comments,
                materializedViews, List.of(), functions, List.of());
    }

    /** Without user-defined types, functions and triggers (what version 9 held). */
    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                      List<Change.CreateView> views, List<VectorIndexDef> vectorIndexes, List<String> schemas,
                      java.util.Map<String, String> comments, List<Change.CreateMaterializedView> materializedViews) {
        this(walLsn, nextRunId, settings, tables, indexes, sequences, views, vectorIndexes, schemas, comments,
                materializedViews, List.of(), List.of(), List.of());
    }

    /** Without materialized views (what version 7 held). */
    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                      List<Change.CreateView> views, List<VectorIndexDef> vectorIndexes, List<String> schemas,
                      java.util.Map<String, String> comments) {
        this(walLsn, nextRunId, settings, tables, indexes, sequences, views, vectorIndexes, schemas, comments, List.of());
    }

    /** A checkpoint of a database whose only schema is public, without comments (what version 6 held). */
    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                      List<Change.CreateView> views, List<VectorIndexDef> vectorIndexes) {
        this(walLsn, nextRunId, settings, tables, indexes, sequences, views, vectorIndexes,
                List.of(io.kyrodb.engine.catalog.SchemaNames.PUBLIC), java.util.Map.of());
    }

    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes, List<io.kyrodb.engine.catalog.Sequence> sequences,
                      List<Change.CreateView> views) {
        this(walLsn, nextRunId, settings, tables, indexes, sequences, views, List.of());
    }

    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables,
                      List<IndexEntry> indexes) {
        this(walLsn, nextRunId, settings, tables, indexes, List.of(), List.of());
    }

    public Checkpoint(long walLsn, long nextRunId, java.util.Map<String, String> settings, List<TableEntry> tables) {
        this(walLsn, nextRunId, settings, tables, List.of());
    }

    /** What a new database starts from, with its database settings. */
    public static Checkpoint empty(java.util.Map<String, String> settings) {
        return new Checkpoint(1, 1, settings, List.of());
    }

    public byte[] encode() {
        return encode(VERSION);
    }

    /**
     * The layout of {@code version} (7, 8 or this build's): older ones for tests that derive older
     * layouts from them; a database always writes {@link #VERSION}.
     */
    byte[] encode(int version) {
        ByteWriter out = new ByteWriter(256);
        out.bytes(MAGIC).u32(version).u64(walLsn).u64(nextRunId).u32(settings.size());
        for (var e : settings.entrySet()) {
            out.string(e.getKey()).string(e.getValue());
        }
        out.u32(tables.size());
        for (TableEntry t : tables) {
            ChangeCodec.writeTable(out, t.definition());
            ChangeCodec.writeExtras(out, t.definition());
            out.u64(t.nextRowId()).u32(t.runIds().length);
            for (long id : t.runIds()) {
                out.u64(id);
            }
        }
        out.u32(indexes.size());
        for (IndexEntry i : indexes) {
            ChangeCodec.writeIndex(out, i.definition());
            if (version >= 8) {
                ChangeCodec.writeIndexExtras(out, i.definition());
            } else if (i.definition().hasExtras()) {
                throw new IllegalArgumentException("version " + version + " has no expression or partial indexes");
            }
            out.u32(i.runIds().length);
            for (long id : i.runIds()) {
                out.u64(id);
            }
        }
        out.u32(sequences.size());
        for (io.kyrodb.engine.catalog.Sequence s : sequences) {
            ChangeCodec.writeSequence(out, s);
        }
        out.u32(views.size());
        for (Change.CreateView v : views) {
            ChangeCodec.writeView(out, v);
            ChangeCodec.writeStrings(out, v.searchPath());   // since version 7
        }
        out.u32(vectorIndexes.size());
        for (VectorIndexDef v : vectorIndexes) {
            ChangeCodec.writeVectorIndex(out, v);
        }
        out.u32(schemas.size());
        for (String schema : schemas) {
            out.string(schema);
        }
        out.u32(comments.size());
        for (var e : comments.entrySet()) {
            out.string(e.getKey()).string(e.getValue());
        }
        if (version >= 9) {
            out.u32(materializedViews.size());
            for (Change.CreateMaterializedView m : materializedViews) {
                ChangeCodec.writeMaterializedView(out, m);
            }
        } else if (!materializedViews.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no materialized views");
        }
        if (version >= 10) {
            out.u32(types.size());
            for (io.kyrodb.engine.types.UserType t : types) {
                switch (t) {
                    case io.kyrodb.engine.types.EnumType e -> ChangeCodec.writeEnum(out.u8(1), e);
                    case io.kyrodb.engine.types.DomainType d -> ChangeCodec.writeDomain(out.u8(2), d);
                }
            }
        } else if (!types.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no user-defined types");
        }
        List<Integer> generated = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            if (ChangeCodec.hasDdlExtras(tables.get(i).definition())) {
                generated.add(i);
            }
        }
        List<Integer> timed = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).definition().shaped()) {
                timed.add(i);
            }
        }
        if (version >= 11) {
            out.u32(generated.size());
            for (int i : generated) {
                out.u32(i);
                ChangeCodec.writeGenerated(out, tables.get(i).definition());
            }
            out.u32(timed.size());
            for (int i : timed) {
                Change.CreateIndex d = indexes.get(i).definition();
                out.u32(i);
                ChangeCodec.writeShape(out, d);
            }
        } else if (!generated.isEmpty() || !timed.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no generated columns or deferrable constraints");
        }
        if (version >= 12) {
            out.u32(functions.size());
            for (io.kyrodb.engine.catalog.UserFunction f : functions) {
                ChangeCodec.writeFunction(out, f);
            }
        } else if (!functions.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no functions");
        }
        if (version >= 13) {
            out.u32(triggers.size());
            for (io.kyrodb.engine.catalog.Trigger t : triggers) {
                RoutineCodec.writeTrigger(out, t);
            }
        } else if (!triggers.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no triggers");
        }
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < functions.size(); i++) {
            if (ChangeCodec.functionFlags(functions.get(i)) != 0) {
                flagged.add(i);
            }
        }
        if (version >= 14) {
            out.u32(flagged.size());
            for (int i : flagged) {
                out.u32(i).u8(ChangeCodec.functionFlags(functions.get(i)));
            }
        } else if (!flagged.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no function flags");
        }
        if (version >= 17) {
            AccessCodec.write(out, access);
        } else if (!access.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no roles or privileges");
        }
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i).checkOption() != null) {
                checked.add(i);
            }
        }
        if (version >= 19) {
            out.u32(checked.size());
            for (int i : checked) {
                out.u32(i).u8(ChangeCodec.checkOptionCode(views.get(i).checkOption()));
            }
        } else if (!checked.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " has no view check options");
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.u32((int) crc.getValue());
        return out.toByteArray();
    }

    public void write(FileSystem fs, Path dir) {
        AtomicFile.write(fs, dir.resolve(FILE_NAME), encode());
    }

    /** The checkpoint in {@code dir}, or null if there is none (a new database). */
    public static Checkpoint load(FileSystem fs, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!fs.exists(file)) {
            return null;
        }
        return decode(AtomicFile.read(fs, file));
    }

    static Checkpoint decode(byte[] bytes) {
        if (bytes.length < MAGIC.length + 4 + 8 + 8 + 4 + 4) {
            throw corrupt(0, "file of " + bytes.length + " bytes is shorter than its header");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(0, "bad magic: not a KyroDB checkpoint");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteReader.getInt(bytes, bytes.length - 4)) {
            throw corrupt(bytes.length - 4, "checksum mismatch");
        }
        ByteReader in = new ByteReader(bytes, 0, bytes.length - 4);
        try {
            in.skip(MAGIC.length);
            int version = in.u32();
            if (version < OLDEST_VERSION || version > VERSION) {
                throw corrupt(MAGIC.length, "format version " + version + " is not supported (this build reads "
                        + OLDEST_VERSION + " to " + VERSION + ")");
            }
            long walLsn = in.u64();
            long nextRunId = in.u64();
            int ns = in.u32();
            if (ns < 0 || ns > 1000) {
                throw new FormatException(in.position() - 4, "setting count " + ns);
            }
            java.util.Map<String, String> settings = new java.util.TreeMap<>();
            for (int i = 0; i < ns; i++) {
                settings.put(in.string(), in.string());
            }
            int n = count(in, "table");
            List<TableEntry> tables = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Change.CreateTable def = ChangeCodec.readTable(in);
                if (version >= 4) {
                    def = ChangeCodec.readExtras(in, def);
                }
                long nextRowId = in.u64();
                tables.add(new TableEntry(def, nextRowId, runIds(in, nextRunId)));
            }
            List<IndexEntry> indexes = new ArrayList<>();
            if (version >= 3) {
                int ni = count(in, "index");
                for (int i = 0; i < ni; i++) {
                    Change.CreateIndex def = ChangeCodec.readIndex(in);
                    if (version >= 8) {
                        def = ChangeCodec.readIndexExtras(in, def);
                    }
                    indexes.add(new IndexEntry(def, runIds(in, nextRunId)));
                }
            }
            List<io.kyrodb.engine.catalog.Sequence> sequences = new ArrayList<>();
            if (version >= 4) {
                int ns4 = count(in, "sequence");
                for (int i = 0; i < ns4; i++) {
                    sequences.add(ChangeCodec.readSequence(in));
                }
            }
            List<Change.CreateView> views = new ArrayList<>();
            if (version >= 5) {
                int nv = count(in, "view");
                for (int i = 0; i < nv; i++) {
                    Change.CreateView v = ChangeCodec.readView(in);
                    views.add(version >= 7 ? ChangeCodec.withPath(v, ChangeCodec.readStrings(in)) : v);
                }
            }
            List<VectorIndexDef> vectorIndexes = new ArrayList<>();
            if (version >= 6) {
                int nv = count(in, "vector index");
                for (int i = 0; i < nv; i++) {
                    vectorIndexes.add(ChangeCodec.readVectorIndex(in));
                }
            }
            List<String> schemas = new ArrayList<>(List.of(io.kyrodb.engine.catalog.SchemaNames.PUBLIC));
            java.util.Map<String, String> comments = new java.util.TreeMap<>();
            if (version >= 7) {
                schemas.clear();
                int nn = count(in, "schema");
                for (int i = 0; i < nn; i++) {
                    schemas.add(in.string());
                }
                int nc = count(in, "comment");
                for (int i = 0; i < nc; i++) {
                    comments.put(in.string(), in.string());
                }
            }
            List<Change.CreateMaterializedView> materialized = new ArrayList<>();
            if (version >= 9) {
                int nm = count(in, "materialized view");
                for (int i = 0; i < nm; i++) {
                    materialized.add(ChangeCodec.readMaterializedView(in));
                }
            }
            List<io.kyrodb.engine.types.UserType> types = new ArrayList<>();
            if (version >= 10) {
                int nt = count(in, "type");
                for (int i = 0; i < nt; i++) {
                    int at = in.position();
                    int kind = in.u8();
                    types.add(switch (kind) {
                        case 1 -> ChangeCodec.readEnum(in);
                        case 2 -> ChangeCodec.readDomain(in);
                        default -> throw new FormatException(at, "unknown type kind " + kind);
                    });
                }
            }
            if (version >= 11) {
                int ng = in.u32();
                if (ng < 0 || ng > tables.size()) {
                    throw new FormatException(in.position() - 4, "generated-column table count " + ng + " of "
                            + tables.size() + " tables");
                }
                for (int i = 0; i < ng; i++) {
                    int at = in.position();
                    int t = in.u32();
                    if (t < 0 || t >= tables.size()) {
                        throw new FormatException(at, "generated columns for table " + t + " of " + tables.size());
                    }
                    TableEntry e = tables.get(t);
                    tables.set(t, new TableEntry(ChangeCodec.readGenerated(in, e.definition()), e.nextRowId(), e.runIds()));
                }
                int nt = in.u32();
                if (nt < 0 || nt > indexes.size()) {
                    throw new FormatException(in.position() - 4, "timed index count " + nt + " of " + indexes.size()
                            + " indexes");
                }
                for (int i = 0; i < nt; i++) {
                    int at = in.position();
                    int x = in.u32();
                    if (x < 0 || x >= indexes.size()) {
                        throw new FormatException(at, "timing for index " + x + " of " + indexes.size());
                    }
                    IndexEntry e = indexes.get(x);
                    indexes.set(x, new IndexEntry(ChangeCodec.readShape(in, e.definition()), e.runIds()));
                }
            }
            List<io.kyrodb.engine.catalog.UserFunction> functions = new ArrayList<>();
            List<io.kyrodb.engine.catalog.Trigger> triggers = new ArrayList<>();
            if (version >= 12) {
                int nf = count(in, "function");
                for (int i = 0; i < nf; i++) {
                    functions.add(ChangeCodec.readFunction(in));
                }
            }
            if (version >= 13) {
                int nt = count(in, "trigger");
                for (int i = 0; i < nt; i++) {
                    triggers.add(RoutineCodec.readTrigger(in));
                }
            }
            if (version >= 14) {
                int nflags = count(in, "function flags");
                for (int k = 0; k < nflags; k++) {
                    int x = index(in, functions.size(), "flags for function");
                    functions.set(x, ChangeCodec.withFlags(functions.get(x), in));
                }
            }
            io.kyrodb.engine.catalog.Access access = version >= 17 ? AccessCodec.read(in)
                    : io.kyrodb.engine.catalog.Access.EMPTY;
            if (version >= 19) {
                int nchecked = count(in, "view check option");
                for (int k = 0; k < nchecked; k++) {
                    int at = in.position();
                    int x = index(in, views.size(), "check option for view");
                    views.set(x, ChangeCodec.withCheckOption(views.get(x), in, at));
                }
            }
            if (in.remaining() != 0) {
                throw new FormatException(in.position(), in.remaining() + " bytes after the last "
                        + (version >= 19 ? "view check option" : version >= 17 ? "access section" : version >= 14 ? "function flags" : version >= 13 ? "trigger" : version >= 12 ? "function" : version >= 11 ? "deferrable constraint" : version >= 10 ? "type" : version >= 9 ? "materialized view" : version >= 7 ? "comment" : version >= 6 ? "vector index" : version >= 5 ? "view" : version >= 4 ? "sequence"
                        : version >= 3 ? "index" : "table"));
            }
            return new Checkpoint(walLsn, nextRunId, settings, tables, indexes, sequences, views, vectorIndexes,
                    schemas, comments, materialized, types, functions, triggers, access);
        } catch (FormatException e) {
            throw corrupt(e.offset(), e.getMessage());
        }
    }

    /** A section's element count (u32); a negative one is corruption, reported at the count. */
    private static int count(ByteReader in, String what) {
        int n = in.u32();
        if (n < 0) {
            throw new FormatException(in.position() - 4, "negative " + what + " count " + n);
        }
        return n;
    }

    /** A u32 that names one of {@code size} records read earlier (a section adding to them); else corrupt. */
    private static int index(ByteReader in, int size, String what) {
        int x = in.u32();
        if (x < 0 || x >= size) {
            throw new FormatException(in.position() - 4, what + " " + x + " of " + size);
        }
        return x;
    }

    private static long[] runIds(ByteReader in, long nextRunId) {
        int at = in.position();
        int runs = in.u32();
        if (runs < 0 || (long) runs * 8 > in.remaining()) {
            throw new FormatException(at, "run count " + runs + " does not fit");
        }
        long[] ids = new long[runs];
        for (int r = 0; r < runs; r++) {
            ids[r] = in.u64();
            if (ids[r] >= nextRunId) {
                throw new FormatException(in.position() - 8, "run id " + ids[r] + " is not below the next run id "
                        + nextRunId);
            }
        }
        return ids;
    }

    private static KyroException corrupt(long offset, String what) {
        return new KyroException(SqlState.DATA_CORRUPTED, "corrupt checkpoint file " + FILE_NAME + " at offset "
                + offset + ": " + what);
    }
}
