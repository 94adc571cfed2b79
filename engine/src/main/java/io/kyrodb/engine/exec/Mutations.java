package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.engine.plan.CreateVectorIndexPlan;
import io.kyrodb.engine.plan.DropIndexPlan;
import io.kyrodb.engine.plan.DeletePlan;
import io.kyrodb.engine.plan.DropTablePlan;
import io.kyrodb.engine.plan.InsertPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.ReturningPlan;
import io.kyrodb.engine.plan.RowTarget;
import io.kyrodb.engine.plan.UpdatePlan;
import io.kyrodb.engine.plan.CreateSequencePlan;
import io.kyrodb.engine.plan.DropSequencePlan;
import io.kyrodb.engine.plan.RowCheck;
import io.kyrodb.engine.plan.TruncatePlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.TableData;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Computes the changes a writing statement makes, checking every constraint first, without
 * touching the tables: a statement that fails changes nothing. Runs under the writer lock, reading
 * through the writer's view (the latest commit plus the transaction's own writes).
 */
public final class Mutations {
    private Mutations() {
    }

    /**
     * The changes of {@code plan}, how many rows it touched, and (for INSERT, UPDATE, DELETE) those
     * rows: inserted, updated (new version) or deleted, in the order the statement took them, followed
     * by the other FROM items' columns for UPDATE ... FROM / DELETE ... USING; for RETURNING, the rows
     * it returns.
     */
    public record Result(List<Change> changes, long count, List<Object[]> rows) {
        public Result(List<Change> changes, long count) {
            this(changes, count, List.of());
        }
    }

    /** {@code ctx} reads through the writer's view; subqueries in the statement run in it. */
    public static Result compute(Plan plan, ExecContext ctx, Catalog catalog) {
        return compute(plan, ctx, catalog, null, List.of());
    }

    /**
     * As {@link #compute(Plan, ExecContext, Catalog)}, running {@code triggers} (null: none) on the
     * rows INSERT, UPDATE and DELETE take; {@code setColumns} are the columns an UPDATE assigns
     * (for UPDATE OF triggers).
     */
    public static Result compute(Plan plan, ExecContext ctx, Catalog catalog, RowTriggers triggers,
                                 List<String> setColumns) {
        return switch (plan) {
            case ReturningPlan p -> returning(p, ctx, catalog, triggers, setColumns);
            case InsertPlan p -> insert(p, ctx, catalog, triggers);
            case UpdatePlan p -> update(p, ctx, catalog, triggers, setColumns);
            case DeletePlan p -> delete(p, ctx, catalog, triggers);
            case CreateIndexPlan p -> IndexBuild.build(p, ctx, catalog);
            case CreateVectorIndexPlan p -> catalog.hasRelation(p.definition().name())
                    ? new Result(List.of(), 0)   // IF NOT EXISTS and it exists
                    : new Result(List.of(new Change.CreateVectorIndex(p.definition())), 0);
            case DropIndexPlan p -> new Result(p.names().stream().<Change>map(Change.DropIndex::new).toList(), 0);
            case CreateTablePlan p -> catalog.hasRelation(p.name())
                    ? new Result(List.of(), 0)   // IF NOT EXISTS and it exists
                    : new Result(createTable(p), 0);
            case CreateSequencePlan p -> catalog.hasRelation(p.definition().name())
                    ? new Result(List.of(), 0)   // IF NOT EXISTS and it exists
                    : new Result(List.of(new Change.CreateSequence(p.definition().fresh())), 0);
            case DropSequencePlan p -> new Result(p.names().stream().<Change>map(Change.DropSequence::new).toList(), 0);
            case TruncatePlan p -> truncate(p, ctx, catalog);
            case io.kyrodb.engine.plan.AlterTablePlan p -> AlterTableRun.run(p, ctx, catalog);
            case DropTablePlan p -> new Result(dropTables(p, catalog), 0);
            case io.kyrodb.engine.plan.ViewDdlPlan p -> new Result(p.changes(), 0);
            case io.kyrodb.engine.plan.CatalogDdlPlan p -> {
                for (io.kyrodb.engine.plan.CatalogDdlPlan.ColumnValidation v : p.validations()) {
                    Table t = catalog.table(v.table().name());
                    for (Iterator<Map.Entry<Object, Object[]>> it = t.data().entries(ctx.view()); it.hasNext(); ) {
                        v.check().accept(it.next().getValue()[v.column()]);
                    }
                }
                yield new Result(p.changes(), 0);
            }
            case io.kyrodb.engine.plan.RelocatePlan p -> RelocateRun.run(p, ctx, catalog);
            case io.kyrodb.engine.plan.DependentViewsPlan p -> {
                Result inner = compute(p.inner(), ctx, catalog, triggers, setColumns);
                List<Change> changes = new ArrayList<>(p.before());
                changes.addAll(inner.changes());
                changes.addAll(p.after());
                yield new Result(changes, inner.count(), inner.rows());
            }
            case io.kyrodb.engine.plan.MergePlan p -> MergeRun.run(p, ctx, catalog, triggers);
            case io.kyrodb.engine.plan.WritingWithPlan p -> writingWith(p, ctx, catalog);
            default -> throw new IllegalArgumentException("not a writing plan: " + plan);
        };
    }

