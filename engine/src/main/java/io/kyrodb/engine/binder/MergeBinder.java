package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.plan.MergePlan;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds MERGE (PostgreSQL 15): the source LEFT JOIN the target ON the condition, so each source row
 * comes out once per target row it matches, or once with NULL target columns. WHEN MATCHED clauses
 * read both sides; WHEN NOT MATCHED clauses read only the source (a target column there is 42P01,
 * as in PostgreSQL); INSERT fills unnamed columns with their defaults.
 */
final class MergeBinder {
    /** The marker column a target without a primary key is read with (no user column can be named so). */
    private static final String MATCHED = "?merge matched";

    private MergeBinder() {
    }

    static MergePlan bind(Binder b, Statement.Merge m) {
        Table table = b.target(m.table(), "merge into");
        Scope scope = Scope.empty();
        String alias = m.alias() != null ? m.alias() : io.kyrodb.engine.catalog.SchemaNames.localOf(table.name());
        FromItem targetItem = new Statement.TableReference(m.table().pos(), m.table(), m.alias());
        if (!table.hasPrimaryKey()) {
            // no column is sure to be non-NULL in a matched row: read the target with a marker column
            // (true in every row, NULL on the LEFT JOIN's side that found no target row)
            Statement.Select marked = new Statement.Select(m.table().pos(), false,
                    List.of(new Statement.AllColumns(m.table().pos(), null), new Statement.SelectExpression(
                            m.table().pos(), new Expr.Literal(m.table().pos(), Expr.LiteralKind.BOOLEAN, true), MATCHED)),
                    List.of(new Statement.TableReference(m.table().pos(), m.table(), null)), null, List.of(), null,
                    List.of(), null, null);
            targetItem = new Statement.DerivedTable(m.table().pos(), marked, alias, List.of(), false);
        }
        // without a WHEN NOT MATCHED clause the unmatched source rows do nothing: an inner join drops them
        boolean unmatchedAct = m.clauses().stream().anyMatch(c -> !c.matched());
        FromItem join = new FromItem.Join(m.pos(), unmatchedAct ? FromItem.JoinType.LEFT : FromItem.JoinType.INNER,
                m.source(), targetItem, m.on(), List.of(), false);
        List<JoinTree> joins = new FromBinder(b, scope, null).bind(List.of(join));
        Scope.Entry target = null;
        List<Scope.Entry> source = new ArrayList<>();
        for (Scope.Entry e : scope.entries()) {
            if (target == null && e.alias().equals(alias) && (table.hasPrimaryKey() ? e.table() == table
                    : e.source() != null && e.table().columnIndex(MATCHED) == table.columns().size())) {
                target = e;
            } else {
                source.add(e);
            }
        }
        if (target == null) {
            throw new IllegalStateException("MERGE target not in its own scope");
        }
        PlanNode plan = new JoinPlanner(b, scope, joins).plan(joins, null);
        Scope sourceOnly = scope.restrictedTo(source);
        List<MergePlan.Clause> clauses = new ArrayList<>();
        for (Statement.MergeClause c : m.clauses()) {
            Scope visible = c.matched() ? scope : sourceOnly;
            BoundExpr condition = c.condition() == null ? null
                    : b.expressions(visible, "WHEN").condition(c.condition(), "WHEN");
            List<BoundExpr> values = switch (c.action()) {
                case UPDATE -> update(b, table, target.offset(), target.alias(), scope, c);
                case INSERT -> insert(b, table, sourceOnly, c);
                case DELETE, NOTHING -> List.of();
            };
            clauses.add(new MergePlan.Clause(c.matched(), condition, MergePlan.Action.valueOf(c.action().name()),
                    values));
        }
        int matchedSlot = target.offset() + (table.hasPrimaryKey() ? table.primaryKeyColumn(0) : table.columns().size());
        return new MergePlan(table, plan, target.offset(), matchedSlot, List.copyOf(clauses), ColumnDefaults.checks(b, table),
                ForeignKeyBinder.referencing(b, table));
    }

