package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A session's open PL/pgSQL cursors by name (portal names are one namespace per session, as in
 * PostgreSQL: two functions opening a cursor named "c" at once clash with 42P03). They close with
 * CLOSE, at the end of a FOR loop over the cursor, when an exception block that opened them rolls
 * back, and when the outermost call (the SQL statement that called into PL/pgSQL) ends: KyroDB has
 * no SQL-level FETCH, so a cursor cannot outlive the statement that opened it.
 */
final class Portals {
    private final Map<String, Portal> open = new LinkedHashMap<>();
    private long unnamed;

    /** The name an unbound cursor variable that is NULL gets on OPEN. */
    String nextUnnamed() {
        return "<unnamed portal " + (++unnamed) + ">";
    }

    void add(Portal p) {
        if (open.containsKey(p.name)) {
            throw new KyroException(SqlState.DUPLICATE_CURSOR, "cursor \"" + p.name + "\" already in use");
        }
        open.put(p.name, p);
    }

    void checkFree(String name) {
        if (open.containsKey(name)) {
            throw new KyroException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already in use");
        }
    }

    Portal get(String name) {
        Portal p = open.get(name);
        if (p == null) {
            throw new KyroException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return p;
    }

    void close(String name) {
        if (open.remove(name) == null) {
            throw new KyroException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
    }

    /** Closes {@code name} if it is open (the end of a FOR loop over a cursor its body may have closed). */
    void discard(String name) {
        open.remove(name);
    }

    /** The names open now, for {@link #closeAllBut} when a savepoint rolls back. */
    Set<String> mark() {
        return new HashSet<>(open.keySet());
    }

    /** Closes the cursors opened since {@code mark}. */
    void closeAllBut(Set<String> mark) {
        open.keySet().retainAll(mark);
    }

    void closeAll() {
        open.clear();
    }
}
