package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.AppendNode;
import io.kyrodb.engine.exec.DistinctNode;
import io.kyrodb.engine.exec.LimitNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.exec.SetOpNode;
import io.kyrodb.engine.exec.SortKey;
import io.kyrodb.engine.exec.SortNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds UNION / INTERSECT / EXCEPT [ALL]. Both operands must have the same number of columns; each
 * column gets the common type of the two sides (42804 when there is none) and is cast to it; the
 * result takes the left operand's column names. ORDER BY (by output column name or position),
 * LIMIT and OFFSET apply to the whole operation. UNION is an append then a {@link DistinctNode},
 * INTERSECT and EXCEPT a {@link SetOpNode}: both keep within work_mem by spilling.
 */
final class SetOperationBinder {
    private final Binder binder;
    private final ExprBinder outer;

    /** {@code outer}: for a subquery, the binder of the expression it is in (null for a statement). */
    SetOperationBinder(Binder binder, ExprBinder outer) {
        this.binder = binder;
        this.outer = outer;
    }

    /** Binds any query: a SELECT or a set operation. */
    static QueryPlan bind(Binder binder, Statement.Query query, ExprBinder outer) {
        return switch (query) {
            case Statement.Select s -> new SelectBinder(binder, s, outer).bind();
            case Statement.SetOperation o -> new SetOperationBinder(binder, outer).bind(o);
            case Statement.With w -> WithBinder.bind(binder, w, outer);
        };
    }

    /**
     * The query of INSERT ... SELECT: a plain SELECT's untyped outputs ({@code NULL}, {@code '1.5'})
     * take the types of the columns they fill ({@code targets}, in order), as PostgreSQL resolves
     * them, instead of text first; any other query as {@link #bind}.
     */
    static QueryPlan bindForInsert(Binder binder, Statement.Query query, List<SqlType> targets) {
        if (!(query instanceof Statement.Select s)) {
            return bind(binder, query, null);
        }
        QueryPlan plan = new SelectBinder(binder, s, null).keepUntyped().bind();
        List<SqlType> types = new ArrayList<>(plan.columns().size());
        List<ResultColumn> columns = new ArrayList<>(plan.columns().size());
        boolean untyped = false;
        for (int i = 0; i < plan.columns().size(); i++) {
            ResultColumn c = plan.columns().get(i);
            SqlType type = c.type();
            if (type.kind() == TypeKind.UNKNOWN) {
                type = i < targets.size() ? targets.get(i) : SqlType.TEXT;
                untyped = true;
                c = new ResultColumn(c.label(), type, true, "", "");
            }
            types.add(type);
            columns.add(c);
        }
        return untyped ? new QueryPlan(castTo(plan, types), List.copyOf(columns)) : plan;
    }

    /** An operand: a SELECT whose untyped outputs ({@code NULL}, {@code 'a'}) take the other side's type. */
    private QueryPlan operand(Statement.Query query) {
        return switch (query) {
            case Statement.Select s -> new SelectBinder(binder, s, outer).keepUntyped().bind();
            case Statement.SetOperation o -> bind(o);
            case Statement.With w -> WithBinder.bind(binder, w, outer);
        };
    }

    /** The label of a query's first output column, without binding it (a scalar subquery's name). */
    static Statement.Select leftmost(Statement.Query query) {
        return switch (query) {
            case Statement.Select s -> s;
            case Statement.SetOperation o -> leftmost(o.left());
            case Statement.With w -> leftmost(w.body());
        };
    }

