package io.kyrodb.engine;

import io.kyrodb.sql.ast.Statement;

/** The locking clause (FOR UPDATE / SHARE ...) of a query statement, if it has one. */
final class RowLocking {
    private RowLocking() {
    }

    /** The strongest wait policy's clause of the statement's top SELECT, or null when it locks no rows. */
    static Statement.Locking of(Statement statement) {
        return switch (statement) {
            case Statement.Select s -> s.locking().isEmpty() ? null : strictest(s);
            case Statement.With w -> of(w.body());
            default -> null;
        };
    }

    /** Of several clauses, the one that waits (WAIT over NOWAIT over SKIP LOCKED): it decides for all. */
    private static Statement.Locking strictest(Statement.Select s) {
        Statement.Locking best = s.locking().get(0);
        for (Statement.Locking l : s.locking()) {
            if (l.waitPolicy().ordinal() < best.waitPolicy().ordinal()) {
                best = l;
            }
        }
        return best;
    }
}
