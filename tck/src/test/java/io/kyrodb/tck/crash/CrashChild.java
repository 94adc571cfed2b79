package io.kyrodb.tck.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The victim of {@link CrashRecoveryTest}: runs the trial's workload on a file database through
 * JDBC and prints {@code commit <n>} after each {@code commit()} returns, until it is killed. In
 * the reopen modes it closes the connection (the database closes cleanly) after the planned
 * commits and opens it again. Exits on its own only when its parent goes away (stdin closes) or
 * when the database does something the oracle did not predict (exit status 3, reason on stderr).
 *
 * <p>Usage: {@code CrashChild <dir> <trial seed>}
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TrialPlan plan = TrialPlan.of(Long.parseLong(args[1]));
        watchParent();
        PrintStream out = System.out;
        Workload workload = new Workload(plan.workloadSeed());
        Connection c = open(plan, dir);
        try {
            while (true) {
                Txn t = workload.next();
                t.run(c);
                if (t.commit()) {
                    out.println("commit " + t.commitNumber());
                    out.flush();
                    if (plan.reopenAfter().contains(t.commitNumber())) {
                        c.close();
                        c = open(plan, dir);
                        out.println("reopened");
                        out.flush();
                    }
                }
            }
        } catch (Throwable e) {
            System.err.println("CrashChild " + plan + ": the database diverged from the oracle or failed");
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static Connection open(TrialPlan plan, Path dir) throws SQLException {
        Connection c = DriverManager.getConnection(plan.url(dir));
        c.setAutoCommit(false);
        return c;
    }

    /** The parent never writes to stdin; end of input means it is gone, so go too. */
    static void watchParent() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent
                }
            } catch (IOException ignored) {
                // gone all the same
            }
            Runtime.getRuntime().halt(2);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
