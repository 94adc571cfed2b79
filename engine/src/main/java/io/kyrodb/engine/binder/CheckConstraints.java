package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE TABLE's CHECK constraints, named as PostgreSQL names them: {@code table_column_check}
 * after the column it is written on (or, for a table constraint, the first column its condition
 * reads; {@code table_check} when it reads none), numbered when the name is taken. Each condition
 * is bound once here, over the new table's columns, to reject bad ones (42703, 42804) at once.
 */
final class CheckConstraints {
    private CheckConstraints() {
    }

    static List<CheckConstraint> bind(Binder b, Statement.CreateTable c, List<Column> columns, int[] primaryKey) {
        return bind(b, c, columns, primaryKey, Set.of());
    }

    /** {@code existing}: constraint names the table already has (ALTER TABLE ADD CONSTRAINT). */
    static List<CheckConstraint> bind(Binder b, Statement.CreateTable c, List<Column> columns, int[] primaryKey,
                                      Set<String> existing) {
        if (c.checks().isEmpty()) {
            return ExclusionConstraints.bind(b, c, columns, primaryKey, new HashSet<>(existing));
        }
        Table shape = new Table(c.name().name(), columns, primaryKey, null);
        ExprBinder eb = b.expressions(Scope.of(shape, null), "CHECK");
        Set<String> taken = new HashSet<>(existing);
        for (Statement.CheckConstraint k : c.checks()) {
            if (k.name() != null && !taken.add(k.name())) {
                throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + k.name() + "\" for relation \""
                        + c.name().name() + "\" already exists", k.pos());
            }
        }
        List<CheckConstraint> out = new ArrayList<>();
        for (Statement.CheckConstraint k : c.checks()) {
            BoundExpr condition = eb.condition(k.expr(), "CHECK");
            String name = k.name();
            if (name == null) {
                String column = k.column() != null ? k.column() : firstColumn(condition, columns);
                String base = c.name().name() + (column == null ? "" : "_" + column) + "_check";
                name = base;
                for (int n = 1; taken.contains(name); n++) {
                    name = base + n;
                }
                taken.add(name);
            }
            out.add(new CheckConstraint(name, k.text()));
        }
        out.addAll(ExclusionConstraints.bind(b, c, columns, primaryKey, taken));
        return out;
    }

    private static String firstColumn(BoundExpr condition, List<Column> columns) {
        String[] first = {null};
        ExprTree.forEach(condition, e -> {
            if (first[0] == null && e instanceof ColumnExpr col && col.index() < columns.size()) {
                first[0] = columns.get(col.index()).name();
            }
        });
        return first[0];
    }
}
