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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The cost of an EXCLUDE constraint on INSERT: a booking table of {@code rows} rows over 1,000
 * rooms, then each call inserts {@code batch} new non-conflicting bookings (one INSERT ... SELECT,
 * private in-memory database through JDBC). {@code constraint}: {@code none} (no constraint, the
 * baseline), {@code indexed} ({@code EXCLUDE USING gist (room WITH =, during WITH &&)} with an
 * index on room, so each new row is compared with its room's rows only, each fetched by its key),
 * {@code covering} (the index on (room, during): the candidates are read from the index entries) or
 * {@code scan} (the same constraint without an index: each statement reads the whole table once).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Thread)
public class ExclusionBenchmark {
    @Param({"100000"})
    public int rows;

    @Param({"100"})
    public int batch;

    @Param({"none", "indexed", "covering", "scan"})
    public String constraint;

    private Connection c;
    private PreparedStatement insert;
    private long next;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE booking (id BIGINT PRIMARY KEY, room INT, during INT8RANGE"
                    + (constraint.equals("none") ? "" : ", EXCLUDE USING gist (room WITH =, during WITH &&)") + ")");
            if (constraint.equals("indexed")) {
                s.execute("CREATE INDEX booking_room ON booking (room)");
            } else if (constraint.equals("covering")) {
                s.execute("CREATE INDEX booking_room_during ON booking (room, during)");
            }
            s.execute("INSERT INTO booking SELECT g, g % 1000, int8range(g * 10, g * 10 + 5)"
                    + " FROM generate_series(0, " + (rows - 1) + ") g");
        }
        next = 0;
        // each new booking takes the free half of a slot: [g*10+5, g*10+10) never overlaps an existing one
        insert = c.prepareStatement("INSERT INTO booking SELECT g + 10000000, g % 1000,"
                + " int8range(g * 10 + 5, g * 10 + 10) FROM generate_series(?::bigint, ?::bigint) g");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        c.close();
    }

    @Benchmark
    public int insertBatch() throws SQLException {
        if (next + batch > rows) {   // every free half-slot used: empty them and start again
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM booking WHERE id >= 10000000");
            }
            next = 0;
        }
        insert.setLong(1, next);
        insert.setLong(2, next + batch - 1);
        next += batch;
        return insert.executeUpdate();
    }
}
