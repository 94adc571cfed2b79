package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT into a simple view, as PostgreSQL's automatically updatable views take it: a view whose
 * query reads one table (no DISTINCT, GROUP BY, HAVING, LIMIT/OFFSET, window, set operation or WITH)
 * passes each row to that table, a view column that is a plain column of the table naming that
 * column; the table's defaults fill what the view leaves out. Other views, an INSERT naming a view
 * column that is computed, ON CONFLICT and RETURNING through a view are 55000 (PostgreSQL says
 * 0A000, which connection pools take for a dead connection). UPDATE and DELETE through views are
 * not taken yet (55000).
 */
final class UpdatableViews {
    private UpdatableViews() {
    }

    /** {@code ins} into view {@code v}, written as the INSERT into its table it is. */
    static Statement.Insert insert(Binder b, Statement.Insert ins, View v) {
        Statement.Select s = simple(b, v, ins);
        Statement.TableReference from = (Statement.TableReference) s.from().get(0);
        String base = b.relationUses(v).keys().values().iterator().next();
        Table table = b.catalog().table(base);
        String alias = from.alias() != null ? from.alias() : from.name().name();
        // the view's columns: name -> the table column it is (null: computed, not insertable)
        List<String> names = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (Statement.SelectItem item : s.items()) {
            if (item instanceof Statement.AllColumns all) {
                if (all.qualifier() != null && !all.qualifier().equals(alias)) {
                    throw notUpdatable(b, v, ins, "its query reads more than one relation");
                }
                table.columns().forEach(c -> {
                    names.add(c.name());
                    columns.add(c.name());
                });
                continue;
            }
            Statement.SelectExpression e = (Statement.SelectExpression) item;
            String column = e.expr() instanceof Expr.ColumnRef ref
                    && (ref.qualifier() == null || ref.qualifier().equals(alias))
                    && table.columnIndex(ref.name()) >= 0 ? ref.name() : null;
            names.add(e.alias() != null ? e.alias() : e.expr() instanceof Expr.ColumnRef ref ? ref.name() : "?column?");
            columns.add(column);
        }
        for (int i = 0; i < v.columns().size() && i < names.size(); i++) {
            names.set(i, v.columns().get(i));
        }
        List<String> wanted = ins.columns().isEmpty() && !ins.defaultValues() ? names : ins.columns();
        List<String> mapped = new ArrayList<>();
        for (String name : wanted) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                        + SchemaNames.localOf(v.name()) + "\" does not exist", ins.pos());
            }
            if (columns.get(i) == null) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot insert into column \"" + name
                        + "\" of view \"" + SchemaNames.localOf(v.name()) + "\" (view columns that are not columns"
                        + " of their base relation are not updatable)", ins.pos());
            }
            mapped.add(columns.get(i));
        }
        QualifiedName target = new QualifiedName(ins.table().pos(), SchemaNames.schemaOf(base), SchemaNames.localOf(base));
        return new Statement.Insert(ins.pos(), target, mapped, ins.rows(), ins.source(), null, List.of(),
                ins.defaultValues(), ins.overriding());
    }

    /** The view's query when the view is simple enough to insert through, else 55000 saying why. */
    private static Statement.Select simple(Binder b, View v, Statement.Insert ins) {
        if (ins.onConflict() != null) {
            throw notUpdatable(b, v, ins, "ON CONFLICT through a view is not supported");
        }
        if (!ins.returning().isEmpty()) {
            throw notUpdatable(b, v, ins, "RETURNING through a view is not supported");
        }
        Statement statement;
        try {
            statement = io.kyrodb.sql.parser.SqlParser.parseStatement(v.query()).statement();
        } catch (io.kyrodb.sql.parser.SqlSyntaxException e) {
            throw notUpdatable(b, v, ins, "its query does not parse");
        }
        if (!(statement instanceof Statement.Select s) || s.distinct() || !s.distinctOn().isEmpty()
                || !s.groupBy().isEmpty() || s.having() != null || s.limit() != null || s.offset() != null
                || !s.windows().isEmpty() || !s.locking().isEmpty() || s.from().size() != 1
                || !(s.from().get(0) instanceof Statement.TableReference ref) || ref.sample() != null) {
            throw notUpdatable(b, v, ins, "its query is not a simple SELECT from one table");
        }
        List<String> read;
        try {
            read = List.copyOf(new java.util.LinkedHashSet<>(b.relationUses(v).keys().values()));
        } catch (KyroException e) {
            throw notUpdatable(b, v, ins, "its query no longer binds: " + e.getMessage());
        }
        if (read.size() != 1 || b.catalog().table(read.get(0)) == null
                || b.catalog().materializedView(read.get(0)) != null) {
            throw notUpdatable(b, v, ins, "it does not read exactly one table");
        }
        for (Statement.SelectItem item : s.items()) {
            if (item instanceof Statement.SelectExpression e && (SelectBinder.containsAggregate(e.expr())
                    || e.expr() instanceof Expr.FunctionCall f && f.over() != null)) {
                throw notUpdatable(b, v, ins, "its select list has aggregate or window functions");
            }
        }
        return s;
    }

    private static KyroException notUpdatable(Binder b, View v, Statement.Insert ins, String why) {
        return b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot insert into view \""
                + SchemaNames.localOf(v.name()) + "\": " + why, ins.table().pos());
    }
}
