package io.kyrodb.jdbc;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ColumnInfo;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.ForeignKeyInfo;
import io.kyrodb.engine.catalog.IndexInfo;
import io.kyrodb.engine.catalog.TableInfo;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds the rows of the DatabaseMetaData calls that describe the catalog, from the engine's list of
 * tables, in the columns of {@link MetadataShapes} and the order the JDBC javadoc asks for.
 * KyroDB has no catalogs: TABLE_CAT is null, a null or empty catalog argument matches every table
 * and any other catalog matches none. Every table is of type {@code TABLE}. A primary key is
 * reported as the unique index {@code <table>_pkey}, the name Postgres would give it.
 */
final class CatalogRows {
    static final String TABLE_TYPE = "TABLE";
    static final String VIEW_TYPE = "VIEW";
    static final String SEQUENCE_TYPE = "SEQUENCE";
    static final String MATERIALIZED_VIEW_TYPE = "MATERIALIZED VIEW";

    private CatalogRows() {
    }

    static ListRows tables(List<TableInfo> tables, String catalog, String schemaPattern, String tablePattern, String[] types) {
        return tables(tables, java.util.Map.of(), catalog, schemaPattern, tablePattern, types);
    }

    /** {@code comments}: the catalog's COMMENT ON texts, which REMARKS reports. */
    static ListRows tables(List<TableInfo> tables, java.util.Map<String, String> comments, String catalog,
                           String schemaPattern, String tablePattern, String[] types) {
        return tables(tables, List.of(), List.of(), comments, catalog, schemaPattern, tablePattern, types);
    }

    /**
     * getTables over tables, views and sequences, of the types asked for (all three when
     * {@code types} is null), ordered as pgjdbc orders them: by TABLE_TYPE, then schema and name.
     */
    static ListRows tables(List<TableInfo> tables, List<TableInfo> views, List<TableInfo> sequences,
                           java.util.Map<String, String> comments, String catalog,
                           String schemaPattern, String tablePattern, String[] types) {
        return tables(tables, views, List.of(), sequences, comments, catalog, schemaPattern, tablePattern, types);
    }

    /** As above, with materialized views listed as pgjdbc lists them: TABLE_TYPE "MATERIALIZED VIEW". */
    static ListRows tables(List<TableInfo> tables, List<TableInfo> views, List<TableInfo> materializedViews,
                           List<TableInfo> sequences, java.util.Map<String, String> comments, String catalog,
                           String schemaPattern, String tablePattern, String[] types) {
        List<Object[]> rows = new ArrayList<>();
        LikePattern schema = LikePattern.of(schemaPattern);
        LikePattern table = LikePattern.of(tablePattern);
        java.util.Map<String, List<TableInfo>> byType = new java.util.LinkedHashMap<>();
        byType.put(MATERIALIZED_VIEW_TYPE, materializedViews);
        byType.put(SEQUENCE_TYPE, sequences);
        byType.put(TABLE_TYPE, tables);
        byType.put(VIEW_TYPE, views);
        for (java.util.Map.Entry<String, List<TableInfo>> e : byType.entrySet()) {
            if (types != null && Arrays.stream(types).noneMatch(e.getKey()::equalsIgnoreCase)) {
                continue;
            }
            for (TableInfo t : matching(e.getValue(), catalog, schema, table)) {
                rows.add(new Object[] {null, t.schema(), t.name(), e.getKey(),
                        comments.get(Catalog.relationComment(SchemaNames.key(t.schema(), t.name()))),
                        null, null, null, null, null});
            }
        }
        return new ListRows(MetadataShapes.TABLES, rows);
    }

    static ListRows columns(List<TableInfo> tables, String catalog, String schemaPattern, String tablePattern,
                            String columnPattern) {
        return columns(tables, java.util.Map.of(), catalog, schemaPattern, tablePattern, columnPattern);
    }

