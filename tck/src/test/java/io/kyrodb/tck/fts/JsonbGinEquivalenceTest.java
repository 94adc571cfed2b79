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
 * GIN plans over jsonb against sequential scans: random documents (nested objects and arrays of a
 * small vocabulary of keys and values, some NULL, some top-level scalars or arrays) and random
 * {@code @>}, {@code ?}, {@code ?|} and {@code ?&} conditions, each run with the index
 * (jsonb_ops, and jsonb_path_ops on an expression) and with {@code enable_indexscan = off}, before
 * and after random updates and deletes; the rows must be the same. Seeded.
 */
class JsonbGinEquivalenceTest {
    private static final String[] KEYS = {"a", "b", "c", "tags", "kind", "n"};
    private static final String[] VALUES = {"\"x\"", "\"y\"", "\"a\"", "1", "2", "2.0", "true", "false", "null", "\"tags\""};

    @ParameterizedTest
    @ValueSource(longs = {20261129L, 11L})
    void jsonbGinPlansFindWhatScansFind(long seed) throws SQLException {
        System.out.println("JsonbGinEquivalenceTest seed=" + seed);
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, data jsonb)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO docs VALUES (?, ?::jsonb)")) {
                for (int id = 1; id <= 300; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, random.nextInt(25) == 0 ? null : document(random, 0));
                    insert.executeUpdate();
                }
            }
            s.execute("CREATE INDEX docs_data ON docs USING gin (data)");
            s.execute("CREATE INDEX docs_tags ON docs USING gin ((data->'tags') jsonb_path_ops)");
            s.execute("SET enable_seqscan = off");   // the index even where the estimate favours a scan
            int found = compare(c, random, 200);
            for (int round = 0; round < 2; round++) {
                try (PreparedStatement update = c.prepareStatement("UPDATE docs SET data = ?::jsonb WHERE id % 7 = ?")) {
                    update.setString(1, document(random, 0));
                    update.setInt(2, round);
                    update.executeUpdate();
                }
                s.execute("DELETE FROM docs WHERE id % 13 = " + round);
                found += compare(c, random, 100);
            }
            assertThat(found).as("conditions that found rows").isGreaterThan(100);
        }
    }

    private static int compare(Connection c, Random random, int queries) throws SQLException {
        int found = 0;
        for (int i = 0; i < queries; i++) {
            String condition = condition(random);
            String sql = "SELECT id FROM docs WHERE " + condition + " ORDER BY id";
            assertThat(plan(c, sql)).as(condition).contains("Bitmap Index Scan");
            List<Integer> indexed = ids(c, sql);
            try (Statement off = c.createStatement()) {
                off.execute("SET enable_indexscan = off");
                off.execute("SET enable_seqscan = on");
                assertThat(plan(c, sql)).doesNotContain("Index Scan");
                List<Integer> scanned = ids(c, sql);
                off.execute("RESET enable_indexscan");
                off.execute("SET enable_seqscan = off");
                assertThat(indexed).as(condition).isEqualTo(scanned);
            }
            found += indexed.isEmpty() ? 0 : 1;
        }
        return found;
    }

    private static String condition(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> "data @> '" + document(random, 1).replace("'", "''") + "'";
            case 2 -> "data ? '" + KEYS[random.nextInt(KEYS.length)] + "'";
            case 3 -> "data ?| array['" + KEYS[random.nextInt(KEYS.length)] + "', 'x']";
            case 4 -> "data ?& array['" + KEYS[random.nextInt(KEYS.length)] + "', '" + KEYS[random.nextInt(KEYS.length)] + "']";
            default -> "data->'tags' @> '[" + VALUES[random.nextInt(VALUES.length)] + "]'";
        };
    }

    /** A random document; {@code depth} 1 and more make smaller ones (queries). */
    private static String document(Random random, int depth) {
        int kind = random.nextInt(depth == 0 ? 10 : 6);
        if (kind == 0) {
            return VALUES[random.nextInt(VALUES.length)];   // a top-level scalar
        }
        if (kind == 1 || depth > 2) {
            StringBuilder a = new StringBuilder("[");
            for (int i = 0, n = random.nextInt(depth > 2 ? 2 : 4); i < n; i++) {
                a.append(i == 0 ? "" : ", ").append(depth > 2 || random.nextInt(3) > 0 ? VALUES[random.nextInt(VALUES.length)]
                        : document(random, depth + 1));
            }
            return a.append("]").toString();
        }
        StringBuilder o = new StringBuilder("{");
        List<String> used = new ArrayList<>();
        for (int i = 0, n = random.nextInt(depth == 0 ? 5 : 3); i < n; i++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            if (used.contains(key)) {
                continue;
            }
            used.add(key);
            o.append(used.size() == 1 ? "" : ", ").append('"').append(key).append("\": ")
                    .append(random.nextInt(3) == 0 ? document(random, depth + 1) : VALUES[random.nextInt(VALUES.length)]);
        }
        return o.append("}").toString();
    }

    private static String plan(Connection c, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
            while (r.next()) {
                out.append(r.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    private static List<Integer> ids(Connection c, String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getInt(1));
            }
        }
        return out;
    }
}
