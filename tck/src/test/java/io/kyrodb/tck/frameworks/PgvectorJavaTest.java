package io.kyrodb.tck.frameworks;

import com.pgvector.PGhalfvec;
import com.pgvector.PGvector;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

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
 * pgvector-java (com.pgvector), which Spring AI's vector store and hand-written pgvector code bind
 * vectors with: its PGvector and PGhalfvec (pgjdbc PGobjects) bind through KyroDB's driver as
 * their text form, read as the column's or operand's type, as PostgreSQL reads what pgjdbc sends;
 * a json/jsonb PGobject likewise; results come back as text PGvector parses.
 */
class PgvectorJavaTest {
    @Test
    void pgvectorJavaObjectsBindAsVectors() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
             Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector");
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3), half halfvec(3), metadata jsonb)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?)")) {
                float[][] vectors = {{1, 2, 3}, {4, 5, 6}, {1, 1, 1}};
                for (int i = 0; i < vectors.length; i++) {
                    PGobject metadata = new PGobject();
                    metadata.setType("jsonb");
                    metadata.setValue("{\"n\": " + i + "}");
                    insert.setLong(1, i + 1);
                    insert.setObject(2, new PGvector(vectors[i]));
                    insert.setObject(3, new PGhalfvec(vectors[i]));
                    insert.setObject(4, metadata);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            s.execute("CREATE INDEX ON items USING hnsw (embedding vector_l2_ops)");
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id, embedding, metadata ->> 'n' FROM items ORDER BY embedding <-> ? LIMIT 2")) {
                q.setObject(1, new PGvector(new float[] {1, 1, 1.5f}));
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        PGvector back = new PGvector(rs.getString(2));
                        assertThat(back.toArray()).hasSize(3);
                        assertThat(rs.getString(3)).isEqualTo(Long.toString(rs.getLong(1) - 1));
                    }
                }
                assertThat(ids).containsExactly(3L, 1L);
            }
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM items WHERE half = ?")) {
                q.setObject(1, new PGhalfvec(new float[] {4, 5, 6}));
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
            }
            try (PreparedStatement nulls = c.prepareStatement("INSERT INTO items (id, embedding) VALUES (9, ?)")) {
                PGvector none = new PGvector(new float[] {0, 0, 0});
                none.setValue(null);   // a PGobject without a value is SQL NULL
                nulls.setObject(1, none);
                nulls.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT embedding IS NULL FROM items WHERE id = 9")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }
}
