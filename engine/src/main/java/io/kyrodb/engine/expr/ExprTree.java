package io.kyrodb.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks bound expression trees. A subquery's plan is not entered: {@link #subPlans} lists them instead. */
public final class ExprTree {
    private ExprTree() {
    }

    /** The direct operands of {@code e}. */
    public static List<BoundExpr> children(BoundExpr e) {
        return switch (e) {
            case ColumnExpr c -> List.of();
            case ConstExpr c -> List.of();
            case ParamExpr p -> List.of();
            case OuterColumnExpr o -> List.of();
            case CastExpr c -> List.of(c.operand());
            case ArithmeticExpr a -> List.of(a.left(), a.right());
            case NegateExpr n -> List.of(n.operand());
            case ConcatExpr c -> List.of(c.left(), c.right());
            case CompareExpr c -> List.of(c.left(), c.right());
            case LogicalExpr l -> List.of(l.left(), l.right());
            case NotExpr n -> List.of(n.operand());
            case IsNullExpr n -> List.of(n.operand());
            case IsBooleanExpr b -> List.of(b.operand());
            case InListExpr in -> {
                List<BoundExpr> all = new ArrayList<>();
                all.add(in.value());
                all.addAll(in.list());
                yield all;
            }
            case LikeExpr l -> l.escape() == null ? List.of(l.value(), l.pattern())
                    : List.of(l.value(), l.pattern(), l.escape());
            case CaseExpr c -> {
                List<BoundExpr> all = new ArrayList<>(c.conditions());
                all.addAll(c.results());
                if (c.elseResult() != null) {
                    all.add(c.elseResult());
                }
                yield all;
            }
            case FunctionExpr f -> f.arguments();
            case VectorFunctionExpr v -> v.arguments();
            case CatalogFunctionExpr c -> c.arguments();
            case UserFunctionExpr u -> u.arguments();
            case BuiltinExpr b -> b.arguments();
            case DateTimeArithmeticExpr d -> List.of(d.left(), d.right());
            case ContainerFunctionExpr c -> c.arguments();
            case QuantifiedExpr q -> List.of(q.value(), q.array());
            case SequenceExpr s -> s.arguments();
            case ScalarSubqueryExpr s -> List.of();
            case ArraySubqueryExpr s -> List.of();
            case ExistsExpr x -> List.of();
            case InSubqueryExpr in -> List.of(in.value());
        };
    }

    /** The operands of {@code e}'s top-level ANDs, left to right ({@code e} alone when it is no AND). */
    public static List<BoundExpr> conjuncts(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(BoundExpr e, List<BoundExpr> out) {
        if (e instanceof LogicalExpr l && l.isAnd()) {
            addConjuncts(l.left(), out);
            addConjuncts(l.right(), out);
        } else {
            out.add(e);
        }
    }

    /** Calls {@code visit} on {@code e} and every expression under it, parents first. */
    public static void forEach(BoundExpr e, Consumer<BoundExpr> visit) {
        visit.accept(e);
        for (BoundExpr child : children(e)) {
            forEach(child, visit);
        }
    }

    /** The subqueries directly in {@code e} (not those nested in their plans), in the order written. */
    public static List<SubPlan> subPlans(BoundExpr e) {
        List<SubPlan> out = new ArrayList<>();
        forEach(e, x -> {
            SubPlan p = subPlanOf(x);
            if (p != null) {
                out.add(p);
            }
        });
        return out;
    }

    /** The subquery {@code e} runs, or null when it is not a subquery expression. */
    public static SubPlan subPlanOf(BoundExpr e) {
        return switch (e) {
            case ScalarSubqueryExpr s -> s.subPlan();
            case ArraySubqueryExpr s -> s.subPlan();
            case ExistsExpr x -> x.subPlan();
            case InSubqueryExpr in -> in.subPlan();
            default -> null;
        };
    }
}
