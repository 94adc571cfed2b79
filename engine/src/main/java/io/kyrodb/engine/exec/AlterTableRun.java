package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.plan.AlterTablePlan;
import io.kyrodb.engine.plan.RowCheck;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.vector.VectorIndexes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The changes of ALTER TABLE ({@link AlterTablePlan}): a new definition over the same rows once
 * every row passes what it adds, an index built or dropped, or every row rewritten into the new
 * definition (the table and its indexes dropped and created again under the same names, its
 * sequences kept) within the statement's transaction. A rewrite creates the table's HNSW indexes
 * again over the new rows (the same names, new graphs built in the background; searches are exact
 * until they are ready), except one whose column it dropped, which goes with the column as in
 * PostgreSQL.
 */
final class AlterTableRun {
    private AlterTableRun() {
    }

    static Mutations.Result run(AlterTablePlan p, ExecContext ctx, Catalog catalog) {
        if (p.nothing()) {
            return new Mutations.Result(List.of(), 0);
        }
        if (p.addIndex() != null) {
            return IndexBuild.build(p.addIndex(), ctx, catalog);
        }
        if (p.dropIndex() != null) {
            return new Mutations.Result(List.of(new Change.DropIndex(p.dropIndex())), 0);
        }
        Table t = catalog.table(p.table().name());
        return new Mutations.Result(p.source() == null ? redefine(p, t, ctx, catalog) : rewrite(p, t, ctx, catalog), 0);
    }

    private static List<Change> redefine(AlterTablePlan p, Table t, ExecContext ctx, Catalog catalog) {
        ExclusionChecks.checkAdded(t, new Table(t.name(), p.columns(), p.primaryKey(), p.checks(), null), ctx.view(), ctx);
        if (p.validateNotNull() >= 0 || !p.validate().isEmpty() || !p.validateForeignKeys().isEmpty()) {
            Table shape = new Table(t.name(), p.columns(), p.primaryKey(), p.checks(), p.validateForeignKeys(), null);
            List<Object[]> rows = new ArrayList<>();
            for (Iterator<Map.Entry<Object, Object[]>> it = t.data().entries(ctx.view()); it.hasNext(); ) {
                ctx.checkCancel();
                Object[] row = it.next().getValue();
                if (p.validateNotNull() >= 0 && row[p.validateNotNull()] == null) {
                    throw new KyroException(SqlState.NOT_NULL_VIOLATION, "column \"" + p.columns()
                            .get(p.validateNotNull()).name() + "\" of relation \"" + SchemaNames.localOf(t.name())
                            + "\" contains null values");
                }
                for (RowCheck k : p.validate()) {
                    if (Boolean.FALSE.equals(k.condition().eval(row, ctx))) {
                        throw new KyroException(SqlState.CHECK_VIOLATION, "check constraint \"" + k.name()
                                + "\" of relation \"" + SchemaNames.localOf(t.name()) + "\" is violated by some row");
                    }
                }
                if (!p.validateForeignKeys().isEmpty()) {
                    rows.add(row);
                }
            }
            ForeignKeys.checkReferences(catalog, shape, rows, ctx.view());
        }
        List<Change> out = new ArrayList<>();
        for (Sequence s : p.sequences()) {   // a renamed SERIAL or identity column's sequence, owned anew
            out.add(new Change.DropSequence(s.name()));
            out.add(new Change.CreateSequence(s));
        }
        out.add(new Change.AlterTable(new Change.CreateTable(t.name(), p.columns(), t.primaryKey(), p.checks(),
                p.foreignKeys())));
        int[] same = new int[p.columns().size()];
        for (int i = 0; i < same.length; i++) {
            same[i] = i;
        }
        carryComments(catalog, t, t.name(), p.columns(), same, false, List.of(), out);
        return out;
    }

