package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pg_advisory_lock waits for the session holding the key; ending that session, or cancelling the wait, ends it. */
class AdvisoryLockTest {
    private final String name = "advisory-" + System.nanoTime();
    private final Session a = Session.connect(new DatabaseLocation.NamedMemory(name), Map.of());
    private final Session b = Session.connect(new DatabaseLocation.NamedMemory(name), Map.of());

    /* Each waiting session needs a thread of its own (the common pool may have one thread on 2 cores). */
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        b.close();
        a.close();
        threads.shutdownNow();
    }

    private static Object value(Session s, String sql) {
        return ((ExecResult.Rows) s.execute(sql)).next()[0];
    }

    @Test
    void aBlockedLockGoesOnWhenTheHolderUnlocks() throws Exception {
        a.execute("SELECT pg_advisory_lock(7)");
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
            b.execute("SELECT pg_advisory_lock(7)");
            return value(b, "SELECT pg_try_advisory_lock(7)");   // b holds it now: taking it again succeeds
        });
        Thread.sleep(100);
        assertThat(waiting).as("b waits while a holds the key").isNotDone();
        assertThat(value(a, "SELECT pg_advisory_unlock(7)")).isEqualTo(true);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        assertThat(value(a, "SELECT pg_try_advisory_lock(7)")).isEqualTo(false);
    }

    @Test
    void aDeadlockEndsOneWaiterWith40P01AndTheOtherGetsItsLock() throws Exception {
        a.execute("BEGIN");
        a.execute("SELECT pg_advisory_xact_lock(21)");
        b.execute("BEGIN");
        b.execute("SELECT pg_advisory_xact_lock(22)");
        CompletableFuture<Object> aWaits = CompletableFuture.supplyAsync(() -> a.execute("SELECT pg_advisory_xact_lock(22)"),
                threads);
        Thread.sleep(100);
        assertThat(aWaits).as("a waits for b's key").isNotDone();
        // b closes the cycle: after the deadlock check's delay one of them gets 40P01
        CompletableFuture<Object> bWaits = CompletableFuture.supplyAsync(() -> b.execute("SELECT pg_advisory_xact_lock(21)"),
                threads);
        CompletableFuture.anyOf(aWaits, bWaits).handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        Session loser = bWaits.isCompletedExceptionally() ? b : a;
        Session winner = loser == a ? b : a;
        CompletableFuture<Object> lost = loser == a ? aWaits : bWaits;
        assertThat(lost).isCompletedExceptionally();
        assertThatThrownBy(lost::join).cause().isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.sqlState()).isEqualTo("40P01"));
        CompletableFuture<Object> won = loser == a ? bWaits : aWaits;
        assertThat(won).as("the other still waits: the loser's transaction holds its key until it ends").isNotDone();
        loser.execute("ROLLBACK");
        won.get(10, TimeUnit.SECONDS);
        winner.execute("COMMIT");
        assertThat(value(loser, "SELECT pg_try_advisory_lock(21)")).isEqualTo(true);
        assertThat(value(loser, "SELECT pg_try_advisory_lock(22)")).isEqualTo(true);
    }

    @Test
    void waitsThatFormNoCycleAreNoDeadlock() throws Exception {
        a.execute("SELECT pg_advisory_lock_shared(23)");
        b.execute("SELECT pg_advisory_lock_shared(23)");   // shared locks do not block each other
        a.execute("SELECT pg_advisory_lock(24)");
        CompletableFuture<Object> bWaits = CompletableFuture.supplyAsync(() -> b.execute("SELECT pg_advisory_lock(24)"),
                threads);
        Thread.sleep(io.kyrodb.engine.txn.AdvisoryLocks.DEADLOCK_CHECK_MILLIS + 300);
        assertThat(bWaits).as("b waits for a without a cycle: no error").isNotDone();
        a.execute("SELECT pg_advisory_unlock(24)");
        bWaits.get(10, TimeUnit.SECONDS);
    }

    @Test
    void pgLocksShowsHeldAndAwaitedAdvisoryLocks() throws Exception {
        a.execute("SELECT pg_advisory_lock(5)");
        a.execute("SELECT pg_advisory_lock_shared(1, 2)");
        CompletableFuture<Object> bWaits = CompletableFuture.supplyAsync(() -> b.execute("SELECT pg_advisory_lock(5)"));
        Thread.sleep(100);
        ExecResult.Rows rows = (ExecResult.Rows) a.execute("SELECT classid, objid, objsubid, mode, granted,"
                + " waitstart IS NOT NULL FROM pg_locks WHERE locktype = 'advisory' ORDER BY objsubid, granted DESC");
        assertThat(rows.next()).containsExactly(0L, 5L, (short) 1, "ExclusiveLock", true, false);
        assertThat(rows.next()).containsExactly(0L, 5L, (short) 1, "ExclusiveLock", false, true);
        assertThat(rows.next()).containsExactly(1L, 2L, (short) 2, "ShareLock", true, false);
        assertThat(rows.next()).isNull();
        a.execute("SELECT pg_advisory_unlock_all()");
        bWaits.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSessionsEndReleasesItsLocks() throws Exception {
        Session c = Session.connect(new DatabaseLocation.NamedMemory(name), Map.of());
        c.execute("SELECT pg_advisory_lock(8)");
        c.execute("SELECT pg_advisory_lock_shared(9)");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> b.execute("SELECT pg_advisory_lock(8)"));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        c.close();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(value(a, "SELECT pg_try_advisory_lock(9)")).as("c's shared lock went too").isEqualTo(true);
    }

    @Test
    void statementTimeoutAndCancelEndTheWait() throws Exception {
        a.execute("SELECT pg_advisory_lock(10)");
        b.execute("SET statement_timeout = '100ms'");
        assertThatThrownBy(() -> b.execute("SELECT pg_advisory_lock(10)")).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
        b.execute("RESET statement_timeout");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> b.execute("SELECT pg_advisory_lock(10)"));
        Thread.sleep(100);
        b.cancel();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(KyroException.class)
                .cause().satisfies(e -> assertThat(((KyroException) e).state()).isEqualTo(SqlState.QUERY_CANCELED));
        assertThat(value(b, "SELECT pg_try_advisory_lock(10)")).as("the cancelled wait took nothing").isEqualTo(false);
    }

    @Test
    void transactionLocksTakenWhileAnAutocommitResultStreamsGoWhenItCloses() {
        ExecResult.Rows rows = (ExecResult.Rows) a.execute("SELECT pg_advisory_xact_lock(i) FROM generate_series(1, 1000) i");
        int n = 0;
        while (rows.next() != null) {
            n++;
        }
        assertThat(n).isEqualTo(1000);
        rows.close();
        assertThat(value(b, "SELECT pg_try_advisory_lock(999)")).as("released with the statement").isEqualTo(true);
    }

    @Test
    void aRolledBackTransactionReleasesItsTransactionLocks() {
        a.execute("BEGIN");
        a.execute("SELECT pg_advisory_xact_lock(11)");
        assertThat(value(b, "SELECT pg_try_advisory_xact_lock(11)")).isEqualTo(false);
        a.execute("ROLLBACK");
        assertThat(value(b, "SELECT pg_try_advisory_lock(11)")).isEqualTo(true);
    }
}
