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

/**
 * DatabaseMetaData lists views (TABLE_TYPE "VIEW") and sequences ("SEQUENCE") beside tables, for
 * the types asked for, as pgjdbc does, and materialized views apart from tables ("MATERIALIZED
 * VIEW"); getColumns gives a view's columns.
 */
class ViewsAndSequencesMetadataTest {
    private Connection c;
    private DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA app");
            s.executeUpdate("CREATE TABLE app.item (id serial PRIMARY KEY, name text, price numeric(8,2))");
            s.executeUpdate("CREATE VIEW app.cheap AS SELECT id, name FROM app.item WHERE price < 10");
            s.executeUpdate("CREATE SEQUENCE app.ticket");
            s.executeUpdate("COMMENT ON VIEW app.cheap IS 'under ten'");
        }
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String col : columns) {
                    row.add(rs.getString(col));
                }
                out.add(String.join(" ", row));
            }
        }
        return out;
    }

    @Test
    void getTablesListsEveryTypeWhenNoneIsAskedFor() throws SQLException {
        assertThat(rows(md.getTables(null, "app", "%", null), "TABLE_TYPE", "TABLE_SCHEM", "TABLE_NAME", "REMARKS"))
                .containsExactly("SEQUENCE app item_id_seq null", "SEQUENCE app ticket null", "TABLE app item null",
                        "VIEW app cheap under ten");
    }

    @Test
    void getTablesListsOnlyTheTypesAskedFor() throws SQLException {
        assertThat(rows(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME")).containsExactly("cheap");
        assertThat(rows(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME")).containsExactly("item");
        assertThat(rows(md.getTables(null, null, "%", new String[] {"SEQUENCE", "VIEW"}), "TABLE_NAME"))
                .containsExactly("item_id_seq", "ticket", "cheap");
        assertThat(rows(md.getTableTypes(), "TABLE_TYPE")).containsExactly("MATERIALIZED VIEW", "SEQUENCE", "TABLE",
                "VIEW");
    }

    @Test
    void getTablesListsAMaterializedViewApartFromTables() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE MATERIALIZED VIEW app.totals AS SELECT count(*) AS n FROM app.item");
        }
        assertThat(rows(md.getTables(null, "app", "%", null), "TABLE_TYPE", "TABLE_NAME")).containsExactly(
                "MATERIALIZED VIEW totals", "SEQUENCE item_id_seq", "SEQUENCE ticket", "TABLE item", "VIEW cheap");
        assertThat(rows(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME")).containsExactly("item");
        assertThat(rows(md.getTables(null, null, "%", new String[] {"MATERIALIZED VIEW"}), "TABLE_NAME"))
                .containsExactly("totals");
        assertThat(rows(md.getColumns(null, "app", "totals", "%"), "COLUMN_NAME", "TYPE_NAME"))
                .containsExactly("n int8");
    }

    @Test
    void getColumnsDescribesAView() throws SQLException {
        assertThat(rows(md.getColumns(null, "app", "cheap", "%"), "TABLE_NAME", "COLUMN_NAME", "TYPE_NAME",
                "ORDINAL_POSITION")).containsExactly("cheap id int4 1", "cheap name text 2");
    }
}
