package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Sequence;

import java.util.List;

/**
 * CREATE TABLE; each of {@code unique} (its UNIQUE constraints) becomes a UNIQUE index of the new
 * table; {@code sequences} (definitions of its SERIAL and identity columns' sequences) are created
 * fresh with it; {@code indexes} are other indexes to create with it (those LIKE ... INCLUDING
 * INDEXES copies).
 */
public record CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey,
                              List<UniqueKey> unique, List<CheckConstraint> checks, List<Sequence> sequences,
                              List<io.kyrodb.engine.catalog.ForeignKey> foreignKeys,
                              List<io.kyrodb.engine.storage.Change.CreateIndex> indexes)
        implements Plan {
    public CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey,
                           List<UniqueKey> unique, List<CheckConstraint> checks, List<Sequence> sequences,
                           List<io.kyrodb.engine.catalog.ForeignKey> foreignKeys) {
        this(name, ifNotExists, columns, primaryKey, unique, checks, sequences, foreignKeys, List.of());
    }

    public CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey,
                           List<UniqueKey> unique, List<CheckConstraint> checks, List<Sequence> sequences) {
        this(name, ifNotExists, columns, primaryKey, unique, checks, sequences, List.of());
    }

    public CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey,
                           List<UniqueKey> unique) {
        this(name, ifNotExists, columns, primaryKey, unique, List.of(), List.of());
    }

    public CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey) {
        this(name, ifNotExists, columns, primaryKey, List.of());
    }

    /** A UNIQUE constraint: the name of its index and the table columns it covers. */
    /** A UNIQUE constraint's index; {@code deferrable}/{@code initiallyDeferred}: its timing. */
    public record UniqueKey(String name, int[] columns, boolean deferrable, boolean initiallyDeferred) {
        public UniqueKey(String name, int[] columns) {
            this(name, columns, false, false);
        }
    }
}
