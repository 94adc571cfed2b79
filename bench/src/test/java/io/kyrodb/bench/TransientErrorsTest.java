package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit workloads retry what {@link EngineUnderTest#isTransient} accepts: a writer that could
 * not get the write lock in time is transient, a duplicate key is not. Provoked for real, so a driver
 * that changes its error codes fails here rather than failing (or silently retrying) a bench run.
 */
class TransientErrorsTest {

    @TempDir
    Path dir;

    @Test
    void sqliteBusyIsTransient() throws SQLException {
        check(new SqliteEngine(), "PRAGMA busy_timeout=0");
    }

    @Test
    void kyroLockTimeoutIsTransient() throws SQLException {
        check(new KyroEngine(), "SET lock_timeout = 50");
    }

    /** One connection holds the write lock in an open transaction; another cannot get it within {@code shortWait}. */
    private void check(EngineUnderTest engine, String shortWait) throws SQLException {
        try (Connection holder = engine.open(dir); Connection other = engine.open(dir)) {
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
                s.execute("INSERT INTO t (id) VALUES (1)");
            }
            SQLException duplicate = catchThrowableOfType(SQLException.class, () -> {
                try (Statement s = other.createStatement()) {
                    s.execute("INSERT INTO t (id) VALUES (1)");
                }
            });
            assertThat(engine.isTransient(duplicate)).as(duplicate.toString()).isFalse();

            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("INSERT INTO t (id) VALUES (2)");
            }
            try (Statement s = other.createStatement()) {
                s.execute(shortWait);
            }
            SQLException busy = catchThrowableOfType(SQLException.class, () -> {
                try (Statement s = other.createStatement()) {
                    s.execute("INSERT INTO t (id) VALUES (3)");
                }
            });
            assertThat(engine.isTransient(busy)).as(busy.toString()).isTrue();
            holder.rollback();
        }
    }
}
