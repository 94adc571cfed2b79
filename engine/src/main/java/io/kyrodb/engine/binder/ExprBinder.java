package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.AggregateCall;
import io.kyrodb.engine.exec.AggregateFunction;
import io.kyrodb.engine.expr.VectorFunction;
import io.kyrodb.engine.expr.*;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SourceSnippet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binds expressions: resolves column names in a {@link Scope}, types every node after Postgres's
 * rules, inserts the implicit casts operators need, and reports errors at the offending position.
 *
 * <p>In aggregate mode ({@code grouping != null}) it binds above a GROUP BY: an expression equal to
 * a grouping expression becomes a reference to that group column, an aggregate call becomes a
 * reference to its result, and any other column is an error (42803).
 *
 * <p>A subquery is bound by a {@link SelectBinder} whose expressions have this binder as their
 * {@code outer}: a name its own FROM does not have is looked up in the enclosing queries, nearest
 * first, and becomes an {@link OuterColumnExpr}. Which row that reads depends on the enclosing
 * binder: the FROM row, or above a GROUP BY the group's row (so only grouping columns qualify).
 */
final class ExprBinder {
    private final Binder binder;
    private final String sql;
    private final Scope scope;
    private final Parameters parameters;
    private final Grouping grouping;
    private final String clause;
    private final ExprBinder outer;
    /** The window function calls of the query, where they are allowed (SELECT list, ORDER BY); else null. */
    private final Windowing windowing;
    /** Whether this binds a window function's arguments (where another window function is an error). */
    private final boolean inWindow;
    /** Collects set-returning calls of the select list (null where they are not allowed). */
    private final SelectListSrfs srfs;

    /** The grouping expressions and the aggregates collected so far, for aggregate mode. */
    static final class Grouping {
        final List<BoundExpr> groups;
        final List<AggregateCall> aggregates = new ArrayList<>();
        final ExprBinder base;
        /** The ORDER BY of the ordered aggregates (string_agg(x, ',' ORDER BY y)), over the input rows; empty: none. */
        List<BoundExpr> order = List.of();
        List<io.kyrodb.engine.exec.SortKey> orderKeys = List.of();
        /** GROUPING SETS / ROLLUP / CUBE: each set as indexes into {@link #groups}; null for a plain GROUP BY. */
        List<int[]> sets;

        Grouping(List<BoundExpr> groups, ExprBinder base) {
            this.groups = groups;
            this.base = base;
        }
    }

    /** {@code outer} binds the expressions of the query this one is a subquery of; null at the top. */
    ExprBinder(Binder binder, Scope scope, Grouping grouping, String clause, ExprBinder outer) {
        this(binder, scope, grouping, clause, outer, null, false);
    }

    private ExprBinder(Binder binder, Scope scope, Grouping grouping, String clause, ExprBinder outer,
                       Windowing windowing, boolean inWindow) {
        this(binder, scope, grouping, clause, outer, windowing, inWindow, null);
    }

    private ExprBinder(Binder binder, Scope scope, Grouping grouping, String clause, ExprBinder outer,
                       Windowing windowing, boolean inWindow, SelectListSrfs srfs) {
        this.binder = binder;
        this.sql = binder.sql();
        this.scope = scope;
        this.parameters = binder.parameters();
        this.grouping = grouping;
        this.clause = clause;
        this.outer = outer;
        this.windowing = windowing;
        this.inWindow = inWindow;
        this.srfs = srfs;
    }

    /** This binder with set-returning functions allowed (the select list), collected in {@code s}. */
    ExprBinder setReturning(SelectListSrfs s) {
        return new ExprBinder(binder, scope, grouping, clause, outer, windowing, inWindow, s);
    }

    /** The same binder for another clause; window functions stay allowed only in ORDER BY. */
    ExprBinder inClause(String otherClause) {
        return new ExprBinder(binder, scope, grouping, otherClause, outer,
                otherClause.equals("ORDER BY") ? windowing : null, inWindow);
    }

    ExprBinder aggregating(Grouping g) {
        return new ExprBinder(binder, scope, g, clause, outer, windowing, inWindow, srfs);
    }

    /** This binder with window function calls allowed, collected in {@code w}. */
    ExprBinder windowing(Windowing w) {
        return new ExprBinder(binder, scope, grouping, clause, outer, w, false, srfs);
    }

    /** The binder of a window function's arguments, partitioning and ordering. */
    ExprBinder insideWindow() {
        return new ExprBinder(binder, scope, grouping, clause, outer, null, true);
    }

    Grouping grouping() {
        return grouping;
    }

