package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.catalog.system.SystemViews;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.RowCheck;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT, UPDATE and DELETE through a simple view, as PostgreSQL's automatically updatable views
 * take them: a view whose query reads one table or one such view (no DISTINCT, GROUP BY, HAVING,
 * LIMIT/OFFSET, aggregate, window or set-returning function, set operation or WITH) passes the
 * change to that table. The view's columns are bound over the table's row ({@link Layer}); a
 * column that is a plain column of the table is updatable, another is not (55000). UPDATE and
 * DELETE add the view's conditions (of every view down to the table) to their WHERE, and read the
 * view's columns (WHERE, SET values, RETURNING) through a {@link Scope} overlay that hides the
 * table's own names. WITH CHECK OPTION adds a {@link RowCheck} per checked view (44000 when the
 * new row is not visible through it). The table's defaults, constraints and triggers apply.
 * ON CONFLICT through a view is 55000 (not yet taken).
 */
public final class UpdatableViews {
    /** The alias of the hidden base table entry: no user can write it. */
    private static final String HIDDEN = "\u0001base";

    private UpdatableViews() {
    }

    /** One view's own condition (over the base row) and its check option (null, "local" or "cascaded"). */
    private record Condition(String view, BoundExpr condition, String checkOption) {
    }

    /**
     * A view resolved down to its base table: its column {@code names[i]} is {@code values[i]} over
     * the table's row (slot k = the table's column k); {@code filter} all the views' conditions;
     * {@code chain} each view's own condition, the outermost first.
     */
    private record Layer(Table table, List<String> names, List<BoundExpr> values, BoundExpr filter,
                         List<Condition> chain) {
    }

    // ---- INSERT -----------------------------------------------------------------------------------

