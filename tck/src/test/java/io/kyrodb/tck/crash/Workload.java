package io.kyrodb.tck.crash;

import io.kyrodb.tck.crash.TableSpec.Column;
import io.kyrodb.tck.crash.TableSpec.Kind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The crash test's seeded stream of transactions. It generates each statement against its own
 * {@link ModelDatabase} (the oracle) and records what the statement must return, so the child that
 * runs the stream and the parent that recomputes the expected state after any prefix of commits
 * get the same transactions from the same seed, without sharing anything with the engine.
 *
 * <p>Transactions have 1-20 steps: INSERT (one row or several, with or without a column list),
 * UPDATE and DELETE by key and by range or other predicates, UPDATEs that move primary keys,
 * SAVEPOINT / ROLLBACK TO / RELEASE, statements that must fail (then ROLLBACK TO a savepoint, or
 * the whole transaction rolls back), CREATE/DROP TABLE, and counts that read the transaction's own
 * writes. About one in twelve ends in ROLLBACK.
 */
final class Workload {
    static final TableSpec KV = new TableSpec("kv", List.of(
            Column.of("id", Kind.BIGINT), Column.of("i", Kind.INTEGER), Column.of("d", Kind.DOUBLE),
            Column.of("s", Kind.TEXT), Column.of("b", Kind.BOOLEAN), Column.of("sm", Kind.SMALLINT)), List.of(0));
    static final TableSpec PAIRS = new TableSpec("pairs", List.of(
            Column.of("a", Kind.INTEGER), new Column("b", Kind.VARCHAR, 16, false), Column.of("n", Kind.BIGINT),
            Column.of("r", Kind.REAL), Column.of("note", Kind.TEXT)), List.of(0, 1));
    static final TableSpec HEAP = new TableSpec("heap", List.of(
            Column.of("g", Kind.SMALLINT), Column.of("n", Kind.BIGINT), Column.of("s", Kind.TEXT),
            Column.of("d", Kind.DOUBLE)), List.of());
    private static final int EXTRAS = 3;

    private final Random rnd;
    private final RandomValues values;
    private ModelDatabase committed;
    private int txns;
    private int commits;

    // The transaction being generated.
    private ModelDatabase work;
    private List<Step> steps;
    private final Deque<Sp> savepoints = new ArrayDeque<>();
    private int names;
    private boolean aborted;

    private record Sp(String name, ModelDatabase state) {
    }

    Workload(long seed) {
        this(seed, new ModelDatabase());
    }

    /** A stream that starts from {@code start} (for writes after recovery). */
    Workload(long seed, ModelDatabase start) {
        this.rnd = new Random(seed);
        this.values = new RandomValues(rnd);
        this.committed = start.copy();
    }

    /** How many of the transactions so far commit. */
    int commits() {
        return commits;
    }

    /** The oracle after the last commit; never changed afterwards, so it may be kept. */
    ModelDatabase committed() {
        return committed;
    }

    static TableSpec extra(int k) {
        return new TableSpec("x" + k, List.of(Column.of("id", Kind.INTEGER), new Column("s", Kind.TEXT, 0, true),
                Column.of("v", Kind.DOUBLE)), List.of(0));
    }

    Txn next() {
        txns++;
        work = committed.copy();
        steps = new ArrayList<>();
        savepoints.clear();
        names = 0;
        aborted = false;
        boolean commit;
        if (work.table(KV.name()) == null) {
            for (TableSpec t : List.of(KV, PAIRS, HEAP)) {
                write(new SqlText().text(t.createSql()), false, 0);
                work.create(t);
            }
            for (int i = 0; i < 3; i++) {
                insert(work.tables().get(i));
            }
            commit = true;
        } else {
            int n = 1 + rnd.nextInt(20);
            for (int i = 0; i < n && !aborted; i++) {
                step();
            }
            commit = !aborted && rnd.nextInt(100) >= 8;
        }
        if (commit) {
            committed = work;
            commits++;
        }
        Txn t = new Txn(txns, commit ? commits : 0, List.copyOf(steps), commit);
        work = null;
        steps = null;
        return t;
    }

    private void step() {
        int r = rnd.nextInt(100);
        if (r < 6 && savepoints.size() < 3) {
            String name = "sp" + (++names);
            steps.add(new Step.SetSavepoint(name));
            savepoints.push(new Sp(name, work.copy()));
        } else if (r < 10 && !savepoints.isEmpty()) {
            endSavepoint();
        } else if (r < 14) {
            failing();
        } else if (r < 16) {
            ddl();
        } else if (r < 20) {
            ModelTable t = randomTable();
            steps.add(new Step.Count(t.spec.name(), t.size()));
        } else {
            dml(randomTable());
        }
    }

