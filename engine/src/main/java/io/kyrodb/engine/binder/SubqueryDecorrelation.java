package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.plan.rules.DecorrelatedSubquery;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the uncorrelated form of a subquery in a WHERE clause, for the decorrelation rule
 * ({@link io.kyrodb.engine.plan.rules.SubqueryDecorrelationRule}), which decides later, where the
 * table the subquery correlates with is planned, whether to use it. A subquery qualifies when it
 * is a plain SELECT over a FROM clause (no GROUP BY, HAVING, DISTINCT ON, window, LIMIT/OFFSET,
 * locking) whose WHERE, split at AND, holds parts that read no outer column and at least one
 * equality of a subquery expression with a column of the query right outside it, and nothing else
 * that reads an outer column. EXISTS wants a select list of plain columns or constants; a scalar
 * subquery one aggregate call (count, sum, min, max, avg). An uncorrelated {@code IN} always
 * qualifies: its plan is used as it is.
 *
 * <p>To learn what a part reads, it is bound as a query of its own over the subquery's FROM (a
 * few extra bindings per subquery, at plan time only).
 */
final class SubqueryDecorrelation {
    private final Binder binder;
    private final ExprBinder outer;

    SubqueryDecorrelation(Binder binder, ExprBinder outer) {
        this.binder = binder;
        this.outer = outer;
    }

    /** {@code IN (query)} bound as {@code subPlan}, value {@code value}, subquery value {@code element}. */
    DecorrelatedSubquery in(SubPlan subPlan, BoundExpr value, BoundExpr element, QueryPlan plan, Scope scope) {
        if (subPlan.correlated()) {
            return null;
        }
        String innerName = plan.columns().get(0).columnName() != null && plan.columns().get(0).tableName() != null
                ? plan.columns().get(0).tableName() + "." + plan.columns().get(0).columnName()
                : plan.columns().get(0).label();
        return new DecorrelatedSubquery(DecorrelatedSubquery.Kind.IN, subPlan.root(), List.of(value),
                List.of(element), null, -1, false, "(" + ConditionText.of(value, scope) + " = " + innerName + ")");
    }

    /** {@code EXISTS (query)}, whose correlated plan is {@code original}. */
    DecorrelatedSubquery exists(Statement.Query query, SubPlan original, Scope scope) {
        if (!(query instanceof Statement.Select s) || !plain(s)) {
            return null;
        }
        for (Statement.SelectItem item : s.items()) {
            if (item instanceof Statement.SelectExpression e
                    && !(e.expr() instanceof Expr.Literal || e.expr() instanceof Expr.ColumnRef)) {
                return null;   // an aggregate makes a row from no rows; keep such a subquery per row
            }
        }
        return prepare(s, null, original, scope);
    }

    /** {@code (query)} used as a value, whose correlated plan is {@code original}. */
    DecorrelatedSubquery scalar(Statement.Query query, SubPlan original, Scope scope) {
        if (!(query instanceof Statement.Select s) || !plain(s) || s.distinct() || s.items().size() != 1
                || !(s.items().get(0) instanceof Statement.SelectExpression item)
                || !(item.expr() instanceof Expr.FunctionCall f) || f.over() != null || f.filter() != null
                || !f.orderBy().isEmpty()) {
            return null;
        }
        boolean count = f.name().equals("count");
        if (!count && !List.of("sum", "min", "max", "avg").contains(f.name())) {
            return null;
        }
        return prepare(s, f, original, scope);
    }

    private static boolean plain(Statement.Select s) {
        return !s.from().isEmpty() && s.where() != null && s.groupBy().isEmpty() && s.having() == null
                && s.limit() == null && s.offset() == null && s.distinctOn().isEmpty() && s.windows().isEmpty()
                && s.locking().isEmpty() && s.orderBy().isEmpty();
    }

