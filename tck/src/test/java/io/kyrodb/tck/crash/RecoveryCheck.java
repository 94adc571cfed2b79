package io.kyrodb.tck.crash;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The crash test's verdict on a recovered database: it must equal the oracle after commit k for
 * k = lastAcked (the commit in flight at the kill did not land) or lastAcked + 1 (it did):
 * nothing acknowledged lost, nothing extra, no part of a transaction.
 */
final class RecoveryCheck {
    private RecoveryCheck() {
    }

    /** The commit the database was found at, the oracle's state there, and what was read. */
    record Found(int commit, ModelDatabase state, DbImage image) {
    }

    static Found check(Connection c, TrialPlan plan, int lastAcked) throws SQLException {
        DbImage actual = DbImage.read(c);
        Workload w = new Workload(plan.workloadSeed());
        List<Txn> inFlight = new ArrayList<>();   // what ran after the last acknowledged commit
        while (w.commits() < lastAcked) {
            w.next();
        }
        ModelDatabase acked = w.committed();
        while (w.commits() < lastAcked + 1) {
            inFlight.add(w.next());
        }
        ModelDatabase landed = w.committed();
        DbImage ackedImage = DbImage.of(acked);
        if (actual.equals(ackedImage)) {
            return new Found(lastAcked, acked, actual);
        }
        DbImage landedImage = DbImage.of(landed);
        if (actual.equals(landedImage)) {
            return new Found(lastAcked + 1, landed, actual);
        }
        throw new AssertionError("the recovered database (" + actual.rowCount() + " rows) is neither the state after"
                + " the last acknowledged commit " + lastAcked + " nor after commit " + (lastAcked + 1) + "; "
                + whichCommit(plan, actual, lastAcked) + "\n"
                + "against commit " + lastAcked + ":\n" + ackedImage.diff(actual, 8)
                + "against commit " + (lastAcked + 1) + ":\n" + landedImage.diff(actual, 8)
                + "the transactions after commit " + lastAcked + ":\n" + String.join("\n", inFlight.stream().map(Txn::toString).toList()));
    }

    /** Which commit, if any, the database does equal: tells lost commits from garbage. */
    private static String whichCommit(TrialPlan plan, DbImage actual, int lastAcked) {
        Workload w = new Workload(plan.workloadSeed());
        for (int k = 0; k <= lastAcked + 50; k++) {
            while (w.commits() < k) {
                w.next();
            }
            if (DbImage.of(w.committed()).equals(actual)) {
                return "it equals the state after commit " + k + (k < lastAcked ? ": acknowledged commits were lost" : "");
            }
        }
        return "it equals no state after commits 0.." + (lastAcked + 50) + ": a partial or foreign change";
    }
}