    /**
     * COMMENT ON texts follow the table through ALTER TABLE: a renamed column's comment moves to its
     * new name (a redefinition), and a rewrite (which drops the table and creates it again, maybe
     * under a new name) sets again the comments of the table, of the columns it keeps (new column
     * {@code i} came from old column {@code source[i]}, -1: none), of its kept indexes and of the
     * sequences {@code sequences} it creates again.
     */
    private static void carryComments(Catalog catalog, Table old, String name, List<Column> columns, int[] source,
                                      boolean rewrite, List<String> keptObjects, List<Change> out) {
        if (catalog.comments().isEmpty()) {
            return;
        }
        String relation = catalog.comment(Catalog.relationComment(old.name()));
        if (rewrite && relation != null) {
            out.add(new Change.Comment(Catalog.relationComment(name), relation));
        }
        for (int i = 0; i < columns.size(); i++) {
            if (source[i] < 0) {
                continue;
            }
            String from = old.columns().get(source[i]).name();
            String to = columns.get(i).name();
            String text = catalog.comment(Catalog.columnComment(old.name(), from));
            if (text != null && (rewrite || !from.equals(to))) {
                if (!rewrite) {
                    out.add(new Change.Comment(Catalog.columnComment(old.name(), from), null));
                }
                out.add(new Change.Comment(Catalog.columnComment(name, to), text));
            }
        }
        for (String object : keptObjects) {
            String text = catalog.comment(Catalog.relationComment(object));
            if (text != null) {
                out.add(new Change.Comment(Catalog.relationComment(object), text));
            }
        }
    }

