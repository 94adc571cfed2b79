package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index Only Scan answers from index entries, so it must see exactly the rows a snapshot sees: a
 * REPEATABLE READ reader keeps its answer while another session commits updates, deletes and
 * inserts (also once they are flushed to runs and the entries it reads are shadowed by newer
 * ones), a writer sees its own uncommitted changes, and a rollback leaves nothing behind. Each
 * answer is checked against the same query with index-only scans switched off (rows fetched).
 */
class IndexOnlyScanTest {
    @TempDir
    Path dir;

    private final List<Session> open = new ArrayList<>();

    private Session open() {
        Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of("memtable_size", "16kB"));
        open.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        for (Session s : open) {
            s.close();
        }
    }

    private static List<List<Object>> rows(Session s, String sql) {
        ExecResult.Rows r = (ExecResult.Rows) s.execute(sql);
        List<List<Object>> out = new ArrayList<>();
        for (Object[] row; (row = r.next()) != null; ) {
            out.add(java.util.Arrays.asList(row));
        }
        return out;
    }

    private static final String COUNT = "SELECT count(*), sum(id) FROM orders WHERE customer_id = 3";
    private static final String IDS = "SELECT id, customer_id FROM orders WHERE customer_id = 4 ORDER BY id";
    private static final String PROBES = "SELECT c.id FROM customers c WHERE NOT EXISTS"
            + " (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY c.id";

    /** What {@code sql} answers from the index entries, after checking that the plan reads them and that fetched rows agree. */
    private static List<List<Object>> answer(Session s, String sql) {
        String plan = rows(s, "EXPLAIN " + sql).toString();
        assertThat(plan).contains("Index Only Scan using orders_customer on orders");
        List<List<Object>> fromIndex = rows(s, sql);
        s.execute("SET enable_indexonlyscan = off");
        try {
            assertThat(rows(s, "EXPLAIN " + sql).toString()).doesNotContain("Index Only Scan");
            assertThat(rows(s, sql)).as("%s with the rows fetched", sql).isEqualTo(fromIndex);
        } finally {
            s.execute("RESET enable_indexonlyscan");
        }
        return fromIndex;
    }

    @Test
    void aSnapshotDoesNotSeeLaterChangesToTheEntries() {
        Session writer = open();
        writer.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, note TEXT)");
        writer.execute("CREATE INDEX orders_customer ON orders (customer_id)");
        writer.execute("INSERT INTO orders SELECT g, g % 7, repeat('x', 40) FROM generate_series(1, 2000) g");
        writer.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
        writer.execute("INSERT INTO customers SELECT g FROM generate_series(0, 9) g");
        writer.execute("CHECKPOINT");   // the entries are in runs now
        Session reader = open();
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        List<List<Object>> count = answer(reader, COUNT);
        List<List<Object>> ids = answer(reader, IDS);
        List<List<Object>> probes = answer(reader, PROBES);
        assertThat(count).containsExactly(List.of(286L, 286143L));
        assertThat(probes).containsExactly(List.of(7), List.of(8), List.of(9));

        writer.execute("UPDATE orders SET customer_id = 8 WHERE id IN (3, 10, 4)");
        writer.execute("DELETE FROM orders WHERE id IN (17, 11)");
        writer.execute("INSERT INTO orders VALUES (5000, 3, 'new'), (5001, 9, 'new')");
        writer.execute("UPDATE orders SET note = 'changed' WHERE customer_id = 3");   // entries unchanged
        writer.execute("CHECKPOINT");
        writer.execute("UPDATE orders SET customer_id = 3 WHERE id = 24");   // same entry, deleted and put again
        writer.execute("UPDATE orders SET customer_id = 24 WHERE id = 24");

        assertThat(answer(reader, COUNT)).isEqualTo(count);
        assertThat(answer(reader, IDS)).isEqualTo(ids);
        assertThat(answer(reader, PROBES)).isEqualTo(probes);
        reader.execute("COMMIT");

        assertThat(answer(reader, COUNT)).containsExactly(List.of(283L, 286143L - 3 - 10 - 17 - 24 + 5000));
        assertThat(answer(reader, PROBES)).containsExactly(List.of(7));
    }

    @Test
    void aWriterSeesItsOwnChangesAndARollbackTakesThemBack() {
        Session s = open();
        s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER)");
        s.execute("CREATE INDEX orders_customer ON orders (customer_id)");
        s.execute("INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, 700) g");
        s.execute("CHECKPOINT");
        List<List<Object>> before = answer(s, COUNT);
        s.execute("BEGIN");
        s.execute("DELETE FROM orders WHERE id = 3");
        s.execute("UPDATE orders SET customer_id = NULL WHERE id = 10");
        s.execute("INSERT INTO orders VALUES (1000, 3)");
        assertThat(answer(s, COUNT)).containsExactly(List.of(99L, ((Number) before.get(0).get(1)).longValue() - 13 + 1000));
        s.execute("ROLLBACK");
        assertThat(answer(s, COUNT)).isEqualTo(before);
    }

    /** INCLUDE columns are stored in the entries: a query reading only them and the key is answered from the index. */
    @Test
    void includedColumnsAreReadFromTheIndex() {
        Session s = open();
        s.execute("CREATE TABLE acct (id int PRIMARY KEY, email text, name text, score int, note text)");
        s.execute("INSERT INTO acct SELECT g, 'e' || g, 'n' || g, g * 2, 'x' FROM generate_series(1, 2000) g");
        s.execute("CREATE UNIQUE INDEX acct_email ON acct (email) INCLUDE (name, score)");
        s.execute("ANALYZE acct");
        String sql = "SELECT name, score FROM acct WHERE email = 'e42'";
        assertThat(rows(s, "EXPLAIN " + sql).toString()).contains("Index Only Scan using acct_email on acct");
        assertThat(rows(s, sql)).containsExactly(List.of("n42", 84));
        assertThat(rows(s, "EXPLAIN SELECT note FROM acct WHERE email = 'e42'").toString())
                .doesNotContain("Index Only Scan");
        s.execute("UPDATE acct SET score = 1 WHERE id = 42");
        assertThat(rows(s, sql)).containsExactly(List.of("n42", 1));
    }
}
