package io.kyrodb.tck.fts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GIN plans against sequential scans: random documents (some weighted, some NULL) and random
 * tsqueries (&, |, !, phrases with distances, prefixes, weights), each run with the index and with
 * {@code enable_indexscan = off}, before and after random updates and deletes; the rows must be the
 * same, and the indexed plan must be a Bitmap Index Scan. Seeded: the seed is printed with a rerun line.
 */
class GinEquivalenceTest {
    private static final String[] WORDS = {"cat", "cats", "dog", "rat", "fat", "lean", "sat", "mat", "star", "stars",
            "supernova", "super", "run", "running", "ran", "blue", "sky", "sea", "ship", "shipping"};

    @ParameterizedTest
    @ValueSource(longs = {20261129L, 7L, 42L})
    void ginPlansFindWhatScansFind(long seed) throws SQLException {
        System.out.println("GinEquivalenceTest seed=" + seed + " (rerun: ./mvnw -o -pl engine,lucene-vectors,driver,tck -am test"
                + " -Dtest=GinEquivalenceTest -Dsurefire.failIfNoSpecifiedTests=false)");
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, body text, tsv tsvector)");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO docs VALUES (?, ?, setweight(to_tsvector('english', ?), ?) || to_tsvector('english', ?))")) {
                for (int id = 1; id <= 400; id++) {
                    String head = sentence(random, 1 + random.nextInt(3));
                    String body = random.nextInt(20) == 0 ? null : sentence(random, 2 + random.nextInt(12));
                    insert.setInt(1, id);
                    insert.setString(2, body);
                    insert.setString(3, head);
                    insert.setString(4, String.valueOf("ABCD".charAt(random.nextInt(4))));
                    insert.setString(5, body == null ? "" : body);
                    insert.executeUpdate();
                }
            }
            s.execute("UPDATE docs SET tsv = NULL WHERE id % 37 = 0");
            s.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)");
            s.execute("CREATE INDEX docs_body ON docs USING gin (to_tsvector('english', body))");
            try (Statement off = c.createStatement()) {
                off.execute("SET enable_indexscan = off");
                assertThat(plan(c, "tsv @@ 'cat'::tsquery")).doesNotContain("Bitmap Index Scan");
                off.execute("SET enable_indexscan = on");
            }
            compare(c, random, 150);
            assertThat(nonEmpty).as("queries that found rows").isGreaterThan(50);
            for (int round = 0; round < 3; round++) {
                s.execute("UPDATE docs SET tsv = to_tsvector('english', '" + sentence(random, 5) + "') WHERE id % 11 = "
                        + random.nextInt(11));
                s.execute("DELETE FROM docs WHERE id % 29 = " + random.nextInt(29));
                s.execute("UPDATE docs SET body = '" + sentence(random, 4) + "' WHERE id % 13 = " + random.nextInt(13));
                compare(c, random, 60);
            }
            c.setAutoCommit(false);
            s.execute("UPDATE docs SET tsv = to_tsvector('english', 'unique zebra') WHERE id < 50");
            compare(c, random, 20);
            assertThat(ids(c, "tsv @@ 'zebra'::tsquery", true)).isEqualTo(ids(c, "tsv @@ 'zebra'::tsquery", false));
            c.rollback();
            assertThat(ids(c, "tsv @@ 'zebra'::tsquery", true)).isEmpty();
            c.setAutoCommit(true);
        }
    }

    private static String sentence(Random random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : random.nextInt(6) == 0 ? " the " : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private int nonEmpty;

    private void compare(Connection c, Random random, int queries) throws SQLException {
        for (int i = 0; i < queries; i++) {
            String q = query(random, 0).replace("'", "''");
            String plain = "tsv @@ to_tsquery('english', '" + q + "')";
            String expression = "to_tsvector('english', body) @@ to_tsquery('english', '" + q + "')";
            for (String where : List.of(plain, expression)) {
                List<Integer> indexed = ids(c, where, true);
                List<Integer> scanned = ids(c, where, false);
                assertThat(indexed).as("%s", where).isEqualTo(scanned);
                nonEmpty += indexed.isEmpty() ? 0 : 1;
                assertThat(plan(c, where)).as("%s", where).contains("Bitmap Index Scan");
            }
        }
    }

    /** A random query in to_tsquery's syntax. */
    private static String query(Random random, int depth) {
        int kind = depth > 2 ? 0 : random.nextInt(6);
        return switch (kind) {
            case 1 -> "(" + query(random, depth + 1) + " & " + query(random, depth + 1) + ")";
            case 2 -> "(" + query(random, depth + 1) + " | " + query(random, depth + 1) + ")";
            case 3 -> "!" + query(random, depth + 1);
            case 4 -> "(" + query(random, depth + 1) + (random.nextBoolean() ? " <-> " : " <2> ") + query(random, depth + 1) + ")";
            default -> {
                String w = WORDS[random.nextInt(WORDS.length)];
                if (random.nextInt(5) == 0) {
                    w = w.substring(0, Math.max(1, w.length() - 2)) + ":*";
                } else if (random.nextInt(6) == 0) {
                    w = w + ":" + "ABCD".charAt(random.nextInt(4));
                }
                yield w;
            }
        };
    }

    private static List<Integer> ids(Connection c, String where, boolean index) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET enable_indexscan = " + (index ? "on" : "off"));
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM docs WHERE " + where + " ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            s.execute("SET enable_indexscan = on");
            return out;
        }
    }

    private static String plan(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN SELECT id FROM docs WHERE " + where)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
            return sb.toString();
        }
    }
}
