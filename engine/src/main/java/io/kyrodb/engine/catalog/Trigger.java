package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A trigger made by CREATE TRIGGER on table {@code table} (its catalog key): when it fires
 * ({@code before}, {@code events} a mask of {@link #INSERT} ...), at which level, the WHEN
 * condition's text (null: none), the function it runs (a {@link UserFunction#key()}: its overload without arguments,
 * {@link Catalog#triggerFunction}) with its
 * arguments, and whether it is enabled (ALTER TABLE ... ENABLE/DISABLE TRIGGER). Stored by WAL
 * change 33 and checkpoint version 13.
 */
public record Trigger(String name, String table, boolean before, int events, List<String> updateColumns,
                      boolean forEachRow, String when, String function, List<String> arguments, boolean enabled) {
    public static final int INSERT = 1;
    public static final int UPDATE = 2;
    public static final int DELETE = 4;
    public static final int TRUNCATE = 8;

    public Trigger {
        updateColumns = List.copyOf(updateColumns);
        arguments = List.copyOf(arguments);
    }

    public String key() {
        return key(table, name);
    }

    public static String key(String table, String name) {
        return table + "\u0000" + name;
    }

    public boolean fires(int event) {
        return (events & event) != 0;
    }

    /** The same trigger on table {@code key} (its table was renamed, moved or rewritten). */
    public Trigger onTable(String key) {
        return new Trigger(name, key, before, events, updateColumns, forEachRow, when, function, arguments, enabled);
    }

    public Trigger withEnabled(boolean on) {
        return new Trigger(name, table, before, events, updateColumns, forEachRow, when, function, arguments, on);
    }

    /** The events as information_schema and pg_get_triggerdef name them, in PostgreSQL's order. */
    public List<String> eventNames() {
        List<String> out = new java.util.ArrayList<>();
        if (fires(INSERT)) {
            out.add("INSERT");
        }
        if (fires(DELETE)) {
            out.add("DELETE");
        }
        if (fires(UPDATE)) {
            out.add("UPDATE");
        }
        if (fires(TRUNCATE)) {
            out.add("TRUNCATE");
        }
        return out;
    }
}
