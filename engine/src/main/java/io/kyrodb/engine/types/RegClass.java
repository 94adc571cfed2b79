package io.kyrodb.engine.types;

/**
 * A {@code regclass} value: a relation's OID with the name it prints as (schema-qualified only when
 * the relation is not found by its bare name along the search_path, as PostgreSQL prints it; the
 * OID's digits when no relation has it) and its catalog key (null when no relation has it), which
 * {@code nextval} and friends resolve. Compares and converts to integers as its OID. Not stored in
 * tables (no value tag): CREATE TABLE refuses a regclass column.
 */
public record RegClass(long oid, String name, String key) implements Comparable<RegClass> {
    @Override
    public int compareTo(RegClass o) {
        return Long.compare(oid, o.oid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegClass r && r.oid == oid;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(oid);
    }

    @Override
    public String toString() {
        return name;
    }
}