    /** ROLLBACK TO (the savepoint stays, later ones go) or RELEASE one of the open savepoints. */
    private void endSavepoint() {
        List<Sp> open = new ArrayList<>(savepoints);   // innermost first
        Sp sp = open.get(rnd.nextInt(open.size()));
        while (savepoints.peek() != sp) {
            savepoints.pop();
        }
        if (rnd.nextInt(100) < 60) {
            steps.add(new Step.RollbackTo(sp.name()));
            work = sp.state().copy();
        } else {
            steps.add(new Step.Release(sp.name()));
            savepoints.pop();
        }
    }

    /**
     * A statement that must fail and change nothing. Usually inside a savepoint that is then rolled
     * back to (sometimes after checking that the transaction refuses statements, 25P02); otherwise
     * the transaction ends there with ROLLBACK.
     */
    private void failing() {
        boolean guarded = rnd.nextInt(4) != 0;
        String name = "e" + (++names);
        if (guarded) {
            steps.add(new Step.SetSavepoint(name));
        }
        steps.add(failingStatement());
        if (!guarded) {
            aborted = true;
            return;
        }
        if (rnd.nextInt(3) == 0) {
            steps.add(new Step.Fails(new SqlText().text("SELECT count(*) FROM kv"), false, "25P02"));
        }
        steps.add(new Step.RollbackTo(name));
        if (rnd.nextBoolean()) {
            steps.add(new Step.Release(name));
        } else {
            savepoints.push(new Sp(name, work.copy()));
        }
    }

    private Step failingStatement() {
        ModelTable kv = work.table(KV.name());
        ModelTable pairs = work.table(PAIRS.name());
        int r = rnd.nextInt(5);
        if (r == 0 && kv.size() > 0) {
            // A multi-row INSERT whose last row repeats an existing key inserts none of its rows.
            List<List<Object>> rows = freshRows(kv, rnd.nextInt(3));
            List<Object> dup = new ArrayList<>(kv.rows().get(rnd.nextInt(kv.size())));
            dup.set(1, 424242);
            rows.add(dup);
            return new Step.Fails(insertSql(KV, allColumns(KV), rows), rnd.nextBoolean(), "23505");
        }
        if (r == 1 && kv.size() > 1) {
            // Moving a row onto another's key.
            List<List<Object>> keys = kv.keys();
            Object from = keys.get(0).get(0);
            Object onto = keys.get(1 + rnd.nextInt(keys.size() - 1)).get(0);
            SqlText sql = new SqlText().text("UPDATE kv SET id = ").value(onto, Kind.BIGINT).text(" WHERE id = ")
                    .value(from, Kind.BIGINT);
            return new Step.Fails(sql, rnd.nextBoolean(), "23505");
        }
        if (r == 2) {
            // Two rows with the same new key in one statement.
            List<List<Object>> rows = freshRows(pairs, 1);
            if (!rows.isEmpty()) {
                rows.add(rows.get(0));
                return new Step.Fails(insertSql(PAIRS, allColumns(PAIRS), rows), rnd.nextBoolean(), "23505");
            }
        }
        if (r == 3) {
            List<Object> row = randomRow(PAIRS);
            row.set(1, "x".repeat(17 + rnd.nextInt(5)));
            return new Step.Fails(insertSql(PAIRS, allColumns(PAIRS), List.of(row)), rnd.nextBoolean(), "22001");
        }
        // A NULL key.
        SqlText sql = new SqlText().text("INSERT INTO kv (i, s) VALUES (").value(1, Kind.INTEGER).text(", ")
                .value(values.text(), Kind.TEXT).text(")");
        return new Step.Fails(sql, rnd.nextBoolean(), "23502");
    }

    private void ddl() {
        int k = 1 + rnd.nextInt(EXTRAS);
        TableSpec spec = extra(k);
        if (work.table(spec.name()) != null) {
            write(new SqlText().text("DROP TABLE " + spec.name()), false, 0);
            work.drop(spec.name());
        } else {
            write(new SqlText().text(spec.createSql()), false, 0);
            work.create(spec);
        }
    }

    private ModelTable randomTable() {
        List<ModelTable> all = new ArrayList<>();
        for (ModelTable t : work.tables()) {
            int weight = t.spec.name().startsWith("x") ? 1 : 4;
            for (int i = 0; i < weight; i++) {
                all.add(t);
            }
        }
        return all.get(rnd.nextInt(all.size()));
    }

    private void dml(ModelTable t) {
        int size = t.size();
        int insert = size < 20 ? 60 : size > 120 ? 20 : 40;
        int update = size > 120 ? 30 : 35;
        int r = rnd.nextInt(100);
        if (r < insert || size == 0) {
            insert(t);
        } else if (r < insert + update) {
            update(t);
        } else {
            delete(t);
        }
    }