    private static List<Change> rewrite(AlterTablePlan p, Table t, ExecContext ctx, Catalog catalog) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, List<ForeignKey>> e : p.childKeys().entrySet()) {
            Table child = catalog.table(e.getKey());
            out.add(new Change.AlterTable(new Change.CreateTable(child.name(), child.columns(), child.primaryKey(),
                    child.checks(), e.getValue())));
        }
        String name = p.newName() != null ? p.newName() : t.name();
        List<Sequence> kept = new ArrayList<>();
        if (p.newName() == null) {   // a rename brings its owned sequences, owned anew, in p.sequences()
            for (Sequence s : catalog.sequences()) {
                if (s.ownedBy() != null && s.ownedBy().startsWith(t.name() + ".")
                        && p.columns().stream().anyMatch(c -> s.ownedBy().equals(t.name() + "." + c.name()))) {
                    kept.add(s);
                }
            }
        }
        out.add(new Change.DropTable(t.name()));
        for (Sequence s : kept) {
            out.add(new Change.CreateSequence(s));
        }
        for (Sequence s : p.sequences()) {
            out.add(new Change.CreateSequence(s));
        }
        out.add(new Change.CreateTable(name, p.columns(), p.primaryKey(), p.checks(), p.foreignKeys()));
        out.addAll(catalog.routines().triggersMoved(t.name(), name));   // triggers stay with the table
        io.kyrodb.engine.catalog.Access access = catalog.access();
        if (!name.equals(t.name()) && access.concerns(t.name())) {   // grants and NOT VALID states follow a rename
            out.add(new Change.DefineAccess(access.movedRelation(t.name(), name)));
        }
        Table shape = new Table(name, p.columns(), p.primaryKey(), p.checks(), p.foreignKeys(), null);
        // the rows are checked again, but not against a constraint added NOT VALID (as PostgreSQL)
        List<RowCheck> checks = p.validate().stream()
                .filter(k -> k.isGenerated() || access.validated(t.name(), k.name())).toList();
        Table referencing = new Table(name, p.columns(), p.primaryKey(), p.checks(), p.foreignKeys().stream()
                .filter(f -> access.validated(t.name(), f.name())).toList(), null);
        List<Object[]> rows = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        TreeSet<Object> seen = new TreeSet<>(KeyComparator.INSTANCE);
        long rowId = 1;
        for (Iterator<Map.Entry<Object, Object[]>> it = t.data().entries(ctx.view()); it.hasNext(); ) {
            ctx.checkCancel();
            Object[] old = it.next().getValue();
            Object[] row = new Object[p.columns().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = p.source()[i] >= 0 ? old[p.source()[i]] : p.fill().get(i).eval(old, ctx);
            }
            Mutations.generate(row, p.validate(), ctx);
            Mutations.checkNotNull(shape, row);
            Mutations.checkRow(shape, row, checks, ctx);
            Object key = shape.hasPrimaryKey() ? rowKey(shape, row) : (Object) rowId++;
            if (!seen.add(key)) {
                throw Mutations.duplicateKey(shape, key);
            }
            rows.add(row);
            keys.add(key);
            out.add(new Change.Put(name, key, row));
        }
        ForeignKeys.checkReferences(catalog, referencing, rows, ctx.view());
        for (Map.Entry<String, int[]> e : p.indexes().entrySet()) {
            Index old = catalog.index(e.getKey());
            boolean unique = old == null || old.unique();
            boolean[] descending = old == null || old.width() != e.getValue().length ? new boolean[e.getValue().length]
                    : old.descending();
            Index index = new Index(e.getKey(), shape, e.getValue(), old == null ? null : old.expressions(),
                    old == null ? null : old.predicate(), descending, unique, null)
                    .shaped(old == null || old.width() != e.getValue().length ? io.kyrodb.engine.catalog.IndexShape.NONE
                            : old.shape());
            out.add(Change.CreateIndex.of(index));
            java.util.Set<GroupKey> values = unique ? new java.util.HashSet<>() : null;
            for (int r = 0; r < rows.size(); r++) {
                if (index.gin()) {
                    for (Object[] g : index.entries(rows.get(r), keys.get(r))) {
                        out.add(new Change.Put(e.getKey(), g, g));
                    }
                    continue;
                }
                Object[] entry = index.entry(rows.get(r), keys.get(r));
                if (entry == null) {
                    continue;
                }
                if (values != null) {
                    Object[] v = index.values(entry);
                    if (java.util.Arrays.stream(v).noneMatch(java.util.Objects::isNull) && !values.add(new GroupKey(v))) {
                        throw IndexMaintenance.violation(index, shape, v);
                    }
                }
                out.add(new Change.Put(e.getKey(), entry, entry));
            }
        }
        List<String> kept2 = new ArrayList<>(p.indexes().keySet());
        for (VectorIndexDef v : catalog.vectorIndexesOf(t.name())) {
            int at = -1;
            for (int i = 0; i < p.columns().size(); i++) {
                boolean retyped = p.source()[i] < 0 && i == v.column() && i < t.columns().size()
                        && p.columns().get(i).name().equals(t.columns().get(v.column()).name());
                if (p.source()[i] == v.column() || retyped) {
                    at = i;
                }
            }
            if (at >= 0) {
                io.kyrodb.engine.vector.VectorIndexSpec spec = v.spec();
                int dimensions = p.columns().get(at).type().length();
                if (dimensions != spec.dimensions()) {   // ALTER COLUMN TYPE vector(n) over no rows that stood in the way
                    spec = new io.kyrodb.engine.vector.VectorIndexSpec(dimensions, spec.distance(), spec.m(),
                            spec.efConstruction(), spec.quantization());
                }
                out.add(new Change.CreateVectorIndex(new VectorIndexDef(v.name(), name, at, spec, VectorIndexes.newId())));
                kept2.add(v.name());
            }
        }
        for (Sequence s : kept) {
            kept2.add(s.name());
        }
        for (Sequence s : p.sequences()) {
            if (catalog.sequence(s.name()) != null) {
                kept2.add(s.name());
            }
        }
        carryComments(catalog, t, name, p.columns(), p.source(), true, kept2, out);
        return out;
    }

    private static Object rowKey(Table shape, Object[] row) {
        if (shape.primaryKeyWidth() == 1) {
            return row[shape.primaryKeyColumn(0)];
        }
        Object[] k = new Object[shape.primaryKeyWidth()];
        for (int i = 0; i < k.length; i++) {
            k[i] = row[shape.primaryKeyColumn(i)];
        }
        return k;
    }
}
