package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.types.SqlType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of one PL/pgSQL block (and of the blocks around it, through {@code parent}):
 * scalars with their declared type, and records ({@link RowValue}). An inner declaration hides an
 * outer one of the same name.
 */
final class Scope {
    /** A variable: {@code record} ones hold {@link #row} (null until assigned), the others {@link #value}. */
    static final class Var {
        final String name;
        final SqlType type;
        final boolean record;
        final boolean constant;
        final boolean notNull;
        Object value;
        RowValue row;
        /** A bound cursor's declaration (its value is the name its portal gets); null for other variables. */
        io.kyrodb.sql.plpgsql.PlStatement.Cursor cursor;
        /** An unbound cursor variable (refcursor): its value is the name of the portal it opens, or NULL. */
        boolean refcursor;

        Var(String name, SqlType type, boolean record, boolean constant, boolean notNull) {
            this.name = name;
            this.type = type;
            this.record = record;
            this.constant = constant;
            this.notNull = notNull;
        }
    }

    private final Scope parent;
    private final Map<String, Var> vars = new LinkedHashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Var find(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Var v = s.vars.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    Var scalar(String name, SqlType type, Object value) {
        Var v = new Var(name, type, false, false, false);
        v.value = value;
        vars.put(name, v);
        return v;
    }

    Var declare(Var v) {
        vars.put(v.name, v);
        return v;
    }

    Var record(String name, RowValue row) {
        Var v = new Var(name, SqlType.RECORD, true, false, false);
        v.row = row;
        vars.put(name, v);
        return v;
    }
}