    /** The new row of UPDATE SET: the old row's columns, with the assigned ones replaced. */
    private static List<BoundExpr> update(Binder b, Table table, int offset, String targetName, Scope scope,
                                          Statement.MergeClause c) {
        ExprBinder binder = b.expressions(scope, "UPDATE");
        List<BoundExpr> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column col = table.columns().get(i);
            values.add(new ColumnExpr(offset + i, col.type(), table.name(), col.name(), !col.notNull()));
        }
        Set<String> assigned = new HashSet<>();
        for (Statement.Assignment a : c.assignments()) {
            int i = table.columnIndex(a.column());
            if (i < 0) {
                String hint = Suggestions.didYouMean(a.column(), table.columns().stream().map(Column::name).toList());
                throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + a.column() + "\" of relation \"" + table.name()
                        + "\" does not exist" + hint, a.pos());
            }
            if (!assigned.add(a.column())) {
                throw b.error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + a.column() + "\"",
                        a.pos());
            }
            Column column = table.columns().get(i);
            if (a.value() == null) {
                values.set(i, ColumnDefaults.of(b, table, i));
            } else if (column.identity() == Column.Identity.ALWAYS) {
                throw b.error(SqlState.GENERATED_ALWAYS, "column \"" + column.name() + "\" can only be updated to"
                        + " DEFAULT: it is an identity column defined as GENERATED ALWAYS", a.pos());
            } else {
                values.set(i, b.assign(binder, SubscriptAssignments.qualified(a.value(), targetName), column));
            }
        }
        return List.copyOf(values);
    }

    /** The row INSERT makes: the values written for the columns named (all, when none), defaults for the rest. */
    private static List<BoundExpr> insert(Binder b, Table table, Scope sourceOnly, Statement.MergeClause c) {
        BoundExpr[] full = new BoundExpr[table.columns().size()];
        if (c.values() != null) {
            List<Integer> targets = new ArrayList<>();
            if (c.columns().isEmpty()) {
                for (int i = 0; i < table.columns().size(); i++) {
                    targets.add(i);
                }
            } else {
                Set<String> seen = new HashSet<>();
                for (String name : c.columns()) {
                    int i = table.columnIndex(name);
                    if (i < 0) {
                        String hint = Suggestions.didYouMean(name, table.columns().stream().map(Column::name).toList());
                        throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                                + "\" does not exist" + hint, c.pos());
                    }
                    if (!seen.add(name)) {
                        throw b.error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once",
                                c.pos());
                    }
                    targets.add(i);
                }
            }
            List<Expr> row = c.values();
            if (c.columns().isEmpty() && row.size() < targets.size()) {
                targets = targets.subList(0, row.size());
            }
            if (row.size() > targets.size()) {
                throw b.error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", c.pos());
            }
            if (row.size() < targets.size()) {
                throw b.error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", c.pos());
            }
            ExprBinder binder = b.expressions(sourceOnly, "VALUES");
            for (int k = 0; k < row.size(); k++) {
                int i = targets.get(k);
                Column column = table.columns().get(i);
                Expr value = row.get(k);
                if (value != null && column.identity() == Column.Identity.ALWAYS && c.overriding() == null) {
                    throw b.error(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \""
                            + column.name() + "\": it is an identity column defined as GENERATED ALWAYS (use"
                            + " OVERRIDING SYSTEM VALUE to override)", value.pos());
                }
                boolean userOverridden = "user".equals(c.overriding()) && column.identity() != null;
                full[i] = value == null || userOverridden ? ColumnDefaults.of(b, table, i)
                        : b.assign(binder, value, column);
            }
        }
        for (int i = 0; i < full.length; i++) {
            if (full[i] == null) {
                full[i] = ColumnDefaults.of(b, table, i);
            }
        }
        return List.of(full);
    }
}
