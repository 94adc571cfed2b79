package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.engine.plan.TableRules;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FOREIGN KEY constraints of CREATE TABLE, checked as PostgreSQL checks them (the referenced
 * columns must be the referenced table's primary key or a UNIQUE constraint's columns: 42830;
 * compatible types: 42804) and named {@code table_columns_fkey}; and, for DELETE and UPDATE, the
 * rules of the tables their actions reach.
 */
final class ForeignKeyBinder {
    private ForeignKeyBinder() {
    }

    static List<ForeignKey> bind(Binder b, Statement.CreateTable c, List<Column> columns, int[] primaryKey,
                                 List<CreateTablePlan.UniqueKey> unique) {
        if (c.foreignKeys().isEmpty()) {
            return List.of();
        }
        String tableName = b.definingKey(c);
        List<String> names = columns.stream().map(Column::name).toList();
        Set<String> taken = new HashSet<>();
        List<ForeignKey> out = new ArrayList<>();
        for (Statement.ForeignKeyConstraint f : c.foreignKeys()) {
            b.checkSchema(f.refTable());
            boolean self = b.relationKey(f.refTable()).equals(tableName);
            Table parent = self ? null : b.table(f.refTable());
            List<Column> refColumns = self ? columns : parent.columns();
            int[] refPk = self ? primaryKey : parent.primaryKey();
            int[] cols = positions(b, names, f.columns(), f);
            int[] refs;
            if (f.refColumns().isEmpty()) {
                if (refPk.length == 0) {
                    throw b.error(SqlState.INVALID_FOREIGN_KEY, "there is no primary key for referenced table \""
                            + f.refTable().name() + "\"", f.pos());
                }
                refs = refPk.clone();
            } else {
                refs = positions(b, refColumns.stream().map(Column::name).toList(), f.refColumns(), f);
            }
            if (cols.length != refs.length) {
                throw b.error(SqlState.INVALID_FOREIGN_KEY, "number of referencing and referenced columns for foreign"
                        + " key disagree", f.pos());
            }
            if (sameSet(refs, refPk)) {   // take the key's order, so a lookup is a key lookup
                int[][] pairs = new int[cols.length][];
                for (int i = 0; i < cols.length; i++) {
                    pairs[i] = new int[]{indexOf(refPk, refs[i]), cols[i], refs[i]};
                }
                Arrays.sort(pairs, (x, y) -> Integer.compare(x[0], y[0]));
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = pairs[i][1];
                    refs[i] = pairs[i][2];
                }
            } else if (!hasUnique(b, self, parent, unique, refs, f.pos(), self ? tableName : parent.name())) {
                throw b.error(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint matching given keys for "
                        + "referenced table \"" + f.refTable().name() + "\"", f.pos());
            }
            for (int i = 0; i < cols.length; i++) {
                TypeKind a = columns.get(cols[i]).type().kind();
                TypeKind r = refColumns.get(refs[i]).type().kind();
                if (!compatible(a, r)) {
                    throw b.error(SqlState.DATATYPE_MISMATCH, "foreign key constraint cannot be implemented: key columns"
                            + " \"" + columns.get(cols[i]).name() + "\" and \"" + refColumns.get(refs[i]).name()
                            + "\" are of incompatible types: " + columns.get(cols[i]).type().displayName() + " and "
                            + refColumns.get(refs[i]).type().displayName(), f.pos());
                }
            }
            String name = f.name();
            if (name == null) {
                String base = io.kyrodb.engine.catalog.SchemaNames.localOf(tableName) + "_" + String.join("_", f.columns()) + "_fkey";
                name = base;
                for (int n = 1; taken.contains(name); n++) {
                    name = base + n;
                }
            } else if (taken.contains(name)) {
                throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \"" + tableName
                        + "\" already exists", f.pos());
            }
            taken.add(name);
            ForeignKey.Action onDelete = ForeignKey.Action.parse(f.onDelete());
            ForeignKey.Action onUpdate = ForeignKey.Action.parse(f.onUpdate());
            out.add(new ForeignKey(name, cols, self ? tableName : parent.name(), refs, onDelete, onUpdate)
                    .timed(f.timing().deferrable(), f.timing().initiallyDeferred()));
        }
        return out;
    }

    private static boolean compatible(TypeKind a, TypeKind b) {
        if (a == b) {
            return true;
        }
        boolean ai = a == TypeKind.SMALLINT || a == TypeKind.INTEGER || a == TypeKind.BIGINT;
        boolean bi = b == TypeKind.SMALLINT || b == TypeKind.INTEGER || b == TypeKind.BIGINT;
        boolean at = a == TypeKind.TEXT || a == TypeKind.VARCHAR;
        boolean bt = b == TypeKind.TEXT || b == TypeKind.VARCHAR;
        return (ai && bi) || (at && bt);
    }

    private static boolean hasUnique(Binder b, boolean self, Table parent, List<CreateTablePlan.UniqueKey> unique,
                                     int[] refs, io.kyrodb.sql.ast.Pos pos, String refName) {
        if (self) {
            for (CreateTablePlan.UniqueKey u : unique) {
                if (sameSet(u.columns(), refs)) {
                    requireImmediate(b, u.deferrable(), SchemaNames.localOf(refName), pos);
                    return true;
                }
            }
            return false;
        }
        for (Index i : b.catalog().indexesOf(parent.name())) {
            if (i.unique() && i.plain() && sameSet(i.columns(), refs)) {
                requireImmediate(b, i.deferrable(), SchemaNames.localOf(refName), pos);
                return true;
            }
        }
        return false;
    }

    /** 55000, as PostgreSQL: a foreign key needs a referenced key that is unique at every moment. */
    private static void requireImmediate(Binder b, boolean deferrable, String table, io.kyrodb.sql.ast.Pos pos) {
        if (deferrable) {
            throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot use a deferrable unique constraint for"
                    + " referenced table \"" + table + "\"", pos);
        }
    }

    private static boolean sameSet(int[] a, int[] b) {
        int[] x = a.clone();
        int[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int[] positions(Binder b, List<String> names, List<String> wanted, Statement.ForeignKeyConstraint f) {
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.indexOf(wanted.get(i));
            if (out[i] < 0) {
                throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + wanted.get(i)
                        + "\" referenced in foreign key constraint does not exist", f.pos());
            }
        }
        return out;
    }

    /** The rules of every table whose foreign keys reach {@code target}, directly or through others. */
    static Map<String, TableRules> referencing(Binder b, Table target) {
        Map<String, TableRules> out = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(target.name());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String parent = todo.poll();
            if (!seen.add(parent)) {
                continue;
            }
            for (Table t : b.catalog().tables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    if (fk.refTable().equals(parent) && !out.containsKey(t.name())) {
                        List<BoundExpr> defaults = new ArrayList<>();
                        for (int i = 0; i < t.columns().size(); i++) {
                            defaults.add(ColumnDefaults.of(b, t, i));
                        }
                        out.put(t.name(), new TableRules(ColumnDefaults.checks(b, t), List.copyOf(defaults)));
                        todo.add(t.name());
                    }
                }
            }
        }
        return out;
    }
}
