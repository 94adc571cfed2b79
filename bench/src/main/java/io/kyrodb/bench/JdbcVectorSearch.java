package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * KyroDB as an application uses it: the vectors in a table {@code items (id integer PRIMARY KEY,
 * v vector(n))} of an in-memory database, loaded in batches through JDBC, and each query a
 * {@code SELECT id FROM items ORDER BY v <op> ? LIMIT k} with the query bound as a {@code float[]}.
 * Without {@code useIndex} that is KyroDB's exact search; with it the table gets
 * {@code CREATE INDEX ... USING hnsw (v <opclass>) WITH (m, ef_construction)} and each ef_search is
 * set with {@code SET hnsw.ef_search} (needs the HNSW index of the vec-index work).
 */
final class JdbcVectorSearch implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement query;
    private final boolean useIndex;
    private int currentEf = -1;

    JdbcVectorSearch(List<float[]> base, VectorDistance distance, int k, boolean useIndex, int m, int efConstruction)
            throws SQLException {
        this.useIndex = useIndex;
        connection = DriverManager.getConnection("jdbc:kyro:mem:");
        int dims = base.get(0).length;
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE items (id integer PRIMARY KEY, v vector(" + dims + ") NOT NULL)");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
            for (int i = 0; i < base.size(); i++) {
                insert.setInt(1, i);
                insert.setObject(2, base.get(i));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        connection.setAutoCommit(true);
        if (useIndex) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("CREATE INDEX items_v ON items USING hnsw (v " + distance.opclass() + ") WITH (m = " + m
                        + ", ef_construction = " + efConstruction + ")");
            }
        }
        query = connection.prepareStatement("SELECT id FROM items ORDER BY v " + distance.operator() + " ? LIMIT " + k);
    }

    long[] search(float[] q, int ef) throws SQLException {
        if (useIndex && ef != currentEf) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET hnsw.ef_search = " + ef);
            }
            currentEf = ef;
        }
        query.setObject(1, q);
        long[] ids = new long[16];
        int n = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (n == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, 2 * n);
                }
                ids[n++] = rs.getInt(1);
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    @Override
    public void close() throws SQLException {
        query.close();
        connection.close();
    }
}
