package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN [ANALYZE] through a PreparedStatement with {@code ?} parameters, as pgjdbc runs it:
 * executeQuery returns the plan's lines in one text column {@code QUERY PLAN}, and the result's
 * metadata is known before it runs without running it.
 */
class PreparedExplainTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id integer PRIMARY KEY, name text)");
            s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> lines(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void explainAnalyzeWithAParameterReturnsThePlan() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE SELECT name FROM t WHERE id > ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("QUERY PLAN");
                List<String> plan = lines(rs);
                assertThat(plan).anyMatch(l -> l.contains("rows=2"));   // the bound value was used
                assertThat(plan).anyMatch(l -> l.startsWith("Execution Time: "));
            }
            ps.setInt(1, 2);
            assertThat(ps.execute()).isTrue();
            assertThat(lines(ps.getResultSet())).anyMatch(l -> l.contains("rows=1"));
        }
    }

    @Test
    void metadataComesWithoutRunningTheStatement() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SEQUENCE ids START WITH 100");
        }
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE SELECT nextval('ids') FROM t WHERE id > ?")) {
            ResultSetMetaData md = ps.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(1);
            assertThat(md.getColumnLabel(1)).isEqualTo("QUERY PLAN");
            assertThat(md.getColumnTypeName(1)).isEqualTo("text");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('ids')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100);   // the EXPLAIN ANALYZE did not run
        }
    }

    @Test
    void plainExplainIsAQueryToo() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT name FROM t WHERE id = ?")) {
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(lines(rs)).isNotEmpty();
            }
        }
    }

    /** What a visual explain (DBeaver, pgAdmin) sends: FORMAT JSON, one row holding PostgreSQL's document. */
    @Test
    void formatJsonIsOneRowWithThePlanDocument() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) SELECT name FROM t WHERE name <> ?")) {
            ps.setString(1, "b");
            try (ResultSet rs = ps.executeQuery()) {
                List<String> rows = lines(rs);
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0)).startsWith("[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Seq Scan\",")
                        .contains("\"Relation Name\": \"t\"", "\"Filter\": \"(name <> $1)\"", "\"Actual Rows\": 2",
                                "\"Rows Removed by Filter\": 1", "\"Execution Time\": ")
                        .endsWith("\n]");
            }
        }
    }
}
