package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.Change;

import java.util.List;
import java.util.Map;

/**
 * Relations moving to other catalog keys (ALTER TABLE | SEQUENCE | VIEW ... SET SCHEMA, ALTER
 * SCHEMA ... RENAME TO over a schema that holds relations). A relation's schema is part of its
 * stored name ({@link io.kyrodb.engine.catalog.SchemaNames}), so each moving table is rewritten
 * under its new key in the statement's transaction, as RENAME TO does: the changes are
 * {@code before}, then for each of {@code tables} the table dropped, its owned sequences created
 * again under their new keys (counting on), the table created under its new key with every row,
 * its indexes created again under their new keys with their entries, then {@code after} (moved
 * standalone sequences, other tables whose foreign keys or defaults name a moved relation, views
 * created again with their text naming the new keys, comments, the old schema dropped).
 */
public record RelocatePlan(List<Change> before, List<TableMove> tables, List<Change> after) implements Plan {
    public RelocatePlan {
        before = List.copyOf(before);
        tables = List.copyOf(tables);
        after = List.copyOf(after);
    }

    /**
     * One table moving to {@code newName} with its new definition ({@code columns} with rewritten
     * defaults, {@code foreignKeys} naming moved tables by their new keys), its owned
     * {@code sequences} under their new keys and its {@code indexes} (old definitions) by new key.
     */
    public record TableMove(Table table, String newName, List<Column> columns, List<CheckConstraint> checks,
                            List<ForeignKey> foreignKeys, List<Sequence> sequences, Map<String, Index> indexes) {
    }
}
