package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * One database engine the harness compares, reached only through JDBC. An implementation knows its
 * URL for a file database in a given directory and how it is set up so that a commit survives a
 * crash of the process; everything the workloads do is plain JDBC and the same for every engine.
 */
public interface EngineUnderTest {

    /** Short name used on the command line, e.g. {@code h2}. */
    String key();

    /** Name printed in the report, e.g. {@code H2}. */
    String displayName();

    /** JDBC URL of a file database inside {@code dir} (an empty directory the harness owns). */
    String url(Path dir);

    /**
     * Opens a connection to the database in {@code dir}, configured for the comparison (durability
     * settings applied and checked). The first call creates the database in the empty directory the
     * harness made; later ones, while it is open or after, connect to the same database.
     */
    Connection open(Path dir) throws SQLException;

    /**
     * How a commit is made durable on this connection, for the report's notes. Reads the settings
     * back from the engine where it can, so the note states what was in effect, not what was asked.
     */
    String durability(Connection connection) throws SQLException;

    /**
     * Whether {@code e} says "try again" rather than "this is wrong": the statement did nothing and
     * the same statement may succeed later (a serialization failure, a lock or busy timeout). The
     * commit workloads retry these and count them. By default the SQLSTATEs 40001 (serialization
     * failure), 40P01 (deadlock) and 55P03 (lock not available).
     */
    default boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
    }

    /**
     * What a user runs after a bulk load, before querying: by default {@code ANALYZE} (statistics
     * for the planner). An engine with a PostgreSQL-style VACUUM also runs it, as PostgreSQL users
     * do after a load, so that queries are timed on the database as it settles, not during the
     * engine's own reorganization of it.
     */
    default List<String> afterBulkLoad() {
        return List.of("ANALYZE");
    }

    /** The engines this harness knows, in the default order of a run. */
    static List<EngineUnderTest> all() {
        return List.of(new KyroEngine(), new H2Engine(), new SqliteEngine());
    }

    /** Every engine {@code --engines} can name: the default ones, and KyroDB with each pk_index. */
    static List<EngineUnderTest> known() {
        return List.of(new KyroEngine(), new KyroEngine("learned"), new KyroEngine("btree"), new H2Engine(),
                new SqliteEngine());
    }

    static EngineUnderTest byKey(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        for (EngineUnderTest engine : known()) {
            if (engine.key().equals(wanted)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + key + "' (known: "
                + String.join(", ", known().stream().map(EngineUnderTest::key).toList()) + ")");
    }
}
