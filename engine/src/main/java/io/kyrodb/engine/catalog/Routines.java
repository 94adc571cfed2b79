package io.kyrodb.engine.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user functions and triggers of a catalog, immutable like it: functions by
 * {@link UserFunction#key()}, triggers by {@link Trigger#key()} (table, then name, so a table's
 * triggers sort by name, the order PostgreSQL fires them in).
 */
public final class Routines {
    public static final Routines EMPTY = new Routines(Map.of(), Map.of());

    private final Map<String, UserFunction> functions;
    private final java.util.NavigableMap<String, Trigger> triggers;

    private Routines(Map<String, UserFunction> functions, Map<String, Trigger> triggers) {
        this.functions = Collections.unmodifiableMap(new TreeMap<>(functions));
        this.triggers = Collections.unmodifiableNavigableMap(new TreeMap<>(triggers));
    }

    public UserFunction function(String key) {
        return functions.get(key);
    }

    public List<UserFunction> functions() {
        return new ArrayList<>(functions.values());
    }

    /** The functions called {@code name} in schema {@code schema}, any arguments. */
    public List<UserFunction> functionsNamed(String schema, String name) {
        List<UserFunction> out = new ArrayList<>();
        for (UserFunction f : functions.values()) {
            if (f.schema().equals(schema) && f.name().equals(name)) {
                out.add(f);
            }
        }
        return out;
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
        return functions.isEmpty() && triggers.isEmpty();
    }

    public Routines withFunction(String key, UserFunction f) {
        TreeMap<String, UserFunction> next = new TreeMap<>(functions);
        if (f == null) {
            next.remove(key);
        } else {
            next.put(key, f);
        }
        return new Routines(next, triggers);
    }

    public Routines withTrigger(String key, Trigger t) {
        TreeMap<String, Trigger> next = new TreeMap<>(triggers);
        if (t == null) {
            next.remove(key);
        } else {
            next.put(key, t);
        }
        return new Routines(functions, next);
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
        return new Routines(functions, next);
    }
}
