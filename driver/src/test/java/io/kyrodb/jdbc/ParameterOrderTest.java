package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters are numbered by where they stand in the SQL text, whatever the clause: Hibernate's
 * paging puts {@code LIMIT ? OFFSET ?} after a WHERE with its own parameters.
 */
class ParameterOrderTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE book (id BIGINT PRIMARY KEY, price DOUBLE PRECISION)");
            for (int i = 1; i <= 10; i++) {
                s.executeUpdate("INSERT INTO book VALUES (" + i + ", " + i * 10 + ")");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private List<Long> ids(String sql, Object... params) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    @Test
    void whereParametersComeBeforeLimitAndOffset() throws SQLException {
        assertThat(ids("SELECT id FROM book WHERE price > ? ORDER BY id LIMIT ? OFFSET ?", 25.0, 3, 2))
                .containsExactly(5L, 6L, 7L);
        assertThat(ids("SELECT id FROM book WHERE price > ? ORDER BY id OFFSET ? LIMIT ?", 25.0, 2, 3))
                .containsExactly(5L, 6L, 7L);
    }

    @Test
    void selectListOrderByAndWhereParametersInTextOrder() throws SQLException {
        assertThat(ids("SELECT id + ? FROM book WHERE id <= ? ORDER BY id * ? LIMIT ?", 100, 3, -1, 2))
                .containsExactly(103L, 102L);
    }

    /** jsonb's {@code ?} operator beside parameters: an operator is never counted as one. */
    @Test
    void jsonbKeyExistsOperatorIsNoParameter() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE doc (id BIGINT PRIMARY KEY, meta JSONB)");
            s.executeUpdate("INSERT INTO doc VALUES (1, '{\"a\": 1}'), (2, '{\"b\": 1}'), (3, '[\"a\"]')");
        }
        assertThat(ids("SELECT id FROM doc WHERE meta ?? ? AND id > ? ORDER BY id", "a", 0)).containsExactly(1L, 3L);
        assertThat(ids("SELECT id FROM doc WHERE meta ? ? ORDER BY id", "b")).containsExactly(2L);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM doc WHERE meta ? 'a' AND id < ?")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(1);
        }
    }
}
