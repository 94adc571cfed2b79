package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;
import java.util.Map;

/**
 * ALTER TABLE, in one of three shapes. A new definition over the same rows ({@code source} null):
 * {@code columns}, {@code checks} and {@code foreignKeys} replace the table's, once every existing
 * row passes {@code validate}, {@code validateForeignKeys} and (when not -1) NOT NULL on column
 * {@code validateNotNull}. A rewrite ({@code source} non-null, ADD or DROP COLUMN): every row is
 * copied into the new definition, new column {@code i} taking old column {@code source[i]}, or
 * {@code fill.get(i)} evaluated for the row when that is -1, keeping {@code indexes} (new column
 * positions, by index name) and creating {@code sequences}; {@code childKeys} are the foreign keys
 * of other tables with their referenced positions moved. Or an index added or dropped
 * ({@code addIndex}, {@code dropIndex}). {@code nothing}: IF [NOT] EXISTS found nothing to do.
 * {@code newName}: RENAME TO, a rewrite under the new name (null otherwise).
 */
public record AlterTablePlan(Table table, List<Column> columns, int[] primaryKey, List<CheckConstraint> checks,
                             List<ForeignKey> foreignKeys, List<RowCheck> validate,
                             List<ForeignKey> validateForeignKeys, int validateNotNull, int[] source,
                             List<BoundExpr> fill, Map<String, int[]> indexes, List<Sequence> sequences,
                             Map<String, List<ForeignKey>> childKeys, CreateIndexPlan addIndex, String dropIndex,
                             boolean nothing, String newName) implements Plan {
    /** ALTER TABLE that has nothing to do. */
    public static AlterTablePlan nothing(Table table) {
        return new AlterTablePlan(table, null, null, null, null, List.of(), List.of(), -1, null, null, Map.of(),
                List.of(), Map.of(), null, null, true, null);
    }

    /** A new definition over the same rows. */
    public static AlterTablePlan redefine(Table table, List<Column> columns, List<CheckConstraint> checks,
                                          List<ForeignKey> foreignKeys, List<RowCheck> validate,
                                          List<ForeignKey> validateForeignKeys, int validateNotNull) {
        return new AlterTablePlan(table, columns, table.primaryKey(), checks, foreignKeys, validate,
                validateForeignKeys, validateNotNull, null, null, Map.of(), List.of(), Map.of(), null, null, false, null);
    }
}
