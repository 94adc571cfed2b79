package io.kyrodb.engine.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The triggers of a catalog (its functions, trigger functions included, are
 * {@link Catalog#functions()}), immutable like it: by {@link Trigger#key()} (table, then name, so a table's
 * triggers sort by name, the order PostgreSQL fires them in).
 */
public final class Routines {
    public static final Routines EMPTY = new Routines(Map.of());

    private final java.util.NavigableMap<String, Trigger> triggers;

    private Routines(Map<String, Trigger> triggers) {
        this.triggers = Collections.unmodifiableNavigableMap(new TreeMap<>(triggers));
    }

    public Trigger trigger(String table, String name) {
        return triggers.get(Trigger.key(table, name));
    }

    public List<Trigger> triggers() {
        return new ArrayList<>(triggers.values());
    }

    /** The triggers of {@code table}, by name. */
    public List<Trigger> triggersOf(String table) {
        List<Trigger> out = new ArrayList<>();
        for (Trigger t : triggers.subMap(table + "\u0000", table + "\u0001").values()) {
            out.add(t);
        }
        return out;
    }

    public boolean isEmpty() {
        return triggers.isEmpty();
    }

    public Routines withTrigger(String key, Trigger t) {
        TreeMap<String, Trigger> next = new TreeMap<>(triggers);
        if (t == null) {
            next.remove(key);
        } else {
            next.put(key, t);
        }
        return new Routines(next);
    }

    /**
     * The changes that define again, on table {@code to}, the triggers table {@code from} has: what a
     * statement that drops a table and creates it again (a rewrite, a rename, a move) adds after.
     */
    public List<io.kyrodb.engine.storage.Change> triggersMoved(String from, String to) {
        List<io.kyrodb.engine.storage.Change> out = new ArrayList<>();
        for (Trigger t : triggersOf(from)) {
            Trigger moved = t.onTable(to);
            out.add(new io.kyrodb.engine.storage.Change.DefineTrigger(moved.key(), moved));
        }
        return out;
    }

    /** Without the triggers of table {@code table} (it is dropped). */
    public Routines withoutTable(String table) {
        if (triggersOf(table).isEmpty()) {
            return this;
        }
        TreeMap<String, Trigger> next = new TreeMap<>(triggers);
        next.keySet().removeIf(k -> k.startsWith(table + "\u0000"));
        return new Routines(next);
    }
}
