package io.kyrodb.tck.concurrency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kyrodb.tck.concurrency.Jdbc.row;
import static io.kyrodb.tck.concurrency.Jdbc.rows;
import static io.kyrodb.tck.concurrency.Jdbc.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers move money between accounts while readers sum the balances, each thread on its own
 * connection to one file database. Writers run READ COMMITTED or REPEATABLE READ transactions
 * (SELECT both balances, UPDATE both, log the transfer, COMMIT) and retry on 40001 and 55P03.
 * Readers check, in autocommit statements, in READ COMMITTED transactions and in REPEATABLE READ
 * transactions of several statements, that the total never changes, and under REPEATABLE READ that
 * every statement sees the same rows and that the balances agree with the transfer log in the same
 * snapshot (a transfer and its log row become visible together). At the end, and after reopening,
 * the total is intact and the log holds exactly the transfers the writers saw commit.
 */
class BankTransferTest {
    private static final int ACCOUNTS = 12;
    private static final long OPENING = 1000;
    private static final long TOTAL = ACCOUNTS * OPENING;
    private static final int WRITERS = 3;
    private static final int READERS = 3;
    private static final int TRANSFERS_PER_WRITER = 120;
    private static final int MIN_READS = 20;
    private static final int MAX_ATTEMPTS = 50 * TRANSFERS_PER_WRITER;

    private record WriterStats(int transfers, int serializationFailures, int lockTimeouts, int insufficient) {
    }

    private record ReaderStats(int autocommit, int readCommitted, int repeatableRead) {
    }

