package io.kyrodb.engine.cursor;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.sql.ast.FetchDirection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An open cursor: one made by SQL's DECLARE or by PL/pgSQL's OPEN (one concept for both, as
 * PostgreSQL's portal). It reads its query's rows from {@code source} as FETCH and MOVE ask for them,
 * so a NO SCROLL cursor streams as far as the query does (the query's snapshot, read epoch and spill
 * files stay with the source until the cursor closes). A SCROLL cursor keeps every row it has read,
 * in memory, so that it can go back to them.
 *
 * <p>Where the cursor stands and what each direction does follow PostgreSQL's portal exactly
 * (pquery.c: DoPortalRunFetch over PortalRunSelect): {@code atStart}, {@code atEnd} and
 * {@code position} (the row it is on, counting from 1), and the same forward and backward steps,
 * so the rows returned, the counts MOVE reports and where a NO SCROLL cursor fails (55000) are
 * PostgreSQL's. A cursor declared without SCROLL cannot move backward: PostgreSQL allows it only
 * when the plan can run backward, and KyroDB's operators run forward only.
 *
 * <p>Owned by one session's {@link Portals}; used on its thread.
 */
public final class Portal {
    /** FETCH ALL's count, as PostgreSQL's FETCH_ALL. */
    public static final long ALL = Long.MAX_VALUE;

    private final String name;
    private final String statement;
    private final List<ResultColumn> columns;
    private final boolean scroll;
    private final boolean hold;
    private final boolean binary;
    private final Instant created = Instant.now();
    /** Rows not read yet; null once they are all read. */
    private ExecResult.Rows source;
    /** SCROLL: every row read so far (row i at i - 1); null for NO SCROLL, which keeps none. */
    private final List<Object[]> kept;
    /** Rows taken from {@link #source} so far. */
    private long read;
    /** Set by {@link Portals}: the order of opening, for a savepoint's rollback. */
    long serial;
    /** WITH HOLD whose transaction committed: its rows are in memory and it outlives transactions. */
    private boolean persisted;
    private boolean atStart = true;
    private boolean atEnd;
    private long position;

    /**
     * A cursor over {@code rows}, which it owns and closes. {@code statement} is what pg_cursors shows.
     */
    public Portal(String name, String statement, ExecResult.Rows rows, boolean scroll, boolean hold, boolean binary) {
        this.name = name;
        this.statement = statement;
        this.columns = rows.columns();
        this.source = rows;
        this.scroll = scroll;
        this.hold = hold;
        this.binary = binary;
        this.kept = scroll ? new ArrayList<>() : null;
    }

    public String name() {
        return name;
    }

    public String statement() {
        return statement;
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    public boolean scrollable() {
        return scroll;
    }

    public boolean holdable() {
        return hold;
    }

    public boolean binary() {
        return binary;
    }

    public Instant created() {
        return created;
    }

    /** Whether its transaction committed and it lives on (WITH HOLD). */
    boolean persisted() {
        return persisted;
    }

    /** FETCH: the rows {@code direction} and {@code count} reach, in the order they are reached. */
    public List<Object[]> fetch(FetchDirection direction, long count) {
        List<Object[]> out = new ArrayList<>();
        run(direction, count, out);
        return out;
    }

    /** MOVE: goes where FETCH would; the rows FETCH would have returned (PostgreSQL's MOVE count). */
    public long move(FetchDirection direction, long count) {
        return run(direction, count, null);
    }

    /** DoPortalRunFetch; {@code out} null for MOVE. */
    private long run(FetchDirection direction, long count, List<Object[]> out) {
        count = Math.max(count, -Long.MAX_VALUE);
        FetchDirection kind = switch (direction) {
            case NEXT, FORWARD_ALL -> FetchDirection.FORWARD;
            case PRIOR, BACKWARD_ALL -> FetchDirection.BACKWARD;
            case FIRST, LAST -> FetchDirection.ABSOLUTE;
            default -> direction;
        };
        count = switch (direction) {
            case NEXT, PRIOR, FIRST -> 1;
            case LAST -> -1;
            case FORWARD_ALL, BACKWARD_ALL -> ALL;
            default -> count;
        };
        switch (kind) {
            case FORWARD, BACKWARD -> {
                if (count < 0) {
                    kind = kind == FetchDirection.FORWARD ? FetchDirection.BACKWARD : FetchDirection.FORWARD;
                    count = -count;
                }
            }
            case ABSOLUTE -> {
                if (count > 0) {
                    if (count - 1 <= position / 2) {
                        rewind();
                        if (count > 1) {
                            select(true, count - 1, null);
                        }
                    } else {
                        long pos = atEnd ? position + 1 : position;   // one extra step back when off the end
                        if (count <= pos) {
                            select(false, pos - count + 1, null);
                        } else if (count > pos + 1) {
                            select(true, count - pos - 1, null);
                        }
                    }
                    return select(true, 1, out);
                } else if (count < 0) {
                    select(true, ALL, null);
                    if (count < -1) {
                        select(false, -count - 1, null);
                    }
                    return select(false, 1, out);
                }
                rewind();
                return select(true, 0, out);
            }
            default -> {   // RELATIVE
                if (count > 0) {
                    if (count > 1) {
                        select(true, count - 1, null);
                    }
                    return select(true, 1, out);
                } else if (count < 0) {
                    if (count < -1) {
                        select(false, -count - 1, null);
                    }
                    return select(false, 1, out);
                }
                kind = FetchDirection.FORWARD;   // RELATIVE 0 is FORWARD 0
            }
        }
        boolean forward = kind == FetchDirection.FORWARD;
        if (count == 0) {   // the current row again, if the cursor is on one
            boolean onRow = !atStart && !atEnd;
            if (out == null) {
                return onRow ? 1 : 0;
            }
            if (onRow) {
                select(false, 1, null);
                count = 1;
                forward = true;
            }
        }
        if (!forward && count == ALL && out == null) {   // MOVE BACKWARD ALL is a rewind
            long moved = position > 0 && !atEnd ? position - 1 : position;
            rewind();
            return moved;
        }
        return select(forward, count, out);
    }

    /** PortalRunSelect: up to {@code count} rows forward or backward from where the cursor is. */
    private long select(boolean forward, long count, List<Object[]> out) {
        if (forward) {
            if (atEnd || count <= 0) {
                return 0;
            }
            long n = 0;
            for (Object[] row; n < count && (row = row(position + n + 1)) != null; n++) {
                if (out != null) {
                    out.add(row);
                }
            }
            if (n > 0) {
                atStart = false;
            }
            if (count == ALL || n < count) {
                atEnd = true;
            }
            position += n;
            return n;
        }
        requireScroll();
        if (atStart || count <= 0) {
            return 0;
        }
        long from = atEnd ? position + 1 : position;
        long n = 0;
        for (; n < count && from - 1 - n >= 1; n++) {
            Object[] row = row(from - 1 - n);
            if (out != null) {
                out.add(row);
            }
        }
        if (n > 0 && atEnd) {
            atEnd = false;
            position++;
        }
        if (count == ALL || n < count) {
            atStart = true;
            position = 0;
        } else {
            position -= n;
        }
        return n;
    }

    /** DoPortalRewind: back before the first row; a NO SCROLL cursor only while it has not moved. */
    private void rewind() {
        if (atStart && !atEnd) {
            return;
        }
        requireScroll();
        atStart = true;
        atEnd = false;
        position = 0;
    }

    private void requireScroll() {
        if (!scroll) {
            throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward\n"
                    + "  Hint: Declare it with SCROLL option to enable backward scan.");
        }
    }

    /** Row {@code i} (from 1), or null past the last. NO SCROLL asks only for the row after those read. */
    private Object[] row(long i) {
        if (kept != null) {
            while (kept.size() < i) {
                Object[] row = pull();
                if (row == null) {
                    return null;
                }
                kept.add(row);
            }
            return kept.get((int) (i - 1));
        }
        if (i != read + 1) {
            throw new IllegalStateException("a NO SCROLL cursor asked for row " + i + " after " + read);
        }
        return pull();
    }

    private Object[] pull() {
        if (source == null) {
            return null;
        }
        Object[] row;
        try {
            row = source.next();
        } catch (RuntimeException | Error e) {
            close();   // the query failed: its rows are gone, as the portal is in PostgreSQL
            throw e;
        }
        if (row == null) {
            source.close();
            source = null;
            return null;
        }
        read++;
        return row;
    }

    /**
     * WITH HOLD at its transaction's commit: reads the rows still to come into memory (all of them
     * for SCROLL, which keeps what it read; only those ahead for NO SCROLL), so the cursor no longer
     * needs the transaction's snapshot.
     */
    void persist() {
        if (source != null) {
            if (kept != null) {
                while (pull() instanceof Object[] row) {
                    kept.add(row);
                }
            } else {
                List<Object[]> ahead = new ArrayList<>();
                while (pull() instanceof Object[] row) {
                    ahead.add(row);
                }
                source = new io.kyrodb.engine.MaterializedRows(columns, ahead);
                read -= ahead.size();
            }
        }
        persisted = true;
    }

    /** Releases what the query still holds. */
    void close() {
        ExecResult.Rows s = source;
        source = null;
        if (s != null) {
            s.close();
        }
    }
}