    static ListRows columns(List<TableInfo> tables, java.util.Map<String, String> comments, String catalog,
                            String schemaPattern, String tablePattern, String columnPattern) {
        LikePattern columnNames = LikePattern.of(columnPattern);
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : matching(tables, catalog, LikePattern.of(schemaPattern), LikePattern.of(tablePattern))) {
            List<ColumnInfo> columns = t.columns().stream().sorted(Comparator.comparingInt(ColumnInfo::ordinal)).toList();
            for (ColumnInfo c : columns) {
                if (!columnNames.matches(c.name())) {
                    continue;
                }
                SqlType type = c.type();
                TypeKind kind = type.kind();
                rows.add(new Object[] {
                        null, t.schema(), t.name(), c.name(), JdbcTypes.jdbcType(type), JdbcTypes.typeName(type),
                        JdbcTypes.precision(type), null, decimalDigits(type), 10,
                        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        comments.get(Catalog.columnComment(SchemaNames.key(t.schema(), t.name()), c.name())),
                        c.defaultText(), null, null, kind.isText() ? JdbcTypes.charOctetLength(type) : null,
                        c.ordinal(), c.nullable() ? "YES" : "NO", null, null, null, null,
                        c.autoIncrement() ? "YES" : "NO", c.generated() ? "YES" : "NO"});
            }
        }
        return new ListRows(MetadataShapes.COLUMNS, rows);
    }

    static ListRows primaryKeys(List<TableInfo> tables, String catalog, String schema, String table) {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : matching(tables, catalog, exact(schema), exact(table))) {
            List<String> key = t.primaryKey();
            for (int i = 0; i < key.size(); i++) {
                rows.add(new Object[] {null, t.schema(), t.name(), key.get(i), (short) (i + 1), primaryKeyName(t)});
            }
        }
        // JDBC orders by COLUMN_NAME; for several tables (a % table), table by table.
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[2]).thenComparing(r -> (String) r[3]));
        return new ListRows(MetadataShapes.PRIMARY_KEYS, rows);
    }

    static ListRows indexInfo(List<TableInfo> tables, String catalog, String schema, String table) {
        return indexInfo(tables, catalog, schema, table, false);
    }

    /**
     * The primary key and the secondary indexes ({@code uniqueOnly}: those that are UNIQUE), in
     * JDBC's order: NON_UNIQUE, INDEX_NAME, ORDINAL_POSITION (table by table for a % table).
     */
    static ListRows indexInfo(List<TableInfo> tables, String catalog, String schema, String table, boolean uniqueOnly) {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : matching(tables, catalog, exact(schema), exact(table))) {
            List<Object[]> own = new ArrayList<>();
            List<String> key = t.primaryKey();
            for (int i = 0; i < key.size(); i++) {
                own.add(new Object[] {null, t.schema(), t.name(), false, null, primaryKeyName(t),
                        DatabaseMetaData.tableIndexOther, (short) (i + 1), key.get(i), "A", null, null, null});
            }
            for (IndexInfo index : t.indexes()) {
                if (uniqueOnly && !index.unique()) {
                    continue;
                }
                for (int i = 0; i < index.columns().size(); i++) {
                    own.add(new Object[] {null, t.schema(), t.name(), !index.unique(), null, index.name(),
                            DatabaseMetaData.tableIndexOther, (short) (i + 1), index.columns().get(i),
                            index.descending().get(i) ? "D" : "A", null, null, index.predicate()});
                }
            }
            own.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3]).thenComparing(r -> (String) r[5])
                    .thenComparing(r -> (Short) r[7]));
            rows.addAll(own);
        }
        return new ListRows(MetadataShapes.INDEX_INFO, rows);
    }

    /** getImportedKeys: the foreign keys of {@code table}, by referenced table then KEY_SEQ. */
    static ListRows importedKeys(List<ForeignKeyInfo> keys, String catalog, String schema, String table) {
        return keys(keys, catalog, null, null, schema, table, true);
    }

    /** getExportedKeys: the foreign keys that reference {@code table}, by referencing table then KEY_SEQ. */
    static ListRows exportedKeys(List<ForeignKeyInfo> keys, String catalog, String schema, String table) {
        return keys(keys, catalog, schema, table, null, null, false);
    }

    /** getCrossReference: the foreign keys of the foreign table that reference the parent table. */
    static ListRows crossReference(List<ForeignKeyInfo> keys, String parentCatalog, String parentSchema,
                                   String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
        if (!catalogMatches(parentCatalog)) {
            return new ListRows(MetadataShapes.KEYS, List.of());
        }
        return keys(keys, foreignCatalog, parentSchema, parentTable, foreignSchema, foreignTable, false);
    }

    /** Null names match every table; {@code byParent}: sort by the referenced table, else by the referencing one. */
    private static ListRows keys(List<ForeignKeyInfo> keys, String catalog, String parentSchema, String parentTable,
                                 String foreignSchema, String foreignTable, boolean byParent) {
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            LikePattern ps = exact(parentSchema);
            LikePattern pt = exact(parentTable);
            LikePattern fs = exact(foreignSchema);
            LikePattern ft = exact(foreignTable);
            for (ForeignKeyInfo k : keys) {
                if (!ps.matches(k.referencedSchema()) || !pt.matches(k.referencedTable()) || !fs.matches(k.schema())
                        || !ft.matches(k.table())) {
                    continue;
                }
                for (int i = 0; i < k.columns().size(); i++) {
                    rows.add(new Object[] {null, k.referencedSchema(), k.referencedTable(), k.referencedColumns().get(i),
                            null, k.schema(), k.table(), k.columns().get(i), (short) (i + 1), rule(k.updateRule()),
                            rule(k.deleteRule()), k.name(), k.referencedKeyName(),
                            (short) DatabaseMetaData.importedKeyNotDeferrable});
                }
            }
        }
        int schema = byParent ? 1 : 5;
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[schema]).thenComparing(r -> (String) r[schema + 1])
                .thenComparing(r -> (String) r[11]).thenComparing(r -> (Short) r[8]));
        return new ListRows(MetadataShapes.KEYS, rows);
    }

    private static short rule(String action) {
        return (short) switch (action == null ? "NO ACTION" : action.toUpperCase(java.util.Locale.ROOT)) {
            case "CASCADE" -> DatabaseMetaData.importedKeyCascade;
            case "SET NULL" -> DatabaseMetaData.importedKeySetNull;
            case "SET DEFAULT" -> DatabaseMetaData.importedKeySetDefault;
            case "RESTRICT" -> DatabaseMetaData.importedKeyRestrict;
            default -> DatabaseMetaData.importedKeyNoAction;
        };
    }

    /** The primary key's columns, which identify a row for as long as the session lasts. */
    static ListRows bestRowIdentifier(List<TableInfo> tables, String catalog, String schema, String table) {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : matching(tables, catalog, exact(schema), exact(table))) {
            for (String name : t.primaryKey()) {
                t.columns().stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(c -> rows.add(new Object[] {
                        (short) DatabaseMetaData.bestRowSession, c.name(), JdbcTypes.jdbcType(c.type()),
                        JdbcTypes.typeName(c.type()), JdbcTypes.precision(c.type()), null,
                        c.type().kind().isInteger() ? (short) 0 : null, (short) DatabaseMetaData.bestRowNotPseudo}));
            }
        }
        return new ListRows(MetadataShapes.ROW_IDENTIFIER, rows);
    }

    /** The schemas (CREATE SCHEMA's, and public unless dropped), by name. */
    static ListRows schemas(List<String> schemas, String catalog, String schemaPattern) {
        TreeSet<String> names = new TreeSet<>(schemas);
        LikePattern pattern = LikePattern.of(schemaPattern);
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            names.stream().filter(pattern::matches).forEach(s -> rows.add(new Object[] {s, null}));
        }
        return new ListRows(MetadataShapes.SCHEMAS, rows);
    }

    static ListRows tableTypes() {
        return new ListRows(MetadataShapes.TABLE_TYPES, List.<Object[]>of(new Object[] {MATERIALIZED_VIEW_TYPE},
                new Object[] {SEQUENCE_TYPE},
                new Object[] {TABLE_TYPE}, new Object[] {VIEW_TYPE}));
    }

    /** DECIMAL_DIGITS: 0 for integers, the scale of numeric and of fractional seconds, else null. */
    private static Integer decimalDigits(SqlType type) {
        TypeKind kind = type.kind();
        if (kind.isInteger()) {
            return 0;
        }
        if (kind == TypeKind.NUMERIC || kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ || kind == TypeKind.TIME
                || kind == TypeKind.TIMETZ || kind == TypeKind.INTERVAL) {
            return JdbcTypes.scale(type);
        }
        return null;
    }

    static ListRows typeInfo() {
        List<Object[]> rows = new ArrayList<>();
        Arrays.stream(TypeKind.values())
                .filter(k -> k != TypeKind.UNKNOWN && k != TypeKind.ARRAY && !k.isObjectIdentifier()
                        && k != TypeKind.RECORD   // regclass and friends, record: not column types
                        && k != TypeKind.ENUM && k != TypeKind.DOMAIN)   // kinds of user-defined types, not types
                .sorted(Comparator.comparingInt(TypeKind::jdbcType))
                .forEach(k -> {
                    boolean quoted = k.isText() || k.isDateTime() || k == TypeKind.TIME || k == TypeKind.TIMETZ
                            || k == TypeKind.INTERVAL;
                    short maxScale = (short) switch (k) {
                        case NUMERIC -> 1000;
                        case TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> 6;
                        default -> 0;
                    };
                    rows.add(new Object[] {
                        JdbcTypes.typeName(k), k.jdbcType(), k.precision(), quoted ? "'" : null,
                        quoted ? "'" : null, k == TypeKind.VARCHAR || k == TypeKind.BIT ? "length" : k.isPgvector() ? "dimensions"
                                : k == TypeKind.NUMERIC ? "precision,scale" : k == TypeKind.TIMESTAMP
                                || k == TypeKind.TIMESTAMPTZ ? "precision" : null,
                        (short) DatabaseMetaData.typeNullable, k.isText(), (short) DatabaseMetaData.typeSearchable,
                        false, false, false, k.sqlName(), (short) 0, maxScale, null, null, 10});
                });
        return new ListRows(MetadataShapes.TYPE_INFO, rows);
    }

    static String primaryKeyName(TableInfo t) {
        return t.name() + "_pkey";
    }

    private static List<TableInfo> matching(List<TableInfo> tables, String catalog, LikePattern schema, LikePattern table) {
        if (!catalogMatches(catalog)) {
            return List.of();
        }
        return tables.stream()
                .filter(t -> schema.matches(t.schema()) && table.matches(t.name()))
                .sorted(Comparator.comparing(TableInfo::schema).thenComparing(TableInfo::name))
                .toList();
    }

    private static boolean catalogMatches(String catalog) {
        return catalog == null || catalog.isEmpty();
    }

    /**
     * A name that must match exactly, as getPrimaryKeys and friends take; null matches all, and so
     * does a lone {@code %}, which DBeaver passes to these methods meaning every table.
     */
    private static LikePattern exact(String name) {
        if (name == null || name.equals("%")) {
            return LikePattern.of(null);
        }
        StringBuilder escaped = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '%' || c == '_' || c == LikePattern.ESCAPE) {
                escaped.append(LikePattern.ESCAPE);
            }
            escaped.append(c);
        }
        return LikePattern.of(escaped.toString());
    }
}
