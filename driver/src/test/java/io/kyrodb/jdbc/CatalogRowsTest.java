package io.kyrodb.jdbc;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.catalog.ColumnInfo;
import io.kyrodb.engine.catalog.TableInfo;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata result sets' shapes (names, order, types) and contents, from a hand-made catalog. */
class CatalogRowsTest {
    private static final TableInfo ORDERS = new TableInfo("public", "orders", List.of(
            new ColumnInfo("id", SqlType.BIGINT, false, 1),
            new ColumnInfo("customer", SqlType.varchar(40), true, 2),
            new ColumnInfo("total", SqlType.DOUBLE, true, 3),
            new ColumnInfo("region", SqlType.INTEGER, false, 4)), List.of("region", "id"));
    private static final TableInfo ITEMS = new TableInfo("public", "items", List.of(
            new ColumnInfo("sku", SqlType.TEXT, false, 1),
            new ColumnInfo("qty", SqlType.SMALLINT, true, 2),
            new ColumnInfo("in_stock", SqlType.BOOLEAN, true, 3),
            new ColumnInfo("weight", SqlType.REAL, true, 4)), List.of("sku"));
    private static final TableInfo LOG = new TableInfo("public", "audit_log", List.of(
            new ColumnInfo("line", SqlType.TEXT, true, 1)), List.of());
    private static final List<TableInfo> CATALOG = List.of(ORDERS, ITEMS, LOG);

