package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** getColumns says which columns are GENERATED ALWAYS AS (...) STORED (IS_GENERATEDCOLUMN), as pgjdbc does. */
class GeneratedColumnsMetadataTest {
    @Test
    void aStoredGeneratedColumnIsGenerated() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE item (id serial PRIMARY KEY, price numeric(8,2), qty int,"
                    + " total numeric GENERATED ALWAYS AS (price * qty) STORED)");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, "public", "item", "%")) {
                while (rs.next()) {
                    out.add(rs.getString("COLUMN_NAME") + " " + rs.getString("IS_GENERATEDCOLUMN"));
                }
            }
            assertThat(out).containsExactly("id NO", "price NO", "qty NO", "total YES");
            s.executeUpdate("INSERT INTO item (price, qty) VALUES (2.50, 4)");
            try (ResultSet rs = s.executeQuery("SELECT total FROM item")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("10.00");
            }
        }
    }
}
