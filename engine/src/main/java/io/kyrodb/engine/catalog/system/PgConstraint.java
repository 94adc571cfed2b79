package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_constraint: each table's primary key (p), UNIQUE constraints (u), foreign keys (f) and CHECK
 * constraints (c), with conkey/confkey as column numbers and conbin holding a CHECK's text (what
 * pg_get_constraintdef and pg_get_expr read; Postgres keeps a node tree there). The oid[]
 * operator columns are left out. {@link #definition} is pg_get_constraintdef.
 */
final class PgConstraint {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_constraint", List.of(
            oid("oid"), text("conname"), oid("connamespace"), text("contype"), bool("condeferrable"),
            bool("condeferred"), bool("convalidated"), oid("conrelid"), oid("contypid"), oid("conindid"),
            oid("conparentid"), oid("confrelid"), text("confupdtype"), text("confdeltype"), text("confmatchtype"),
            bool("conislocal"), int4("coninhcount"), bool("connoinherit"),
            new io.kyrodb.engine.catalog.Column("conkey", SqlType.arrayOf(SqlType.SMALLINT), false),
            new io.kyrodb.engine.catalog.Column("confkey", SqlType.arrayOf(SqlType.SMALLINT), false),
            text("conbin")), PgConstraint::rows);

    /** One constraint of table {@code table} (a catalog key); {@code referenced} set for a foreign key. */
    record Entry(long oid, String name, char type, Table table, int[] columns, Table referenced, int[] refColumns,
                 ForeignKey foreignKey, String checkSql, String indexName, boolean deferrable, boolean deferred) {
        Entry(long oid, String name, char type, Table table, int[] columns, Table referenced, int[] refColumns,
              ForeignKey foreignKey, String checkSql, String indexName) {
            this(oid, name, type, table, columns, referenced, refColumns, foreignKey, checkSql, indexName, false, false);
        }
    }

    /** Whether constraint {@code name} of table {@code table} (a catalog key) is DEFERRABLE, and INITIALLY DEFERRED. */
    static boolean[] timing(Catalog catalog, String table, String name) {
        for (Entry e : all(catalog)) {
            if (e.table().name().equals(table) && e.name().equals(name)) {
                return new boolean[]{e.deferrable(), e.deferred()};
            }
        }
        return new boolean[]{false, false};
    }

    private PgConstraint() {
    }

    static List<Entry> all(Catalog catalog) {
        List<Entry> out = new ArrayList<>();
        for (Table t : catalog.tables()) {
            String schema = SchemaNames.schemaOf(t.name());
            String local = SchemaNames.localOf(t.name());
            if (t.hasPrimaryKey()) {
                String name = local + "_pkey";
                out.add(new Entry(constraintOid(schema, local, name), name, 'p', t, t.primaryKey(), null, null, null, null, name));
            }
            for (Index i : catalog.indexesOf(t.name())) {
                if (i.unique() && i.plain() && !i.shape().indexOnly()) {   // CREATE UNIQUE INDEX: no constraint
                    String name = SchemaNames.localOf(i.name());
                    out.add(new Entry(constraintOid(schema, local, name), name, 'u', t, i.columns(), null, null, null, null, name,
                            i.deferrable(), i.initiallyDeferred()));
                }
            }
            for (ForeignKey f : t.foreignKeys()) {
                Table ref = catalog.table(f.refTable());
                if (ref != null) {
                    out.add(new Entry(constraintOid(schema, local, f.name()), f.name(), 'f', t, f.columns(), ref, f.refColumns(),
                            f, null, ForeignKeys.keyName(catalog, ref, f.refColumns()), f.deferrable(), f.initiallyDeferred()));
                }
            }
            for (io.kyrodb.engine.catalog.Exclusion x : io.kyrodb.engine.catalog.Exclusion.of(t.checks())) {
                out.add(new Entry(constraintOid(schema, local, x.name()), x.name(), 'x', t, x.columnIndexes(t), null, null,
                        null, x.text(), null));
            }
            for (CheckConstraint k : io.kyrodb.engine.catalog.Exclusion.checksOnly(t.checks())) {
                out.add(new Entry(constraintOid(schema, local, k.name()), k.name(), 'c', t, checkColumns(t, k.sql()), null, null,
                        null, k.sql(), null));
            }
        }
        return out;
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Entry e : all(ctx.catalog())) {
            String schema = SchemaNames.schemaOf(e.table().name());
            ForeignKey f = e.foreignKey();
            String space = " ";
            rows.add(new Object[] {e.oid(), e.name(), Relations.Relation.namespaceOid(schema), String.valueOf(e.type()),
                    e.deferrable(), e.deferred(), ctx.catalog().access().validated(e.table().name(), e.name()),
                    tableOid(e.table()), 0L,
                    e.indexName() == null ? 0L : Relations.oid(SchemaNames.schemaOf(
                            e.referenced() != null ? e.referenced().name() : e.table().name()), e.indexName()),
                    0L, e.referenced() == null ? 0L : tableOid(e.referenced()),
                    f == null ? space : action(f.onUpdate()), f == null ? space : action(f.onDelete()),
                    f == null ? space : "s", true, 0, false, numbers(e.columns()),
                    e.refColumns() == null ? null : numbers(e.refColumns()), e.type() == 'x' ? null : e.checkSql()});
        }
        return rows;
    }

    /** pg_get_constraintdef: PRIMARY KEY (a), UNIQUE (a), FOREIGN KEY (a) REFERENCES t(b) ON ..., CHECK ((expr)). */
    static String definition(SystemContext ctx, long oid) {
        for (Entry e : all(ctx.catalog())) {
            if (e.oid() != oid) {
                continue;
            }
            return switch (e.type()) {
                case 'p' -> "PRIMARY KEY (" + names(e.table(), e.columns()) + ")";
                case 'u' -> "UNIQUE (" + names(e.table(), e.columns()) + ")" + timingText(e);
                case 'c' -> "CHECK ((" + e.checkSql() + "))" + notValid(ctx, e);
                case 'x' -> e.checkSql();
                default -> {
                    ForeignKey f = e.foreignKey();
                    String refSchema = SchemaNames.schemaOf(e.referenced().name());
                    String ref = Identifiers.quote(SchemaNames.localOf(e.referenced().name()));
                    if (!ctx.searchPath().effective(ctx.catalog()).contains(refSchema)) {
                        ref = Identifiers.quote(refSchema) + "." + ref;
                    }
                    String out = "FOREIGN KEY (" + names(e.table(), e.columns()) + ") REFERENCES " + ref + "("
                            + names(e.referenced(), e.refColumns()) + ")";
                    if (f.onUpdate() != ForeignKey.Action.NO_ACTION) {
                        out += " ON UPDATE " + f.onUpdate().sql().toUpperCase(java.util.Locale.ROOT);
                    }
                    if (f.onDelete() != ForeignKey.Action.NO_ACTION) {
                        out += " ON DELETE " + f.onDelete().sql().toUpperCase(java.util.Locale.ROOT);
                    }
                    yield out + timingText(e) + notValid(ctx, e);
                }
            };
        }
        return null;
    }

    /** What pg_get_constraintdef appends for a constraint added NOT VALID and not validated since. */
    private static String notValid(SystemContext ctx, Entry e) {
        return ctx.catalog().access().validated(e.table().name(), e.name()) ? "" : " NOT VALID";
    }

    /** What pg_get_constraintdef appends for a deferrable constraint. */
    private static String timingText(Entry e) {
        return !e.deferrable() ? "" : e.deferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    }

    static long tableOid(Table t) {
        return Relations.oid(SchemaNames.schemaOf(t.name()), SchemaNames.localOf(t.name()));
    }

    private static long constraintOid(String schema, String table, String name) {
        return Relations.oid("constraint " + schema, table + "." + name);
    }

    private static String action(ForeignKey.Action a) {
        return switch (a) {
            case NO_ACTION -> "a";
            case RESTRICT -> "r";
            case CASCADE -> "c";
            case SET_NULL -> "n";
            case SET_DEFAULT -> "d";
        };
    }

    private static SqlArray numbers(int[] columns) {
        List<Object> out = new ArrayList<>();
        for (int c : columns) {
            out.add((short) (c + 1));
        }
        return SqlArray.of(out);
    }

    private static String names(Table t, int[] columns) {
        StringJoiner out = new StringJoiner(", ");
        for (int c : columns) {
            out.add(Identifiers.quote(t.columns().get(c).name()));
        }
        return out.toString();
    }

    /** The columns a CHECK's text names (as words outside quotes), in table order. */
    private static int[] checkColumns(Table t, String sql) {
        List<String> words = Arrays.asList(sql.replaceAll("'[^']*'", " ").split("[^A-Za-z0-9_]+"));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            if (words.contains(t.columns().get(i).name())) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
