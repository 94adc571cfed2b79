package io.kyrodb.engine.types;

import java.util.List;

/**
 * A type made by {@code CREATE DOMAIN name AS base ...}: its base type, its DEFAULT (SQL text, null
 * without one), NOT NULL, and its CHECK constraints (name and SQL text over {@code VALUE}), in the
 * order they were added. Values of a domain are values of its base type; storing one into a
 * column of the domain (or casting to it) checks the constraints. Immutable: ALTER DOMAIN makes a
 * new instance with the same OID.
 */
public record DomainType(int oid, String key, SqlType base, String defaultSql, boolean notNull, List<Check> checks)
        implements UserType {
    /** A CHECK constraint of the domain. */
    public record Check(String name, String sql) {
    }

    public DomainType {
        checks = List.copyOf(checks);
    }

    @Override
    public DomainType withKey(String newKey) {
        return new DomainType(oid, newKey, base, defaultSql, notNull, checks);
    }

    /** The type of a column of this domain: the base type, marked with the domain. */
    public SqlType columnType() {
        return new SqlType(base.kind(), base.length(), base.element(), this);
    }
}
