package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Sequence;

import java.util.List;

/**
 * One logical change of a statement, validated before it is logged: what the journal writes and
 * what recovery replays. A statement's changes are applied together or not at all.
 */
public sealed interface Change {
    /** {@code checks}: the table's CHECK constraints (the columns carry their defaults). */
    record CreateTable(String name, List<Column> columns, int[] primaryKey, List<CheckConstraint> checks,
                       List<ForeignKey> foreignKeys) implements Change {
        public CreateTable(String name, List<Column> columns, int[] primaryKey, List<CheckConstraint> checks) {
            this(name, columns, primaryKey, checks, List.of());
        }

        public CreateTable(String name, List<Column> columns, int[] primaryKey) {
            this(name, columns, primaryKey, List.of());
        }
    }

    /**
     * A table's new definition over the same rows (ALTER TABLE, DROP TABLE ... CASCADE dropping the
     * foreign keys that referenced it): its columns keep their positions and types and its key.
     */
    record AlterTable(CreateTable definition) implements Change {
    }

    /**
     * CREATE SEQUENCE (also for SERIAL and identity columns): the live sequence, whose state as of
     * the commit ({@link Sequence#loggedValue()}) the record carries, so values handed out before
     * the commit are never handed out again after a restart.
     */
    record CreateSequence(Sequence sequence) implements Change {
    }

    record DropSequence(String name) implements Change {
    }

    record DropTable(String name) implements Change {
    }

    /**
     * CREATE INDEX: {@code columns} are positions in {@code table} (-1 for an expression, whose SQL
     * text is in {@code expressions}, null when there is none); {@code predicate} the SQL text of a
     * partial index's condition or null. The entries of its rows follow as Puts on the index's name
     * (see {@link io.kyrodb.engine.catalog.Index}).
     */
    record CreateIndex(String name, String table, int[] columns, boolean[] descending, boolean unique,
                       String[] expressions, String predicate, io.kyrodb.engine.catalog.IndexShape shape)
            implements Change {
        public CreateIndex(String name, String table, int[] columns, boolean[] descending, boolean unique) {
            this(name, table, columns, descending, unique, null, null);
        }

        public CreateIndex(String name, String table, int[] columns, boolean[] descending, boolean unique,
                           String[] expressions, String predicate) {
            this(name, table, columns, descending, unique, expressions, predicate, io.kyrodb.engine.catalog.IndexShape.NONE);
        }

        /** Whether its shape says more than the defaults (WAL tag 29, checkpoint version 11). */
        public boolean shaped() {
            return shape.any();
        }

        public boolean deferrable() {
            return shape.deferrable();
        }

        public boolean initiallyDeferred() {
            return shape.initiallyDeferred();
        }

        /** A new index of this definition over {@code table} (its entries in {@code store}; null: none). */
        public io.kyrodb.engine.catalog.Index build(io.kyrodb.engine.catalog.Table table, Store store) {
            return new io.kyrodb.engine.catalog.Index(name, table, columns, expressions, predicate, descending, unique,
                    store).shaped(shape);
        }

        /** Whether it is an expression or partial index (WAL tag 18, not 5). */
        public boolean hasExtras() {
            return expressions != null || predicate != null;
        }

        /** The definition of {@code index}. */
        public static CreateIndex of(io.kyrodb.engine.catalog.Index index) {
            return new CreateIndex(index.name(), index.table(), index.columns(), index.descending(), index.unique(),
                    index.expressions(), index.predicate(), index.shape());
        }
    }

    /** DROP INDEX, of an ordered or an HNSW index. */
    record DropIndex(String name) implements Change {
    }

    /**
     * CREATE [OR REPLACE] VIEW: see {@link io.kyrodb.engine.catalog.View} (tag 11 when its path is
     * public alone, else 17; 37 with a check option).
     */
    record CreateView(String name, List<String> columns, String query, List<String> dependsOn,
                      List<String> searchPath, String checkOption) implements Change {
        public CreateView {
            searchPath = List.copyOf(searchPath);
        }

        public CreateView(String name, List<String> columns, String query, List<String> dependsOn,
                          List<String> searchPath) {
            this(name, columns, query, dependsOn, searchPath, null);
        }

        public CreateView(String name, List<String> columns, String query, List<String> dependsOn) {
            this(name, columns, query, dependsOn, List.of(io.kyrodb.engine.catalog.SchemaNames.PUBLIC));
        }

        public io.kyrodb.engine.catalog.View view() {
            return new io.kyrodb.engine.catalog.View(name, columns, query, dependsOn, searchPath, checkOption);
        }

        public static CreateView of(io.kyrodb.engine.catalog.View v) {
            return new CreateView(v.name(), v.columns(), v.query(), v.dependsOn(), v.searchPath(), v.checkOption());
        }
    }

