package io.kyrodb.tck.crash;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated transaction: its steps, then COMMIT or ROLLBACK. {@code commitNumber} is the
 * ordinal of the commit (1, 2, ...) or 0 for a rollback.
 */
record Txn(int number, int commitNumber, List<Step> steps, boolean commit) {

    /** Runs it on {@code c} (autocommit off), checking every step against the oracle's prediction. */
    void run(Connection c) throws SQLException {
        Map<String, Savepoint> savepoints = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            try {
                step.run(c, savepoints);
            } catch (SQLException | RuntimeException e) {
                throw new IllegalStateException("transaction " + number + ", step " + (i + 1) + " of " + steps.size()
                        + ": " + step + "\n" + this, e);
            }
        }
        if (commit) {
            c.commit();
        } else {
            c.rollback();
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("transaction " + number + (commit ? " (commit " + commitNumber + ")" : " (rollback)") + ":");
        for (Step s : steps) {
            b.append("\n  ").append(s);
        }
        return b.append(commit ? "\n  COMMIT" : "\n  ROLLBACK").toString();
    }
}
