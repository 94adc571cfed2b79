package io.kyrodb.tck.crash;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills a JVM that runs multi-statement transactions on a file database with SIGKILL, at a seeded
 * moment (also mid-commit), and checks through JDBC that the recovered database is exactly the
 * state after the last acknowledged commit or the one in flight: nothing lost, nothing extra, no
 * partial transaction. Each trial then recovers again (in a JVM that exits without closing, then
 * here: recovery is idempotent; in a third of the trials the first recovery is itself killed
 * partway), closes cleanly, reopens, writes more and checks again.
 *
 * <p>The expected state comes from {@link Workload}'s own model of the tables, replayed from the
 * trial's seed, not from the engine. A SIGKILL keeps the OS page cache, so this checks what the
 * process hands to the OS and how recovery reads it back (write ordering, torn records, the
 * checkpoint at close), not fsync; a {@code sync=off} trial must lose nothing either.
 *
 * <pre>
 * -Dkyro.crash.trials=N        number of trials (default 20; 1,000 with -Dkyro.slow=true)
 * -Dkyro.crash.baseSeed=S      seed the trials' seeds derive from (default below)
 * -Dkyro.crash.seed=T          run only the trial with seed T (printed by every trial)
 * </pre>
 */
class CrashRecoveryTest {
    private static final long DEFAULT_BASE_SEED = 20261125L;
    private static final long CHILD_DEADLINE_SECONDS = 60;
    private static final int WRITES_AFTER_RECOVERY = 6;

    @TestFactory
    Stream<DynamicTest> crashTrials() {
        String only = System.getProperty("kyro.crash.seed");
        boolean slow = Boolean.getBoolean("kyro.slow");
        int trials = Integer.getInteger("kyro.crash.trials", slow ? 1000 : 20);
        long base = Long.parseLong(System.getProperty("kyro.crash.baseSeed", Long.toString(DEFAULT_BASE_SEED)));
        List<Long> seeds = only != null
                ? List.of(Long.parseLong(only))
                : IntStream.range(0, trials).mapToObj(i -> TrialPlan.trialSeed(base, i)).toList();
        System.out.println("CrashRecoveryTest: " + (only != null ? "1 trial, -Dkyro.crash.seed=" + only
                : trials + " trials, base seed " + base + " (-Dkyro.crash.baseSeed=" + base + " -Dkyro.crash.trials="
                + trials + ")"));
        return seeds.stream().map(seed -> {
            TrialPlan plan = TrialPlan.of(seed);
            return DynamicTest.dynamicTest("seed=" + seed + " " + plan.mode().description, () -> trial(plan));
        });
    }

    static String rerun(long seed) {
        return "./mvnw -pl tck -am test -Dtest=CrashRecoveryTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dkyro.crash.seed=" + seed;
    }

    private void trial(TrialPlan plan) throws Exception {
        System.out.println("crash trial " + plan + "\n  rerun: " + rerun(plan.seed()));
        Path work = Files.createTempDirectory("kyro-crash-");
        Path dir = work.resolve("db");
        boolean passed = false;
        try {
            int lastAcked = runAndKill(plan, dir, work.resolve("child.err"));
            if (plan.recoveryKillNanos() >= 0) {
                killRecovery(plan, dir, lastAcked, work.resolve("killed-check.err"));
            }
            int commit = recoverInChild(plan, dir, lastAcked, work.resolve("check.err"));
            String verdict = verifyAndContinue(plan, dir, lastAcked, commit);
            System.out.println("  acked " + lastAcked + ", recovered commit " + commit
                    + (commit > lastAcked ? " (the one in flight landed)" : "") + ", " + verdict);
            passed = true;
        } catch (AssertionError | Exception e) {
            System.out.println("  FAILED (database kept in " + dir + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "\n  rerun: " + rerun(plan.seed()));
            throw e;
        } finally {
            if (passed) {
                deleteTree(work);
            }
        }
    }

