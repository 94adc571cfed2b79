package io.kyrodb.engine.catalog;

/**
 * How the catalog keys an object of a schema: a relation (table, view, index, sequence) of
 * {@code public} by its bare name, one of another schema by {@code schema.name}. So databases
 * made before schemas existed (everything in {@code public}) read unchanged, and the WAL and the
 * checkpoint keep naming objects by one string. A name of {@code public} that itself holds a dot
 * (a quoted identifier) would read as schema-qualified: CREATE refuses such names (42602).
 */
public final class SchemaNames {
    public static final String PUBLIC = Table.DEFAULT_SCHEMA;

    private SchemaNames() {
    }

    /** 42602 for a new object or schema name holding a dot: it would read back as schema-qualified. */
    public static void checkNewName(String name) {
        if (name.indexOf('.') >= 0) {
            throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.INVALID_NAME, "invalid name \"" + name
                    + "\": KyroDB keeps an object's schema in its stored name, so a name cannot contain \".\"");
        }
    }

    /** The catalog key of {@code name} in {@code schema}. */
    public static String key(String schema, String name) {
        return schema == null || schema.equals(PUBLIC) ? name : schema + "." + name;
    }

    /** The schema of catalog key {@code key}. */
    public static String schemaOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? PUBLIC : key.substring(0, dot);
    }

    /** The name of catalog key {@code key} within its schema. */
    public static String localOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    /** {@code key} moved to schema {@code schema} (the same local name). */
    public static String moved(String key, String schema) {
        return key(schema, localOf(key));
    }
}