    @Test
    void totalIsInvariantInEverySnapshot(@TempDir Path dir) throws Exception {
        long seed = Seeds.seed(BankTransferTest.class);
        String url = "jdbc:kyro:file:" + dir.resolve("bank");
        try (Connection setup = DriverManager.getConnection(url)) {
            Jdbc.execute(setup, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
            Jdbc.execute(setup, "CREATE TABLE transfers (id BIGINT PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL,"
                    + " amount BIGINT NOT NULL, writer INTEGER NOT NULL)");
            StringBuilder insert = new StringBuilder("INSERT INTO accounts VALUES ");
            for (int i = 0; i < ACCOUNTS; i++) {
                insert.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(OPENING).append(")");
            }
            Jdbc.execute(setup, insert.toString());

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            AtomicBoolean writersDone = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();   // a thread failed: the others stop early
            List<Future<WriterStats>> writers = new ArrayList<>();
            List<Future<ReaderStats>> readers = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    int id = w;
                    writers.add(pool.submit(failFast(stop, () -> writer(url, id, new Random(seed * 31 + id), stop))));
                }
                for (int r = 0; r < READERS; r++) {
                    int id = r;
                    readers.add(pool.submit(failFast(stop, () -> reader(url, new Random(seed * 37 + 1000 + id), writersDone, stop))));
                }
                List<WriterStats> ws = new ArrayList<>();
                for (Future<WriterStats> f : writers) {
                    ws.add(get(f));
                }
                writersDone.set(true);
                List<ReaderStats> rs = new ArrayList<>();
                for (Future<ReaderStats> f : readers) {
                    rs.add(get(f));
                }
                System.out.println("BankTransferTest writers " + ws + "\n  readers " + rs);
                int committed = ws.stream().mapToInt(WriterStats::transfers).sum();
                checkFinal(setup, committed);
            } finally {
                stop.set(true);
                pool.shutdownNow();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("threads finished").isTrue();
            }
        }
        try (Connection reopened = DriverManager.getConnection(url)) {
            checkFinal(reopened, WRITERS * TRANSFERS_PER_WRITER);
        }
    }

    private static WriterStats writer(String url, int id, Random rnd, AtomicBoolean stop) throws SQLException {
        int transfers = 0;
        int serialization = 0;
        int lockTimeouts = 0;
        int insufficient = 0;
        long nextLogId = id * 1_000_000L;
        int failedInARow = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            for (int attempt = 0; transfers < TRANSFERS_PER_WRITER && !stop.get(); attempt++) {
                assertThat(attempt).as("writer %d is not starved by retries", id).isLessThan(MAX_ATTEMPTS);
                int src = rnd.nextInt(ACCOUNTS);
                int dst = (src + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long want = 1 + rnd.nextInt(100);
                boolean repeatableRead = rnd.nextBoolean();
                c.setTransactionIsolation(repeatableRead ? Connection.TRANSACTION_REPEATABLE_READ
                        : Connection.TRANSACTION_READ_COMMITTED);
                try {
                    List<List<Long>> balances = rows(c, "SELECT id, balance FROM accounts WHERE id IN (?, ?) ORDER BY id", src, dst);
                    assertThat(balances).as("both accounts").hasSize(2);
                    long srcBalance = balances.get(src < dst ? 0 : 1).get(1);
                    long amount = Math.min(want, srcBalance);
                    if (amount <= 0) {
                        c.rollback();
                        insufficient++;
                        continue;
                    }
                    // Under READ COMMITTED the balance may have changed since the SELECT: the UPDATE reads
                    // the latest commit, so it re-checks.
                    if (update(c, "UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?", amount, src, amount) == 0) {
                        c.rollback();
                        insufficient++;
                        continue;
                    }
                    assertThat(update(c, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, dst)).isEqualTo(1);
                    assertThat(update(c, "INSERT INTO transfers VALUES (?, ?, ?, ?, ?)", nextLogId, src, dst, amount, id)).isEqualTo(1);
                    c.commit();
                    nextLogId++;
                    transfers++;
                    failedInARow = 0;
                } catch (SQLException e) {
                    c.rollback();
                    if (!Jdbc.retryable(e)) {
                        throw e;
                    }
                    Jdbc.backoff(rnd, ++failedInARow);
                    if (Jdbc.SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                        assertThat(repeatableRead).as("40001 only under REPEATABLE READ: " + e.getMessage()).isTrue();
                        serialization++;
                    } else {
                        lockTimeouts++;
                    }
                }
            }
        }
        return new WriterStats(transfers, serialization, lockTimeouts, insufficient);
    }

    private static ReaderStats reader(String url, Random rnd, AtomicBoolean writersDone, AtomicBoolean stop) throws SQLException {
        int autocommit = 0;
        int readCommitted = 0;
        int repeatableRead = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            for (int reads = 0; (!writersDone.get() || reads < MIN_READS) && !stop.get(); reads++) {
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        c.setAutoCommit(true);
                        checkTotal(c, "autocommit");
                        autocommit++;
                    }
                    case 1 -> {
                        c.setAutoCommit(false);
                        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                        for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                            checkTotal(c, "READ COMMITTED transaction");   // each statement: a new snapshot, same total
                        }
                        c.commit();
                        readCommitted++;
                    }
                    default -> {
                        c.setAutoCommit(false);
                        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                        checkSnapshot(c);
                        c.commit();
                        repeatableRead++;
                    }
                }
            }
        }
        return new ReaderStats(autocommit, readCommitted, repeatableRead);
    }

    private static void checkTotal(Connection c, String how) throws SQLException {
        assertThat(row(c, "SELECT sum(balance), count(*) FROM accounts")).as("sum and count, " + how)
                .containsExactly(TOTAL, (long) ACCOUNTS);
    }

    /** Several statements of one REPEATABLE READ transaction see one state, and it is consistent. */
    private static void checkSnapshot(Connection c) throws SQLException {
        List<Long> first = row(c, "SELECT sum(balance), count(*) FROM accounts");
        List<List<Long>> balances = rows(c, "SELECT id, balance FROM accounts ORDER BY id");
        long logged = row(c, "SELECT count(*) FROM transfers").get(0);
        List<List<Long>> out = rows(c, "SELECT src, sum(amount) FROM transfers GROUP BY src");
        List<List<Long>> in = rows(c, "SELECT dst, sum(amount) FROM transfers GROUP BY dst");
        List<List<Long>> again = rows(c, "SELECT id, balance FROM accounts ORDER BY id");
        List<Long> last = row(c, "SELECT sum(balance), count(*) FROM accounts");
        long loggedAgain = row(c, "SELECT count(*) FROM transfers").get(0);

        assertThat(first).as("sum and count, REPEATABLE READ").containsExactly(TOTAL, (long) ACCOUNTS);
        assertThat(last).as("the same sum and count later in the transaction").isEqualTo(first);
        assertThat(again).as("the same rows later in the transaction").isEqualTo(balances);
        assertThat(loggedAgain).as("the same transfer log later in the transaction").isEqualTo(logged);
        assertThat(balances).as("balances = opening + transfers in - transfers out, in one snapshot")
                .isEqualTo(expectedBalances(out, in));
    }

    private static List<List<Long>> expectedBalances(List<List<Long>> out, List<List<Long>> in) {
        long[] balance = new long[ACCOUNTS];
        java.util.Arrays.fill(balance, OPENING);
        out.forEach(r -> balance[r.get(0).intValue()] -= r.get(1));
        in.forEach(r -> balance[r.get(0).intValue()] += r.get(1));
        List<List<Long>> rows = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            rows.add(List.of((long) i, balance[i]));
        }
        return rows;
    }

    private static void checkFinal(Connection c, int committedTransfers) throws SQLException {
        c.setAutoCommit(true);
        checkTotal(c, "at the end");
        assertThat(row(c, "SELECT count(*) FROM transfers").get(0))
                .as("one log row per transfer the writers saw commit").isEqualTo((long) committedTransfers);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        checkSnapshot(c);
        c.commit();
        c.setAutoCommit(true);
    }

    /** Marks {@code stop} when the task fails, so the other threads end instead of running on. */
    private static <T> Callable<T> failFast(AtomicBoolean stop, Callable<T> task) {
        return () -> {
            try {
                return task.call();
            } catch (Throwable t) {
                stop.set(true);
                throw t;
            }
        };
    }

    private static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw (Exception) e.getCause();
        }
    }
}
