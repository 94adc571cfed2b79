package io.kyrodb.engine.cursor;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's open cursors by name: SQL's DECLARE and PL/pgSQL's OPEN share one namespace, as
 * PostgreSQL's portals do (a function that opens a cursor named "c" clashes with a DECLARE c, 42P03,
 * and a refcursor a function returns can be fetched with SQL's FETCH in the same transaction).
 *
 * <p>Lifetimes, as PostgreSQL's: a cursor closes with CLOSE, at the end of its transaction (commit or
 * rollback), when a savepoint or PL/pgSQL exception block it was opened after rolls back, and when
 * the session ends. A WITH HOLD cursor whose transaction commits reads its rows into memory then
 * ({@link #persistHoldable}) and lives until CLOSE or the session's end; if that transaction rolls
 * back it goes with it. Owned by one session; used on its thread.
 */
public final class Portals {
    private final Map<String, Portal> open = new LinkedHashMap<>();
    /** SAVEPOINT name and the mark taken then, innermost last. */
    private final Deque<Map.Entry<String, Long>> savepoints = new ArrayDeque<>();
    private long serial;
    private long unnamed;

    /** The name an unbound PL/pgSQL cursor variable that is NULL gets on OPEN. */
    public String nextUnnamed() {
        return "<unnamed portal " + (++unnamed) + ">";
    }

    /** DECLARE: 42P03 when the name is taken. */
    public void declare(Portal p) {
        checkUndeclared(p.name());
        add(p);
    }

    /** DECLARE's check, made before its query starts: 42P03 (in DECLARE's words) when the name is taken. */
    public void checkUndeclared(String name) {
        if (open.containsKey(name)) {
            throw new KyroException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
    }

    /** PL/pgSQL's OPEN: 42P03 (in PL/pgSQL's words) when the name is taken. */
    public void checkFree(String name) {
        if (open.containsKey(name)) {
            throw new KyroException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already in use");
        }
    }

    public void add(Portal p) {
        checkFree(p.name());
        p.serial = ++serial;
        open.put(p.name(), p);
    }

    /** The cursor named {@code name}; 34000 when none is open. */
    public Portal get(String name) {
        Portal p = open.get(name);
        if (p == null) {
            throw notOpen(name);
        }
        return p;
    }

    /** The cursor named {@code name}, or null. */
    public Portal find(String name) {
        return open.get(name);
    }

    /** CLOSE name: 34000 when none is open. */
    public void close(String name) {
        Portal p = open.remove(name);
        if (p == null) {
            throw notOpen(name);
        }
        p.close();
    }

    /** Closes {@code name} if it is open (the end of a FOR loop over a cursor its body may have closed). */
    public void discard(String name) {
        Portal p = open.remove(name);
        if (p != null) {
            p.close();
        }
    }

    /** CLOSE ALL, DISCARD ALL, the session's end. */
    public void closeAll() {
        closeIf(p -> true);
    }

    /** A mark for {@link #closeSince}: the cursors opened after it are the ones it closes. */
    public long mark() {
        return serial;
    }

    /** Closes the cursors opened since {@code mark} (an exception block or a savepoint rolled back). */
    public void closeSince(long mark) {
        closeIf(p -> p.serial > mark);
    }

    public void savepoint(String name) {
        savepoints.addLast(Map.entry(name, serial));
    }

    /** ROLLBACK TO SAVEPOINT: the cursors opened since it close; the savepoint stays. */
    public void rollbackTo(String name) {
        Long mark = unwindTo(name, false);
        if (mark != null) {
            closeSince(mark);
        }
    }

    /** RELEASE SAVEPOINT: it and the savepoints after it are gone; the cursors stay. */
    public void release(String name) {
        unwindTo(name, true);
    }

    private Long unwindTo(String name, boolean inclusive) {
        if (savepoints.stream().noneMatch(e -> e.getKey().equals(name))) {
            return null;
        }
        while (!savepoints.peekLast().getKey().equals(name)) {
            savepoints.removeLast();
        }
        return inclusive ? savepoints.removeLast().getValue() : savepoints.peekLast().getValue();
    }

    /**
     * Before a commit: the WITH HOLD cursors of the committing transaction read what they still
     * need into memory. A failure here fails the commit (the caller rolls back), as in PostgreSQL.
     */
    public void persistHoldable() {
        for (Portal p : open.values()) {
            if (p.holdable() && !p.persisted()) {
                p.persist();
            }
        }
    }

    /**
     * The transaction ended: its cursors close, but for the WITH HOLD ones of a commit (persisted by
     * then); cursors held from earlier transactions stay either way.
     */
    public void transactionEnded(boolean committed) {
        savepoints.clear();
        closeIf(p -> !p.persisted() && !(committed && p.holdable()));
    }

    /** Every open cursor, in the order they were opened (pg_cursors). */
    public List<Portal> all() {
        return new ArrayList<>(open.values());
    }

    private void closeIf(java.util.function.Predicate<Portal> which) {
        RuntimeException failed = null;
        for (Iterator<Portal> it = open.values().iterator(); it.hasNext(); ) {
            Portal p = it.next();
            if (which.test(p)) {
                it.remove();
                try {
                    p.close();
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static KyroException notOpen(String name) {
        return new KyroException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
    }
}
