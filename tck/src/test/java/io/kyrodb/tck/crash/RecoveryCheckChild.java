package io.kyrodb.tck.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Recovers a killed trial's database in a JVM of its own, runs {@link RecoveryCheck} and exits
 * without closing the database, as a crash right after recovery would: the parent then recovers
 * the same directory again and must find the same state (recovery is idempotent).
 * Prints {@code opening} before it opens the database (the parent may kill it from then on, to
 * crash recovery itself), then {@code match <commit>}, or {@code mismatch} and the reasons (exit
 * status 1).
 *
 * <p>Usage: {@code RecoveryCheckChild <dir> <trial seed> <last acknowledged commit>}
 */
public final class RecoveryCheckChild {
    private RecoveryCheckChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        TrialPlan plan = TrialPlan.of(Long.parseLong(args[1]));
        int lastAcked = Integer.parseInt(args[2]);
        int status;
        try {
            System.out.println("opening");   // the parent may kill us from here on: a crash during recovery
            System.out.flush();
            Connection c = DriverManager.getConnection("jdbc:kyro:file:" + dir);
            RecoveryCheck.Found found = RecoveryCheck.check(c, plan, lastAcked);
            System.out.println("match " + found.commit());
            status = 0;
        } catch (AssertionError e) {
            System.out.println("mismatch " + e.getMessage());
            status = 1;
        } catch (Throwable e) {
            System.out.println("error (see stderr) " + e);
            e.printStackTrace();
            status = 4;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);   // no close(): the database is left as a crash leaves it
    }
}