    private QueryPlan bind(Statement.SetOperation op) {
        List<Statement.Select> rows = ValuesRows.rowsOf(op);
        if (rows != null) {
            return tail(op, values(op, rows));
        }
        QueryPlan left = operand(op.left());
        QueryPlan right = operand(op.right());
        String name = op.operator().name() + (op.all() ? " ALL" : "");
        if (left.columns().size() != right.columns().size()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "each " + op.operator().name()
                    + " query must have the same number of columns (" + left.columns().size() + " and "
                    + right.columns().size() + ")", op.pos());
        }
        int width = left.columns().size();
        List<ResultColumn> columns = new ArrayList<>(width);
        List<SqlType> types = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            ResultColumn l = left.columns().get(i);
            ResultColumn r = right.columns().get(i);
            SqlType type = Casts.common(l.type(), r.type());
            if (type == null) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, name + " types " + l.type().displayName() + " and "
                        + r.type().displayName() + " cannot be matched (column " + (i + 1) + ")", op.pos());
            }
            if (type.kind() == TypeKind.UNKNOWN) {
                type = SqlType.TEXT;
            }
            types.add(type);
            columns.add(new ResultColumn(l.label(), type, true, "", ""));
        }
        PlanNode leftNode = castTo(left, types);
        PlanNode rightNode = castTo(right, types);
        PlanNode node = switch (op.operator()) {
            case UNION -> op.all() ? new AppendNode(List.of(leftNode, rightNode))
                    : new DistinctNode(new AppendNode(List.of(leftNode, rightNode)));
            case INTERSECT -> new SetOpNode(leftNode, rightNode, false, op.all(), width);
            case EXCEPT -> new SetOpNode(leftNode, rightNode, true, op.all(), width);
        };
        return tail(op, new QueryPlan(node, List.copyOf(columns)));
    }

    /**
     * VALUES with several rows, as PostgreSQL types it: each column takes the type resolved across
     * all the rows at once (so {@code (1::bigint), ('2'), (NULL)} is bigint, where resolving pairs of
     * rows would first make {@code '2'} text); 42804 names the first row that cannot be matched.
     */
    private QueryPlan values(Statement.SetOperation op, List<Statement.Select> rows) {
        List<QueryPlan> plans = new ArrayList<>(rows.size());
        for (Statement.Select row : rows) {
            plans.add(new SelectBinder(binder, row, outer).keepUntyped().bind());
        }
        QueryPlan first = plans.get(0);
        int width = first.columns().size();
        List<ResultColumn> columns = new ArrayList<>(width);
        List<SqlType> types = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            SqlType type = first.columns().get(i).type();
            for (int r = 1; r < plans.size(); r++) {
                SqlType next = plans.get(r).columns().get(i).type();
                SqlType common = Casts.common(type, next);
                if (common == null) {
                    throw binder.error(SqlState.DATATYPE_MISMATCH, "VALUES types " + type.displayName() + " and "
                            + next.displayName() + " cannot be matched (column " + (i + 1) + ")", rows.get(r).pos());
                }
                type = common;
            }
            if (type.kind() == TypeKind.UNKNOWN) {
                type = SqlType.TEXT;
            }
            types.add(type);
            columns.add(new ResultColumn(first.columns().get(i).label(), type, true, "", ""));
        }
        List<PlanNode> inputs = new ArrayList<>(plans.size());
        for (QueryPlan p : plans) {
            inputs.add(castTo(p, types));
        }
        return new QueryPlan(new AppendNode(List.copyOf(inputs)), List.copyOf(columns));
    }

    /** The ORDER BY, LIMIT and OFFSET written after a set operation's last operand. */
    private QueryPlan tail(Statement.SetOperation op, QueryPlan plan) {
        List<ResultColumn> columns = plan.columns();
        PlanNode node = plan.root();
        List<SortKey> keys = new ArrayList<>();
        for (Statement.SortItem s : op.orderBy()) {
            boolean nullsFirst = s.nullsFirst() != null ? s.nullsFirst() : s.descending();
            keys.add(new SortKey(sortColumn(s.expr(), columns), s.descending(), nullsFirst));
        }
        if (!keys.isEmpty()) {
            node = new SortNode(node, List.copyOf(keys));
        }
        if (op.withTies()) {
            ExprBinder constant = binder.expressions(Scope.empty(), "LIMIT", outer);
            node = new io.kyrodb.engine.exec.LimitWithTiesNode(node, SelectBinder.rowCount(constant, op.limit()),
                    SelectBinder.rowCount(constant, op.offset()), List.copyOf(keys));
        } else if (op.limit() != null || op.offset() != null) {
            ExprBinder constant = binder.expressions(Scope.empty(), "LIMIT", outer);
            node = new LimitNode(node, SelectBinder.rowCount(constant, op.limit()),
                    SelectBinder.rowCount(constant, op.offset()));
        }
        return node == plan.root() ? plan : new QueryPlan(node, columns);
    }

    /** The operand's rows with each column cast to the common type (the plan itself when none needs it). */
    private static PlanNode castTo(QueryPlan plan, List<SqlType> types) {
        boolean same = true;
        List<BoundExpr> exprs = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            SqlType from = plan.columns().get(i).type();
            BoundExpr column = new ColumnExpr(i, from, "", "", true);
            if (from.equals(types.get(i)) || (from.kind().isText() && types.get(i).kind() == TypeKind.TEXT)) {
                exprs.add(column);
            } else {
                same = false;
                exprs.add(new CastExpr(column, types.get(i), false));
            }
        }
        return same ? plan.root() : new ProjectNode(plan.root(), exprs);
    }

    /** ORDER BY of a set operation: an output column's position or name, as in PostgreSQL. */
    private int sortColumn(Expr e, List<ResultColumn> columns) {
        if (e instanceof Expr.Literal lit && lit.kind() == Expr.LiteralKind.INTEGER) {
            long position = Long.parseLong((String) lit.value());
            if (position < 1 || position > columns.size()) {
                throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + position
                        + " is not in select list (1 to " + columns.size() + ")", lit.pos());
            }
            return (int) position - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.qualifier() == null) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).label().equals(ref.name())) {
                    return i;
                }
            }
            throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + ref.name() + "\" does not exist (ORDER BY of a"
                    + " set operation names an output column)", ref.pos());
        }
        throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY on a UNION/INTERSECT/EXCEPT result is only"
                + " allowed on result column names or positions, not on expressions", e.pos());
    }
}
