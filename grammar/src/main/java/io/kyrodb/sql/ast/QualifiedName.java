package io.kyrodb.sql.ast;

/** {@code [schema.]name}, already case-folded; {@code schema} is null when not written. */
public record QualifiedName(Pos pos, String schema, String name) {
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