    private DecorrelatedSubquery prepare(Statement.Select s, Expr.FunctionCall aggregate, SubPlan original,
                                         Scope scope) {
        List<Expr> innerConditions = new ArrayList<>();
        List<Expr> innerKeys = new ArrayList<>();
        List<Expr.ColumnRef> outerKeys = new ArrayList<>();
        for (Expr part : split(s.where())) {
            if (!correlated(s, part)) {
                innerConditions.add(part);
                continue;
            }
            if (!(part instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.EQ) {
                return null;
            }
            if (outerColumn(s, b.right(), scope) && !correlated(s, b.left())) {
                innerKeys.add(b.left());
                outerKeys.add((Expr.ColumnRef) b.right());
            } else if (outerColumn(s, b.left(), scope) && !correlated(s, b.right())) {
                innerKeys.add(b.right());
                outerKeys.add((Expr.ColumnRef) b.left());
            } else {
                return null;
            }
        }
        if (innerKeys.isEmpty()) {
            return null;
        }
        List<Statement.SelectItem> items = new ArrayList<>();
        for (Expr k : innerKeys) {
            items.add(new Statement.SelectExpression(k.pos(), k, null));
        }
        if (aggregate != null) {
            items.add(new Statement.SelectExpression(aggregate.pos(), aggregate, null));
        }
        Expr where = null;
        for (Expr c : innerConditions) {
            where = where == null ? c : new Expr.Binary(c.pos(), Expr.BinaryOp.AND, where, c);
        }
        QueryPlan inner = SetOperationBinder.bind(binder, new Statement.Select(s.pos(), false, items, s.from(), where,
                aggregate == null ? List.of() : List.copyOf(innerKeys), null, List.of(), null, null), outer);
        if (!Correlation.outerRefs(inner.root()).isEmpty()) {
            return null;
        }
        List<BoundExpr> outerBound = new ArrayList<>();
        List<BoundExpr> innerBound = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < outerKeys.size(); i++) {
            BoundExpr o = outer.bind(outerKeys.get(i), null);
            SqlType innerType = inner.columns().get(i).type();
            SqlType common = Casts.common(o.type(), innerType);
            if (!(o instanceof ColumnExpr) || common == null || common.kind() == TypeKind.UNKNOWN) {
                return null;
            }
            outerBound.add(outer.coerce(o, common, Pos.NONE));
            innerBound.add(outer.coerce(new ColumnExpr(i, innerType, "", "", true), common, Pos.NONE));
            text.append(i == 0 ? "" : " AND ").append("(").append(ConditionText.of(o, scope)).append(" = ")
                    .append(innerKeys.get(i) instanceof Expr.ColumnRef r ? r.display() : inner.columns().get(i).label())
                    .append(")");
        }
        String condition = outerKeys.size() == 1 ? text.toString() : "(" + text + ")";
        Object missing = aggregate != null && aggregate.name().equals("count") ? 0L : null;
        return new DecorrelatedSubquery(aggregate == null ? DecorrelatedSubquery.Kind.EXISTS
                : DecorrelatedSubquery.Kind.SCALAR, inner.root(), outerBound, innerBound, missing,
                rowsPerProbe(original.root(), aggregate == null),
                aggregate != null && IndexProbes.count(original) != null, condition);
    }

    /** Whether {@code e}, in the subquery's FROM, reads a column of an enclosing query. */
    private boolean correlated(Statement.Select s, Expr e) {
        Pos p = e.pos();
        Statement.Select probe = new Statement.Select(p, false, List.of(new Statement.SelectExpression(p, e, null)),
                s.from(), null, List.of(), null, List.of(), null, null);
        return !Correlation.outerRefs(SetOperationBinder.bind(binder, probe, outer).root()).isEmpty();
    }

    /** Whether {@code e} is a column of the query right outside the subquery (not one of the subquery's own). */
    private boolean outerColumn(Statement.Select s, Expr e, Scope scope) {
        return e instanceof Expr.ColumnRef ref && scope.has(ref) && correlated(s, ref);
    }

    private static List<Expr> split(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
            out.addAll(split(b.left()));
            out.addAll(split(b.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    /**
     * The rows one run of the correlated plan reads through a key or index, or -1 when it reads
     * no table that way (it scans). An index probe reads the rows of one key of its first column
     * (the table's rows over that column's distinct values); with {@code untilFirst} (EXISTS) it
     * stops at the first that passes the other conditions, about (rows read) / (rows passing).
     */
    private double rowsPerProbe(PlanNode node, boolean untilFirst) {
        double read = -1;
        IndexScanNode scan = node instanceof IndexScanNode s ? s
                : node instanceof io.kyrodb.engine.exec.IndexOnlyScanNode only ? only.lookup() : null;
        if (scan != null && scan.index().column(0) < 0) {
            read = Math.max(1, binder.estimates().rows(node));
        } else if (scan != null) {
            var estimator = binder.options().estimator();
            double rows = estimator.tableRows(scan.table());
            read = rows / Math.max(1, estimator.groups(List.of(new io.kyrodb.engine.plan.CardinalityEstimator.ColumnRef(
                    scan.table(), scan.index().column(0))), rows));
        } else if (node instanceof KeyLookupNode) {
            read = 1;
        } else if (node instanceof KeyRangeNode) {
            read = Math.max(1, binder.estimates().rows(node));
        }
        if (read >= 0) {
            double passing = binder.estimates().rows(node);   // the planner's estimate of what its whole WHERE keeps
            return untilFirst && passing >= 1 ? read / Math.min(passing, read) : read;
        }
        for (PlanNode child : node.children()) {
            double r = rowsPerProbe(child, untilFirst);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }
}