    /** Binds {@code e}; {@code hint} is the type the context wants, used only by untyped literals and parameters. */
    BoundExpr bind(Expr e, SqlType hint) {
        if (grouping != null && !(e instanceof Expr.Literal) && !(e instanceof Expr.Parameter)
                && !(e instanceof Expr.FunctionCall f && (isAggregate(f.name()) || f.over() != null))
                && !(e instanceof Expr.ColumnRef v && binder.variables() != null
                        && binder.variables().slot(v.qualifier(), v.name()) != null)) {
            BoundExpr base = tryBase(e);
            if (base != null) {
                int i = grouping.groups.indexOf(base);
                if (i >= 0) {
                    return base instanceof ColumnExpr c ? new ColumnExpr(i, c.type(), c.table(), c.name(), c.nullable(), c.alias())
                            : new ColumnExpr(i, base.type(), "", "", true);
                }
            }
            if (e instanceof Expr.ColumnRef ref) {
                BoundExpr resolved = column(ref);
                if (resolved instanceof OuterColumnExpr fromOuterQuery) {
                    return fromOuterQuery;   // one value per run of this query: fine in any group
                }
                if (resolved instanceof ConstExpr sessionValue) {
                    return sessionValue;     // current_user and the like: one value per session
                }
                if (resolved instanceof ColumnExpr column) {
                    BoundExpr dependent = functionallyDependent(column);
                    if (dependent != null) {
                        return dependent;
                    }
                    throw error(SqlState.GROUPING_ERROR, "column \"" + column.table() + "." + column.name()
                            + "\" must appear in the GROUP BY clause or be used in an aggregate function", ref.pos());
                }
                // else a FROM item's whole row: bound below column by column, each of which must be grouped
            }
        }
        return switch (e) {
            case Expr.Literal l -> literal(l, hint);
            case Expr.Parameter p -> new ParamExpr(p.index(), parameters.typeFor(p.index(), hint));
            case Expr.ColumnRef c when binder.variables() != null
                    && binder.variables().slot(c.qualifier(), c.name()) != null -> {
                Variables.Slot slot = binder.variables().slot(c.qualifier(), c.name());
                yield new ParamExpr(slot.index(), slot.type());
            }
            case Expr.FieldSelection f -> fieldSelection(f);
            case Expr.ColumnRef c -> {
                BoundExpr special = c.qualifier() == null && !scope.has(c) ? FunctionBinding.keywordValue(c.name()) : null;
                yield special != null ? special : column(c);
            }
            case Expr.Unary u -> unary(u);
            case Expr.Binary b -> binary(b);
            case Expr.IsNull n -> isNull(n);
            case Expr.IsBoolean b -> new IsBooleanExpr(condition(b.operand(), "IS " + (b.value() ? "TRUE" : "FALSE")),
                    b.value(), b.negated());
            case Expr.Between b -> between(b);
            case Expr.InList in -> inList(in);
            case Expr.Like l -> like(l);
            case Expr.Cast c -> cast(c);
            case Expr.Case c -> caseExpr(c);
            case Expr.FunctionCall f -> function(f);
            case Expr.NamedArgument n -> throw error(SqlState.SYNTAX_ERROR, "named argument " + n.name()
                    + " outside a function call", n.pos());
            case Expr.Subquery s -> scalarSubquery(s);
            case Expr.Exists x -> {
                SubPlan p = subPlan(subquery(x.query()));
                if (decorrelating()) {
                    binder.decorrelated(p, new SubqueryDecorrelation(binder, this).exists(x.query(), p, scope));
                }
                yield new ExistsExpr(p, IndexProbes.exists(p));
            }
            case Expr.InSubquery in -> inSubquery(in);
            case Expr.IsDistinctFrom d -> {
                BoundExpr[] sides = bindPair(d.left(), d.right());
                SqlType common = Casts.common(sides[0].type(), sides[1].type());
                if (common == null) {
                    throw error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + sides[0].type().displayName()
                            + " = " + sides[1].type().displayName(), d.pos());
                }
                if (common.kind() == TypeKind.UNKNOWN) {
                    common = SqlType.TEXT;
                }
                yield new FunctionExpr(d.negated() ? ScalarFunction.NOT_DISTINCT_FROM : ScalarFunction.DISTINCT_FROM,
                        List.of(coerce(sides[0], common, d.left().pos()), coerce(sides[1], common, d.right().pos())),
                        SqlType.BOOLEAN);
            }
            case Expr.RegexMatch r -> {
                BoundExpr value = bind(r.value(), SqlType.TEXT);
                BoundExpr pattern = bind(r.pattern(), SqlType.TEXT);
                if (!isTextLike(value.type()) || !isTextLike(pattern.type())) {
                    throw error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + value.type().displayName()
                            + " " + (r.negated() ? "!" : "") + (r.caseInsensitive() ? "~*" : "~") + " "
                            + pattern.type().displayName(), r.pos());
                }
                BoundExpr match = new FunctionExpr(r.caseInsensitive() ? ScalarFunction.REGEX_MATCHES_CI
                        : ScalarFunction.REGEX_MATCHES, List.of(coerce(value, SqlType.TEXT, r.value().pos()),
                        coerce(pattern, SqlType.TEXT, r.pattern().pos())), SqlType.BOOLEAN);
                yield r.negated() ? new NotExpr(match) : match;
            }
            case Expr.ArrayConstructor a -> ContainerBinding.arrayConstructor(this, a, hint);
            case Expr.Subscript s -> ContainerBinding.subscript(this, s);
            case Expr.Quantified q -> ContainerBinding.quantified(this, q);
            case Expr.ArraySubquery a -> arraySubquery(a);
        };
    }

    // ---- Names and subqueries -------------------------------------------------------------------

    /** A column of this query's FROM, else of the nearest enclosing query that has it. */
    private BoundExpr column(Expr.ColumnRef ref) {
        if (ref.qualifier() == null && !inAnyScope(ref)) {
            BoundExpr keyword = SystemFunctions.keyword(ref.name(), binder.system());
            if (keyword != null) {
                return keyword;
            }
            Scope.Entry whole = scope.entry(ref.name());
            if (whole != null) {
                return wholeRowValue(whole, ref);   // SELECT t FROM t: the row as a record
            }
        }
        if (outer == null || scope.has(ref)) {
            BoundExpr viewColumn = scope.overlaid(ref, sql);   // UPDATE/DELETE through a view
            if (viewColumn != null) {
                return viewColumn;
            }
            BoundExpr c = scope.resolve(ref, sql);
            if (c instanceof ColumnExpr col) {
                binder.noteColumnUse(ref, scope, col);   // when recording a view's uses (a column renamed, dropped)
            }
            return c instanceof ColumnExpr col ? SetReturningFunction.scalarValue(scope, col) : c;
        }
        int levelsUp = 0;
        for (ExprBinder o = outer; o != null; o = o.outer, levelsUp++) {
            if (o.scope.has(ref)) {
                ColumnExpr c = o.columnForSubquery(ref);
                return new OuterColumnExpr(levelsUp, c.index(), c.type(), c.table(), c.name(), c.nullable(), c.alias());
            }
        }
        return scope.resolve(ref, sql);   // reports the column or table as missing
    }

    /**
     * A column of a table whose primary key is grouped on (every key column in GROUP BY): one value
     * per group, so PostgreSQL allows it (functional dependency, {@code GROUP BY u.id} then
     * {@code u.name}); read as that value through an aggregate (min of equal values). Null when the
     * column's table is not grouped by its key (or the query groups by grouping sets).
     */
    private BoundExpr functionallyDependent(ColumnExpr column) {
        if (grouping.sets != null) {
            return null;
        }
        for (Scope.Entry e : scope.entries()) {
            int width = e.table().columns().size();
            if (column.index() < e.offset() || column.index() >= e.offset() + width) {
                continue;
            }
            int[] key = e.source() == null ? e.table().primaryKey() : new int[0];
            if (key.length == 0) {
                return null;
            }
            for (int k : key) {
                int slot = e.offset() + k;
                if (grouping.groups.stream().noneMatch(g -> g instanceof ColumnExpr c && c.index() == slot)) {
                    return null;
                }
            }
            AggregateCall call = new AggregateCall(AggregateFunction.MIN, column, false, column.type(), null, false, null);
            int index = grouping.aggregates.indexOf(call);
            if (index < 0) {
                grouping.aggregates.add(call);
                index = grouping.aggregates.size() - 1;
            }
            return new ColumnExpr(grouping.groups.size() + index, column.type(), column.table(), column.name(),
                    column.nullable(), column.alias());
        }
        return null;
    }

    /**
     * A FROM item's whole row as a record of its columns, named as they are; a function of one
     * column ({@code SELECT e FROM jsonb_array_elements(j) e}) gives that column, as in PostgreSQL.
     */
    private BoundExpr wholeRowValue(Scope.Entry entry, Expr.ColumnRef ref) {
        if (entry.table().columns().size() == 1 && (entry.source() instanceof io.kyrodb.engine.exec.UnnestNode
                || entry.source() instanceof io.kyrodb.engine.exec.GenerateSeriesNode)) {
            return bind(new Expr.ColumnRef(ref.pos(), entry.alias(), entry.table().columns().get(0).name()), null);
        }
        List<String> names = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (io.kyrodb.engine.catalog.Column c : entry.table().columns()) {
            names.add(c.name());
            values.add(bind(new Expr.ColumnRef(ref.pos(), entry.alias(), c.name()), null));
        }
        return nullWhenExtended(entry, new BuiltinExpr(new io.kyrodb.engine.expr.RowConstructor(List.copyOf(names)),
                List.copyOf(values), SqlType.RECORD), values);
    }

    /**
     * {@code x IS [NOT] NULL}; on a whole-row reference ({@code t IS NULL}) as PostgreSQL tests a
     * row: IS NULL when every column is NULL, IS NOT NULL when none is (so {@code (1,)} is neither,
     * and an outer join's null-extended row IS NULL).
     */
    private BoundExpr isNull(Expr.IsNull n) {
        if (n.operand() instanceof Expr.ColumnRef ref && ref.qualifier() == null && !inAnyScope(ref)
                && SystemFunctions.keyword(ref.name(), binder.system()) == null) {
            Scope.Entry whole = scope.entry(ref.name());
            if (whole != null && !(whole.table().columns().size() == 1
                    && (whole.source() instanceof io.kyrodb.engine.exec.UnnestNode
                    || whole.source() instanceof io.kyrodb.engine.exec.GenerateSeriesNode))) {
                BoundExpr all = null;
                for (io.kyrodb.engine.catalog.Column c : whole.table().columns()) {
                    BoundExpr test = new IsNullExpr(bind(new Expr.ColumnRef(ref.pos(), whole.alias(), c.name()), null),
                            n.negated());
                    all = all == null ? test : new io.kyrodb.engine.expr.LogicalExpr(true, all, test);
                }
                if (all != null) {
                    return all;
                }
            }
        }
        return new IsNullExpr(bind(n.operand(), null), n.negated());
    }

    /**
     * {@code whole}, a value made of FROM item {@code entry}'s columns {@code values} (its record, its
     * JSON object): on an outer join's null-extended side it is NULL, not made of NULLs (PostgreSQL:
     * count(c.*) counts matches, row_to_json(c) is NULL), told apart by a NOT NULL column, else by
     * every column being NULL.
     */
    BoundExpr nullWhenExtended(Scope.Entry entry, BoundExpr whole, List<BoundExpr> values) {
        if (!scope.isNullExtended(entry)) {
            return whole;
        }
        List<BoundExpr> markers = new ArrayList<>();
        markers.add(whole);
        Integer matched = scope.matchMarker(entry);
        if (matched != null) {   // no NOT NULL column: the join's marker slot
            markers.add(new ColumnExpr(matched, SqlType.BOOLEAN, "", "", true));
            return new BuiltinExpr(io.kyrodb.engine.expr.ExtraFunction.ROW_UNLESS_NULL_EXTENDED, List.copyOf(markers),
                    whole.type());
        }
        for (int i = 0; i < entry.table().columns().size(); i++) {
            if (entry.table().columns().get(i).notNull()) {
                markers.add(values.get(i));
                break;
            }
        }
        if (markers.size() == 1) {
            markers.addAll(values);
        }
        return new BuiltinExpr(io.kyrodb.engine.expr.ExtraFunction.ROW_UNLESS_NULL_EXTENDED, List.copyOf(markers),
                whole.type());
    }

    /**
     * {@code (record).field}: the field's own expression, for a record whose fields are known when
     * it is bound (ROW(...), a FROM item's whole row, jsonb_populate_record, a SQL function's
     * composite result). 42809 on a value that is not a record, 42703 for a field it lacks;
     * {@code (record).*} outside a select list is 42601 (the select list expands it).
     */
    private BoundExpr fieldSelection(Expr.FieldSelection f) {
        if (f.field() == null) {
            throw error(SqlState.SYNTAX_ERROR, "row expansion via \"*\" is not supported here", f.pos());
        }
        List<String> names = new ArrayList<>();
        List<BoundExpr> fields = recordFields(f.record(), names);
        int i = names.indexOf(f.field());
        if (i < 0) {
            throw error(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + f.field()
                    + "\" in record data type", f.pos());
        }
        return fields.get(i);
    }

    /** The fields of a record-valued expression (their names into {@code names}); 42809 when it is no record. */
    List<BoundExpr> recordFields(Expr record, List<String> names) {
        BoundExpr value = bind(record, null);
        if (value instanceof BuiltinExpr b && b.function() instanceof RowConstructor row) {
            names.addAll(row.names());
            return b.arguments();
        }
        if (value.type().kind() != TypeKind.RECORD) {
            throw error(SqlState.WRONG_OBJECT_TYPE, "column notation applied to type " + value.type().displayName()
                    + ", which is not a composite type", record.pos());
        }
        if (value instanceof io.kyrodb.engine.expr.UserFunctionExpr call && call.function().outParameters()
                && call.function().tableColumns().size() > 1) {   // a PL/pgSQL function's OUT parameters
            List<BoundExpr> fields = new ArrayList<>();
            List<io.kyrodb.engine.catalog.Column> columns = call.function().tableColumns();
            for (int i = 0; i < columns.size(); i++) {
                names.add(columns.get(i).name());
                fields.add(new BuiltinExpr(io.kyrodb.engine.expr.ExtraFunction.RECORD_FIELD,
                        List.of(value, new ConstExpr(i, SqlType.INTEGER)), columns.get(i).type()));
            }
            return fields;
        }
        throw error(SqlState.UNDEFINED_COLUMN, "could not identify the columns of a record of this kind", record.pos());
    }

    /** {@code ROW(a, b)} / {@code (a, b)} as a value: a record of fields f1, f2, ... (untyped literals as text). */
    private BoundExpr rowValue(Expr.FunctionCall f, List<BoundExpr> args) {
        List<BoundExpr> fields = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            BoundExpr a = args.get(i);
            fields.add(a.type().kind() == TypeKind.UNKNOWN ? coerce(a, SqlType.TEXT, f.arguments().get(i).pos()) : a);
        }
        return new BuiltinExpr(new io.kyrodb.engine.expr.RowConstructor(
                io.kyrodb.engine.types.SqlRecord.anonymousNames(fields.size())), List.copyOf(fields), SqlType.RECORD);
    }

    /** {@code jsonb_populate_record(NULL::t, j)} as a value: a record of {@code t}'s columns read from {@code j}'s members. */
    private BoundExpr populateRecord(Expr.FunctionCall f) {
        io.kyrodb.engine.catalog.Table table = SetReturningFunction.populateBase(binder, f.arguments().get(0));
        SqlType docType = f.name().startsWith("json_") ? SqlType.JSON : SqlType.JSONB;
        BoundExpr doc = bind(f.arguments().get(1), docType);
        if (doc.type().kind() != docType.kind() && doc.type().kind() != TypeKind.UNKNOWN) {
            throw error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + table.name() + ", "
                    + doc.type().displayName() + ") does not exist", f.pos());
        }
        doc = coerce(doc, docType, f.arguments().get(1).pos());
        List<String> names = new ArrayList<>();
        List<BoundExpr> fields = new ArrayList<>();
        for (io.kyrodb.engine.catalog.Column c : table.columns()) {
            names.add(c.name());
            fields.add(new BuiltinExpr(new JsonToRecord(f.name(), c.name(), c.type(), false, true), List.of(doc),
                    c.type()));
        }
        return new BuiltinExpr(new RowConstructor(List.copyOf(names)), List.copyOf(fields), SqlType.RECORD);
    }

    /** The FROM item (of this query) an unqualified name stands for as a whole row, when no column has that name. */
    Scope.Entry wholeRow(Expr e) {
        return e instanceof Expr.ColumnRef ref && ref.qualifier() == null && !inAnyScope(ref) ? scope.entry(ref.name()) : null;
    }

    private boolean inAnyScope(Expr.ColumnRef ref) {
        for (ExprBinder b = this; b != null; b = b.outer) {
            if (b.scope.has(ref)) {
                return true;
            }
        }
        return false;
    }

    /** The column a subquery of this binder's expressions reads: above a GROUP BY, a grouping column. */
    private ColumnExpr columnForSubquery(Expr.ColumnRef ref) {
        BoundExpr viewColumn = scope.overlaid(ref, sql);
        if (viewColumn != null && !(viewColumn instanceof ColumnExpr)) {
            throw error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "a subquery cannot read computed view column \""
                    + ref.name() + "\" of the view being written", ref.pos());
        }
        ColumnExpr c = viewColumn != null ? (ColumnExpr) viewColumn : scope.resolve(ref, sql);
        binder.noteColumnUse(ref, scope, c);
        if (grouping == null) {
            return c;
        }
        int i = grouping.groups.indexOf(c);
        if (i < 0) {
            throw error(SqlState.GROUPING_ERROR, "subquery uses ungrouped column \"" + c.table() + "." + c.name()
                    + "\" from outer query", ref.pos());
        }
        return new ColumnExpr(i, c.type(), c.table(), c.name(), c.nullable(), c.alias());
    }

    private QueryPlan subquery(Statement.Query query) {
        return SetOperationBinder.bind(binder, query, this);
    }

    private static SubPlan subPlan(QueryPlan plan) {
        return new SubPlan(plan.root(), Correlation.outerRefs(plan.root()));
    }

    private BoundExpr scalarSubquery(Expr.Subquery s) {
        QueryPlan plan = subquery(s.query());
        if (plan.columns().size() != 1) {
            throw error(SqlState.SYNTAX_ERROR, "subquery must return only one column, not " + plan.columns().size(),
                    s.pos());
        }
        SubPlan p = subPlan(plan);
        if (decorrelating() && p.correlated()) {
            binder.decorrelated(p, new SubqueryDecorrelation(binder, this).scalar(s.query(), p, scope));
        }
        return new ScalarSubqueryExpr(p, plan.columns().get(0).type(), IndexProbes.count(p));
    }

    /**
     * Whether a subquery bound here may be decorrelated: one in a WHERE clause (not above a GROUP
     * BY), with the rule on. The rule uses it only if it is one of the WHERE's ANDed parts.
     */
    private boolean decorrelating() {
        return "WHERE".equals(clause) && grouping == null && windowing == null
                && io.kyrodb.engine.plan.rules.RewriteRules.DECORRELATION.enabled(binder.options());
    }

    private BoundExpr arraySubquery(Expr.ArraySubquery a) {
        QueryPlan plan = subquery(a.query());
        if (plan.columns().size() != 1) {
            throw error(SqlState.SYNTAX_ERROR, "subquery must return only one column, not " + plan.columns().size(),
                    a.pos());
        }
        SqlType element = plan.columns().get(0).type();
        if (element.isArray()) {
            throw error(SqlState.SYNTAX_ERROR, "a subquery of arrays makes a multidimensional array, which is not"
                    + " supported", a.pos());
        }
        return new ArraySubqueryExpr(subPlan(plan), SqlType.arrayOf(element.kind() == TypeKind.UNKNOWN ? SqlType.TEXT
                : element));
    }

    private BoundExpr inSubquery(Expr.InSubquery in) {
        QueryPlan plan = subquery(in.query());
        if (plan.columns().size() != 1) {
            throw error(SqlState.SYNTAX_ERROR, "subquery has too many columns (" + plan.columns().size()
                    + "; IN wants one)", in.pos());
        }
        SqlType elementType = plan.columns().get(0).type();
        BoundExpr value = bind(in.value(), elementType);
        SqlType common = Casts.common(value.type(), elementType);
        if (common == null) {
            throw error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + value.type().displayName()
                    + " = " + elementType.displayName(), in.pos());
        }
        BoundExpr element = coerce(new ColumnExpr(0, elementType, "", "", true), common, in.pos());
        BoundExpr coerced = coerce(value, common, in.value().pos());
        SubPlan p = subPlan(plan);
        if (decorrelating()) {
            binder.decorrelated(p, new SubqueryDecorrelation(binder, this).in(p, coerced, element, plan, scope));
        }
        return new InSubqueryExpr(coerced, p, element, in.negated());
    }

    private BoundExpr tryBase(Expr e) {
        try {
            return grouping.base.bind(e, null);
        } catch (KyroException notGroupable) {
            return null;
        }
    }

    /** Binds a condition (WHERE, AND operands...) and checks it is boolean. */
    BoundExpr condition(Expr e, String what) {
        BoundExpr b = bind(e, SqlType.BOOLEAN);
        if (b.type().kind() == TypeKind.UNKNOWN) {
            return new CastExpr(b, SqlType.BOOLEAN, false);
        }
        if (b.type().kind() != TypeKind.BOOLEAN) {
            throw error(SqlState.DATATYPE_MISMATCH, "argument of " + what + " must be type boolean, not type "
                    + b.type().displayName(), e.pos());
        }
        return b;
    }

    // ---- Literals -------------------------------------------------------------------------------

    private BoundExpr literal(Expr.Literal l, SqlType hint) {
        return switch (l.kind()) {
            case NULL -> new ConstExpr(null, hint == null ? SqlType.UNKNOWN : hint);
            case BOOLEAN -> new ConstExpr(l.value(), SqlType.BOOLEAN);
            case INTEGER -> {
                BigInteger v = new BigInteger((String) l.value());
                if (v.bitLength() <= 31) {
                    yield new ConstExpr(v.intValue(), SqlType.INTEGER);
                }
                if (v.bitLength() <= 63) {
                    yield new ConstExpr(v.longValue(), SqlType.BIGINT);
                }
                yield new ConstExpr(new java.math.BigDecimal(v), SqlType.NUMERIC);   // as Postgres: numeric
            }
            case DECIMAL -> new ConstExpr(io.kyrodb.engine.types.Numerics.normalize(
                    new java.math.BigDecimal((String) l.value())), SqlType.NUMERIC);
            case STRING -> {
                // An untyped string literal takes the type its context wants, as in Postgres.
                if (hint == null || hint.kind() == TypeKind.UNKNOWN) {
                    yield new ConstExpr(l.value(), SqlType.UNKNOWN);
                }
                try {
                    yield new ConstExpr(Values.parse((String) l.value(), hint.kind().isText() ? SqlType.TEXT : hint),
                            hint.kind().isText() ? SqlType.TEXT : hint);
                } catch (KyroException bad) {
                    throw error(bad.state(), bad.getMessage(), l.pos());
                }
            }
        };
    }

    // ---- Operators ------------------------------------------------------------------------------

    private BoundExpr unary(Expr.Unary u) {
        if (u.op() == Expr.UnaryOp.NOT) {
            return new NotExpr(condition(u.operand(), "NOT"));
        }
        BoundExpr operand = bind(u.operand(), null);
        if (u.op() == Expr.UnaryOp.BIT_NOT) {
            return BitwiseOperators.not(this, u, operand);
        }
        if (operand.type().kind() == TypeKind.UNKNOWN) {
            operand = coerce(operand, SqlType.DOUBLE, u.operand().pos());
        }
        if (!operand.type().kind().isNumeric()) {
            throw error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + (u.op() == Expr.UnaryOp.NEGATE ? "-" : "+")
                    + " " + operand.type().displayName(), u.pos());
        }
        return u.op() == Expr.UnaryOp.NEGATE ? new NegateExpr(operand) : operand;
    }

    private BoundExpr binary(Expr.Binary b) {
        if (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR) {
            return new LogicalExpr(b.op() == BinaryOp.AND, condition(b.left(), b.op().name()),
                    condition(b.right(), b.op().name()));
        }
        if (b.op().isContainerOperator()) {
            return ContainerBinding.operator(this, b);
        }
        if (b.op() == BinaryOp.POWER) {   // x ^ y is power(x, y): double precision, or numeric for numerics
            return function(new Expr.FunctionCall(b.pos(), "power", List.of(b.left(), b.right()), false, false));
        }
        BoundExpr[] sides = bindPair(b.left(), b.right(),
                b.op().isArithmetic() || b.op() == BinaryOp.CONCAT ? b.op() : null);
        BoundExpr left = sides[0];
        BoundExpr right = sides[1];
        if (RangeBinding.applies(b.op(), left, right)) {
            return RangeBinding.operator(this, b, left, right);
        }
        if (b.op().isBitwise()) {
            return BitwiseOperators.binary(this, b, left, right);
        }
        if (b.op().isBitDistance()) {
            return VectorBinding.bitDistance(this, b, left, right);
        }
        if (VectorBinding.isVector(left, right) && !b.op().isComparison() && !b.op().isVectorDistance()) {
            BoundExpr vector = VectorBinding.arithmetic(this, b, left, right);
            if (vector == null) {
                throw operatorDoesNotExist(b, left, right);
            }
            return vector;
        }
        BoundExpr container = b.op() == BinaryOp.CONCAT ? ContainerBinding.concat(this, b, left, right) : null;
        if (container != null) {
            return container;
        }
        if (b.op() == BinaryOp.SUBTRACT && left.type().kind() == TypeKind.JSONB) {
            return JsonbBinding.minus(this, b, left, right);
        }
        if (b.op() == BinaryOp.CONCAT) {
            if (!isTextLike(left.type()) && !isTextLike(right.type())) {
                throw operatorDoesNotExist(b, left, right);
            }
            return new ConcatExpr(left, right);
        }
        if (b.op().isVectorDistance()) {
            return VectorBinding.distance(this, b, left, right);
        }
        if (b.op().isArithmetic() && (DateTimeBinding.isTemporal(left.type()) || DateTimeBinding.isTemporal(right.type()))) {
            BoundExpr temporal = DateTimeBinding.arithmetic(this, b, left, right);
            if (temporal == null) {
                throw operatorDoesNotExist(b, left, right);
            }
            return temporal;
        }
        if (b.op().isComparison() && left.type().blankPadded() != right.type().blankPadded()) {
            // character(n) = 'literal' compares as character(n), so trailing spaces do not count (PostgreSQL)
            if (left.type().blankPadded() && isUntypedAst(b.right())) {
                right = asCharacter(right, left.type(), b.right());
            } else if (right.type().blankPadded() && isUntypedAst(b.left())) {
                left = asCharacter(left, right.type(), b.left());
            }
        }
        SqlType common = VectorBinding.isVector(left, right) ? VectorBinding.comparable(left, right)
                : Casts.common(left.type(), right.type());
        if (b.op().isArithmetic()) {
            if (common == null || !common.kind().isNumeric()) {
                if (common != null && common.kind() == TypeKind.TEXT && (isUntyped(left) || isUntyped(right))) {
                    common = SqlType.DOUBLE;
                } else {
                    throw operatorDoesNotExist(b, left, right);
                }
            }
            if (b.op() == BinaryOp.MODULO && common.kind().isFloat()) {
                throw operatorDoesNotExist(b, left, right);
            }
            return new ArithmeticExpr(b.op(), coerce(left, common, b.left().pos()), coerce(right, common, b.right().pos()),
                    common);
        }
        if (common == null) {
            throw operatorDoesNotExist(b, left, right);
        }
        return new CompareExpr(b.op(), coerce(left, common, b.left().pos()), coerce(right, common, b.right().pos()));
    }

    /**
     * An untyped operand ({@code e}, from {@code ast}) compared with a {@code character(n)} value:
     * as that type when it fits (so an index on the column serves it), else as {@code bpchar} of
     * any length, so a longer literal compares unequal instead of failing with 22001 (PostgreSQL
     * compares them as bpchar too).
     */
    private BoundExpr asCharacter(BoundExpr e, SqlType character, Expr ast) {
        String text = ast instanceof Expr.Literal lit && lit.value() instanceof String s ? s.replaceAll(" +$", "") : null;
        if (text != null && character.charLength() > 0 && text.codePointCount(0, text.length()) > character.charLength()) {
            return coerce(e, SqlType.bpchar(0), ast.pos());
        }
        return coerce(e, character, ast.pos());
    }

    /** Binds two operands so that an untyped side (NULL, '...', ?) takes the other side's type. */
    private BoundExpr[] bindPair(Expr l, Expr r) {
        return bindPair(l, r, null);
    }

    /** As above; for an arithmetic {@code op} the untyped side's type follows the operator ({@code ts + '1 day'}). */
    private BoundExpr[] bindPair(Expr l, Expr r, BinaryOp op) {
        if (isUntypedAst(l) && !isUntypedAst(r)) {
            BoundExpr right = bind(r, null);
            return new BoundExpr[]{bind(l, op == null ? right.type() : DateTimeBinding.untypedHint(op, right.type())), right};
        }
        BoundExpr left = bind(l, null);
        return new BoundExpr[]{left, bind(r, op == null ? left.type() : DateTimeBinding.untypedHint(op, left.type()))};
    }

    private static boolean isUntypedAst(Expr e) {
        return e instanceof Expr.Parameter
                || (e instanceof Expr.Literal lit && (lit.kind() == Expr.LiteralKind.STRING || lit.kind() == Expr.LiteralKind.NULL));
    }

    private static boolean isUntyped(BoundExpr e) {
        return e.type().kind() == TypeKind.UNKNOWN;
    }

    private static boolean isTextLike(SqlType t) {
        return t.kind().isText() || t.kind() == TypeKind.UNKNOWN;
    }

    /** Converts {@code e} to {@code target}, folding constants (so bad literals fail at bind time with a position). */
    BoundExpr coerce(BoundExpr e, SqlType target, Pos pos) {
        if (e.type().equals(target) || target.kind() == TypeKind.UNKNOWN
                || (target.kind().isPgvector() && target.length() == 0 && e.type().kind() == target.kind())
                || (target.equals(SqlType.VARBIT) && e.type().kind() == TypeKind.BIT)) {
            return e;
        }
        if (e instanceof ConstExpr c) {
            try {
                return new ConstExpr(Casts.convert(c.value(), target, false), target);
            } catch (KyroException bad) {
                throw error(bad.state(), bad.getMessage(), pos);
            }
        }
        if (e.type().kind().isText() && target.kind().isText()
                && !(target.kind() == TypeKind.VARCHAR && target.length() > 0)) {
            return e;
        }
        return new CastExpr(e, target, false);
    }

    private BoundExpr between(Expr.Between b) {
        BoundExpr low = binary(new Expr.Binary(b.pos(), BinaryOp.GE, b.value(), b.low()));
        BoundExpr high = binary(new Expr.Binary(b.pos(), BinaryOp.LE, b.value(), b.high()));
        BoundExpr both = new LogicalExpr(true, low, high);
        return b.negated() ? new NotExpr(both) : both;
    }

    private BoundExpr inList(Expr.InList in) {
        BoundExpr value = bind(in.value(), null);
        List<BoundExpr> items = new ArrayList<>();
        SqlType common = value.type();
        for (Expr item : in.list()) {
            BoundExpr b = bind(item, value.type());
            if (value.type().blankPadded() && isUntypedAst(item)) {
                b = asCharacter(b, value.type(), item);   // 'ab' IN ('ab  ') as character, as = compares
            }
            SqlType c = Casts.common(common, b.type());
            if (c == null) {
                throw error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + value.type().displayName()
                        + " = " + b.type().displayName(), item.pos());
            }
            common = c;
            items.add(b);
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            coerced.add(coerce(items.get(i), common, in.list().get(i).pos()));
        }
        return new InListExpr(coerce(value, common, in.value().pos()), coerced, in.negated());
    }

    private BoundExpr like(Expr.Like l) {
        BoundExpr value = bind(l.value(), SqlType.TEXT);
        BoundExpr pattern = bind(l.pattern(), SqlType.TEXT);
        if (!isTextLike(value.type()) || !isTextLike(pattern.type())) {
            throw error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + value.type().displayName()
                    + (l.caseInsensitive() ? " ~~* " : " ~~ ") + pattern.type().displayName(), l.pos());
        }
        BoundExpr escape = null;
        if (l.escape() != null) {
            escape = bind(l.escape(), SqlType.TEXT);
            if (!isTextLike(escape.type())) {
                throw error(SqlState.UNDEFINED_FUNCTION, "function like_escape(text, " + escape.type().displayName()
                        + ") does not exist", l.escape().pos());
            }
            escape = coerce(escape, SqlType.TEXT, l.escape().pos());
        }
        // a character(n) value is matched padded, as PostgreSQL's bpcharlike does ('ab'::char(4) LIKE 'ab' is false)
        value = io.kyrodb.engine.expr.ExtraFunction.padded(value);
        return new LikeExpr(coerce(value, SqlType.TEXT, l.value().pos()), coerce(pattern, SqlType.TEXT, l.pattern().pos()),
                l.caseInsensitive(), l.negated(), escape);
    }

    private BoundExpr cast(Expr.Cast c) {
        SqlType target = binder.resolveType(c.type());
        if (c.operand() instanceof Expr.Parameter p) {
            parameters.castTarget(p.index(), target);   // PREPARE p AS SELECT $1::int: $1 is an integer
        }
        if (target.domain() != null) {   // x::domain: a cast to its base type, then the domain's constraints
            io.kyrodb.engine.types.DomainType d = target.domain();
            BoundExpr base = cast(new Expr.Cast(c.pos(), c.operand(), c.type()), target.base());
            return DomainCheck.wrap(binder, d, base);
        }
        return cast(c, target);
    }

    private BoundExpr cast(Expr.Cast c, SqlType target) {
        // ARRAY[]::integer[]: an array constructor takes its element type from the cast
        BoundExpr operand = bind(c.operand(), c.operand() instanceof Expr.ArrayConstructor ? target : null);
        if (target.kind() == TypeKind.REGCLASS && operand.type().kind() != TypeKind.REGCLASS) {
            return regclass(operand, c);
        }
        if (target.kind().isObjectIdentifier() && operand.type().kind() != target.kind()) {
            return regObject(operand, target, c);
        }
        if (operand.type().kind() != TypeKind.UNKNOWN && !Casts.explicit(operand.type(), target)) {
            throw error(SqlState.CANNOT_COERCE, "cannot cast type " + operand.type().displayName() + " to "
                    + target.displayName(), c.pos());
        }
        if (operand instanceof ConstExpr k) {
            try {
                return new ConstExpr(Casts.convert(k.value(), target, true), target);
            } catch (KyroException bad) {
                throw error(bad.state(), bad.getMessage(), c.operand().pos());
            }
        }
        return new CastExpr(operand, target, true);
    }

    /** {@code x::regclass}: a text names a relation along the search_path (42P01 if none), an integer is its OID. */
    private BoundExpr regclass(BoundExpr operand, Expr.Cast c) {
        TypeKind k = operand.type().kind();
        if (k != TypeKind.UNKNOWN && !k.isText() && !k.isInteger()) {
            throw error(SqlState.CANNOT_COERCE, "cannot cast type " + operand.type().displayName() + " to regclass",
                    c.pos());
        }
        if (operand instanceof ConstExpr constant) {
            try {
                return new ConstExpr(io.kyrodb.engine.catalog.system.RegClasses.of(binder.system(), constant.value()),
                        SqlType.REGCLASS);
            } catch (KyroException bad) {
                throw error(bad.state(), bad.getMessage(), c.operand().pos());
            }
        }
        return new io.kyrodb.engine.expr.CatalogFunctionExpr(io.kyrodb.engine.expr.CatalogFunction.REGCLASS,
                List.of(operand), SqlType.REGCLASS, binder.system());
    }

    /** {@code x::regtype}, {@code ::regproc}, {@code ::regnamespace}: a name or an OID ({@link io.kyrodb.engine.catalog.system.RegObjects}). */
    private BoundExpr regObject(BoundExpr operand, SqlType target, Expr.Cast c) {
        TypeKind k = operand.type().kind();
        if (k != TypeKind.UNKNOWN && !k.isText() && !k.isInteger()) {
            throw error(SqlState.CANNOT_COERCE, "cannot cast type " + operand.type().displayName() + " to "
                    + target.displayName(), c.pos());
        }
        if (operand instanceof ConstExpr constant) {
            try {
                return new ConstExpr(io.kyrodb.engine.catalog.system.RegObjects.of(binder.system(), target.kind(),
                        constant.value()), target);
            } catch (KyroException bad) {
                throw error(bad.state(), bad.getMessage(), c.operand().pos());
            }
        }
        io.kyrodb.engine.expr.CatalogFunction fn = switch (target.kind()) {
            case REGTYPE -> io.kyrodb.engine.expr.CatalogFunction.REGTYPE;
            case REGPROC -> io.kyrodb.engine.expr.CatalogFunction.REGPROC;
            default -> io.kyrodb.engine.expr.CatalogFunction.REGNAMESPACE;
        };
        return new io.kyrodb.engine.expr.CatalogFunctionExpr(fn, List.of(operand), target, binder.system());
    }

    private BoundExpr caseExpr(Expr.Case c) {
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        for (Expr.When w : c.whens()) {
            Expr condition = c.operand() == null ? w.condition()
                    : new Expr.Binary(w.condition().pos(), BinaryOp.EQ, c.operand(), w.condition());
            conditions.add(condition(condition, "CASE/WHEN"));
            results.add(bind(w.result(), null));
        }
        BoundExpr otherwise = c.elseResult() == null ? null : bind(c.elseResult(), null);
        SqlType type = SqlType.UNKNOWN;
        List<BoundExpr> all = new ArrayList<>(results);
        if (otherwise != null) {
            all.add(otherwise);
        }
        for (BoundExpr r : all) {
            SqlType t = Casts.common(type, r.type());
            if (t == null) {
                throw error(SqlState.DATATYPE_MISMATCH, "CASE types " + type.displayName() + " and "
                        + r.type().displayName() + " cannot be matched", c.pos());
            }
            type = t;
        }
        if (type.kind() == TypeKind.UNKNOWN) {
            type = SqlType.TEXT;
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            coerced.add(coerce(results.get(i), type, c.whens().get(i).result().pos()));
        }
        return new CaseExpr(conditions, coerced, otherwise == null ? null : coerce(otherwise, type, c.elseResult().pos()),
                type);
    }

    // ---- Functions ------------------------------------------------------------------------------

    static boolean isAggregate(String name) {
        return switch (name) {
            case "count", "sum", "min", "max", "avg", "array_agg", "bool_and", "bool_or", "every", "string_agg" -> true;
            default -> JsonAggregates.isJsonAggregate(name) || AggregateFunction.ofName(name) != null;
        };
    }

    private BoundExpr function(Expr.FunctionCall written) {
        BoundExpr user = UserFunctionCalls.call(binder, this, written);   // CREATE FUNCTION's, by name first
        if (user != null) {
            return user;
        }
        Expr.FunctionCall call = NamedArguments.positional(this, written);   // f(a => 1): in parameter order
        if (call == written) {
            return bindCall(call);
        }
        try {
            return bindCall(call);
        } catch (KyroException e) {
            if (e.state() == SqlState.UNDEFINED_FUNCTION && e.getMessage().startsWith("function " + call.name() + "(")) {
                throw NamedArguments.noSuchFunction(this, written);   // named as written: make_interval(weeks => numeric)
            }
            throw e;
        }
    }

    private BoundExpr bindCall(Expr.FunctionCall call) {
        BoundExpr row = WholeRowJson.bind(this, call);   // row_to_json(t), to_jsonb(t): a FROM item's whole row
        if (row != null) {
            return row;
        }
        Expr.FunctionCall f = WholeRowJson.aggregateArgument(this, call);
        if (f.name().equals("grouping") && f.over() == null) {
            if (grouping == null) {
                throw error(SqlState.GROUPING_ERROR, "grouping operations are not allowed in " + clause, f.pos());
            }
            return GroupingSetPlanning.groupingFunction(this, grouping, f);
        }
        if (f.over() != null) {
            if (windowing == null) {
                throw error(SqlState.WINDOWING_ERROR, inWindow ? "window function calls cannot be nested"
                        : "window functions are not allowed in " + clause, f.pos());
            }
            return windowing.bind(this, f);
        }
        if (Windowing.isWindowOnly(f.name())) {
            throw error(SqlState.WRONG_OBJECT_TYPE, "window function " + f.name() + " requires an OVER clause", f.pos());
        }
        if (f.withinGroup() && (!isAggregate(f.name()) || !AggregateFunction.ofName(f.name()).isOrderedSet())) {
            throw error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " with WITHIN GROUP does not exist: "
                    + f.name() + " is not an ordered-set aggregate", f.pos());
        }
        if (!f.withinGroup() && AggregateFunction.ofName(f.name()) != null
                && AggregateFunction.ofName(f.name()).isOrderedSet()) {
            throw error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " without WITHIN GROUP does not exist:"
                    + " WITHIN GROUP is required for ordered-set aggregate " + f.name(), f.pos());
        }
        if (!f.orderBy().isEmpty() && !isAggregate(f.name())) {
            throw error(SqlState.WRONG_OBJECT_TYPE, "ORDER BY specified, but " + f.name()
                    + " is not an aggregate function", f.pos());
        }
        if (f.filter() != null && !isAggregate(f.name())) {
            throw error(SqlState.WRONG_OBJECT_TYPE, "FILTER specified, but " + f.name() + " is not an aggregate function",
                    f.pos());
        }
        if (isAggregate(f.name())) {
            return aggregate(f);
        }
        if (srfs != null && SelectListSrfs.isSetReturning(f)) {
            return srfs.bind(new ExprBinder(binder, scope, grouping, clause, outer, null, inWindow, srfs), f);
        }
        if (f.star() || f.distinct()) {
            throw error(SqlState.SYNTAX_ERROR, (f.star() ? "*" : "DISTINCT") + " specified, but " + f.name()
                    + " is not an aggregate function", f.pos());
        }
        if ((f.name().equals("jsonb_populate_record") || f.name().equals("json_populate_record"))
                && f.arguments().size() == 2) {
            return populateRecord(f);
        }
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.arguments()) {
            args.add(bind(a, null));
        }
        BoundExpr system = SystemFunctions.call(this, f, args, binder.system(), () -> noSuchFunction(f, args));
        if (system != null) {
            return system;
        }
        BoundExpr textSearch = TextSearchBinding.call(this, f, args);
        if (textSearch != null) {
            return textSearch;
        }
        BoundExpr range = RangeBinding.call(this, f, args);
        if (range != null) {
            return range;
        }
        BoundExpr typed = ContainerBinding.call(this, f, args);   // uuid, bytea, jsonb and array functions
        if (typed != null) {
            return typed;
        }
        return switch (f.name()) {
            case "row" -> rowValue(f, args);
            case "abs" -> {
                requireArity(f, args, 1);
                BoundExpr a = args.get(0).type().kind() == TypeKind.UNKNOWN
                        ? coerce(args.get(0), SqlType.DOUBLE, f.pos()) : args.get(0);
                if (!a.type().kind().isNumeric()) {
                    throw noSuchFunction(f, args);
                }
                yield new FunctionExpr(ScalarFunction.ABS, List.of(a), a.type());
            }
            case "lower", "upper", "length", "char_length", "character_length" -> {
                requireArity(f, args, 1);
                if (!isTextLike(args.get(0).type())) {
                    throw noSuchFunction(f, args);
                }
                List<BoundExpr> a = List.of(coerce(args.get(0), SqlType.TEXT, f.pos()));
                yield switch (f.name()) {
                    case "lower" -> new FunctionExpr(ScalarFunction.LOWER, a, SqlType.TEXT);
                    case "upper" -> new FunctionExpr(ScalarFunction.UPPER, a, SqlType.TEXT);
                    default -> new FunctionExpr(ScalarFunction.LENGTH, a, SqlType.INTEGER);
                };
            }
            case "coalesce", "nullif" -> {
                if (f.name().equals("nullif")) {
                    requireArity(f, args, 2);
                } else if (args.isEmpty()) {
                    throw noSuchFunction(f, args);
                }
                SqlType type = SqlType.UNKNOWN;
                for (BoundExpr a : args) {
                    SqlType t = Casts.common(type, a.type());
                    if (t == null) {
                        throw error(SqlState.DATATYPE_MISMATCH, f.name().toUpperCase(Locale.ROOT) + " types "
                                + type.displayName() + " and " + a.type().displayName() + " cannot be matched", f.pos());
                    }
                    type = t;
                }
                if (type.kind() == TypeKind.UNKNOWN) {
                    type = SqlType.TEXT;
                }
                List<BoundExpr> coerced = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    coerced.add(coerce(args.get(i), type, f.arguments().get(i).pos()));
                }
                yield new FunctionExpr(f.name().equals("nullif") ? ScalarFunction.NULLIF : ScalarFunction.COALESCE,
                        coerced, type);
            }
            case "nextval", "currval", "setval", "lastval", "pg_get_serial_sequence" -> sequenceFunction(f, args);
            default -> {
                BoundExpr builtin = FunctionBinding.call(this, f, args);
                if (builtin == null) {
                    builtin = SqlStandardFunctions.call(this, f, args);
                }
                if (builtin == null) {
                    builtin = FunctionCalls.bind(this, f, args);
                }
                if (builtin == null) {
                    builtin = UtilityCalls.call(this, f, args, () -> noSuchFunction(f, args));
                }
                if (builtin == null) {
                    builtin = SeriesBinding.call(this, f, args);   // generate_series, pgvector's by name
                }
                if (builtin != null) {
                    yield builtin;
                }
                VectorFunction vf = VectorFunction.ofName(f.name());
                if (vf == null) {
                    throw noSuchFunction(f, args);
                }
                requireArity(f, args, vf.arity());
                yield VectorBinding.call(this, vf, args, f.arguments(), () -> noSuchFunction(f, args));
            }
        };
    }

    /** nextval(text), currval(text), setval(text, bigint [, boolean]), lastval(), pg_get_serial_sequence(text, text). */
    private BoundExpr sequenceFunction(Expr.FunctionCall f, List<BoundExpr> args) {
        SequenceExpr.Function fn = SequenceExpr.Function.valueOf(f.name().toUpperCase(Locale.ROOT));
        SqlType[] params = switch (fn) {
            case NEXTVAL, CURRVAL -> new SqlType[]{SqlType.TEXT};
            case SETVAL -> args.size() == 3 ? new SqlType[]{SqlType.TEXT, SqlType.BIGINT, SqlType.BOOLEAN}
                    : new SqlType[]{SqlType.TEXT, SqlType.BIGINT};
            case LASTVAL -> new SqlType[0];
            case PG_GET_SERIAL_SEQUENCE -> new SqlType[]{SqlType.TEXT, SqlType.TEXT};
        };
        if (args.size() != params.length) {
            throw noSuchFunction(f, args);
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            BoundExpr a = args.get(i);
            boolean ok = a.type().kind() == TypeKind.UNKNOWN
                    || (params[i].kind() == TypeKind.TEXT && (isTextLike(a.type()) || a.type().kind().isObjectIdentifier()))
                    || (params[i].kind() == TypeKind.BIGINT && a.type().kind().isNumeric()
                        && a.type().kind() != TypeKind.REAL && a.type().kind() != TypeKind.DOUBLE)
                    || (params[i].kind() == TypeKind.BOOLEAN && a.type().kind() == TypeKind.BOOLEAN);
            if (!ok) {
                throw noSuchFunction(f, args);
            }
            coerced.add(coerce(a, params[i], f.arguments().get(i).pos()));
        }
        return new SequenceExpr(fn, List.copyOf(coerced), binder.catalog(), binder.searchPath());
    }

    private BoundExpr aggregate(Expr.FunctionCall f) {
        if (grouping == null) {
            throw error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + clause, f.pos());
        }
        if (JsonAggregates.isJsonAggregate(f.name())) {
            return JsonAggregates.bind(this, f, this::plainAggregate);
        }
        return plainAggregate(f);
    }

    private BoundExpr plainAggregate(Expr.FunctionCall f) {
        AggregateFunction fn = AggregateFunction.ofName(f.name());
        ExprBinder input = grouping.base.inClause("aggregate function calls");
        BoundExpr argument = null;
        SqlType argType = SqlType.UNKNOWN;
        String separator = null;
        boolean filtered = false;
        int arity = fn == AggregateFunction.STRING_AGG ? 2 : 1;
        Object parameter = null;
        boolean descending = false;
        if (StatisticAggregateBinding.handles(fn)) {
            StatisticAggregateBinding.Bound bound = StatisticAggregateBinding.bind(input, grouping.base, f, fn);
            argument = bound.argument();
            argType = bound.argumentType();
            parameter = bound.parameter();
            descending = bound.descending();
        } else if (f.star()) {
            if (fn != AggregateFunction.COUNT) {
                throw error(SqlState.SYNTAX_ERROR, f.name() + "(*) is not allowed; only count(*) takes *", f.pos());
            }
        } else {
            if (f.arguments().size() != arity) {
                throw error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " takes exactly " + arity
                        + (arity == 1 ? " argument" : " arguments") + ", got " + f.arguments().size(), f.pos());
            }
            argument = input.bind(f.arguments().get(0), null);
            if (argument.type().kind() == TypeKind.UNKNOWN) {
                argument = grouping.base.coerce(argument, switch (fn) {
                    case SUM, AVG, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> SqlType.DOUBLE;
                    case BIT_AND, BIT_OR, BIT_XOR -> SqlType.INTEGER;
                    case BOOL_AND, BOOL_OR -> SqlType.BOOLEAN;
                    default -> SqlType.TEXT;
                }, f.pos());
            }
            argType = argument.type();
            boolean fits = switch (fn) {
                case SUM, AVG -> argType.kind().isNumeric() || argType.kind() == TypeKind.INTERVAL || argType.kind().isVector();
                case BOOL_AND, BOOL_OR -> argType.kind() == TypeKind.BOOLEAN;
                case STRING_AGG -> argType.kind().isText();
                case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> argType.kind().isNumeric();
                case BIT_AND, BIT_OR, BIT_XOR -> argType.kind().isInteger();
                default -> true;
            };
            if (!fits) {
                throw error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + argType.displayName()
                        + (arity == 2 ? ", text" : "") + ") does not exist", f.pos());
            }
            if (fn == AggregateFunction.STRING_AGG) {
                argument = grouping.base.coerce(argument, SqlType.TEXT, f.pos());
                BoundExpr sep = input.bind(f.arguments().get(1), SqlType.TEXT);
                if (!(sep instanceof ConstExpr c) || !(c.value() == null || c.value() instanceof String)) {
                    throw error(sep instanceof ConstExpr ? SqlState.UNDEFINED_FUNCTION : SqlState.SYNTAX_ERROR,
                            "string_agg's delimiter must be a text constant", f.arguments().get(1).pos());
                }
                separator = (String) c.value();
            }
        }
        if (f.filter() != null) {
            // agg(x) FILTER (WHERE c) is agg(CASE WHEN c THEN x END): aggregates skip NULLs
            BoundExpr condition = input.condition(f.filter(), "FILTER");
            BoundExpr value = argument != null ? argument : new ConstExpr(1, SqlType.INTEGER);
            if (fn == AggregateFunction.ARRAY_AGG) {
                // array_agg keeps NULLs: a rejected row must differ from a NULL value
                SqlType wrapped = SqlType.arrayOf(value.type());
                value = new io.kyrodb.engine.expr.ContainerFunctionExpr(io.kyrodb.engine.expr.ContainerFunction.ARRAY_CONSTRUCT,
                        List.of(value), wrapped);
                filtered = true;
            }
            argument = new CaseExpr(List.of(condition), List.of(value), null, value.type());
        }
        List<io.kyrodb.engine.exec.SortKey> ownOrder = null;
        if (!f.orderBy().isEmpty() && !f.withinGroup()) {
            List<BoundExpr> keys = orderedAggregate(f, fn, input);
            if (keys != null && argument != null) {
                // sorted by the accumulator: the argument becomes [key..., value]
                List<BoundExpr> parts = new ArrayList<>(keys);
                parts.add(argument);
                ownOrder = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    Statement.SortItem s = f.orderBy().get(i);
                    ownOrder.add(new io.kyrodb.engine.exec.SortKey(i, s.descending(),
                            s.nullsFirst() != null ? s.nullsFirst() : s.descending()));
                }
                argument = new io.kyrodb.engine.expr.ContainerFunctionExpr(
                        io.kyrodb.engine.expr.ContainerFunction.ARRAY_CONSTRUCT, List.copyOf(parts),
                        SqlType.arrayOf(argument.type()));
                ownOrder = List.copyOf(ownOrder);
            }
        }
        SqlType type = fn.resultType(argType);
        if (parameter instanceof io.kyrodb.engine.types.SqlArray
                || parameter == io.kyrodb.engine.exec.AggregateCall.FRACTIONS_PER_ROW) {
            type = SqlType.arrayOf(type);   // percentile_cont(ARRAY[...]): one result per fraction
        }
        AggregateCall call = new AggregateCall(fn, argument, f.distinct(), type, separator, filtered, ownOrder,
                parameter, descending);
        int index = grouping.aggregates.indexOf(call);
        if (index < 0) {
            grouping.aggregates.add(call);
            index = grouping.aggregates.size() - 1;
        }
        return new ColumnExpr(grouping.groups.size() + index, call.type(), "", "", true);
    }

    /**
     * Records an aggregate's ORDER BY: the first one sorts the query's input (and so every
     * aggregate agreeing with it); another one, of an aggregate whose result depends on the order
     * (string_agg, array_agg), is returned, bound, for the aggregate to sort its own values by;
     * order-insensitive aggregates ignore theirs.
     */
    private List<BoundExpr> orderedAggregate(Expr.FunctionCall f, AggregateFunction fn, ExprBinder input) {
        List<BoundExpr> order = new ArrayList<>();
        List<io.kyrodb.engine.exec.SortKey> keys = new ArrayList<>();
        for (Statement.SortItem s : f.orderBy()) {
            order.add(input.bind(s.expr(), null));
            keys.add(new io.kyrodb.engine.exec.SortKey(keys.size(), s.descending(),
                    s.nullsFirst() != null ? s.nullsFirst() : s.descending()));
        }
        if (grouping.order.isEmpty()) {
            grouping.order = List.copyOf(order);
            grouping.orderKeys = List.copyOf(keys);
        } else if (!grouping.order.equals(order) || !grouping.orderKeys.equals(keys)) {
            if (fn != AggregateFunction.STRING_AGG && fn != AggregateFunction.ARRAY_AGG) {
                return null;   // the same result in any order
            }
            return order;   // DISTINCT too: the sorted values are fed to a DISTINCT accumulator
        }
        return null;
    }

    private void requireArity(Expr.FunctionCall f, List<BoundExpr> args, int n) {
        if (args.size() != n) {
            throw noSuchFunction(f, args);
        }
    }

    /** A session setting's value as the statement is bound (null when the binder runs without a session). */
    String setting(String name) {
        for (io.kyrodb.engine.catalog.system.SystemContext.SettingRow r : binder.system().settings().get()) {
            if (r.name().equals(name)) {
                return r.value();
            }
        }
        return null;
    }

    KyroException noSuchFunction(Expr.FunctionCall f, List<BoundExpr> args) {
        String types = String.join(", ", args.stream().map(a -> a.type().displayName()).toList());
        return error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + types + ") does not exist", f.pos());
    }

    KyroException operatorDoesNotExist(Expr.Binary b, BoundExpr l, BoundExpr r) {
        return error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + l.type().displayName() + " "
                + b.op().symbol() + " " + r.type().displayName(), b.pos());
    }

    KyroException error(SqlState state, String message, Pos pos) {
        return new KyroException(state, SourceSnippet.annotate(message, sql, pos));
    }
}