    /** Runs the workload child to the kill point, kills it, and returns the last acknowledged commit. */
    private int runAndKill(TrialPlan plan, Path dir, Path stderr) throws Exception {
        Process child = ChildJvm.start(CrashChild.class, stderr, dir.toString(), Long.toString(plan.seed()));
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture.delayedExecutor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (child.isAlive()) {
                timedOut.set(true);
                child.destroyForcibly();
            }
        });
        try {
            ChildJvm.Lines lines = new ChildJvm.Lines(child.getInputStream());
            int lastAcked = 0;
            String line;
            while (lastAcked < plan.killAfter() && (line = lines.next()) != null) {
                lastAcked = acked(line, lastAcked);
            }
            if (plan.delayNanos() > 0) {
                LockSupport.parkNanos(plan.delayNanos());
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of its stdout.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is gone after SIGKILL").isTrue();
            while ((line = lines.next()) != null) {   // what it acknowledged before the kill landed
                lastAcked = acked(line, lastAcked);
            }
            if (timedOut.get() || child.exitValue() != 137 || lastAcked < plan.killAfter()) {
                fail("the workload child " + (timedOut.get() ? "did not reach commit " + plan.killAfter() + " within "
                        + CHILD_DEADLINE_SECONDS + " s" : "exited with status " + child.exitValue() + " after "
                        + lastAcked + " acknowledged commits (137 is our SIGKILL)") + "; its stderr:\n" + read(stderr));
            }
            return lastAcked;
        } finally {
            child.destroyForcibly();
            child.getOutputStream().close();
        }
    }

    private static int acked(String line, int lastAcked) {
        if (line.startsWith("commit ")) {
            int n = Integer.parseInt(line.substring("commit ".length()));
            assertThat(n).as("commits are acknowledged in order").isEqualTo(lastAcked + 1);
            return n;
        }
        return lastAcked;
    }

    /**
     * A recovery killed with SIGKILL {@code recoveryKillNanos} after it starts to open the database
     * (or after it is done, if it is that quick: then it must have found a right state).
     */
    private void killRecovery(TrialPlan plan, Path dir, int lastAcked, Path stderr) throws Exception {
        Process check = ChildJvm.start(RecoveryCheckChild.class, stderr, dir.toString(), Long.toString(plan.seed()),
                Integer.toString(lastAcked));
        try {
            ChildJvm.Lines lines = new ChildJvm.Lines(check.getInputStream());
            String line = lines.next();
            assertThat(line).as("the recovery child starts: %s", read(stderr)).isEqualTo("opening");
            if (plan.recoveryKillNanos() > 0) {
                LockSupport.parkNanos(plan.recoveryKillNanos());
            }
            check.toHandle().destroyForcibly();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).as("the recovery child is gone after SIGKILL").isTrue();
            while ((line = lines.next()) != null) {
                if (!line.startsWith("match ")) {
                    fail("the recovery that was then killed: " + line + "\n" + read(stderr));
                }
            }
        } finally {
            check.destroyForcibly();
        }
    }

    /** First (or, after a killed one, second) recovery, in a JVM that checks the state and exits without closing. */
    private int recoverInChild(TrialPlan plan, Path dir, int lastAcked, Path stderr) throws Exception {
        Process check = ChildJvm.start(RecoveryCheckChild.class, stderr, dir.toString(), Long.toString(plan.seed()),
                Integer.toString(lastAcked));
        check.getOutputStream().close();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the recovery child finished").isTrue();
        String verdict = out.lines().filter(l -> !l.equals("opening")).findFirst().orElse("");
        if (check.exitValue() != 0 || !verdict.startsWith("match ")) {
            fail("recovery (in a child JVM): " + out + "\n" + read(stderr));
        }
        return Integer.parseInt(verdict.substring("match ".length()).trim());
    }

    /**
     * Second recovery here: the same state. Then a clean close and a third open: the same state
     * again; a few more transactions; a fourth open finds them.
     */
    private String verifyAndContinue(TrialPlan plan, Path dir, int lastAcked, int commit) throws SQLException {
        String url = "jdbc:kyro:file:" + dir;
        RecoveryCheck.Found found;
        try (Connection c = DriverManager.getConnection(url)) {
            found = RecoveryCheck.check(c, plan, lastAcked);
            assertThat(found.commit()).as("recovering the same directory again finds the same commit").isEqualTo(commit);
        }
        Workload more = new Workload(plan.workloadSeed() ^ 0x5EED_AF7E_12L, found.state());
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(DbImage.read(c)).as("after a clean close").isEqualTo(found.image());
            c.setAutoCommit(false);
            for (int i = 0; i < WRITES_AFTER_RECOVERY; i++) {
                more.next().run(c);
            }
        }
        DbImage expected = DbImage.of(more.committed());
        try (Connection c = DriverManager.getConnection(url)) {
            DbImage actual = DbImage.read(c);
            assertThat(actual.equals(expected)).as("the writes after recovery, reopened:\n%s", expected.diff(actual, 8))
                    .isTrue();
        }
        return found.image().rowCount() + " rows; same after a second recovery and a clean reopen; "
                + more.commits() + " more commits after recovery are there on reopen";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
