package io.kyrodb.server;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CREATE INDEX ... USING hnsw sends its progress as notices (SQLSTATE 00000 warnings on the
 * statement, readable while it runs), and the shell shows them: a status line on a terminal, NOTICE
 * lines elsewhere, never as warnings, and nothing for a statement shorter than the quiet time.
 */
class ProgressDisplayTest {
    private static void load(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id text PRIMARY KEY, v vector(4))");
            StringBuilder insert = new StringBuilder("INSERT INTO items VALUES ");
            for (int i = 0; i < rows; i++) {
                insert.append(i == 0 ? "" : ", ").append("('k").append(i).append("', '[").append(i % 7).append(',')
                        .append(i % 11).append(',').append(i % 13).append(",1]')");
            }
            s.execute(insert.toString());
        }
    }

    @Test
    void theBuildsProgressReachesTheStatementAsNotices() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            load(c, 3000);
            s.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
            List<String> notices = new ArrayList<>();
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                assertThat(w.getSQLState()).isEqualTo("00000");
                notices.add(w.getMessage());
            }
            assertThat(notices.getFirst()).isEqualTo("building HNSW index items_v on items: counting rows");
            assertThat(notices.getLast()).startsWith("building HNSW index items_v on items: 100% (3000 of 3000 rows, ")
                    .endsWith(" rows/s)");
            s.execute("SELECT 1");
            assertThat((Object) s.getWarnings()).as("cleared at the next execution").isNull();
        }
    }

    @Test
    void theShellShowsTheProgressAsAStatusLineOrNoticeLines() throws SQLException {
        for (boolean terminal : new boolean[]{true, false}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            try (ShellSession session = new ShellSession(DriverManager.getConnection("jdbc:kyro:mem:"),
                    new ResultPrinter.Aligned(out), out, err, terminal, 0)) {
                load(session.connection(), 2000);
                assertThat(session.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)"))
                        .isEqualTo(ShellSession.Outcome.OK);
            }
            String last = "building HNSW index items_v on items: 100% (2000 of 2000 rows, ";
            assertThat(err.toString()).as("terminal: %s", terminal)
                    .contains(terminal ? "\r" + last : "NOTICE:  " + last).doesNotContain("WARNING").endsWith(" rows/s)"
                            + (terminal ? "\u001b[K\n" : "\n"));
            assertThat(out.toString()).contains("CREATE INDEX");
        }
    }

    @Test
    void pgStatProgressCreateIndexShowsTheRunningBuild() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:progressview");
             Connection watcher = DriverManager.getConnection("jdbc:kyro:mem:progressview");
             Statement w = watcher.createStatement()) {
            load(c, 6000);
            Thread build = new Thread(() -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            build.start();
            List<String> seen = new ArrayList<>();
            while (build.isAlive()) {
                try (java.sql.ResultSet rs = w.executeQuery("SELECT p.datname, c.relname, p.command, p.phase,"
                        + " p.tuples_total, p.tuples_done FROM pg_stat_progress_create_index p JOIN pg_class c"
                        + " ON c.oid = p.relid")) {
                    while (rs.next()) {
                        seen.add(rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getString(4) + " | " + rs.getLong(5) + " | "
                                + (rs.getLong(6) <= rs.getLong(5)));
                    }
                }
                Thread.sleep(10);
            }
            build.join();
            assertThat(seen).contains("items | CREATE INDEX | building index: loading tuples | 6000 | true");
            try (java.sql.ResultSet rs = w.executeQuery("SELECT count(*) FROM pg_stat_progress_create_index")) {
                rs.next();
                assertThat(rs.getLong(1)).as("gone once built").isZero();
            }
        }
    }

    @Test
    void aShortStatementShowsNothing() throws SQLException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ShellSession session = new ShellSession(DriverManager.getConnection("jdbc:kyro:mem:"),
                new ResultPrinter.Aligned(out), out, err, false)) {
            load(session.connection(), 50);
            session.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
        }
        assertThat(err.toString()).isEmpty();
    }
}
