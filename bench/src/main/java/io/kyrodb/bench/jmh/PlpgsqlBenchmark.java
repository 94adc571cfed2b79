package io.kyrodb.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * What PL/pgSQL costs per row and per call, through JDBC on an in-memory database:
 * <ul>
 *   <li>{@code insert1000}: {@code INSERT INTO docs SELECT ... FROM generate_series(1, 1000)}, then
 *       ROLLBACK, with {@code trigger} = {@code none}, {@code before} (the updated_at trigger:
 *       {@code NEW.updated_at := now(); RETURN NEW}) or {@code after} (an audit trigger inserting one
 *       row per row into another table);</li>
 *   <li>{@code call1000}: {@code SELECT sum(add_one(g)) FROM generate_series(1, 1000) g}, add_one a
 *       plpgsql function returning {@code n + 1} (compare {@code inline1000}: {@code sum(g + 1)});</li>
 *   <li>{@code loop1000}: a DO block adding up 1..1000 in a FOR loop.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Thread)
public class PlpgsqlBenchmark {
    @Param({"none", "before", "after"})
    public String trigger;

    private Connection c;
    private Statement s;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        s = c.createStatement();
        s.execute("CREATE TABLE docs (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz)");
        s.execute("CREATE TABLE audit (id int, op text)");
        s.execute("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now();"
                + " RETURN NEW; END $$");
        s.execute("CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO audit VALUES (NEW.id, TG_OP); RETURN NULL; END $$");
        s.execute("CREATE FUNCTION add_one(n integer) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN n + 1; END $$");
        s.execute("CREATE FUNCTION next_rows(n integer) RETURNS SETOF integer LANGUAGE plpgsql AS $$ BEGIN"
                + " FOR i IN 1..n LOOP RETURN NEXT i; END LOOP; END $$");
        s.execute("CREATE FUNCTION query_rows(n integer) RETURNS TABLE (id integer, label text) LANGUAGE plpgsql AS $$"
                + " BEGIN RETURN QUERY SELECT g, 'row ' || g FROM generate_series(1, n) g; END $$");
        switch (trigger) {
            case "before" -> s.execute("CREATE TRIGGER docs_touch BEFORE INSERT ON docs FOR EACH ROW EXECUTE FUNCTION touch()");
            case "after" -> s.execute("CREATE TRIGGER docs_audit AFTER INSERT ON docs FOR EACH ROW EXECUTE FUNCTION audit_row()");
            default -> {
            }
        }
        c.setAutoCommit(false);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        c.close();
    }

    @Benchmark
    public int insert1000() throws SQLException {
        int n = s.executeUpdate("INSERT INTO docs (id, title) SELECT g, 'doc ' || g FROM generate_series(1, 1000) g");
        c.rollback();
        return n;
    }

    @Benchmark
    public long call1000() throws SQLException {
        return one("SELECT sum(add_one(g)) FROM generate_series(1, 1000) g");
    }

    @Benchmark
    public long inline1000() throws SQLException {
        return one("SELECT sum(g + 1) FROM generate_series(1, 1000) g");
    }

    /** A set-returning function's 1,000 rows, each by RETURN NEXT. */
    @Benchmark
    public long returnNext1000() throws SQLException {
        return one("SELECT count(*) FROM next_rows(1000)");
    }

    /** A set-returning function's 1,000 rows by one RETURN QUERY. */
    @Benchmark
    public long returnQuery1000() throws SQLException {
        return one("SELECT count(*) FROM query_rows(1000)");
    }

    @Benchmark
    public int loop1000() throws SQLException {
        s.execute("DO $$ DECLARE t bigint := 0; BEGIN FOR i IN 1..1000 LOOP t := t + i; END LOOP; END $$");
        c.rollback();
        return 0;
    }

    private long one(String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long v = rs.getLong(1);
            c.rollback();
            return v;
        }
    }
}
