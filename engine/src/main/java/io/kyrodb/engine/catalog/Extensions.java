package io.kyrodb.engine.catalog;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.List;

/**
 * The PostgreSQL extensions whose types and functions KyroDB has built in, so that the
 * {@code CREATE EXTENSION} a schema script or framework runs first (pgvector's tutorials, Spring
 * AI's vector store) succeeds: {@code vector} (pgvector 0.8's types, operators, functions and hnsw
 * indexes) and {@code uuid-ossp} (its {@code uuid_generate_v4()} and {@code uuid_nil()}). They are
 * always present, so pg_extension lists them from the start and they cannot be dropped; any other
 * extension is not available.
 */
public final class Extensions {
    /** One built-in extension as pg_extension shows it; {@code schemaOid}: where PostgreSQL installs it. */
    public record Extension(long oid, String name, String version, long schemaOid, boolean relocatable) {
    }

    private static final long PUBLIC_OID = 2200;

    public static final List<Extension> BUILT_IN = List.of(
            new Extension(16_385, "vector", "0.8.0", PUBLIC_OID, true),
            new Extension(16_386, "uuid-ossp", "1.1", PUBLIC_OID, true));

    /**
     * Extensions whose CREATE EXTENSION succeeds and does nothing, since what they add is built in
     * without them: btree_gist (the {@code =} of scalar columns in a gist EXCLUDE constraint).
     */
    private static final java.util.Set<String> ACCEPTED = java.util.Set.of("btree_gist");

    private Extensions() {
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.stream().anyMatch(e -> e.name().equals(name));
    }

    /** CREATE EXTENSION {@code name}: nothing to do for a built-in one; 42704 for any other. */
    public static void create(String name) {
        if (!isBuiltIn(name) && !ACCEPTED.contains(name)) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" is not available: KyroDB"
                    + " has these built in: " + String.join(", ", BUILT_IN.stream().map(Extension::name).toList()));
        }
    }

    /** DROP EXTENSION {@code name}: built-in ones stay (2BP01); 42704 for others unless {@code ifExists}. */
    public static void drop(String name, boolean ifExists) {
        if (isBuiltIn(name)) {
            throw new KyroException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop extension \"" + name
                    + "\": it is built into KyroDB");
        }
        if (!ifExists) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
        }
    }
}
