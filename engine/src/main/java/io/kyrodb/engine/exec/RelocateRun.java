package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.RelocatePlan;
import io.kyrodb.engine.storage.Change;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The changes of a {@link RelocatePlan}: each moving table's rows (as the statement's snapshot sees
 * them, its own transaction's writes included) written again under the table's new key, and its
 * index entries under the indexes' new keys, between the plan's catalog changes. All of it is one
 * statement of one transaction: it commits, and reaches the WAL, as one record, or not at all.
 */
final class RelocateRun {
    private RelocateRun() {
    }

    static Mutations.Result run(RelocatePlan p, ExecContext ctx) {
        return run(p, ctx, null);
    }

    /** {@code catalog} (null: none to carry) holds the moving tables' triggers, which move with them. */
    static Mutations.Result run(RelocatePlan p, ExecContext ctx, io.kyrodb.engine.catalog.Catalog catalog) {
        List<Change> out = new ArrayList<>(p.before());
        for (RelocatePlan.TableMove m : p.tables()) {
            Table old = m.table();
            out.add(new Change.DropTable(old.name()));
            for (Sequence s : m.sequences()) {
                out.add(new Change.CreateSequence(s));
            }
            out.add(new Change.CreateTable(m.newName(), m.columns(), old.primaryKey(), m.checks(), m.foreignKeys()));
            if (catalog != null) {
                out.addAll(catalog.routines().triggersMoved(old.name(), m.newName()));
                if (catalog.access().concerns(old.name())) {   // grants and NOT VALID states move with it
                    out.add(new Change.DefineAccess(catalog.access().movedRelation(old.name(), m.newName())));
                }
            }
            Table shape = new Table(m.newName(), m.columns(), old.primaryKey(), m.checks(), m.foreignKeys(), null);
            List<Object> keys = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            for (Iterator<Map.Entry<Object, Object[]>> it = old.data().entries(ctx.view()); it.hasNext(); ) {
                ctx.checkCancel();
                Map.Entry<Object, Object[]> e = it.next();
                out.add(new Change.Put(m.newName(), e.getKey(), e.getValue()));
                if (!m.indexes().isEmpty()) {
                    keys.add(e.getKey());
                    rows.add(e.getValue());
                }
            }
            for (Map.Entry<String, Index> e : m.indexes().entrySet()) {
                Index i = e.getValue();
                Index moved = new Index(e.getKey(), shape, i.columns(), i.expressions(), i.predicate(), i.descending(),
                        i.unique(), null).shaped(i.shape());
                out.add(Change.CreateIndex.of(moved));
                for (int r = 0; r < rows.size(); r++) {
                    for (Object[] entry : moved.entries(rows.get(r), keys.get(r))) {
                        out.add(new Change.Put(e.getKey(), entry, entry));
                    }
                }
            }
        }
        out.addAll(p.after());
        return new Mutations.Result(out, 0);
    }
}