    /**
     * Makes table {@code name} (created just before, in the same transaction) a materialized view
     * of {@code query}, bound along {@code searchPath}; {@code populated}: created WITH DATA.
     */
    record CreateMaterializedView(String name, String query, List<String> searchPath, boolean populated)
            implements Change {
        public io.kyrodb.engine.catalog.MaterializedView view() {
            return new io.kyrodb.engine.catalog.MaterializedView(name, query, searchPath, populated);
        }

        public static CreateMaterializedView of(io.kyrodb.engine.catalog.MaterializedView m) {
            return new CreateMaterializedView(m.name(), m.query(), m.searchPath(), m.populated());
        }
    }

    /** REFRESH MATERIALIZED VIEW: its rows were replaced (Put/Delete before it); {@code populated}: WITH DATA. */
    record RefreshMaterializedView(String name, boolean populated) implements Change {
    }

    record DropView(String name) implements Change {
    }

    /** CREATE [OR REPLACE] FUNCTION: {@code function} replaces an overload with the same argument types. */
    record CreateFunction(io.kyrodb.engine.catalog.UserFunction function) implements Change {
    }

    /** DROP FUNCTION: the overload of {@code key} taking {@code argumentTypes}. */
    record DropFunction(String key, List<io.kyrodb.engine.types.SqlType> argumentTypes) implements Change {
        public DropFunction {
            argumentTypes = List.copyOf(argumentTypes);
        }
    }

    /** CREATE INDEX ... USING hnsw: a definition only; the graph is derived from the rows (engine vector/). */
    record CreateVectorIndex(io.kyrodb.engine.catalog.VectorIndexDef definition) implements Change {
    }

    /** CREATE SCHEMA. */
    record CreateSchema(String name) implements Change {
    }

    /** DROP SCHEMA: its objects are dropped by changes before this one (CASCADE) or it was empty. */
    record DropSchema(String name) implements Change {
    }

    /**
     * COMMENT ON: {@code text} under catalog comment key {@code key}
     * ({@link io.kyrodb.engine.catalog.Catalog#relationComment} ...); null removes it.
     */
    record Comment(String key, String text) implements Change {
    }

    /**
     * CREATE TYPE ... AS ENUM, CREATE DOMAIN, and every ALTER TYPE / ALTER DOMAIN: the type's whole
     * new definition; one with the OID of an existing type replaces it (and its key may change).
     */
    record DefineType(io.kyrodb.engine.types.UserType type) implements Change {
    }

    /** DROP TYPE / DROP DOMAIN: no column uses it any more (changes before this one dropped them). */
    record DropType(String key) implements Change {
    }

    /** Insert or replace the row stored under {@code key}. */
    record Put(String table, Object key, Object[] row) implements Change {
    }

    record Delete(String table, Object key) implements Change {
    }


    /**
     * CREATE [OR REPLACE] TRIGGER, ALTER TABLE ... ENABLE/DISABLE TRIGGER ({@code trigger} set) or
     * DROP TRIGGER (null) of the trigger under {@code key} ({@link io.kyrodb.engine.catalog.Trigger#key}).
     */
    record DefineTrigger(String key, io.kyrodb.engine.catalog.Trigger trigger) implements Change {
    }

    /**
     * CREATE/ALTER/DROP ROLE, GRANT, REVOKE, ALTER DEFAULT PRIVILEGES, ADD CONSTRAINT ... NOT VALID and
     * VALIDATE CONSTRAINT: the catalog's whole new {@link io.kyrodb.engine.catalog.Access} (WAL tag 40).
     */
    record DefineAccess(io.kyrodb.engine.catalog.Access access) implements Change {
    }
}
