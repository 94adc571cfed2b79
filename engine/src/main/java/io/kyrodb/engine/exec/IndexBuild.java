package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CREATE INDEX's changes: the index definition, then one Put per row of the table as the writer
 * sees it (the build is part of the transaction, so it commits, rolls back and recovers like any
 * write). A UNIQUE index over rows that already repeat a value fails with 23505.
 */
final class IndexBuild {
    private IndexBuild() {
    }

    static Mutations.Result build(CreateIndexPlan plan, ExecContext ctx, Catalog catalog) {
        if (catalog.hasRelation(plan.name()) && !plan.name().equals(plan.replaces())) {
            return new Mutations.Result(List.of(), 0);   // IF NOT EXISTS, and it exists
        }
        Table table = catalog.table(plan.table().name());
        // A throwaway instance to compute entries with; the session builds the catalog's own from the change.
        Index index = new Index(plan.name(), table, plan.columns(), plan.expressions(), plan.predicate(),
                plan.descending(), plan.unique(), null).shaped(plan.shape());
        List<Change> changes = new ArrayList<>();
        if (plan.replaces() != null) {
            changes.add(new Change.DropIndex(plan.replaces()));
        }
        changes.add(Change.CreateIndex.of(index));
        Set<GroupKey> seen = plan.unique() ? new HashSet<>() : null;
        for (Iterator<Map.Entry<Object, Object[]>> it = table.data().entries(ctx.view()); it.hasNext(); ) {
            ctx.checkCancel();
            Map.Entry<Object, Object[]> row = it.next();
            if (index.gin()) {
                for (Object[] e : index.entries(row.getValue(), row.getKey())) {
                    changes.add(new Change.Put(plan.name(), e, e));
                }
                continue;
            }
            Object[] entry = index.entry(row.getValue(), row.getKey());
            if (entry == null) {
                continue;   // a partial index's predicate is not true for the row
            }
            if (seen != null) {
                Object[] values = index.keyOnly(index.values(entry));
                boolean hasNull = false;
                for (Object v : values) {
                    hasNull |= v == null;
                }
                if (!hasNull && !seen.add(new GroupKey(values))) {
                    List<String> shown = new ArrayList<>();
                    for (Object v : values) {
                        shown.add(Values.toText(v));
                    }
                    throw new KyroException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + plan.name()
                            + "\": Key (" + index.columnList(table) + ")=(" + String.join(", ", shown)
                            + ") is duplicated.");
                }
            }
            changes.add(new Change.Put(plan.name(), entry, entry));
        }
        return new Mutations.Result(changes, 0);
    }
}
