package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.ReturningPlan;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds a RETURNING list over the rows a write reports: the target table's row (named by its alias,
 * or its name), followed for UPDATE ... FROM / DELETE ... USING by the other FROM items' columns, as
 * laid out in {@code scope}. A {@code *} expands to every table's columns (PostgreSQL).
 */
final class ReturningBinder {
    private ReturningBinder() {
    }

    static Plan bind(Binder binder, Plan write, Scope scope, List<Statement.SelectItem> items) {
        if (items.isEmpty()) {
            return write;
        }
        ExprBinder exprs = binder.expressions(scope, "RETURNING");
        List<BoundExpr> outputs = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (Statement.SelectItem item : items) {
            if (item instanceof Statement.AllColumns all) {
                boolean matched = false;
                for (Scope.Entry e : scope.entries()) {
                    Scope.Overlay view = scope.overlayOf(e);
                    if (view != null) {   // the view written through: its columns
                        if (all.qualifier() == null || all.qualifier().equals(view.alias())) {
                            matched = true;
                            for (int i = 0; i < view.names().size(); i++) {
                                BoundExpr v = SelectBinder.finalType(view.values().get(i));
                                outputs.add(v);
                                columns.add(new ResultColumn(view.names().get(i), v.type(), true, "", ""));
                            }
                        }
                        continue;
                    }
                    if (all.qualifier() != null && !Scope.matches(all.qualifier(), e)) {
                        continue;
                    }
                    matched = true;
                    Table table = e.table();
                    for (int i = 0; i < table.columns().size(); i++) {
                        Column c = table.columns().get(i);
                        outputs.add(new ColumnExpr(e.offset() + i, c.type(), table.name(), c.name(), !c.notNull()));
                        columns.add(new ResultColumn(c.name(), c.type(), !c.notNull(), table.name(), c.name()));
                    }
                }
                if (!matched) {
                    throw binder.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                            + all.qualifier() + "\"", all.pos());
                }
                continue;
            }
            Statement.SelectExpression se = (Statement.SelectExpression) item;
            BoundExpr b = SelectBinder.finalType(exprs.bind(se.expr(), null));
            outputs.add(b);
            String label = se.alias() != null ? se.alias() : SelectBinder.defaultLabel(se.expr());
            columns.add(b instanceof ColumnExpr c && !c.name().isEmpty()
                    ? new ResultColumn(label, b.type(), c.nullable(), c.table(), c.name())
                    : new ResultColumn(label, b.type(), true, "", ""));
        }
        return new ReturningPlan(write, List.copyOf(outputs), List.copyOf(columns));
    }
}