    @Test
    void getTablesHasTheTenJdbcColumns() throws SQLException {
        assertThat(labels(CatalogRows.tables(CATALOG, null, null, null, null))).containsExactly(
                "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
                "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
    }

    @Test
    void getColumnsHasTheTwentyFourJdbcColumns() throws SQLException {
        ResultSetMetaData md = KyroResultSet.of(CatalogRows.columns(CATALOG, null, null, null, null)).getMetaData();
        assertThat(labels(md)).containsExactly(
                "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
                "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF",
                "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
                "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT",
                "IS_GENERATEDCOLUMN");
        assertThat(md.getColumnType(5)).isEqualTo(Types.INTEGER);
        assertThat(md.getColumnType(22)).isEqualTo(Types.SMALLINT);
    }

    @Test
    void getPrimaryKeysHasTheSixJdbcColumns() throws SQLException {
        ResultSetMetaData md = KyroResultSet.of(CatalogRows.primaryKeys(CATALOG, null, null, "orders")).getMetaData();
        assertThat(labels(md)).containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
        assertThat(md.getColumnType(5)).isEqualTo(Types.SMALLINT);
    }

    @Test
    void otherShapesMatchTheJdbcJavadoc() throws SQLException {
        assertThat(labels(CatalogRows.schemas(List.of("public"), null, null))).containsExactly("TABLE_SCHEM", "TABLE_CATALOG");
        assertThat(labels(ListRows.empty(MetadataShapes.CATALOGS))).containsExactly("TABLE_CAT");
        assertThat(labels(CatalogRows.tableTypes())).containsExactly("TABLE_TYPE");
        assertThat(labels(CatalogRows.typeInfo())).containsExactly("TYPE_NAME", "DATA_TYPE", "PRECISION",
                "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE",
                "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME", "MINIMUM_SCALE",
                "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX");
        assertThat(labels(CatalogRows.indexInfo(CATALOG, null, null, "orders"))).containsExactly("TABLE_CAT",
                "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION",
                "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION");
        assertThat(labels(ListRows.empty(MetadataShapes.KEYS))).hasSize(14).startsWith("PKTABLE_CAT").endsWith("DEFERRABILITY");
        assertThat(labels(ListRows.empty(MetadataShapes.PROCEDURES))).hasSize(9);
        assertThat(labels(ListRows.empty(MetadataShapes.PROCEDURE_COLUMNS))).hasSize(20);
        assertThat(labels(ListRows.empty(MetadataShapes.FUNCTIONS))).hasSize(6);
        assertThat(labels(ListRows.empty(MetadataShapes.FUNCTION_COLUMNS))).hasSize(17);
        assertThat(labels(ListRows.empty(MetadataShapes.UDTS))).hasSize(7);
        assertThat(labels(ListRows.empty(MetadataShapes.ATTRIBUTES))).hasSize(21);
        assertThat(labels(ListRows.empty(MetadataShapes.ROW_IDENTIFIER))).hasSize(8);
        assertThat(labels(ListRows.empty(MetadataShapes.PSEUDO_COLUMNS))).hasSize(12);
        assertThat(labels(ListRows.empty(MetadataShapes.CLIENT_INFO_PROPERTIES))).containsExactly("NAME", "MAX_LEN",
                "DEFAULT_VALUE", "DESCRIPTION");
    }

    @Test
    void getTablesListsEveryTableSortedByName() throws SQLException {
        List<List<Object>> rows = rows(CatalogRows.tables(CATALOG, null, null, null, null));
        assertThat(rows).extracting(r -> r.get(2)).containsExactly("audit_log", "items", "orders");
        assertThat(rows.getFirst()).containsExactly(null, "public", "audit_log", "TABLE", null, null, null, null, null, null);
    }

    @Test
    void getTablesFiltersByPatternsCatalogAndType() throws SQLException {
        assertThat(names(CatalogRows.tables(CATALOG, null, "public", "%s", null))).containsExactly("items", "orders");
        assertThat(names(CatalogRows.tables(CATALOG, "", "pub%", "audit\\_log", null))).containsExactly("audit_log");
        assertThat(names(CatalogRows.tables(CATALOG, null, null, "audit_log", new String[] {"TABLE", "VIEW"}))).containsExactly("audit_log");
        assertThat(names(CatalogRows.tables(CATALOG, null, null, null, new String[] {"VIEW"}))).isEmpty();
        assertThat(names(CatalogRows.tables(CATALOG, "otherdb", null, null, null))).isEmpty();
        assertThat(names(CatalogRows.tables(CATALOG, null, "other", null, null))).isEmpty();
        assertThat(names(CatalogRows.tables(CATALOG, null, null, "ORDERS", null))).isEmpty();
    }

    @Test
    void getColumnsDescribesEachColumn() throws SQLException {
        List<List<Object>> rows = rows(CatalogRows.columns(CATALOG, null, null, "orders", null));
        assertThat(rows).extracting(r -> r.get(3)).containsExactly("id", "customer", "total", "region");
        assertThat(rows.get(0)).containsExactly(null, "public", "orders", "id", Types.BIGINT, "int8", 19, null, 0, 10,
                DatabaseMetaData.columnNoNulls, null, null, null, null, null, 1, "NO", null, null, null, null, "NO", "NO");
        assertThat(rows.get(1)).containsExactly(null, "public", "orders", "customer", Types.VARCHAR, "varchar", 40, null,
                null, 10, DatabaseMetaData.columnNullable, null, null, null, null, 160, 2, "YES", null, null, null, null,
                "NO", "NO");
        assertThat(rows.get(2).subList(4, 7)).containsExactly(Types.DOUBLE, "float8", 17);
    }

    @Test
    void getColumnsOrdersByTableThenPositionAndFiltersColumnNames() throws SQLException {
        List<List<Object>> rows = rows(CatalogRows.columns(CATALOG, null, "public", "%", "%i%"));
        assertThat(rows).extracting(r -> r.get(2) + "." + r.get(3))
                .containsExactly("audit_log.line", "items.in_stock", "items.weight", "orders.id", "orders.region");
        assertThat(rows(CatalogRows.columns(CATALOG, null, null, "items", null)))
                .extracting(r -> r.get(5)).containsExactly("text", "int2", "bool", "float4");
    }

    @Test
    void getPrimaryKeysIsOrderedByColumnNameWithKeySeqInKeyOrder() throws SQLException {
        List<List<Object>> rows = rows(CatalogRows.primaryKeys(CATALOG, null, "public", "orders"));
        assertThat(rows).containsExactly(
                Arrays.asList(null, "public", "orders", "id", (short) 2, "orders_pkey"),
                Arrays.asList(null, "public", "orders", "region", (short) 1, "orders_pkey"));
    }

    @Test
    void getPrimaryKeysTakesExactNames() throws SQLException {
        assertThat(rows(CatalogRows.primaryKeys(CATALOG, null, null, "audit_log"))).isEmpty();
        assertThat(rows(CatalogRows.primaryKeys(CATALOG, null, null, "item%"))).isEmpty();
        assertThat(rows(CatalogRows.primaryKeys(CATALOG, null, null, "items"))).hasSize(1);
        assertThat(rows(CatalogRows.primaryKeys(CATALOG, null, "other", "items"))).isEmpty();
    }

    @Test
    void thePrimaryKeyIsTheOnlyIndex() throws SQLException {
        List<List<Object>> rows = rows(CatalogRows.indexInfo(CATALOG, null, null, "orders"));
        assertThat(rows).extracting(r -> r.get(7) + ":" + r.get(8)).containsExactly("1:region", "2:id");
        assertThat(rows.getFirst().subList(3, 7)).containsExactly(false, null, "orders_pkey", DatabaseMetaData.tableIndexOther);
    }

    @Test
    void schemasAlwaysIncludePublic() throws SQLException {
        assertThat(rows(CatalogRows.schemas(List.of("public"), null, null))).containsExactly(Arrays.asList("public", null));
        assertThat(rows(CatalogRows.schemas(List.of("public"), null, "x%"))).isEmpty();
    }

    @Test
    void typeInfoListsEveryTypeByDataType() throws SQLException {
        List<List<Object>> rows = rows(CatalogRows.typeInfo());
        assertThat(rows).extracting(r -> r.getFirst())
                .containsExactly("varbit", "int8", "bytea", "numeric", "int4", "int2", "float4", "float8", "text", "varchar",
                        "bool", "date", "time", "timetz", "timestamp", "timestamptz", "vector", "uuid", "jsonb", "json", "interval",
                        "halfvec", "sparsevec", "jsonpath", "tsvector", "tsquery",
                        "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange");
        List<Object> numeric = rows.stream().filter(r -> r.getFirst().equals("numeric")).findFirst().orElseThrow();
        assertThat(numeric.get(5)).isEqualTo("precision,scale");
        for (String name : List.of("vector", "halfvec", "sparsevec")) {
            List<Object> vector = rows.stream().filter(r -> r.getFirst().equals(name)).findFirst().orElseThrow();
            assertThat(vector.get(1)).isEqualTo(java.sql.Types.OTHER);
            assertThat(vector.get(5)).isEqualTo("dimensions");
        }
    }

    static List<String> labels(ExecResult.Rows rows) throws SQLException {
        return labels(KyroResultSet.of(rows).getMetaData());
    }

    static List<String> labels(ResultSetMetaData md) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            labels.add(md.getColumnLabel(i));
            assertThat(md.getColumnName(i)).isEqualTo(md.getColumnLabel(i));
        }
        return labels;
    }

    /** Every row, as a list of its values. */
    static List<List<Object>> rows(ExecResult.Rows rows) throws SQLException {
        ResultSet rs = KyroResultSet.of(rows);
        int n = rs.getMetaData().getColumnCount();
        List<List<Object>> result = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            result.add(row);
        }
        return result;
    }

    private static List<Object> names(ExecResult.Rows rows) throws SQLException {
        return rows(rows).stream().map(r -> r.get(2)).toList();
    }

    private static final List<io.kyrodb.engine.catalog.ForeignKeyInfo> KEYS = List.of(
            new io.kyrodb.engine.catalog.ForeignKeyInfo("lines_order_fkey", "public", "lines", List.of("o_region", "o_id"),
                    "public", "orders", List.of("region", "id"), "orders_pkey", "NO ACTION", "CASCADE"),
            new io.kyrodb.engine.catalog.ForeignKeyInfo("lines_sku_fkey", "public", "lines", List.of("sku"),
                    "public", "items", List.of("sku"), "items_pkey", "RESTRICT", "SET NULL"),
            new io.kyrodb.engine.catalog.ForeignKeyInfo("returns_sku_fkey", "public", "returns", List.of("sku"),
                    "public", "items", List.of("sku"), "items_pkey", "NO ACTION", "NO ACTION"));

    private static List<String> rows(ExecResult.Rows rows, int... columns) {
        List<String> out = new ArrayList<>();
        for (Object[] r = rows.next(); r != null; r = rows.next()) {
            List<String> picked = new ArrayList<>();
            for (int c : columns) {
                picked.add(String.valueOf(r[c - 1]));
            }
            out.add(String.join(" ", picked));
        }
        return out;
    }

    @Test
    void importedKeysListATablesForeignKeysByReferencedTableThenKeySeq() {
        // PKTABLE_NAME, PKCOLUMN_NAME, FKTABLE_NAME, FKCOLUMN_NAME, KEY_SEQ, UPDATE_RULE, DELETE_RULE, FK_NAME, PK_NAME
        assertThat(rows(CatalogRows.importedKeys(KEYS, null, null, "lines"), 3, 4, 7, 8, 9, 10, 11, 12, 13, 14))
                .containsExactly(
                        "items sku lines sku 1 " + DatabaseMetaData.importedKeyRestrict + " "
                                + DatabaseMetaData.importedKeySetNull + " lines_sku_fkey items_pkey "
                                + DatabaseMetaData.importedKeyNotDeferrable,
                        "orders region lines o_region 1 " + DatabaseMetaData.importedKeyNoAction + " "
                                + DatabaseMetaData.importedKeyCascade + " lines_order_fkey orders_pkey "
                                + DatabaseMetaData.importedKeyNotDeferrable,
                        "orders id lines o_id 2 " + DatabaseMetaData.importedKeyNoAction + " "
                                + DatabaseMetaData.importedKeyCascade + " lines_order_fkey orders_pkey "
                                + DatabaseMetaData.importedKeyNotDeferrable);
        assertThat(rows(CatalogRows.importedKeys(KEYS, null, null, "items"), 3)).isEmpty();
    }

    @Test
    void exportedKeysAndCrossReferenceListTheReferencingTables() {
        assertThat(rows(CatalogRows.exportedKeys(KEYS, null, "public", "items"), 7, 8, 12))
                .containsExactly("lines sku lines_sku_fkey", "returns sku returns_sku_fkey");
        assertThat(rows(CatalogRows.crossReference(KEYS, null, null, "items", null, null, "returns"), 3, 7, 12))
                .containsExactly("items returns returns_sku_fkey");
        assertThat(rows(CatalogRows.crossReference(KEYS, "other", null, "items", null, null, "returns"), 3)).isEmpty();
        assertThat(rows(CatalogRows.exportedKeys(KEYS, null, "elsewhere", "items"), 3)).isEmpty();
    }
}