    /** {@code ins} into view {@code v}: the INSERT into its table it is, with the view's check options and RETURNING. */
    static Plan insert(Binder b, Statement.Insert ins, View v) {
        if (ins.onConflict() != null) {
            throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot insert into view \""
                    + SchemaNames.localOf(v.name()) + "\": ON CONFLICT through a view is not supported", ins.table().pos());
        }
        Layer l = resolve(b, v, "insert into", ins.table().pos(), 0);
        List<String> wanted = ins.columns().isEmpty() && !ins.defaultValues()
                ? l.names().subList(0, Math.min(l.names().size(), width(ins))) : ins.columns();
        List<String> mapped = new ArrayList<>();
        for (String name : wanted) {
            int i = l.names().indexOf(name);
            if (i < 0) {
                throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                        + SchemaNames.localOf(v.name()) + "\" does not exist", ins.pos());
            }
            Column c = baseColumn(l, i);
            if (c == null) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot insert into column \"" + name
                        + "\" of view \"" + SchemaNames.localOf(v.name()) + "\" (view columns that are not columns"
                        + " of their base relation are not updatable)", ins.pos());
            }
            mapped.add(c.name());
        }
        Statement.Insert base = new Statement.Insert(ins.pos(), baseName(l, ins.table().pos()), mapped, ins.rows(),
                ins.source(), null, List.of(), ins.defaultValues(), ins.overriding());
        Plan write = b.insertThroughView(base, checks(l));
        Scope scope = Scope.of(l.table(), HIDDEN);
        scope.overlay(ins.table().name(), scope.entries().get(0), l.names(), l.values());
        return ReturningBinder.bind(b, write, scope, ins.returning());
    }

    /**
     * How many of the view's columns an INSERT without a column list fills: as many as its rows
     * have values (PostgreSQL fills the first ones), all when that is not known before binding.
     */
    private static int width(Statement.Insert ins) {
        if (!ins.rows().isEmpty()) {
            return ins.rows().stream().mapToInt(List::size).max().orElse(0);
        }
        if (ins.source() instanceof Statement.Select s
                && s.items().stream().noneMatch(i -> i instanceof Statement.AllColumns)) {
            return s.items().size();
        }
        return Integer.MAX_VALUE;
    }

    // ---- UPDATE and DELETE ------------------------------------------------------------------------

    static Plan update(Binder b, Statement.Update u, View v) {
        Layer l = resolve(b, v, "update", u.table().pos(), 0);
        String alias = u.alias() != null ? u.alias() : u.table().name();
        List<Statement.Assignment> mapped = new ArrayList<>();
        for (Statement.Assignment a : u.assignments()) {
            int i = l.names().indexOf(a.column());
            if (i < 0) {
                throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + a.column() + "\" of relation \""
                        + SchemaNames.localOf(v.name()) + "\" does not exist", a.pos());
            }
            Column c = baseColumn(l, i);
            if (c == null) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot update column \"" + a.column()
                        + "\" of view \"" + SchemaNames.localOf(v.name()) + "\": view columns that are not columns"
                        + " of their base relation are not updatable", a.pos());
            }
            mapped.add(new Statement.Assignment(a.pos(), c.name(), a.value()));
        }
        QualifiedName table = baseName(l, u.table().pos());
        Scope scope = u.from().isEmpty() ? Scope.of(l.table(), HIDDEN) : Scope.empty();
        List<JoinTree> joins = u.from().isEmpty() ? null : b.joinedTarget(scope, table, HIDDEN, u.pos(), u.from());
        scope.overlay(alias, scope.entries().get(0), l.names(), l.values());
        Statement.Update rewritten = new Statement.Update(u.pos(), table, HIDDEN, mapped, u.from(), u.where(),
                u.returning());
        return b.update(rewritten, l.table(), scope, joins, alias, l.filter(), checks(l));
    }

    static Plan delete(Binder b, Statement.Delete d, View v) {
        Layer l = resolve(b, v, "delete from", d.table().pos(), 0);
        String alias = d.alias() != null ? d.alias() : d.table().name();
        QualifiedName table = baseName(l, d.table().pos());
        Scope scope = d.using().isEmpty() ? Scope.of(l.table(), HIDDEN) : Scope.empty();
        List<JoinTree> joins = d.using().isEmpty() ? null : b.joinedTarget(scope, table, HIDDEN, d.pos(), d.using());
        scope.overlay(alias, scope.entries().get(0), l.names(), l.values());
        return b.delete(d, l.table(), scope, joins, l.filter());
    }

    // ---- Resolving a view to its table ------------------------------------------------------------

    /**
     * Whether view {@code v} is automatically updatable with at least one updatable column (what
     * information_schema.views shows as is_updatable and is_insertable_into).
     */
    public static boolean isUpdatable(io.kyrodb.engine.catalog.system.SystemContext ctx, View v) {
        try {
            Binder b = new Binder(ctx.catalog(), v.query(), new Parameters(new Object[0]),
                    io.kyrodb.engine.plan.PlannerOptions.defaults(), ctx);
            Layer l = resolve(b, v, "update", Pos.NONE, 0);
            for (int i = 0; i < l.names().size(); i++) {
                if (baseColumn(l, i) != null) {
                    return true;
                }
            }
            return false;
        } catch (KyroException e) {
            return false;
        }
    }

    /** 55000 unless view {@code v} (being created WITH CHECK OPTION) is automatically updatable. */
    static void requireUpdatable(Binder b, View v, Pos pos) {
        resolve(b, v, null, pos, 0);
    }

    /** The table column view column {@code i} is (a plain column reference), or null (computed). */
    private static Column baseColumn(Layer l, int i) {
        return l.values().get(i) instanceof ColumnExpr c && c.index() < l.table().columns().size()
                ? l.table().columns().get(c.index()) : null;
    }

    private static QualifiedName baseName(Layer l, Pos pos) {
        String key = l.table().name();
        return new QualifiedName(pos, SchemaNames.schemaOf(key), SchemaNames.localOf(key));
    }

    /**
     * View {@code v} bound down to its table, or 55000 saying why it is not automatically updatable
     * ({@code verb}: "insert into", "update", "delete from", as PostgreSQL words the error).
     */
    private static Layer resolve(Binder b, View v, String verb, Pos pos, int depth) {
        if (depth >= Binder.MAX_VIEW_DEPTH) {
            throw b.error(SqlState.INVALID_RECURSION, "infinite recursion detected in rules for relation \""
                    + SchemaNames.localOf(v.name()) + "\"", pos);
        }
        Statement statement = Binder.storedQuery(v);
        String why = notSimple(statement);
        if (why != null) {
            throw notUpdatable(b, v, verb, why, pos);
        }
        Statement.Select s = (Statement.Select) statement;
        Statement.TableReference from = (Statement.TableReference) s.from().get(0);
        Binder vb = b.viewBinder(v);
        View inner = vb.view(from.name());
        String alias = from.alias() != null ? from.alias() : from.name().name();
        Layer under = null;
        Table table;
        Scope scope;
        if (inner != null) {
            under = resolve(b, inner, verb, pos, depth + 1);
            table = under.table();
            scope = Scope.of(table, HIDDEN);
            scope.overlay(alias, scope.entries().get(0), under.names(), under.values());
        } else {
            if (b.catalog().materializedView(vb.relationKey(from.name())) != null
                    || SystemViews.find(from.name().schema(), from.name().name()) != null
                    && b.catalog().table(vb.relationKey(from.name())) == null) {
                throw notUpdatable(b, v, verb, "Views that do not select from a single table or view are not"
                        + " automatically updatable.", pos);
            }
            table = vb.table(from.name());
            scope = Scope.of(table, alias);
        }
        ExprBinder exprs = vb.expressions(scope, "SELECT");
        List<String> names = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (Statement.SelectItem item : s.items()) {
            if (item instanceof Statement.AllColumns all) {
                if (all.qualifier() != null && !all.qualifier().equals(alias)) {
                    throw b.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                            + all.qualifier() + "\"", pos);
                }
                if (under != null) {
                    names.addAll(under.names());
                    values.addAll(under.values());
                } else {
                    for (int i = 0; i < table.columns().size(); i++) {
                        Column c = table.columns().get(i);
                        names.add(c.name());
                        values.add(new ColumnExpr(i, c.type(), table.name(), c.name(), !c.notNull()));
                    }
                }
                continue;
            }
            Statement.SelectExpression e = (Statement.SelectExpression) item;
            if (SelectBinder.containsAggregate(e.expr())) {
                throw notUpdatable(b, v, verb, "Views that return aggregate functions are not automatically"
                        + " updatable.", pos);
            }
            if (hasWindow(e.expr())) {
                throw notUpdatable(b, v, verb, "Views that return window functions are not automatically"
                        + " updatable.", pos);
            }
            if (SelectListUnnest.mentionsSetReturning(e.expr()) || SetReturningFunction.isJsonbSelectItem(e.expr())) {
                throw notUpdatable(b, v, verb, "Views that return set-returning functions are not automatically"
                        + " updatable.", pos);
            }
            values.add(exprs.bind(e.expr(), null));
            names.add(e.alias() != null ? e.alias() : SelectBinder.defaultLabel(e.expr()));
        }
        for (int i = 0; i < v.columns().size() && i < names.size(); i++) {
            names.set(i, v.columns().get(i));
        }
        BoundExpr own = s.where() == null ? null : exprs.condition(s.where(), "WHERE");
        BoundExpr filter = and(under == null ? null : under.filter(), own);
        List<Condition> chain = new ArrayList<>();
        chain.add(new Condition(SchemaNames.localOf(v.name()), own, v.checkOption()));
        if (under != null) {
            chain.addAll(under.chain());
        }
        return new Layer(table, List.copyOf(names), List.copyOf(values), filter, List.copyOf(chain));
    }

    /**
     * The checks WITH CHECK OPTION asks of a row written through the outermost view of {@code l}:
     * a view's own condition when it has a check option or a CASCADED one above it asks for it;
     * the innermost first (PostgreSQL reports the innermost view whose condition fails).
     */
    private static List<RowCheck> checks(Layer l) {
        List<RowCheck> checks = new ArrayList<>();
        boolean cascading = false;
        for (Condition c : l.chain()) {
            if ((cascading || c.checkOption() != null) && c.condition() != null) {
                checks.add(RowCheck.viewCheck(c.view(), c.condition()));
            }
            cascading |= "cascaded".equals(c.checkOption());
        }
        java.util.Collections.reverse(checks);
        return checks;
    }

    /** PostgreSQL's detail for a view query that is not automatically updatable, or null when it is. */
    private static String notSimple(Statement statement) {
        if (statement instanceof Statement.With) {
            return "Views containing WITH are not automatically updatable.";
        }
        if (statement instanceof Statement.SetOperation) {
            return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
        }
        if (!(statement instanceof Statement.Select s)) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        if (s.distinct() || !s.distinctOn().isEmpty()) {
            return "Views containing DISTINCT are not automatically updatable.";
        }
        if (!s.groupBy().isEmpty()) {
            return "Views containing GROUP BY are not automatically updatable.";
        }
        if (s.having() != null) {
            return "Views containing HAVING are not automatically updatable.";
        }
        if (s.limit() != null || s.offset() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        if (s.from().size() != 1 || !(s.from().get(0) instanceof Statement.TableReference)) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        if (((Statement.TableReference) s.from().get(0)).sample() != null) {
            return "Views containing TABLESAMPLE are not automatically updatable.";
        }
        if (!s.windows().isEmpty()) {
            return "Views that return window functions are not automatically updatable.";
        }
        return null;
    }

    private static boolean hasWindow(Expr e) {
        return switch (e) {
            case Expr.FunctionCall f -> f.over() != null || f.arguments().stream().anyMatch(UpdatableViews::hasWindow);
            case Expr.Unary u -> hasWindow(u.operand());
            case Expr.Binary x -> hasWindow(x.left()) || hasWindow(x.right());
            case Expr.Cast c -> hasWindow(c.operand());
            default -> false;
        };
    }

    private static BoundExpr and(BoundExpr a, BoundExpr b) {
        return a == null ? b : b == null ? a : new LogicalExpr(true, a, b);
    }

    private static KyroException notUpdatable(Binder b, View v, String verb, String detail, Pos pos) {
        if (verb == null) {
            return b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "WITH CHECK OPTION is supported only on"
                    + " automatically updatable views: " + detail, pos);
        }
        return b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot " + verb + " view \""
                + SchemaNames.localOf(v.name()) + "\": " + detail, pos);
    }
}
