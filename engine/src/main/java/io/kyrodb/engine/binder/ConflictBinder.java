package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.plan.InsertConflict;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds INSERT's ON CONFLICT clause (PostgreSQL): infers the arbiter constraints from the conflict
 * target, and binds DO UPDATE's assignments and WHERE over the target table and EXCLUDED.
 */
final class ConflictBinder {
    private ConflictBinder() {
    }

    static InsertConflict bind(Binder binder, Table table, Statement.OnConflict oc) {
        boolean primaryKey = false;
        List<Index> indexes = new ArrayList<>();
        List<Index> unique = binder.catalog().indexesOf(table.name()).stream().filter(Index::unique).toList();
        List<io.kyrodb.engine.catalog.Exclusion> exclusions = new ArrayList<>();
        io.kyrodb.engine.catalog.Exclusion namedExclusion = oc.constraint() == null ? null
                : io.kyrodb.engine.catalog.Exclusion.of(table.checks()).stream()
                .filter(x -> x.name().equals(oc.constraint())).findFirst().orElse(null);
        if (namedExclusion != null) {
            if (!oc.doNothing()) {
                throw binder.error(SqlState.WRONG_OBJECT_TYPE, "ON CONFLICT DO UPDATE not supported with exclusion"
                        + " constraints", oc.pos());
            }
            exclusions.add(namedExclusion);
        } else if (oc.constraint() != null) {
            // Only constraints can be named: the primary key's and the UNIQUE constraints'. A UNIQUE
            // index made by CREATE UNIQUE INDEX is no constraint in PostgreSQL (ON CONSTRAINT on it gives 42704).
            if (table.hasPrimaryKey()
                    && oc.constraint().equals(io.kyrodb.engine.catalog.SchemaNames.localOf(table.name()) + "_pkey")) {
                primaryKey = true;
            } else {
                Index named = unique.stream().filter(i -> i.plain() && !i.shape().indexOnly()
                        && io.kyrodb.engine.catalog.SchemaNames.localOf(i.name()).equals(oc.constraint()))
                        .findFirst().orElse(null);
                if (named == null) {
                    throw binder.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + oc.constraint() + "\" for table \""
                            + io.kyrodb.engine.catalog.SchemaNames.localOf(table.name()) + "\" does not exist", oc.pos());
                }
                if (named.deferrable()) {
                    throw binder.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "ON CONFLICT does not support"
                            + " deferrable unique constraints/exclusion constraints as arbiters", oc.pos());
                }
                indexes.add(named);
            }
        } else if (!oc.columns().isEmpty() || !oc.expressions().isEmpty()) {
            Set<Integer> wanted = new HashSet<>();
            for (String name : oc.columns()) {
                int i = table.columnIndex(name);
                if (i < 0) {
                    throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist", oc.pos());
                }
                wanted.add(i);
            }
            if (table.hasPrimaryKey() && wanted.equals(columnSet(table.primaryKey()))) {
                primaryKey = true;
            }
            // PostgreSQL's inference: a partial unique index is an arbiter when the WHERE written after
            // the columns implies its predicate; an expression index matches no column list
            ExprBinder targets = binder.expressions(Scope.of(table, null), "ON CONFLICT");
            BoundExpr arbiterWhere = oc.arbiterWhere() == null ? null : targets.condition(oc.arbiterWhere(), "WHERE");
            List<BoundExpr> wantedExpressions = new ArrayList<>();
            for (io.kyrodb.sql.ast.Expr e : oc.expressions()) {
                wantedExpressions.add(targets.bind(e, null));
            }
            if (table.hasPrimaryKey() && !wantedExpressions.isEmpty()) {
                primaryKey = false;
            }
            for (Index i : unique) {
                if (sameKey(i, wanted, wantedExpressions) && PredicateImplication.implies(arbiterWhere, i.where())) {
                    if (i.deferrable()) {
                        throw binder.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "ON CONFLICT does not support"
                                + " deferrable unique constraints/exclusion constraints as arbiters", oc.pos());
                    }
                    indexes.add(i);
                }
            }
            if (!primaryKey && indexes.isEmpty()) {
                throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "there is no unique or exclusion constraint"
                        + " matching the ON CONFLICT specification", oc.pos());
            }
        } else if (!oc.doNothing()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or"
                    + " constraint name", oc.pos());
        } else {
            primaryKey = table.hasPrimaryKey();
            indexes.addAll(unique);
            exclusions.addAll(io.kyrodb.engine.catalog.Exclusion.of(table.checks()));
        }
        if (oc.doNothing()) {
            return new InsertConflict(primaryKey, List.copyOf(indexes), null, null, List.copyOf(exclusions));
        }
        Scope scope = Scope.of(table, null);
        scope.add(table, "excluded");
        ExprBinder exprs = binder.expressions(scope, "ON CONFLICT DO UPDATE");
        List<BoundExpr> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            values.add(new ColumnExpr(i, c.type(), table.name(), c.name(), !c.notNull()));
        }
        Set<String> assigned = new HashSet<>();
        for (Statement.Assignment a : oc.assignments()) {
            int i = table.columnIndex(a.column());
            if (i < 0) {
                throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + a.column() + "\" of relation \""
                        + table.name() + "\" does not exist", a.pos());
            }
            if (!assigned.add(a.column())) {
                throw binder.error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + a.column() + "\"",
                        a.pos());
            }
            if (a.value() != null && table.columns().get(i).generated()) {
                throw binder.error(SqlState.GENERATED_ALWAYS, "column \"" + a.column() + "\" can only be updated to"
                        + " DEFAULT: column \"" + a.column() + "\" is a generated column", a.pos());
            }
            values.set(i, a.value() == null ? ColumnDefaults.of(binder, table, i)
                    : binder.assign(exprs, SubscriptAssignments.qualified(a.value(), table.name()), table.columns().get(i)));
        }
        BoundExpr where = oc.where() == null ? null : exprs.condition(oc.where(), "WHERE");
        return new InsertConflict(primaryKey, List.copyOf(indexes), List.copyOf(values), where);
    }

    /** Whether the index's key is exactly these columns and expressions, in any order (PostgreSQL's inference). */
    private static boolean sameKey(Index index, Set<Integer> columns, List<BoundExpr> expressions) {
        Set<Integer> keyColumns = new HashSet<>();
        List<BoundExpr> keyExpressions = new ArrayList<>();
        for (int k = 0; k < index.keyWidth(); k++) {   // INCLUDE columns are not part of the key
            if (index.column(k) >= 0) {
                keyColumns.add(index.column(k));
            } else {
                keyExpressions.add(index.expression(k));
            }
        }
        if (!keyColumns.equals(columns) || keyExpressions.size() != expressions.size()) {
            return false;
        }
        for (BoundExpr e : expressions) {
            if (keyExpressions.stream().noneMatch(k -> IndexExpressions.same(k, e))) {
                return false;
            }
        }
        return true;
    }

    private static Set<Integer> columnSet(int[] columns) {
        Set<Integer> s = new HashSet<>();
        for (int c : columns) {
            s.add(c);
        }
        return s;
    }
}
