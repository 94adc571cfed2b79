package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A randomized workload against {@code EXCLUDE USING gist (room WITH =, during WITH &&)}: each
 * statement (multi-row INSERT, UPDATE of a room or a range, UPDATE that shifts a whole room, DELETE,
 * COPY, and transactions that roll back) must succeed exactly when a brute-force check of every
 * pair of the rows it would leave finds no conflict, fail with 23P01 otherwise, and then leave
 * the table as it was. The table's rows are compared with the model after every statement.
 * Runs without an index (one scan of the table per statement), with an index on {@code room}
 * (candidates fetched by key) and on {@code (room, during)} (candidates read from the entries). Rerun a
 * failure with {@code -Dkyro.test.seed=<seed>}.
 */
class ExclusionConstraintRandomTest {
    /** One row of the model: room and range bounds; {@code room} null for NULL, {@code lo == hi} an empty range. */
    private record Row(Integer room, int lo, int hi) {
        Row {
            if (lo >= hi) {   // empty: kept as the table shows it (no bounds)
                lo = 0;
                hi = 0;
            }
        }

        boolean conflicts(Row o) {
            return room != null && o.room != null && room.equals(o.room) && lo < hi && o.lo < o.hi
                    && lo < o.hi && o.lo < hi;
        }

        String sql(int id) {
            return "(" + id + ", " + (room == null ? "NULL" : room) + ", int4range(" + lo + ", " + hi + "))";
        }
    }

    private Session session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "room", "room, during"})
    void verdictsMatchBruteForce(String index, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        long seed = Long.getLong("kyro.test.seed", 20_261_129L) + index.length();
        System.out.println("ExclusionConstraintRandomTest index (" + index + ") seed " + seed
                + " (rerun with -Dkyro.test.seed=" + (seed - index.length()) + ")");
        Random random = new Random(seed);
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        session.execute("CREATE TABLE booking (id int PRIMARY KEY, room int, during int4range,"
                + " EXCLUDE USING gist (room WITH =, during WITH &&))");
        if (!index.isEmpty()) {
            session.execute("CREATE INDEX booking_probe ON booking (" + index + ")");
        }
        TreeMap<Integer, Row> model = new TreeMap<>();
        int nextId = 1;
        int failures = 0;
        for (int step = 0; step < 600; step++) {
            TreeMap<Integer, Row> after = new TreeMap<>(model);
            String sql;
            int kind = random.nextInt(7);
            List<Integer> ids = new ArrayList<>(model.keySet());
            if (kind <= 1 || ids.isEmpty()) {
                int n = 1 + random.nextInt(3);
                StringBuilder values = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    Row r = randomRow(random);
                    after.put(nextId, r);
                    values.append(i == 0 ? "" : ", ").append(r.sql(nextId++));
                }
                sql = "INSERT INTO booking VALUES " + values;
            } else if (kind == 2) {
                int id = ids.get(random.nextInt(ids.size()));
                Row old = model.get(id);
                int lo = random.nextInt(40);
                int hi = lo + random.nextInt(6);
                after.put(id, new Row(old.room(), lo, hi));
                sql = "UPDATE booking SET during = int4range(" + lo + ", " + hi + ") WHERE id = " + id;
            } else if (kind == 3) {
                int id = ids.get(random.nextInt(ids.size()));
                Row old = model.get(id);
                Integer room = random.nextInt(10) == 0 ? null : random.nextInt(5);
                after.put(id, new Row(room, old.lo(), old.hi()));
                sql = "UPDATE booking SET room = " + (room == null ? "NULL" : room) + " WHERE id = " + id;
            } else if (kind == 4) {
                int room = random.nextInt(5);
                int shift = random.nextInt(5) - 2;
                for (Map.Entry<Integer, Row> e : model.entrySet()) {
                    Row r = e.getValue();
                    if (r.room() != null && r.room() == room) {
                        after.put(e.getKey(), r.lo() == r.hi() ? r : new Row(r.room(), r.lo() + shift, r.hi() + shift));
                    }
                }
                sql = "UPDATE booking SET during = int4range(lower(during) + " + shift + ", upper(during) + " + shift
                        + ") WHERE room = " + room + " AND NOT isempty(during)";
            } else if (kind == 5) {
                int id = ids.get(random.nextInt(ids.size()));
                after.remove(id);
                sql = "DELETE FROM booking WHERE id = " + id;
            } else {
                Row r = randomRow(random);
                after.put(nextId, r);
                Path file = dir.resolve("row" + step + ".csv");
                Files.writeString(file, nextId + "," + (r.room() == null ? "" : r.room()) + ",\""
                        + (r.lo() == r.hi() ? "empty" : "[" + r.lo() + "," + r.hi() + ")") + "\"\n");
                nextId++;
                sql = "COPY booking FROM '" + file + "' WITH (FORMAT csv)";
            }
            boolean rollback = random.nextInt(8) == 0;
            boolean allowed = valid(after);
            if (rollback) {
                session.execute("BEGIN");
            }
            try {
                session.execute(sql);
                if (!allowed) {
                    fail("seed %d step %d: %s succeeded but conflicts: %s", seed, step, sql, after);
                }
                if (!rollback) {
                    model = after;
                }
            } catch (KyroException e) {
                if (allowed || !e.sqlState().equals("23P01")) {
                    fail("seed %d step %d: %s failed with %s: %s", seed, step, sql, e.sqlState(), e.getMessage());
                }
                failures++;
            }
            if (rollback) {
                session.execute("ROLLBACK");
            }
            assertThat(rows()).as("seed %d step %d after %s", seed, step, sql).isEqualTo(model);
        }
        assertThat(failures).as("the workload must exercise conflicts").isGreaterThan(20);
    }

    private static Row randomRow(Random random) {
        Integer room = random.nextInt(10) == 0 ? null : random.nextInt(5);
        int lo = random.nextInt(40);
        return new Row(room, lo, lo + random.nextInt(6));
    }

    private static boolean valid(TreeMap<Integer, Row> rows) {
        List<Row> all = new ArrayList<>(rows.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).conflicts(all.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    private TreeMap<Integer, Row> rows() {
        TreeMap<Integer, Row> out = new TreeMap<>();
        try (ExecResult.Rows rows = (ExecResult.Rows) session.execute(
                "SELECT id, room, coalesce(lower(during), 0), coalesce(upper(during), 0) FROM booking")) {
            for (Object[] r = rows.next(); r != null; r = rows.next()) {
                out.put(((Number) r[0]).intValue(), new Row(r[1] == null ? null : ((Number) r[1]).intValue(),
                        ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
            }
        }
        return out;
    }
}
