package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schemas through JDBC: setSchema/getSchema on the search_path, getSchemas, schema patterns, REMARKS from COMMENT ON. */
class SchemasMetadataTest {
    private Connection c;
    private DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA sales");
            s.executeUpdate("CREATE TABLE sales.orders (id int PRIMARY KEY, total numeric(10,2))");
            s.executeUpdate("CREATE TABLE orders (id int PRIMARY KEY, note text)");
            s.executeUpdate("COMMENT ON TABLE sales.orders IS 'orders of the sales team'");
            s.executeUpdate("COMMENT ON COLUMN sales.orders.total IS 'in euros'");
        }
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void setSchemaMovesTheSearchPath() throws SQLException {
        assertThat(c.getSchema()).isEqualTo("public");
        c.setSchema("sales");
        assertThat(c.getSchema()).isEqualTo("sales");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("sales");
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO orders VALUES (1, 9.5)");   // sales.orders: its second column is numeric
            try (ResultSet rs = s.executeQuery("SELECT total FROM sales.orders")) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("9.5");
                assertThat(rs.getMetaData().getSchemaName(1)).isEqualTo("sales");
                assertThat(rs.getMetaData().getTableName(1)).isEqualTo("orders");
            }
        }
        assertThatThrownBy(() -> c.setSchema("nowhere")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("3F000");
        assertThat(c.getSchema()).isEqualTo("sales");
        c.setSchema(null);
        assertThat(c.getSchema()).isEqualTo("public");
    }

    @Test
    void getSchemasListsRealSchemas() throws SQLException {
        assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("public", "sales");
        assertThat(column(md.getSchemas(null, "sal%"), "TABLE_SCHEM")).containsExactly("sales");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA empty_one");
        }
        assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("empty_one", "public", "sales");
    }

    @Test
    void tablesAndColumnsFollowTheSchemaPattern() throws SQLException {
        assertThat(column(md.getTables(null, "sales", "%", null), "TABLE_SCHEM")).containsExactly("sales");
        assertThat(column(md.getTables(null, "public", "orders", null), "TABLE_SCHEM")).containsExactly("public");
        assertThat(column(md.getTables(null, null, "orders", null), "TABLE_SCHEM")).containsExactly("public", "sales");
        assertThat(column(md.getColumns(null, "sales", "orders", null), "COLUMN_NAME")).containsExactly("id", "total");
        assertThat(column(md.getPrimaryKeys(null, "sales", "orders"), "TABLE_SCHEM")).containsExactly("sales");
    }

    @Test
    void remarksComeFromCommentOn() throws SQLException {
        assertThat(column(md.getTables(null, "sales", "orders", null), "REMARKS")).containsExactly("orders of the sales team");
        assertThat(column(md.getTables(null, "public", "orders", null), "REMARKS")).containsExactly((String) null);
        assertThat(column(md.getColumns(null, "sales", "orders", null), "REMARKS")).containsExactly(null, "in euros");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("COMMENT ON TABLE sales.orders IS NULL");
        }
        assertThat(column(md.getTables(null, "sales", "orders", null), "REMARKS")).containsExactly((String) null);
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(label));
            }
        }
        return out;
    }
}
