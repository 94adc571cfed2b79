package io.kyrodb.jdbc;

import io.kyrodb.engine.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DatabaseMetaData against tables created through the driver. */
class DatabaseMetaDataTest {
    private Connection c;
    private DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE Orders (region integer NOT NULL, id bigint NOT NULL, customer varchar(40), "
                    + "total double precision, PRIMARY KEY (region, id))");
            s.executeUpdate("CREATE TABLE items (sku text PRIMARY KEY, in_stock boolean)");
            s.executeUpdate("CREATE TABLE audit_log (line text)");
        }
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            values.add(rs.getString(label));
        }
        return values;
    }

    @Test
    void identifiesTheProductAndDriver() throws SQLException {
        assertThat(md.getDatabaseProductName()).isEqualTo("KyroDB");
        assertThat(md.getDatabaseProductVersion()).isEqualTo(Session.version());
        assertThat(md.getDriverName()).isEqualTo("KyroDB JDBC Driver");
        assertThat(md.getDriverVersion()).isEqualTo(Session.version());
        assertThat(md.getURL()).isEqualTo("jdbc:kyro:mem:");
        assertThat(md.getConnection()).isSameAs(c);
        assertThat(md.storesLowerCaseIdentifiers()).isTrue();
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.usesLocalFiles()).isFalse();
    }

    @Test
    void getTablesListsCreatedTablesInLowerCase() throws SQLException {
        assertThat(column(md.getTables(null, null, "%", null), "TABLE_NAME")).containsExactly("audit_log", "items", "orders");
        assertThat(column(md.getTables(null, "public", "ord%", new String[] {"TABLE"}), "TABLE_NAME")).containsExactly("orders");
        assertThat(column(md.getTables(null, null, "nothing%", null), "TABLE_NAME")).isEmpty();
        try (ResultSet rs = md.getTables("", null, "items", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CAT")).isNull();
            assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
            assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(10);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void getColumnsDescribesEachColumnInOrder() throws SQLException {
        try (ResultSet rs = md.getColumns(null, "public", "orders", "%")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(24);
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " "
                        + rs.getInt("COLUMN_SIZE") + " " + rs.getInt("NULLABLE") + " " + rs.getString("IS_NULLABLE") + " "
                        + rs.getInt("ORDINAL_POSITION"));
            }
            assertThat(rows).containsExactly(
                    "region " + Types.INTEGER + " int4 10 0 NO 1",
                    "id " + Types.BIGINT + " int8 19 0 NO 2",
                    "customer " + Types.VARCHAR + " varchar 40 1 YES 3",
                    "total " + Types.DOUBLE + " float8 17 1 YES 4");
        }
        assertThat(column(md.getColumns(null, null, "items", "in\\_%"), "COLUMN_NAME")).containsExactly("in_stock");
    }

    @Test
    void getPrimaryKeysGivesKeyColumnsWithTheirPositionInTheKey() throws SQLException {
        try (ResultSet rs = md.getPrimaryKeys(null, "public", "orders")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(6);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 2);
            assertThat(rs.getString("PK_NAME")).isEqualTo("orders_pkey");
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("orders");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("region");
            assertThat(rs.getInt("KEY_SEQ")).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
        assertThat(column(md.getPrimaryKeys(null, null, "items"), "COLUMN_NAME")).containsExactly("sku");
        assertThat(column(md.getPrimaryKeys(null, null, "audit_log"), "COLUMN_NAME")).isEmpty();
    }

    @Test
    void schemasCatalogsAndTableTypes() throws SQLException {
        assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("public");
        assertThat(column(md.getCatalogs(), "TABLE_CAT")).isEmpty();
        assertThat(column(md.getTableTypes(), "TABLE_TYPE")).containsExactly("MATERIALIZED VIEW", "SEQUENCE", "TABLE", "VIEW");
        assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("int4", "int8", "text", "varchar", "bool");
        assertThat(column(md.getImportedKeys(null, null, "orders"), "FK_NAME")).isEmpty();
        assertThat(column(md.getIndexInfo(null, null, "items", true, false), "INDEX_NAME")).containsExactly("items_pkey");
    }

    @Test
    void secondaryIndexesAreListedAfterThePrimaryKey() throws SQLException {
        c.createStatement().executeUpdate("CREATE TABLE ix (id bigint PRIMARY KEY, a int, b text)");
        c.createStatement().executeUpdate("CREATE INDEX ix_b_a ON ix (b DESC, a)");
        c.createStatement().executeUpdate("CREATE UNIQUE INDEX ix_a ON ix (a)");
        try {
            assertThat(column(md.getIndexInfo(null, null, "ix", false, false), "INDEX_NAME"))
                    .containsExactly("ix_a", "ix_pkey", "ix_b_a", "ix_b_a");
            assertThat(column(md.getIndexInfo(null, null, "ix", false, false), "COLUMN_NAME"))
                    .containsExactly("a", "id", "b", "a");
            assertThat(column(md.getIndexInfo(null, null, "ix", false, false), "ASC_OR_DESC"))
                    .containsExactly("A", "A", "D", "A");
            assertThat(column(md.getIndexInfo(null, null, "ix", true, false), "INDEX_NAME"))
                    .containsExactly("ix_a", "ix_pkey");
            c.createStatement().executeUpdate("DROP INDEX ix_b_a");
            assertThat(column(md.getIndexInfo(null, null, "ix", false, false), "INDEX_NAME"))
                    .containsExactly("ix_a", "ix_pkey");
        } finally {
            c.createStatement().executeUpdate("DROP TABLE ix");
        }
    }

    /** As pgjdbc reports them: an expression's text as COLUMN_NAME, a partial index's predicate as FILTER_CONDITION. */
    @Test
    void expressionAndPartialIndexesAreListedWithTheirTexts() throws SQLException {
        c.createStatement().executeUpdate("CREATE TABLE ex (id bigint PRIMARY KEY, email text, a int, b int)");
        c.createStatement().executeUpdate("CREATE UNIQUE INDEX ex_email ON ex (lower(email)) WHERE a IS NULL");
        c.createStatement().executeUpdate("CREATE INDEX ex_sum ON ex ((a + b), id DESC)");
        try {
            assertThat(column(md.getIndexInfo(null, null, "ex", false, false), "INDEX_NAME"))
                    .containsExactly("ex_email", "ex_pkey", "ex_sum", "ex_sum");
            assertThat(column(md.getIndexInfo(null, null, "ex", false, false), "COLUMN_NAME"))
                    .containsExactly("lower(email)", "id", "(a + b)", "id");
            assertThat(column(md.getIndexInfo(null, null, "ex", false, false), "FILTER_CONDITION"))
                    .containsExactly("a IS NULL", null, null, null);
            assertThat(column(md.getIndexInfo(null, null, "ex", true, false), "INDEX_NAME"))
                    .containsExactly("ex_email", "ex_pkey");
        } finally {
            c.createStatement().executeUpdate("DROP TABLE ex");
        }
    }

    @Test
    void newTablesShowUpAtOnce() throws SQLException {
        c.createStatement().executeUpdate("CREATE TABLE later (x bigint)");
        assertThat(column(md.getTables(null, null, "later", null), "TABLE_NAME")).containsExactly("later");
        c.createStatement().executeUpdate("DROP TABLE later");
        assertThat(column(md.getTables(null, null, "later", null), "TABLE_NAME")).isEmpty();
    }
}
