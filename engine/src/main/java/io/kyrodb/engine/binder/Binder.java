package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.engine.plan.DeletePlan;
import io.kyrodb.engine.plan.DropTablePlan;
import io.kyrodb.engine.plan.InsertConflict;
import io.kyrodb.engine.plan.InsertPlan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.plan.RowTarget;
import io.kyrodb.engine.plan.UpdatePlan;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SourceSnippet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a parsed statement into a {@link Plan} against the catalog: the one place names, types and
 * statement-level rules are checked. Runs under the database lock (it reads the catalog).
 */
public final class Binder {
    /** Postgres's limit on the columns of a table. */
    public static final int MAX_COLUMNS = 1600;

    private final Catalog catalog;
    private final String sql;
    private final Parameters parameters;

    public Binder(Catalog catalog, String sql, Parameters parameters) {
        this.catalog = catalog;
        this.sql = sql;
        this.parameters = parameters;
    }

    public Plan bind(Statement statement) {
        return switch (statement) {
            case Statement.Query q -> SetOperationBinder.bind(this, q, null);
            case Statement.Insert i -> ReturningBinder.bind(this, insert(i), Scope.of(table(i.table()), null),
                    i.returning());
            case Statement.Update u -> update(u);
            case Statement.Delete d -> delete(d);
            case Statement.CreateTable c -> createTable(c);
            case Statement.DropTable d -> dropTable(d);
            case Statement.CreateIndex c -> new IndexDdlBinder(this, catalog).createIndex(c);
            case Statement.DropIndex d -> new IndexDdlBinder(this, catalog).dropIndex(d);
            default -> throw new IllegalArgumentException("not a bindable statement: " + statement.getClass().getSimpleName()
                    + " (the session runs transaction and setting statements itself)");
        };
    }

    Catalog catalog() {
        return catalog;
    }

    String sql() {
        return sql;
    }

    Parameters parameters() {
        return parameters;
    }

    ExprBinder expressions(Scope scope, String clause) {
        return new ExprBinder(this, scope, null, clause, null);
    }

    /** A binder for a subquery's expressions; {@code outer} binds those of the query around it. */
    ExprBinder expressions(Scope scope, String clause, ExprBinder outer) {
        return new ExprBinder(this, scope, null, clause, outer);
    }

    /** Primary keys and indexes need an order-preserving key encoding (42704 for jsonb and arrays, as yet). */
    void requireKeyable(Column column, Pos pos) {
        if (!column.type().kind().isKeyable()) {
            throw error(SqlState.UNDEFINED_OBJECT, "data type " + column.type().displayName()
                    + " has no default operator class for access method \"btree\" (KyroDB cannot index column \""
                    + column.name() + "\"; index an expression's result in a column of its own instead)", pos);
        }
    }

    KyroException error(SqlState state, String message, Pos pos) {
        return new KyroException(state, SourceSnippet.annotate(message, sql, pos));
    }

    Table table(QualifiedName name) {
        checkSchema(name);
        Table t = catalog.table(name.name());
        if (t == null) {
            String hint = Suggestions.didYouMean(name.name(), catalog.tableNames());
            throw error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist" + hint, name.pos());
        }
        return t;
    }

    private void checkSchema(QualifiedName name) {
        if (name.schema() != null && !name.schema().equals(Table.DEFAULT_SCHEMA)) {
            throw error(SqlState.UNDEFINED_OBJECT, "schema \"" + name.schema() + "\" does not exist", name.pos());
        }
    }

    // ---- DDL ----------------------------------------------------------------------------------

