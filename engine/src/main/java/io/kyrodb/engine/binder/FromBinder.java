package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.FunctionExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.ScalarFunction;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds a FROM clause with joins: adds its tables to the query's {@link Scope} left to right, binds
 * each ON condition against the tables of its own join (as PostgreSQL does: a later table is not
 * visible there), turns USING and NATURAL into equalities and merged columns, and records the
 * column list an unqualified {@code *} expands to. Planning is {@link JoinPlanner}'s.
 */
final class FromBinder {
    /** A bound FROM item and the columns it outputs (what {@code *} and NATURAL see), in order. */
    private record Bound(JoinTree tree, List<Output> columns) {
    }

    /** One output column: its name and the reference that reads it. */
    private record Output(String name, Expr.ColumnRef ref) {
    }

    private final Binder binder;
    private final Scope scope;
    private final ExprBinder outer;
    private boolean merges;

    FromBinder(Binder binder, Scope scope, ExprBinder outer) {
        this.binder = binder;
        this.scope = scope;
        this.outer = outer;
    }

    /** The FROM items (the comma-separated list), bound. */
    List<JoinTree> bind(List<FromItem> from) {
        List<JoinTree> out = new ArrayList<>();
        List<Expr.ColumnRef> star = new ArrayList<>();
        for (FromItem item : from) {
            if (item instanceof Statement.DerivedTable d && d.lateral() && !out.isEmpty()) {
                // FROM a, b, LATERAL (...) s: s reads a and b, so it joins what precedes it
                JoinTree left = out.get(0);
                for (int i = 1; i < out.size(); i++) {
                    List<Scope.Entry> entries = new ArrayList<>(left.entries());
                    entries.addAll(out.get(i).entries());
                    left = new JoinTree.Join(JoinType.INNER, left, out.get(i), null, List.of(), entries);
                }
                Bound b = lateral(d, left, JoinType.INNER, null);
                out.clear();
                out.add(b.tree());
                b.columns().forEach(c -> star.add(c.ref()));
                continue;
            }
            Bound b = item instanceof FromItem.FunctionCall call ? function(call, out) : item(item);
            if (b.tree() instanceof JoinTree.Lateral) {
                out.clear();   // the lateral item holds the items before it
            }
            out.add(b.tree());
            b.columns().forEach(c -> star.add(c.ref()));
        }
        if (merges) {
            scope.star(List.copyOf(star));
        }
        return out;
    }

    private Bound item(FromItem item) {
        return switch (item) {
            case Statement.TableReference ref -> table(ref);
            case Statement.DerivedTable d -> derived(d);
            case FromItem.Join join -> join(join);
            case FromItem.FunctionCall call -> function(call, null);
        };
    }

    /** A subquery in FROM (LATERAL with nothing before it reads nothing more than one without). */
    private Bound derived(Statement.DerivedTable d) {
        QueryPlan plan = SetOperationBinder.bind(binder, d.query(), outer);
        return derived(d.alias(), d.columns(), plan, d.pos(), "table \"" + d.alias() + "\"");
    }

    /**
     * {@code left [LEFT] JOIN LATERAL (query) alias ON on}: the query sees the columns of
     * {@code left}'s tables as outer references (it runs once per left row); {@code on} is bound
     * afterwards over both ({@code onAst} null: no condition).
     */
    private Bound lateral(Statement.DerivedTable d, JoinTree left, JoinType type, Expr onAst) {
        ExprBinder leftColumns = binder.expressions(scope.restrictedTo(left.entries()), "FROM", outer);
        QueryPlan plan = SetOperationBinder.bind(binder, d.query(), leftColumns);
        Bound right = derived(d.alias(), d.columns(), plan, d.pos(), "table \"" + d.alias() + "\"");
        List<Scope.Entry> entries = new ArrayList<>(left.entries());
        entries.addAll(right.tree().entries());
        BoundExpr on = onAst == null ? null
                : binder.expressions(scope.restrictedTo(entries), "JOIN", outer).condition(onAst, "JOIN/ON");
        Scope.Entry entry = right.tree().entries().get(0);
        return new Bound(new JoinTree.LateralQuery(left, entry, type, on, entries), right.columns());
    }