    // ---- INSERT ---------------------------------------------------------------------------------

    private void insert(ModelTable t) {
        int n = rnd.nextInt(10) < 6 ? 1 : 2 + rnd.nextInt(4);
        List<List<Object>> rows = freshRows(t, n);
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> columns = allColumns(t.spec);
        if (rnd.nextInt(4) == 0) {
            columns = new ArrayList<>();
            for (int i = 0; i < t.spec.columns().size(); i++) {
                if (!t.spec.nullable(i) || rnd.nextBoolean()) {
                    columns.add(i);
                }
            }
            if (columns.isEmpty()) {
                columns.add(rnd.nextInt(t.spec.columns().size()));
            }
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (!columns.contains(i)) {
                        row.set(i, null);   // an omitted column is NULL (there are no defaults)
                    }
                }
            }
        }
        write(insertSql(t.spec, columns, rows), prepared(), rows.size());
        rows.forEach(t::insert);
    }

    /** Up to {@code n} new rows whose keys are free in {@code t} and distinct. */
    private List<List<Object>> freshRows(ModelTable t, int n) {
        List<List<Object>> rows = new ArrayList<>();
        Set<List<Object>> keys = new TreeSet<>(SqlValues.KEY_ORDER);
        for (int i = 0; i < n; i++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                List<Object> row = randomRow(t.spec);
                if (!t.spec.hasPrimaryKey()) {
                    rows.add(row);
                    break;
                }
                List<Object> key = t.spec.keyOf(row);
                if (!t.containsKey(key) && keys.add(key)) {
                    rows.add(row);
                    break;
                }
            }
        }
        // A table without a key gets exact duplicates now and then.
        if (!t.spec.hasPrimaryKey() && !rows.isEmpty() && rnd.nextInt(5) == 0) {
            rows.add(new ArrayList<>(rows.get(0)));
        }
        return rows;
    }

    private List<Object> randomRow(TableSpec spec) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < spec.columns().size(); i++) {
            Column c = spec.columns().get(i);
            row.add(spec.isKey(i) ? values.key(c, keyRange(spec, i)) : values.value(c, spec.nullable(i)));
        }
        return row;
    }

    private static int keyRange(TableSpec spec, int column) {
        return spec == PAIRS ? 12 : spec.name().startsWith("x") ? 60 : 300;
    }

    private static List<Integer> allColumns(TableSpec spec) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < spec.columns().size(); i++) {
            all.add(i);
        }
        return all;
    }

    private SqlText insertSql(TableSpec spec, List<Integer> columns, List<List<Object>> rows) {
        SqlText sql = new SqlText().text("INSERT INTO " + spec.name());
        if (columns.size() < spec.columns().size() || rnd.nextBoolean()) {
            sql.text(" (" + String.join(", ", columns.stream().map(i -> spec.columns().get(i).name()).toList()) + ")");
        }
        sql.text(" VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.text(r == 0 ? "(" : ", (");
            for (int i = 0; i < columns.size(); i++) {
                int col = columns.get(i);
                sql.text(i == 0 ? "" : ", ").value(rows.get(r).get(col), spec.columns().get(col).kind());
            }
            sql.text(")");
        }
        return sql;
    }

    // ---- UPDATE ---------------------------------------------------------------------------------

    /** One {@code column = expression} of an UPDATE and its effect on the old row. */
    private record Assignment(int column, java.util.function.Consumer<SqlText> writer, UnaryOperator<Object> apply) {
    }

    private void update(ModelTable t) {
        TableSpec spec = t.spec;
        if (spec == KV && rnd.nextInt(8) == 0 && moveKeys(t)) {
            return;
        }
        Condition where = where(t);
        List<List<Object>> hits = t.matching(where.test());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < spec.columns().size(); i++) {
            if (!spec.isKey(i)) {
                candidates.add(i);
            }
        }
        int n = 1 + rnd.nextInt(Math.min(3, candidates.size()));
        List<Assignment> set = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int col = candidates.remove(rnd.nextInt(candidates.size()));
            set.add(assignment(spec, col, hits));
        }
        SqlText sql = new SqlText().text("UPDATE " + spec.name() + " SET ");
        for (int k = 0; k < set.size(); k++) {
            sql.text(k == 0 ? "" : ", ");
            set.get(k).writer().accept(sql);
        }
        sql.text(" WHERE ");
        where.write(sql);
        int count = t.update(where.test(), old -> {
            List<Object> row = new ArrayList<>(old);
            for (Assignment a : set) {
                row.set(a.column(), a.apply().apply(old.get(a.column())));   // every SET reads the old row
            }
            return row;
        });
        write(sql, prepared(), count);
    }

    private Assignment assignment(TableSpec spec, int col, List<List<Object>> hits) {
        Column c = spec.columns().get(col);
        String name = c.name();
        int r = rnd.nextInt(100);
        if (spec.nullable(col) && r < 10) {
            return new Assignment(col, s -> s.text(name + " = NULL"), old -> null);
        }
        if (r < 55) {
            switch (c.kind()) {
                case INTEGER -> {
                    int delta = rnd.nextInt(-3, 4);
                    return new Assignment(col, s -> s.text(name + " = " + name + " + " + SqlValues.literal(delta)),
                            old -> old == null ? null : (Integer) old + delta);
                }
                case DOUBLE -> {
                    return new Assignment(col, s -> s.text(name + " = " + name + " + 0.5"),
                            old -> old == null ? null : (Double) old + 0.5);
                }
                case BOOLEAN -> {
                    return new Assignment(col, s -> s.text(name + " = NOT " + name), old -> old == null ? null : !(Boolean) old);
                }
                case TEXT -> {
                    boolean shortEnough = hits.stream().allMatch(h -> h.get(col) == null
                            || SqlValues.length((String) h.get(col)) < 40);
                    if (shortEnough) {
                        String suffix = values.text();
                        return new Assignment(col, s -> s.text(name + " = " + name + " || ").value(suffix, Kind.TEXT),
                                old -> old == null ? null : old + suffix);
                    }
                }
                default -> {
                }
            }
        }
        Object v = values.value(c, false);
        return new Assignment(col, s -> s.text(name + " = ").value(v, c.kind()), old -> v);
    }

    /**
     * An UPDATE of kv's primary key: one row to a free key, or a range shifted by a delta (by 1, the
     * new keys overlap the old ones: keys are checked when the statement ends). False if none fits.
     */
    private boolean moveKeys(ModelTable t) {
        List<List<Object>> keys = t.keys();
        if (keys.isEmpty()) {
            return false;
        }
        long from = (Long) keys.get(rnd.nextInt(keys.size())).get(0);
        if (rnd.nextBoolean()) {
            long to = 1 + rnd.nextInt(300);
            if (t.containsKey(List.of(to))) {
                return false;
            }
            SqlText sql = new SqlText().text("UPDATE kv SET id = ").value(to, Kind.BIGINT).text(" WHERE id = ")
                    .value(from, Kind.BIGINT);
            write(sql, prepared(), t.update(row -> row.get(0).equals(from), row -> withKey(row, to)));
            return true;
        }
        long to = from + rnd.nextInt(10);
        long delta = switch (rnd.nextInt(3)) {
            case 0 -> 1;
            case 1 -> -1;
            default -> 1000 + rnd.nextInt(1000);
        };
        Set<Long> moving = new HashSet<>();
        for (List<Object> k : keys) {
            long id = (Long) k.get(0);
            if (id >= from && id <= to) {
                moving.add(id);
            }
        }
        for (long id : moving) {
            long target = id + delta;
            if (t.containsKey(List.of(target)) && !moving.contains(target)) {
                return false;
            }
        }
        SqlText sql = new SqlText().text("UPDATE kv SET id = id + " + SqlValues.literal(delta) + " WHERE id BETWEEN ")
                .value(from, Kind.BIGINT).text(" AND ").value(to, Kind.BIGINT);
        write(sql, prepared(), t.update(row -> moving.contains((Long) row.get(0)),
                row -> withKey(row, (Long) row.get(0) + delta)));
        return true;
    }

    private static List<Object> withKey(List<Object> row, long id) {
        List<Object> r = new ArrayList<>(row);
        r.set(0, id);
        return r;
    }

    // ---- DELETE ---------------------------------------------------------------------------------

    private void delete(ModelTable t) {
        Condition where = where(t);
        SqlText sql = new SqlText().text("DELETE FROM " + t.spec.name() + " WHERE ");
        where.write(sql);
        write(sql, prepared(), t.delete(where.test()));
    }

    /** By key half the time on a table with a key, else a random predicate. */
    private Condition where(ModelTable t) {
        List<List<Object>> rows = t.rows();
        if (t.spec.hasPrimaryKey() && !rows.isEmpty() && rnd.nextBoolean()) {
            return Condition.byKey(t.spec, t.spec.keyOf(rows.get(rnd.nextInt(rows.size()))));
        }
        return Condition.random(t.spec, rows, rnd, values);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void write(SqlText sql, boolean prepared, long expected) {
        steps.add(new Step.Write(sql, prepared, expected));
    }

    private boolean prepared() {
        return rnd.nextInt(100) < 60;
    }
}