    private Plan createTable(Statement.CreateTable c) {
        checkSchema(c.name());
        if (catalog.hasRelation(c.name().name()) && !c.ifNotExists()) {
            throw error(SqlState.DUPLICATE_TABLE, "relation \"" + c.name().name() + "\" already exists", c.name().pos());
        }
        if (c.columns().isEmpty()) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "a table needs at least one column", c.pos());
        }
        if (c.columns().size() > MAX_COLUMNS) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "tables can have at most " + MAX_COLUMNS + " columns, got "
                    + c.columns().size(), c.pos());
        }
        List<String> names = new ArrayList<>();
        List<Integer> pk = new ArrayList<>();
        Pos pkPos = null;
        for (Statement.ColumnDefinition d : c.columns()) {
            if (names.contains(d.name())) {
                throw error(SqlState.DUPLICATE_COLUMN, "column \"" + d.name() + "\" specified more than once", d.pos());
            }
            names.add(d.name());
            if (d.primaryKey()) {
                if (pkPos != null) {
                    throw error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                            + c.name().name() + "\" are not allowed", d.pos());
                }
                pkPos = d.pos();
                pk.add(names.size() - 1);
            }
        }
        if (!c.primaryKey().isEmpty()) {
            if (pkPos != null) {
                throw error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                        + c.name().name() + "\" are not allowed", c.primaryKeyPos());
            }
            for (String k : c.primaryKey()) {
                int i = names.indexOf(k);
                if (i < 0) {
                    throw error(SqlState.UNDEFINED_COLUMN, "column \"" + k + "\" named in key does not exist",
                            c.primaryKeyPos());
                }
                if (pk.contains(i)) {
                    throw error(SqlState.DUPLICATE_COLUMN, "column \"" + k + "\" appears twice in primary key constraint",
                            c.primaryKeyPos());
                }
                pk.add(i);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < c.columns().size(); i++) {
            Statement.ColumnDefinition d = c.columns().get(i);
            SqlType type = TypeResolver.resolve(d.type(), sql);
            columns.add(new Column(d.name(), type, d.notNull() || pk.contains(i)));
        }
        int[] primaryKey = pk.stream().mapToInt(Integer::intValue).toArray();
        List<CreateTablePlan.UniqueKey> unique = UniqueConstraints.bind(this, c, names, primaryKey);
        for (int k : primaryKey) {
            requireKeyable(columns.get(k), pkPos != null ? pkPos : c.primaryKeyPos());
        }
        for (CreateTablePlan.UniqueKey u : unique) {
            for (int k : u.columns()) {
                requireKeyable(columns.get(k), c.pos());
            }
        }
        return new CreateTablePlan(c.name().name(), c.ifNotExists(), columns, primaryKey, unique);
    }

    private Plan dropTable(Statement.DropTable d) {
        List<String> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            checkSchema(n);
            if (catalog.table(n.name()) != null) {
                if (!names.contains(n.name())) {
                    names.add(n.name());
                }
            } else if (!d.ifExists()) {
                table(n); // throws 42P01 with a suggestion
            }
        }
        return new DropTablePlan(names);
    }

    // ---- DML ----------------------------------------------------------------------------------

    private Plan insert(Statement.Insert ins) {
        Table table = table(ins.table());
        List<Integer> targets = new ArrayList<>();
        if (ins.columns().isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                targets.add(i);
            }
        } else {
            Set<String> seen = new HashSet<>();
            for (String name : ins.columns()) {
                int i = table.columnIndex(name);
                if (i < 0) {
                    String hint = Suggestions.didYouMean(name, table.columns().stream().map(Column::name).toList());
                    throw error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                            + "\" does not exist" + hint, ins.pos());
                }
                if (!seen.add(name)) {
                    throw error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once", ins.pos());
                }
                targets.add(i);
            }
        }
        InsertConflict conflict = ins.onConflict() == null ? null : ConflictBinder.bind(this, table, ins.onConflict());
        if (ins.source() != null) {
            return insertSelect(ins, table, targets, conflict);
        }
        ExprBinder values = expressions(Scope.empty(), "VALUES");
        List<List<BoundExpr>> rows = new ArrayList<>(ins.rows().size());
        int width = ins.rows().get(0).size();
        for (List<Expr> row : ins.rows()) {
            if (row.size() != width) {
                throw error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", row.get(0).pos());
            }
        }
        if (ins.columns().isEmpty() && width < targets.size()) {
            // Without a column list, N values fill the first N columns (Postgres); the rest get NULL.
            targets = targets.subList(0, width);
        }
        for (List<Expr> row : ins.rows()) {
            if (row.size() > targets.size()) {
                throw error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", row.get(targets.size()).pos());
            }
            if (row.size() < targets.size()) {
                throw error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        row.isEmpty() ? ins.pos() : row.get(row.size() - 1).pos());
            }
            BoundExpr[] full = new BoundExpr[table.columns().size()];
            for (int i = 0; i < row.size(); i++) {
                Column column = table.columns().get(targets.get(i));
                full[targets.get(i)] = assign(values, row.get(i), column);
            }
            for (int i = 0; i < full.length; i++) {
                if (full[i] == null) {
                    full[i] = new ConstExpr(null, table.columns().get(i).type());
                }
            }
            rows.add(List.of(full).stream().toList());
        }
        return new InsertPlan(table, rows, null, conflict);
    }

    /** INSERT ... SELECT: the query's columns fill the target columns in order, by assignment casts. */
    private Plan insertSelect(Statement.Insert ins, Table table, List<Integer> targets, InsertConflict conflict) {
        QueryPlan query = SetOperationBinder.bind(this, ins.source(), null);
        int width = query.columns().size();
        if (ins.columns().isEmpty() && width < targets.size()) {
            targets = targets.subList(0, width);
        }
        if (width > targets.size()) {
            throw error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", ins.source().pos());
        }
        if (width < targets.size()) {
            throw error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", ins.source().pos());
        }
        ExprBinder binder = expressions(Scope.empty(), "INSERT");
        BoundExpr[] full = new BoundExpr[table.columns().size()];
        for (int i = 0; i < width; i++) {
            ResultColumn rc = query.columns().get(i);
            Column column = table.columns().get(targets.get(i));
            full[targets.get(i)] = assign(binder, new ColumnExpr(i, rc.type(), "", rc.label(), rc.nullable()), column,
                    ins.source().pos());
        }
        for (int i = 0; i < full.length; i++) {
            if (full[i] == null) {
                full[i] = new ConstExpr(null, table.columns().get(i).type());
            }
        }
        return new InsertPlan(table, List.of(List.of(full)), query.root(), conflict);
    }

    /** Binds a value stored into {@code column}: the assignment cast, or 42804 when none exists. */
    BoundExpr assign(ExprBinder binder, Expr value, Column column) {
        return assign(binder, binder.bind(value, column.type()), column, value.pos());
    }

    private BoundExpr assign(ExprBinder binder, BoundExpr b, Column column, Pos pos) {
        if (!Casts.assignable(b.type(), column.type())) {
            throw error(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                    + column.type().displayName() + " but expression is of type " + b.type().displayName(), pos);
        }
        if (b.type().kind() == TypeKind.VARCHAR && column.type().kind() == TypeKind.VARCHAR
                && b.type().length() == column.type().length()) {
            return b;
        }
        return b.type().equals(column.type()) ? b : binder.coerce(b, column.type(), pos);
    }

    private Plan update(Statement.Update u) {
        Table table = table(u.table());
        Scope scope = u.from().isEmpty() ? Scope.of(table, u.alias()) : Scope.empty();
        List<JoinTree> joins = u.from().isEmpty() ? null : joinedTarget(scope, u.table(), u.alias(), u.pos(), u.from());
        ExprBinder binder = expressions(scope, "UPDATE");
        List<BoundExpr> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            values.add(new ColumnExpr(i, c.type(), table.name(), c.name(), !c.notNull()));
        }
        Set<String> assigned = new HashSet<>();
        for (Statement.Assignment a : u.assignments()) {
            int i = table.columnIndex(a.column());
            if (i < 0) {
                String hint = Suggestions.didYouMean(a.column(), table.columns().stream().map(Column::name).toList());
                throw error(SqlState.UNDEFINED_COLUMN, "column \"" + a.column() + "\" of relation \"" + table.name()
                        + "\" does not exist" + hint, a.pos());
            }
            if (!assigned.add(a.column())) {
                throw error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + a.column() + "\"", a.pos());
            }
            values.set(i, assign(binder, a.value(), table.columns().get(i)));
        }
        RowTarget target = joins == null ? target(table, scope, u.where()) : joinTarget(scope, joins, u.where());
        return ReturningBinder.bind(this, new UpdatePlan(table, target, List.copyOf(values)), scope, u.returning());
    }

    private Plan delete(Statement.Delete d) {
        Table table = table(d.table());
        if (d.using().isEmpty()) {
            Scope scope = Scope.of(table, d.alias());
            return ReturningBinder.bind(this, new DeletePlan(table, target(table, scope, d.where())), scope,
                    d.returning());
        }
        Scope scope = Scope.empty();
        List<JoinTree> joins = joinedTarget(scope, d.table(), d.alias(), d.pos(), d.using());
        return ReturningBinder.bind(this, new DeletePlan(table, joinTarget(scope, joins, d.where())), scope,
                d.returning());
    }

    /**
     * UPDATE ... FROM and DELETE ... USING: the target table joined with the other FROM items (a
     * comma list, the target first, so its columns start the joined row).
     */
    private List<JoinTree> joinedTarget(Scope scope, QualifiedName table, String alias, Pos pos, List<FromItem> others) {
        List<FromItem> from = new ArrayList<>();
        from.add(new Statement.TableReference(pos, table, alias));
        from.addAll(others);
        return new FromBinder(this, scope, null).bind(from);
    }

    private RowTarget joinTarget(Scope scope, List<JoinTree> joins, Expr where) {
        BoundExpr filter = where == null ? null : expressions(scope, "WHERE").condition(where, "WHERE");
        return new RowTarget(null, null, null, null, new JoinPlanner(scope, joins).plan(joins, filter));
    }

    private RowTarget target(Table table, Scope scope, Expr where) {
        if (where == null) {
            return new RowTarget(null, null, null);
        }
        BoundExpr filter = expressions(scope, "WHERE").condition(where, "WHERE");
        KeyLookupNode lookup = KeyLookups.find(table, filter);
        KeyRangeNode range = lookup == null ? KeyLookups.range(table, filter) : null;
        return new RowTarget(filter, lookup, range,
                lookup == null && range == null ? IndexLookups.find(catalog, table, filter) : null);
    }
}