    /**
     * WITH ... (INSERT|UPDATE|DELETE ... RETURNING): every data-modifying WITH query, then the body,
     * all computed before any change is applied (they read one snapshot). The count and rows are the
     * body's (a query's rows, or what the body's RETURNING returns).
     */
    private static Result writingWith(io.kyrodb.engine.plan.WritingWithPlan plan, ExecContext ctx, Catalog catalog) {
        List<Change> changes = new ArrayList<>();
        for (io.kyrodb.engine.plan.WritingWithPlan.Step step : plan.steps()) {
            Result r = compute(step.write(), ctx, catalog);
            changes.addAll(r.changes());
            ctx.workTables().put(step.table(), step.write() instanceof ReturningPlan ? r.rows() : List.of());
        }
        if (plan.body() instanceof io.kyrodb.engine.plan.QueryPlan q) {
            List<Object[]> rows = new ArrayList<>();
            RowIterator it = ctx.open(q.root());
            for (Object[] row; (row = it.next()) != null; ) {
                rows.add(row);
            }
            return new Result(changes, rows.size(), rows);
        }
        Result body = compute(plan.body(), ctx, catalog);
        changes.addAll(body.changes());
        return new Result(changes, body.count(), body.rows());
    }

    /** DROP TABLE: first the foreign keys other tables lose (CASCADE), then the tables. */
    private static List<Change> dropTables(DropTablePlan p, Catalog catalog) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, List<io.kyrodb.engine.catalog.ForeignKey>> e : p.keep().entrySet()) {
            Table t = catalog.table(e.getKey());
            out.add(new Change.AlterTable(new Change.CreateTable(t.name(), t.columns(), t.primaryKey(), t.checks(),
                    e.getValue())));
        }
        io.kyrodb.engine.catalog.Access access = catalog.access();
        for (String name : p.names()) {
            out.add(new Change.DropTable(name));
            access = access.concerns(name) ? access.withoutRelation(name) : access;
        }
        if (access != catalog.access()) {   // a table created again under the name starts with no grants
            out.add(new Change.DefineAccess(access));
        }
        return out;
    }

    /** The table, then an (empty) UNIQUE index per UNIQUE constraint, in one statement. */
    private static List<Change> createTable(CreateTablePlan p) {
        List<Change> out = new ArrayList<>();
        for (io.kyrodb.engine.catalog.Sequence s : p.sequences()) {
            out.add(new Change.CreateSequence(s.fresh()));
        }
        out.add(new Change.CreateTable(p.name(), p.columns(), p.primaryKey(), p.checks(), p.foreignKeys()));
        for (CreateTablePlan.UniqueKey u : p.unique()) {
            out.add(new Change.CreateIndex(u.name(), p.name(), u.columns(), new boolean[u.columns().length], true,
                    null, null, new io.kyrodb.engine.catalog.IndexShape(u.deferrable(), u.initiallyDeferred(), 0, null)));
        }
        out.addAll(p.indexes());
        return out;
    }

    private static Result returning(ReturningPlan plan, ExecContext ctx, Catalog catalog, RowTriggers triggers,
                                    List<String> setColumns) {
        Result written = compute(plan.write(), ctx, catalog, triggers, setColumns);
        List<Object[]> out = new ArrayList<>(written.rows().size());
        for (Object[] row : written.rows()) {
            out.add(evaluate(plan.exprs(), row, ctx));
        }
        return new Result(written.changes(), written.count(), out);
    }

    private static Result insert(InsertPlan plan, ExecContext ctx, Catalog catalog, RowTriggers triggers) {
        List<Object[]> proposed = proposedRows(plan, ctx);
        if (triggers != null && plan.conflict() == null) {
            List<Object[]> kept = new ArrayList<>(proposed.size());
            for (Object[] row : proposed) {
                Object[] changed = triggers.before(plan.table(), io.kyrodb.engine.catalog.Trigger.INSERT, null, row,
                        List.of());
                if (changed != null) {
                    kept.add(changed);
                }
            }
            proposed = kept;
        }
        if (plan.conflict() != null) {
            Result upserted = Upsert.compute(plan.table(), plan.conflict(), proposed, ctx, catalog, plan.checks(),
                    triggers);
            ForeignKeys.checkReferences(catalog, plan.table(), upserted.rows(), ctx.view(), ctx);
            return upserted;
        }
        ReadView view = ctx.view();
        Table table = plan.table();
        TableData data = table.data();
        List<Change> changes = new ArrayList<>(proposed.size());
        TreeSet<Object> added = new TreeSet<>(KeyComparator.INSTANCE);
        List<IndexMaintenance.RowChange> indexed = new ArrayList<>();
        for (Object[] row : proposed) {
            generate(row, plan.checks(), ctx);
            checkNotNull(table, row);
            checkRow(table, row, plan.checks(), ctx);
            Object key = data.keyOf(row);
            if (table.hasPrimaryKey() && (data.get(key, view) != null || !added.add(key))) {
                throw duplicateKey(table, key);
            }
            changes.add(new Change.Put(table.name(), key, row));
            indexed.add(new IndexMaintenance.RowChange(key, null, key, row));
        }
        int count = changes.size();
        ForeignKeys.checkReferences(catalog, table, proposed, view, ctx);
        changes.addAll(IndexMaintenance.changes(catalog.indexesOf(table.name()), table, indexed, view, ctx));
        if (triggers != null) {
            for (Object[] row : proposed) {
                triggers.after(table, io.kyrodb.engine.catalog.Trigger.INSERT, null, row, List.of());
            }
        }
        return new Result(changes, count, proposed);
    }

    /**
     * The rows an INSERT proposes, all computed before any is written: a source query reading the
     * target table sees it as it was before the statement.
     */
    private static List<Object[]> proposedRows(InsertPlan plan, ExecContext ctx) {
        List<Object[]> out = new ArrayList<>();
        if (plan.source() == null) {
            for (List<BoundExpr> exprs : plan.rows()) {
                out.add(evaluate(exprs, null, ctx));
            }
            return out;
        }
        List<BoundExpr> exprs = plan.rows().get(0);
        RowIterator it = plan.source().open(ctx);
        for (Object[] input; (input = it.next()) != null; ) {
            out.add(evaluate(exprs, input, ctx));
        }
        return out;
    }

    private static Object[] evaluate(List<BoundExpr> exprs, Object[] input, ExecContext ctx) {
        Object[] row = new Object[exprs.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = exprs.get(i).eval(input, ctx);
        }
        return row;
    }

    private static Result update(UpdatePlan plan, ExecContext ctx, Catalog catalog, RowTriggers triggers,
                                 List<String> setColumns) {
        ReadView view = ctx.view();
        Table table = plan.table();
        TableData data = table.data();
        BoundExpr[] values = plan.values().toArray(BoundExpr[]::new);
        List<Change> deletes = new ArrayList<>();
        List<Change> puts = new ArrayList<>();
        List<Object> movedTo = new ArrayList<>();
        TreeSet<Object> movedFrom = new TreeSet<>(KeyComparator.INSTANCE);
        TreeSet<Object> newKeys = new TreeSet<>(KeyComparator.INSTANCE);
        List<IndexMaintenance.RowChange> indexed = new ArrayList<>();
        List<Object[]> returned = new ArrayList<>();
        for (JoinTargets.Target target : targets(table, plan.target(), ctx)) {
            Object[] old = target.row();
            Object[] row = new Object[values.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = values[i].eval(target.input(), ctx);
            }
            if (triggers != null) {
                row = triggers.before(table, io.kyrodb.engine.catalog.Trigger.UPDATE, old, row, setColumns);
                if (row == null) {
                    continue;   // a BEFORE trigger skipped the row
                }
            }
            generate(row, plan.checks(), ctx);
            checkNotNull(table, row);
            checkRow(table, row, plan.checks(), ctx);
            Object key = data.rekey(target.key(), row);
            if (KeyComparator.INSTANCE.compare(key, target.key()) != 0) {
                deletes.add(new Change.Delete(table.name(), target.key()));
                movedFrom.add(target.key());
                movedTo.add(key);
            }
            if (!newKeys.add(key)) {
                throw duplicateKey(table, key);
            }
            puts.add(new Change.Put(table.name(), key, row));
            indexed.add(new IndexMaintenance.RowChange(target.key(), old, key, row));
            returned.add(withJoined(row, target.input()));
        }
        // Keys are checked when the statement ends (the SQL standard's rule): a row may move onto a
        // key that another row of the same statement moves away from.
        for (Object key : movedTo) {
            if (data.get(key, view) != null && !movedFrom.contains(key)) {
                throw duplicateKey(table, key);
            }
        }
        List<Change> changes = new ArrayList<>(deletes);
        changes.addAll(puts);
        changes.addAll(IndexMaintenance.changes(catalog.indexesOf(table.name()), table, indexed, view, ctx));
        if (!table.foreignKeys().isEmpty()) {
            List<Object[]> newRows = new ArrayList<>(indexed.size());
            List<Object[]> oldRows = new ArrayList<>(indexed.size());
            for (IndexMaintenance.RowChange r : indexed) {
                newRows.add(r.newRow());
                oldRows.add(r.oldRow());
            }
            ForeignKeys.checkReferences(catalog, table, newRows, oldRows, view, ctx);
        }
        changes.addAll(ForeignKeys.onReferencedChanges(catalog, table, indexed, ctx, plan.referencing(), triggers));
        if (triggers != null) {
            for (IndexMaintenance.RowChange r : indexed) {
                triggers.after(table, io.kyrodb.engine.catalog.Trigger.UPDATE, r.oldRow(), r.newRow(), setColumns);
            }
        }
        return new Result(changes, puts.size(), returned);
    }

    private static Result delete(DeletePlan plan, ExecContext ctx, Catalog catalog, RowTriggers triggers) {
        List<Change> changes = new ArrayList<>();
        List<IndexMaintenance.RowChange> indexed = new ArrayList<>();
        List<Object[]> returned = new ArrayList<>();
        for (JoinTargets.Target target : targets(plan.table(), plan.target(), ctx)) {
            if (triggers != null && triggers.before(plan.table(), io.kyrodb.engine.catalog.Trigger.DELETE,
                    target.row(), null, List.of()) == null) {
                continue;   // a BEFORE trigger skipped the row
            }
            returned.add(withJoined(target.row(), target.input()));
            changes.add(new Change.Delete(plan.table().name(), target.key()));
            indexed.add(new IndexMaintenance.RowChange(target.key(), target.row(), null, null));
        }
        int count = changes.size();
        changes.addAll(IndexMaintenance.changes(catalog.indexesOf(plan.table().name()), plan.table(), indexed,
                ctx.view(), ctx));
        changes.addAll(ForeignKeys.onReferencedChanges(catalog, plan.table(), indexed, ctx, plan.referencing(),
                triggers));
        if (triggers != null) {
            for (IndexMaintenance.RowChange r : indexed) {
                triggers.after(plan.table(), io.kyrodb.engine.catalog.Trigger.DELETE, r.oldRow(), null, List.of());
            }
        }
        return new Result(changes, count, returned);
    }

    private static List<JoinTargets.Target> targets(Table table, RowTarget target, ExecContext ctx) {
        if (target.join() != null) {
            return JoinTargets.find(table, target.join(), ctx);
        }
        ReadView view = ctx.view();
        List<JoinTargets.Target> out = new ArrayList<>();
        if (target.lookup() != null) {
            Object key = target.lookup().key(ctx);
            Object[] row = key == null ? null : table.data().get(key, view);
            if (row != null && matches(target, row, ctx)) {
                out.add(new JoinTargets.Target(key, row, row));
            }
            return out;
        }
        Iterator<Map.Entry<Object, Object[]>> rows = target.range() != null ? target.range().entries(view, ctx)
                : target.index() != null ? target.index().entries(view, ctx)
                : table.data().entries(view);
        for (Iterator<Map.Entry<Object, Object[]>> it = rows; it.hasNext(); ) {
            Map.Entry<Object, Object[]> e = it.next();
            if (matches(target, e.getValue(), ctx)) {
                out.add(new JoinTargets.Target(e.getKey(), e.getValue(), e.getValue()));
            }
        }
        return out;
    }

    /** The row RETURNING reads: {@code row}, followed by the other FROM items' columns of a joined {@code input}. */
    private static Object[] withJoined(Object[] row, Object[] input) {
        if (input.length <= row.length) {
            return row;
        }
        Object[] out = input.clone();
        System.arraycopy(row, 0, out, 0, row.length);
        return out;
    }

    private static boolean matches(RowTarget target, Object[] row, ExecContext ctx) {
        return target.filter() == null || Boolean.TRUE.equals(target.filter().eval(row, ctx));
    }

    static void checkNotNull(Table table, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Column c = table.columns().get(i);
            if (row[i] == null && c.notNull()) {
                throw new KyroException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name()
                        + "\" of relation \"" + SchemaNames.localOf(table.name()) + "\" violates not-null constraint");
            }
        }
    }

    private static List<String> shown(Object[] row) {
        List<String> shown = new ArrayList<>();
        for (Object v : row) {
            shown.add(v == null ? "null" : Values.toText(v));
        }
        return shown;
    }

    /** Gives {@code row} the values of its table's generated columns (the generators among {@code checks}). */
    static void generate(Object[] row, List<RowCheck> checks, ExecContext ctx) {
        for (RowCheck k : checks) {
            if (k.isGenerated()) {
                row[k.generates()] = k.condition().eval(row, ctx);
            }
        }
    }

    /** 23514 when {@code row} makes one of {@code checks} false (NULL passes, as in SQL). */
    static void checkRow(Table table, Object[] row, List<RowCheck> checks, ExecContext ctx) {
        for (RowCheck k : checks) {
            if (k.viewCheck()) {
                if (!Boolean.TRUE.equals(k.condition().eval(row, ctx))) {
                    throw new KyroException(SqlState.WITH_CHECK_OPTION_VIOLATION, "new row violates check option for view \""
                            + k.name() + "\": Failing row contains (" + String.join(", ", shown(row)) + ").");
                }
                continue;
            }
            if (!k.isGenerated() && Boolean.FALSE.equals(k.condition().eval(row, ctx))) {
                List<String> shown = new ArrayList<>();
                for (Object v : row) {
                    shown.add(v == null ? "null" : Values.toText(v));
                }
                throw new KyroException(SqlState.CHECK_VIOLATION, "new row for relation \""
                        + SchemaNames.localOf(table.name()) + "\" violates check constraint \"" + k.name() + "\": Failing row contains ("
                        + String.join(", ", shown) + ").");
            }
        }
    }

    /**
     * TRUNCATE: deletes every row of the tables (and their index entries), as of the writer's
     * view; RESTART IDENTITY then sets their owned sequences back to their start (like setval,
     * this is not undone by a rollback).
     */
    private static Result truncate(TruncatePlan plan, ExecContext ctx, Catalog catalog) {
        List<Change> changes = new ArrayList<>();
        for (Table table : plan.tables()) {
            for (Iterator<Map.Entry<Object, Object[]>> it = table.data().entries(ctx.view()); it.hasNext(); ) {
                changes.add(new Change.Delete(table.name(), it.next().getKey()));
            }
            for (io.kyrodb.engine.catalog.Index index : catalog.indexesOf(table.name())) {
                for (Iterator<Map.Entry<Object, Object[]>> it = index.storage().data().entries(ctx.view()); it.hasNext(); ) {
                    changes.add(new Change.Delete(index.name(), it.next().getKey()));
                }
            }
        }
        for (io.kyrodb.engine.catalog.Sequence s : plan.restart()) {
            ctx.sequences().setval(s, s.start(), false);
        }
        return new Result(changes, 0);
    }

    static KyroException duplicateKey(Table table, Object key) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < table.primaryKeyWidth(); i++) {
            names.add(table.columns().get(table.primaryKeyColumn(i)).name());
        }
        Object[] parts = key instanceof Object[] a ? a : new Object[]{key};
        List<String> shown = new ArrayList<>();
        for (Object p : parts) {
            shown.add(Values.toText(p));
        }
        return new KyroException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + SchemaNames.localOf(table.name()) + "_pkey\": Key (" + String.join(", ", names) + ")=("
                + String.join(", ", shown) + ") already exists.");
    }
}
