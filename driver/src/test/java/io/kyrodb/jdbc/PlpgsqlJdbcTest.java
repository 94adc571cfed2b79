package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PL/pgSQL and triggers as a JDBC application meets them: RAISE NOTICE and WARNING arrive as the
 * statement's SQLWarnings (as pgjdbc delivers PostgreSQL's notices), RAISE EXCEPTION as an
 * SQLException with the SQLSTATE it names, and a trigger's error rolls the whole statement back,
 * with autocommit on or off.
 */
class PlpgsqlJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        exec("CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, qty integer)");
        exec("CREATE TABLE audit (id integer, op text)");
        exec("""
                CREATE FUNCTION items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.qty < 0 THEN
                    RETURN NULL;
                  END IF;
                  IF NEW.name = 'bad' THEN
                    RAISE EXCEPTION 'item % is bad', NEW.id USING ERRCODE = 'check_violation', HINT = 'rename it';
                  END IF;
                  INSERT INTO audit VALUES (NEW.id, TG_OP);
                  RETURN NEW;
                END
                $$""");
        exec("CREATE TRIGGER items_guard BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_guard()");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    fields.add(rs.getString(i));
                }
                out.add(String.join("|", fields));
            }
        }
        return out;
    }

    private static List<String> messages(SQLWarning w) {
        List<String> out = new ArrayList<>();
        for (; w != null; w = w.getNextWarning()) {
            out.add(w.getMessage());
        }
        return out;
    }

    @Test
    void raiseNoticeAndWarningBecomeStatementWarnings() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN RAISE NOTICE 'first %', 1; RAISE WARNING 'second'; RAISE DEBUG 'not sent'; END $$");
            assertThat(messages(s.getWarnings())).containsExactly("first 1", "second");
            s.clearWarnings();
            s.execute("SELECT 1");
            assertThat((Object) s.getWarnings()).isNull();
        }
    }

    @Test
    void noticesOfAFunctionCalledThroughAPreparedStatement() throws SQLException {
        exec("""
                CREATE FUNCTION add_noisily(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE NOTICE 'adding % and %', a, b;
                  RETURN a + b;
                END
                $$""");
        try (PreparedStatement p = c.prepareStatement("SELECT add_noisily(?, ?)")) {
            p.setInt(1, 2);
            p.setInt(2, 40);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            assertThat(messages(p.getWarnings())).containsExactly("adding 2 and 40");
        }
    }

    @Test
    void raiseExceptionCarriesItsSqlStateMessageAndHint() {
        assertThatThrownBy(() -> exec("DO $$ BEGIN RAISE EXCEPTION 'no %', 'way' USING ERRCODE = '22P99', "
                + "DETAIL = 'some detail'; END $$"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("22P99");
                    assertThat(e.getMessage()).contains("no way").contains("Detail: some detail");
                });
        assertThatThrownBy(() -> exec("INSERT INTO items VALUES (1, 'bad', 1)"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23514");
                    assertThat(e.getMessage()).contains("item 1 is bad").contains("Hint: rename it");
                });
    }

    @Test
    void aTriggerErrorRollsBackTheWholeStatementInAutocommit() throws SQLException {
        assertThatThrownBy(() -> exec("INSERT INTO items VALUES (1, 'good', 1), (2, 'bad', 1)"))
                .isInstanceOf(SQLException.class);
        // the first row and the audit row its trigger wrote are gone with the statement
        assertThat(rows("SELECT count(*) FROM items")).containsExactly("0");
        assertThat(rows("SELECT count(*) FROM audit")).containsExactly("0");
        exec("INSERT INTO items VALUES (1, 'good', 1)");
        assertThat(rows("SELECT id, op FROM audit")).containsExactly("1|INSERT");
    }

    @Test
    void aTriggerErrorInATransactionLeavesItToRollBack() throws SQLException {
        c.setAutoCommit(false);
        exec("INSERT INTO items VALUES (1, 'good', 1)");
        assertThatThrownBy(() -> exec("UPDATE items SET name = 'bad'")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rows("SELECT 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
        c.rollback();
        c.setAutoCommit(true);
        assertThat(rows("SELECT count(*) FROM items")).containsExactly("0");
        assertThat(rows("SELECT count(*) FROM audit")).containsExactly("0");
    }

    @Test
    void updateCountsLeaveOutRowsABeforeTriggerSkipped() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO items VALUES (1, 'a', 1), (2, 'b', -1), (3, 'c', 2)")).isEqualTo(2);
            assertThat(s.executeUpdate("UPDATE items SET qty = qty - 2")).isEqualTo(1);
        }
        assertThat(rows("SELECT id, qty FROM items ORDER BY id")).containsExactly("1|1", "3|0");
    }

    @Test
    void batchesFireTheTriggersOfEachElement() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 3; i++) {
                p.setInt(1, i);
                p.setString(2, "n" + i);
                p.setInt(3, i == 2 ? -1 : i);
                p.addBatch();
            }
            assertThat(p.executeBatch()).containsExactly(1, 0, 1);
        }
        assertThat(rows("SELECT id FROM audit ORDER BY id")).containsExactly("1", "3");
    }
}