    /**
     * A FROM item whose rows {@code plan} computes: its columns named by {@code aliases}, then by
     * the query's own labels.
     */
    private Bound derived(String alias, List<String> aliases, QueryPlan plan, Pos pos, String what) {
        if (scope.entry(alias) != null) {
            throw binder.error(SqlState.DUPLICATE_ALIAS, "table name \"" + alias + "\" specified more than once", pos);
        }
        if (aliases.size() > plan.columns().size()) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, what + " has " + plan.columns().size()
                    + " columns available but " + aliases.size() + " columns specified", pos);
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ResultColumn c = plan.columns().get(i);
            columns.add(new Column(i < aliases.size() ? aliases.get(i) : c.label(), c.type(), !c.nullable()));
        }
        scope.add(Table.virtual(alias, columns), alias, plan.root());
        Scope.Entry entry = scope.entries().get(scope.entries().size() - 1);
        List<Output> outputs = new ArrayList<>();
        for (Column c : columns) {
            outputs.add(new Output(c.name(), new Expr.ColumnRef(pos, alias, c.name())));
        }
        return new Bound(new JoinTree.Leaf(entry), outputs);
    }

    /**
     * {@code unnest(array, ...)} in FROM: a virtual table whose rows the function produces. In the
     * comma list ({@code before}: the items bound so far), its arguments may read those items'
     * columns, which makes it a {@link JoinTree.Lateral} over them.
     */
    private Bound function(FromItem.FunctionCall call, List<JoinTree> before) {
        // a PL/pgSQL function: its rows as a set-returning function's (it may read earlier FROM items)
        SetReturningFunction.Bound interpreted = UserFunctionRows.bind(binder, call,
                before == null ? Scope.empty() : scope, outer);
        Statement.DerivedTable user = interpreted != null ? null : UserFunctionCalls.fromItem(binder, call,
                e -> binder.expressions(Scope.empty(), "FROM", outer).bind(e, null).type());
        if (user != null) {
            return derived(user);   // CREATE FUNCTION's: the query it stands for
        }
        SetReturningFunction.Bound f = interpreted != null ? interpreted : SetReturningFunction.bind(binder, call,
                before == null ? Scope.empty() : scope, outer);
        String alias = call.alias() != null ? call.alias() : call.name();
        if (scope.entry(alias) != null) {
            throw binder.error(SqlState.DUPLICATE_ALIAS, "table name \"" + alias + "\" specified more than once",
                    call.pos());
        }
        scope.add(f.table(), alias, f.plan());
        Scope.Entry entry = scope.entries().get(scope.entries().size() - 1);
        List<Output> columns = new ArrayList<>();
        for (Column c : f.table().columns()) {
            columns.add(new Output(c.name(), new Expr.ColumnRef(call.pos(), alias, c.name())));
        }
        if (f.lateral()) {
            JoinTree input = before.get(0);
            for (int i = 1; i < before.size(); i++) {
                List<Scope.Entry> both = new ArrayList<>(input.entries());
                both.addAll(before.get(i).entries());
                input = new JoinTree.Join(JoinType.INNER, input, before.get(i), null, List.of(), both);
            }
            List<Scope.Entry> entries = new ArrayList<>(input.entries());
            entries.add(entry);
            return new Bound(new JoinTree.Lateral(input, entry, f.arrays(), entries, call.ordinality()), columns);
        }
        return new Bound(new JoinTree.Leaf(entry), columns);
    }

    private Bound table(Statement.TableReference ref) {
        binder.noteAlias(ref);
        WithBinder.Cte cte = binder.cte(ref.name());
        if (ref.sample() != null && (cte != null || binder.view(ref.name()) != null)) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "TABLESAMPLE clause can only be applied to tables and"
                    + " materialized views", ref.sample().pos());
        }
        if (cte != null) {
            QueryPlan plan = WithBinder.reference(binder, cte, outer, ref.pos());
            return derived(ref.alias() != null ? ref.alias() : cte.name(), cte.definition.columns(), plan, ref.pos(),
                    "WITH query \"" + cte.name() + "\"");
        }
        io.kyrodb.engine.catalog.View view = binder.view(ref.name());
        if (view != null) {
            QueryPlan plan = binder.expandView(view, ref.pos());
            Bound bound = derived(ref.alias() != null ? ref.alias()
                            : io.kyrodb.engine.catalog.SchemaNames.localOf(view.name()), view.columns(), plan, ref.pos(),
                    "view \"" + view.name() + "\"");
            binder.noteViewEntry(scope.entries().get(scope.entries().size() - 1).table(), view.name());
            return bound;
        }
        Table table = binder.relation(ref.name());
        String alias = ref.alias() != null ? ref.alias() : io.kyrodb.engine.catalog.SchemaNames.localOf(table.name());
        if (scope.entry(alias) != null) {
            throw binder.error(SqlState.DUPLICATE_ALIAS, "table name \"" + alias + "\" specified more than once",
                    ref.pos());
        }
        if (ref.sample() != null) {
            scope.add(table, alias, sample(table, ref.sample()));
        } else {
            scope.add(table, alias);
        }
        Scope.Entry entry = scope.entries().get(scope.entries().size() - 1);
        List<Output> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            columns.add(new Output(c.name(), new Expr.ColumnRef(ref.pos(), alias, c.name())));
        }
        return new Bound(new JoinTree.Leaf(entry), columns);
    }

    /** TABLESAMPLE SYSTEM | BERNOULLI (percent) [REPEATABLE (seed)], both read as double precision. */
    private io.kyrodb.engine.exec.SampleScanNode sample(Table table, Statement.TableSample sample) {
        if (!sample.method().equals("system") && !sample.method().equals("bernoulli")) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "tablesample method " + sample.method()
                    + " does not exist (KyroDB has system and bernoulli)", sample.pos());
        }
        if (sample.arguments().size() != 1) {
            throw binder.error(SqlState.INVALID_TABLESAMPLE_ARGUMENT, "tablesample method " + sample.method()
                    + " requires 1 argument, not " + sample.arguments().size(), sample.pos());
        }
        ExprBinder constants = binder.expressions(Scope.empty(), "TABLESAMPLE", outer);
        return new io.kyrodb.engine.exec.SampleScanNode(table, sample.method().equals("system"),
                asDouble(constants, sample.arguments().get(0)),
                sample.seed() == null ? null : asDouble(constants, sample.seed()));
    }

    private static BoundExpr asDouble(ExprBinder binder, Expr e) {
        BoundExpr b = binder.bind(e, SqlType.DOUBLE);
        return b.type().equals(SqlType.DOUBLE) ? b : new CastExpr(b, SqlType.DOUBLE, false);
    }

    private Bound join(FromItem.Join written) {
        FromItem.Join join = written;
        if (join.right() instanceof FromItem.FunctionCall call && join.type() != FromItem.JoinType.RIGHT
                && join.type() != FromItem.JoinType.FULL && !join.natural() && join.using().isEmpty()) {
            // a [LATERAL] function on a join's right side may read the left side's columns (functions
            // in FROM are implicitly LATERAL in PostgreSQL): LEFT JOIN LATERAL f(t.x) g ON true runs as
            // LEFT JOIN LATERAL (SELECT * FROM f(t.x) g) g ON true
            String alias = call.alias() != null ? call.alias() : call.name();
            Statement.Select inner = new Statement.Select(call.pos(), false,
                    List.of(new Statement.AllColumns(call.pos(), null)), List.of(call), null, List.of(), null,
                    List.of(), null, null);
            join = new FromItem.Join(join.pos(), join.type(), join.left(),
                    new Statement.DerivedTable(call.pos(), inner, alias, List.of(), true), join.on(), join.using(),
                    join.natural());
        }
        if (join.right() instanceof Statement.DerivedTable d && d.lateral()) {
            Bound left = item(join.left());
            JoinType type = switch (join.type()) {
                case INNER, CROSS -> JoinType.INNER;
                case LEFT -> JoinType.LEFT;
                case RIGHT, FULL -> throw binder.error(SqlState.INVALID_COLUMN_REFERENCE,
                        "the combining JOIN type must be INNER or LEFT for a LATERAL reference", join.pos());
            };
            if (join.natural() || !join.using().isEmpty()) {
                throw binder.error(SqlState.SYNTAX_ERROR, "JOIN LATERAL takes ON, not USING or NATURAL", join.pos());
            }
            Bound right = lateral(d, left.tree(), type, join.on());
            List<Output> columns = new ArrayList<>(left.columns());
            columns.addAll(right.columns());
            return new Bound(right.tree(), columns);
        }
        Bound left = item(join.left());
        Bound right;
        try {
            right = item(join.right());
        } catch (io.kyrodb.engine.KyroException e) {
            if (join.right() instanceof FromItem.FunctionCall && e.state() == SqlState.UNDEFINED_TABLE) {
                throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "invalid reference to FROM-clause entry: the"
                        + " combining JOIN type must be INNER or LEFT for a LATERAL reference", join.pos());
            }
            throw e;
        }
        List<Scope.Entry> entries = new ArrayList<>(left.tree().entries());
        entries.addAll(right.tree().entries());
        JoinType type = switch (join.type()) {
            case INNER, CROSS -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
        };
        if (type == JoinType.LEFT || type == JoinType.FULL) {
            scope.nullExtends(right.tree().entries());
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            scope.nullExtends(left.tree().entries());
        }
        List<String> using = join.using();
        if (join.natural()) {
            using = new ArrayList<>();
            for (Output l : left.columns()) {
                if (right.columns().stream().anyMatch(r -> r.name().equals(l.name())) && !using.contains(l.name())) {
                    using.add(l.name());
                }
            }
        }
        if (join.on() != null) {
            Scope visible = scope.restrictedTo(entries);
            BoundExpr on = binder.expressions(visible, "JOIN", outer).condition(join.on(), "JOIN/ON");
            List<Output> columns = new ArrayList<>(left.columns());
            columns.addAll(right.columns());
            return new Bound(new JoinTree.Join(type, left.tree(), right.tree(), on, List.of(), entries), columns);
        }
        if (using.isEmpty()) {
            List<Output> columns = new ArrayList<>(left.columns());
            columns.addAll(right.columns());
            return new Bound(new JoinTree.Join(type, left.tree(), right.tree(), null, List.of(), entries), columns);
        }
        merges = true;
        Scope leftScope = scope.restrictedTo(left.tree().entries());
        Scope rightScope = scope.restrictedTo(right.tree().entries());
        BoundExpr on = null;
        List<JoinTree.Fill> fills = new ArrayList<>();
        List<Output> columns = new ArrayList<>();
        List<Scope.Merged> merged = new ArrayList<>();
        for (String name : using) {
            Output lo = output(left.columns(), name, "left", join.pos());
            Output ro = output(right.columns(), name, "right", join.pos());
            ColumnExpr l = leftScope.resolve(lo.ref(), binder.sql());
            ColumnExpr r = rightScope.resolve(ro.ref(), binder.sql());
            SqlType common = Casts.common(l.type(), r.type());
            if (common == null) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, "JOIN/USING types " + l.type().displayName() + " and "
                        + r.type().displayName() + " cannot be matched", join.pos());
            }
            BoundExpr eq = new CompareExpr(Expr.BinaryOp.EQ, widen(l, common), widen(r, common));
            on = on == null ? eq : new LogicalExpr(true, on, eq);
            ColumnExpr column = switch (type) {
                case INNER, LEFT, SEMI, ANTI, NULL_AWARE_ANTI -> l;   // the last three: never a FROM join
                case RIGHT -> r;
                case FULL -> {
                    int slot = scope.addSlot();
                    fills.add(new JoinTree.Fill(slot, new FunctionExpr(ScalarFunction.COALESCE,
                            List.of(widen(l, common), widen(r, common)), common)));
                    yield new ColumnExpr(slot, common, l.table(), name, l.nullable() || r.nullable(), l.alias());
                }
            };
            merged.add(new Scope.Merged(name, entries, column));
            columns.add(new Output(name, new Expr.ColumnRef(join.pos(), null, name)));
        }
        for (Output o : left.columns()) {
            if (!using.contains(o.name())) {
                columns.add(o);
            }
        }
        for (Output o : right.columns()) {
            if (!using.contains(o.name())) {
                columns.add(o);
            }
        }
        merged.forEach(scope::addMerged);
        return new Bound(new JoinTree.Join(type, left.tree(), right.tree(), on, List.copyOf(fills), entries), columns);
    }

    private Output output(List<Output> columns, String name, String side, Pos pos) {
        Output found = null;
        for (Output o : columns) {
            if (o.name().equals(name)) {
                if (found != null) {
                    throw binder.error(SqlState.AMBIGUOUS_COLUMN, "common column name \"" + name
                            + "\" appears more than once in " + side + " table", pos);
                }
                found = o;
            }
        }
        if (found == null) {
            throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause does not exist in "
                    + side + " table", pos);
        }
        return found;
    }

    private static BoundExpr widen(ColumnExpr c, SqlType common) {
        return c.type().equals(common) ? c : new CastExpr(c, common, false);
    }
}
