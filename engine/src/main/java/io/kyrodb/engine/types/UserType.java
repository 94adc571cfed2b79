package io.kyrodb.engine.types;

/**
 * A type made with CREATE TYPE or CREATE DOMAIN, kept in the catalog by {@link #key()} (its name,
 * {@code schema.name} outside public) with an OID fixed when it was made: stored column types
 * name it by that OID, so renaming or moving it rewrites no table.
 */
public sealed interface UserType permits EnumType, DomainType {
    int oid();

    String key();

    /** The name within its schema. */
    default String name() {
        int dot = key().indexOf('.');
        return dot < 0 ? key() : key().substring(dot + 1);
    }

    default String schema() {
        int dot = key().indexOf('.');
        return dot < 0 ? "public" : key().substring(0, dot);
    }

    /** This type under another key (ALTER TYPE ... RENAME TO). */
    UserType withKey(String newKey);
}
