package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * INSERT's ON CONFLICT clause, bound. The arbiters are the unique constraints whose violation
 * takes the conflict path: the primary key when {@code primaryKey}, and the UNIQUE {@code indexes};
 * a violation of any other still fails with 23505. DO NOTHING may also have EXCLUDE constraints
 * as arbiters ({@code exclusions}: the one ON CONSTRAINT names, or all of them without a target).
 *
 * <p>DO NOTHING when {@code values} is null. Otherwise DO UPDATE: {@code values} (one per table
 * column) and {@code where} (null: always) read a row holding the existing row's columns followed
 * by the proposed row's (EXCLUDED).
 */
public record InsertConflict(boolean primaryKey, List<Index> indexes, List<BoundExpr> values, BoundExpr where,
                             List<io.kyrodb.engine.catalog.Exclusion> exclusions) {
    public InsertConflict(boolean primaryKey, List<Index> indexes, List<BoundExpr> values, BoundExpr where) {
        this(primaryKey, indexes, values, where, List.of());
    }

    public boolean doNothing() {
        return values == null;
    }
}
