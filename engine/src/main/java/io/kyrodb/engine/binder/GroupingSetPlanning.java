package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.AggregateNode;
import io.kyrodb.engine.exec.AppendNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CaseExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.parser.GroupingSets;

import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY GROUPING SETS / ROLLUP / CUBE (expanded by the parser into one {@link GroupingSets#NAME}
 * call). The grouping's columns are every expression of any set, then a hidden column holding the
 * number of the set a row belongs to. Each set is aggregated on its own over the same input; its
 * rows get NULL in the columns it does not group by, and the sets' rows are appended (as PostgreSQL's
 * MixedAggregate returns them, in no promised order). {@code grouping(a, ...)} reads the hidden
 * column: bit i (from the right, for the last argument) is 1 when that argument is not in the row's set.
 */
final class GroupingSetPlanning {
    private GroupingSetPlanning() {
    }

    static boolean isGroupingSets(List<Expr> groupBy) {
        return groupBy.size() == 1 && groupBy.get(0) instanceof Expr.FunctionCall f && f.name().equals(GroupingSets.NAME);
    }

    /**
     * Binds the sets' expressions into {@code groups} (each once) and returns each set as indexes
     * into it; appends the hidden set-number column last.
     */
    static List<int[]> bind(Expr.FunctionCall call, List<BoundExpr> groups, java.util.function.Function<Expr, BoundExpr> bindOne) {
        List<int[]> sets = new ArrayList<>();
        for (Expr row : call.arguments()) {
            List<Expr> members = ((Expr.FunctionCall) row).arguments();
            List<Integer> indexes = new ArrayList<>();
            for (Expr m : members) {
                BoundExpr b = bindOne.apply(m);
                int i = groups.indexOf(b);
                if (i < 0) {
                    groups.add(b);
                    i = groups.size() - 1;
                }
                if (!indexes.contains(i)) {
                    indexes.add(i);
                }
            }
            sets.add(indexes.stream().mapToInt(Integer::intValue).toArray());
        }
        groups.add(setColumn());
        return sets;
    }

    /** The hidden set-number group column (never equal to an expression a query writes). */
    private static BoundExpr setColumn() {
        return new ConstExpr(Long.MIN_VALUE, SqlType.BIGINT);
    }

    /** One aggregation per set, each projected to the grouping's full layout, appended. */
    static PlanNode plan(PlanNode input, ExprBinder.Grouping grouping) {
        List<BoundExpr> groups = grouping.groups;
        int setColumn = groups.size() - 1;
        List<PlanNode> parts = new ArrayList<>();
        for (int s = 0; s < grouping.sets.size(); s++) {
            int[] set = grouping.sets.get(s);
            List<BoundExpr> own = new ArrayList<>();
            for (int i : set) {
                own.add(groups.get(i));
            }
            PlanNode aggregated = new AggregateNode(input, List.copyOf(own), List.copyOf(grouping.aggregates));
            List<BoundExpr> layout = new ArrayList<>();
            for (int i = 0; i < setColumn; i++) {
                int at = indexOf(set, i);
                layout.add(at >= 0 ? new ColumnExpr(at, groups.get(i).type(), "", "", true)
                        : new ConstExpr(null, groups.get(i).type()));
            }
            layout.add(new ConstExpr((long) s, SqlType.BIGINT));
            for (int a = 0; a < grouping.aggregates.size(); a++) {
                layout.add(new ColumnExpr(set.length + a, grouping.aggregates.get(a).type(), "", "", true));
            }
            parts.add(new ProjectNode(aggregated, List.copyOf(layout)));
        }
        return parts.size() == 1 ? parts.get(0) : new AppendNode(parts);
    }

    /** {@code grouping(args)}: a bit per argument, set when the row's grouping set lacks it. */
    static BoundExpr groupingFunction(ExprBinder binder, ExprBinder.Grouping grouping, Expr.FunctionCall f) {
        if (f.arguments().isEmpty() || f.arguments().size() > 31) {
            throw binder.error(SqlState.SYNTAX_ERROR, "GROUPING must have between 1 and 31 arguments", f.pos());
        }
        int[] columns = new int[f.arguments().size()];
        for (int k = 0; k < columns.length; k++) {
            BoundExpr b = grouping.base.bind(f.arguments().get(k), null);
            int i = grouping.groups.indexOf(b);
            if (i < 0 || (grouping.sets != null && i == grouping.groups.size() - 1)) {
                throw binder.error(SqlState.GROUPING_ERROR,
                        "arguments to GROUPING must be grouping expressions of the associated query level",
                        f.arguments().get(k).pos());
            }
            columns[k] = i;
        }
        if (grouping.sets == null) {
            return new ConstExpr(0, SqlType.INTEGER);
        }
        ColumnExpr setNumber = new ColumnExpr(grouping.groups.size() - 1, SqlType.BIGINT, "", "", false);
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        for (int s = 0; s < grouping.sets.size(); s++) {
            int mask = 0;
            for (int column : columns) {
                mask = (mask << 1) | (indexOf(grouping.sets.get(s), column) >= 0 ? 0 : 1);
            }
            conditions.add(new CompareExpr(Expr.BinaryOp.EQ, setNumber, new ConstExpr((long) s, SqlType.BIGINT)));
            results.add(new ConstExpr(mask, SqlType.INTEGER));
        }
        return new CaseExpr(List.copyOf(conditions), List.copyOf(results), null, SqlType.INTEGER);
    }

    private static int indexOf(int[] set, int column) {
        for (int k = 0; k < set.length; k++) {
            if (set[k] == column) {
                return k;
            }
        }
        return -1;
    }
}
