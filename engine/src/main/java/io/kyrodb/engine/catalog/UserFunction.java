package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * A function made by CREATE FUNCTION: its signature, its language ({@code plpgsql}) and its body
 * as written. {@code returns} is null for RETURNS trigger. {@code volatility} is pg_proc's
 * {@code provolatile} ({@code i}, {@code s}, {@code v}). Stored by WAL change 32 and checkpoint
 * version 13 ({@link io.kyrodb.engine.storage.RoutineCodec}).
 */
public record UserFunction(String schema, String name, List<String> argumentNames, List<SqlType> argumentTypes,
                           SqlType returns, String language, String body, char volatility, boolean strict) {
    public UserFunction {
        argumentNames = List.copyOf(argumentNames);
        argumentTypes = List.copyOf(argumentTypes);
    }

    public boolean returnsTrigger() {
        return returns == null;
    }

    /** The catalog key: schema-qualified name and argument types, so functions may be overloaded. */
    public String key() {
        return key(schema, name, argumentTypes);
    }

    public static String key(String schema, String name, List<SqlType> types) {
        StringBuilder s = new StringBuilder(SchemaNames.key(schema, name)).append('(');
        for (int i = 0; i < types.size(); i++) {
            s.append(i > 0 ? "," : "").append(types.get(i).displayName());
        }
        return s.append(')').toString();
    }

    /** {@code name(types)} as PostgreSQL's messages show a function. */
    public String signature() {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < argumentTypes.size(); i++) {
            s.append(i > 0 ? ", " : "").append(argumentTypes.get(i).displayName());
        }
        return s.append(')').toString();
    }
}
