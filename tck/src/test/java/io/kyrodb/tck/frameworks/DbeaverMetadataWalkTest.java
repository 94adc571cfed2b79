package io.kyrodb.tck.frameworks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata walk a database tool makes, replayed: what DBeaver's generic JDBC driver (and
 * IntelliJ's) calls on connect, then when a schema is expanded and a table opened, with the
 * patterns they pass (null table types, {@code %} for every table even where JDBC wants a name).
 * Every call must answer, with JDBC's column names, and agree with the catalog the SQL created.
 */
class DbeaverMetadataWalkTest {
    @TempDir
    Path dir;

    private Connection c;

    @BeforeEach
    void connectAsATool() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "dbeaver");   // tools always send a user and a password
        p.setProperty("password", "");
        c = DriverManager.getConnection("jdbc:kyro:file:" + dir.resolve("db"), p);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(80) NOT NULL, vip BOOLEAN)");
            s.executeUpdate("CREATE TABLE line_item (order_id BIGINT, line INTEGER, sku TEXT, qty SMALLINT NOT NULL, "
                    + "price DOUBLE PRECISION, PRIMARY KEY (order_id, line))");
            s.executeUpdate("CREATE TABLE event_log (at BIGINT, message TEXT)");
        }
    }

    @AfterEach
    void disconnect() throws SQLException {
        c.close();
    }

    private static List<String> rows(ResultSet rs, String... labels) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (String label : labels) {
                    b.append(b.isEmpty() ? "" : " ").append(rs.getString(label));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnLabel(i));
            }
            return out;
        }
    }

    @Test
    void onConnect() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("KyroDB");
        assertThat(md.getDatabaseProductVersion()).isNotBlank();
        assertThat(md.getDatabaseMajorVersion()).isNotNegative();
        assertThat(md.getDriverName()).isEqualTo("KyroDB JDBC Driver");
        assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.getSearchStringEscape()).isEqualTo("\\");
        assertThat(md.getCatalogSeparator()).isNotNull();
        assertThat(md.getSQLKeywords()).isNotNull();
        assertThat(md.getNumericFunctions()).isNotNull();
        assertThat(md.getStringFunctions()).isNotNull();
        assertThat(md.supportsSchemasInTableDefinitions()).isTrue();
        assertThat(md.supportsCatalogsInTableDefinitions()).isFalse();
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isTrue();
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(md.isReadOnly()).isFalse();
        assertThat(c.getSchema()).isEqualTo("public");
        assertThat(c.getCatalog()).isNull();
        assertThat(c.isValid(2)).isTrue();

        assertThat(rows(md.getCatalogs(), "TABLE_CAT")).isEmpty();
        assertThat(labels(md.getSchemas())).containsExactly("TABLE_SCHEM", "TABLE_CATALOG");
        assertThat(rows(md.getSchemas(null, "%"), "TABLE_SCHEM")).containsExactly("public");
        assertThat(rows(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE");
        assertThat(labels(md.getTypeInfo())).startsWith("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX",
                "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE",
                "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE",
                "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX");
        assertThat(rows(md.getTypeInfo(), "TYPE_NAME")).contains("int8", "int4", "int2", "float8", "bool", "text", "varchar");
        assertThat(labels(md.getClientInfoProperties())).containsExactly("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
    }

    @Test
    void expandingTheSchema() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        assertThat(rows(md.getTables(null, "public", "%", null), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"))
                .containsExactly("public customer TABLE", "public event_log TABLE", "public line_item TABLE");
        // every column of the schema at once, in table then ordinal order
        assertThat(rows(md.getColumns(null, "public", "%", "%"), "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION",
                "TYPE_NAME", "IS_NULLABLE")).containsExactly(
                "customer id 1 int8 NO", "customer name 2 varchar NO", "customer vip 3 bool YES",
                "event_log at 1 int8 YES", "event_log message 2 text YES",
                "line_item order_id 1 int8 NO", "line_item line 2 int4 NO", "line_item sku 3 text YES",
                "line_item qty 4 int2 NO", "line_item price 5 float8 YES");
        // keys of every table with %, as DBeaver asks for them
        assertThat(rows(md.getPrimaryKeys(null, "public", "%"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"))
                .containsExactly("customer id 1 customer_pkey", "line_item line 2 line_item_pkey",
                        "line_item order_id 1 line_item_pkey");
        assertThat(labels(md.getImportedKeys(null, "public", "%"))).containsExactly("PKTABLE_CAT", "PKTABLE_SCHEM",
                "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME",
                "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY");
        assertThat(rows(md.getImportedKeys(null, "public", "%"), "FK_NAME")).as("no foreign keys yet").isEmpty();
        assertThat(rows(md.getIndexInfo(null, "public", "%", false, true), "TABLE_NAME", "INDEX_NAME", "COLUMN_NAME",
                "NON_UNIQUE")).containsExactlyInAnyOrder("customer customer_pkey id false",
                "line_item line_item_pkey order_id false", "line_item line_item_pkey line false");
    }

    @Test
    void openingATable() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(null, "public", "line_item", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CAT")).isNull();
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
            assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("NO");
        }
        assertThat(rows(md.getBestRowIdentifier(null, "public", "line_item", DatabaseMetaData.bestRowSession, true),
                "COLUMN_NAME")).containsExactlyInAnyOrder("order_id", "line");
        // the data tab: a plain query with a row limit, read with its metadata
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO line_item VALUES (1, 1, 'a', 2, 9.5), (1, 2, 'b', 1, 3.25)");
            s.setMaxRows(200);
            try (ResultSet rs = s.executeQuery("SELECT * FROM line_item")) {
                ResultSetMetaData rmd = rs.getMetaData();
                assertThat(rmd.getColumnCount()).isEqualTo(5);
                assertThat(rmd.getTableName(1)).isEqualTo("line_item");
                assertThat(rmd.getColumnTypeName(4)).isEqualTo("int2");
                assertThat(rmd.isNullable(4)).isEqualTo(ResultSetMetaData.columnNoNulls);
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(2);
            }
        }
    }
}
