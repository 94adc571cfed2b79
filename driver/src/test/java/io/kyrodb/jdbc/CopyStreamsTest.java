package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * COPY ... FROM STDIN and TO STDOUT through {@link KyroConnection#copyIn} and {@link KyroConnection#copyOut},
 * the embedded counterpart of pgjdbc's CopyManager: the data comes from the caller's Reader and
 * goes to its Writer, in the statement's transaction.
 */
class CopyStreamsTest {
    private Connection c;
    private KyroConnection kyro;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        kyro = c.unwrap(KyroConnection.class);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE item (id integer PRIMARY KEY, name text, price numeric)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private long count() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM item")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void copyInReadsTextAndCsvFromTheReader() throws SQLException {
        assertThat(kyro.copyIn("COPY item FROM STDIN", new StringReader("1\tpen\t2.5\n2\t\\N\t3\n"))).isEqualTo(2);
        assertThat(kyro.copyIn("COPY item (id, name) FROM stdin WITH (FORMAT csv, HEADER)",
                new StringReader("id,name\n3,\"a, b\"\n\\.\n4,after the marker\n"))).isEqualTo(1);
        StringWriter out = new StringWriter();
        assertThat(kyro.copyOut("COPY (SELECT id, name, price FROM item ORDER BY id) TO STDOUT WITH (FORMAT csv)", out))
                .isEqualTo(3);
        assertThat(out.toString()).isEqualTo("1,pen,2.5\n2,,3\n3,\"a, b\",\n");
    }

    @Test
    void aBadRecordCopiesNothingAndNamesItsLine() throws SQLException {
        assertThatThrownBy(() -> kyro.copyIn("COPY item FROM STDIN", new StringReader("1\tpen\t2\n2\tcup\tcheap\n")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("line 2")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        assertThat(count()).isZero();
    }

    @Test
    void copyInIsPartOfAnOpenTransaction() throws SQLException {
        c.setAutoCommit(false);
        kyro.copyIn("COPY item FROM STDIN", new StringReader("1\tpen\t2\n"));
        assertThat(count()).isEqualTo(1);
        c.rollback();
        assertThat(count()).isZero();
        c.setAutoCommit(true);
    }

    @Test
    void streamsNeedTheirMethodAndTheRightStatement() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("COPY item FROM STDIN"))
                    .hasMessageContaining("copyIn")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
            assertThatThrownBy(() -> s.execute("COPY item TO STDOUT"))
                    .hasMessageContaining("copyOut")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
        assertThatThrownBy(() -> kyro.copyIn("COPY item TO STDOUT", new StringReader("")))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
        assertThatThrownBy(() -> kyro.copyOut("SELECT 1", new StringWriter()))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
        assertThatThrownBy(() -> kyro.copyIn("COPY item FROM STDOUT", new StringReader("")))
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
        assertThat(count()).isZero();
    }
}
