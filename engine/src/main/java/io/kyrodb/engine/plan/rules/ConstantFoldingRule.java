package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.expr.ArithmeticExpr;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CaseExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConcatExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.FunctionExpr;
import io.kyrodb.engine.expr.InListExpr;
import io.kyrodb.engine.expr.IsBooleanExpr;
import io.kyrodb.engine.expr.IsNullExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.NegateExpr;
import io.kyrodb.engine.expr.NotExpr;
import io.kyrodb.engine.expr.ScalarFunction;
import io.kyrodb.engine.plan.PlannerOptions;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Constant folding: an immutable expression whose operands are all constants is computed once,
 * when the statement is planned, and replaced by its value; {@code x AND false} is false, {@code x
 * OR true} true, a CASE branch whose condition folds to false or NULL is dropped (and one that
 * folds to true ends the CASE), {@code COALESCE} drops leading NULLs. A WHERE that folds to false
 * or NULL reads nothing (the planner puts an empty Result in place of its input).
 *
 * <p>What is never folded: volatile functions ({@code random()}, {@code nextval}), parameters,
 * and anything that depends on the session or the statement's time (dates and times, their casts,
 * {@code now()}): a prepared plan is reused, so those are computed when it runs. An expression
 * whose computation fails (22012 for {@code 1/0}) is left as written: it fails when, and only
 * when, a row evaluates it, so {@code CASE WHEN false THEN 1/0 END} still returns NULL.
 * Only the node kinds listed in {@link #fold} are entered; others are kept whole.
 */
public final class ConstantFoldingRule implements RewriteRule {
    ConstantFoldingRule() {
    }

    @Override
    public String setting() {
        return "enable_constant_folding";
    }

    @Override
    public boolean enabled(PlannerOptions options) {
        return options.constantFolding();
    }

    /** {@code e} folded when the rule is on (null stays null). */
    public BoundExpr apply(BoundExpr e, PlannerOptions options) {
        return e == null || !enabled(options) ? e : fold(e);
    }

    /** Whether {@code e} is a constant that is not TRUE (FALSE or NULL): a condition that keeps no row. */
    public static boolean keepsNothing(BoundExpr e) {
        return e instanceof ConstExpr c && !Boolean.TRUE.equals(c.value());
    }

    /** Whether {@code e} is the constant TRUE: a condition that keeps every row. */
    public static boolean keepsAll(BoundExpr e) {
        return e instanceof ConstExpr c && Boolean.TRUE.equals(c.value());
    }

    static BoundExpr fold(BoundExpr e) {
        return switch (e) {
            case ConstExpr c -> c;
            case LogicalExpr l -> logical(l);
            case CaseExpr c -> caseExpr(c);
            case FunctionExpr f when f.function() == ScalarFunction.COALESCE -> coalesce(f);
            case FunctionExpr f when f.function() != ScalarFunction.RANDOM ->
                    compute(new FunctionExpr(f.function(), foldAll(f.arguments()), f.type()));
            case CastExpr c when timeless(c.type()) && timeless(c.operand().type()) ->
                    compute(new CastExpr(fold(c.operand()), c.type(), c.explicit()));
            case ArithmeticExpr a -> compute(new ArithmeticExpr(a.op(), fold(a.left()), fold(a.right()), a.type()));
            case NegateExpr n -> compute(new NegateExpr(fold(n.operand())));
            case ConcatExpr c -> compute(new ConcatExpr(fold(c.left()), fold(c.right())));
            case CompareExpr c -> compute(new CompareExpr(c.op(), fold(c.left()), fold(c.right())));
            case NotExpr n -> compute(new NotExpr(fold(n.operand())));
            case IsNullExpr n -> compute(new IsNullExpr(fold(n.operand()), n.negated()));
            case IsBooleanExpr b -> compute(new IsBooleanExpr(fold(b.operand()), b.value(), b.negated()));
            case InListExpr in -> compute(new InListExpr(fold(in.value()), foldAll(in.list()), in.negated()));
            default -> e;
        };
    }

    private static List<BoundExpr> foldAll(List<BoundExpr> list) {
        List<BoundExpr> out = new ArrayList<>(list.size());
        for (BoundExpr x : list) {
            out.add(fold(x));
        }
        return out;
    }

    /** Types whose values and casts do not depend on the session's time zone or the clock. */
    private static boolean timeless(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC, BOOLEAN, TEXT, VARCHAR, UNKNOWN -> !t.isArray();
            default -> false;
        };
    }

    /** {@code e}'s value when every operand is a constant and computing it succeeds; else {@code e}. */
    private static BoundExpr compute(BoundExpr e) {
        for (BoundExpr child : io.kyrodb.engine.expr.ExprTree.children(e)) {
            if (!(child instanceof ConstExpr)) {
                return e;
            }
        }
        try {
            return new ConstExpr(e.eval(new Object[0], null), e.type());
        } catch (RuntimeException failsWhenRun) {
            return e;   // e.g. 1/0: PostgreSQL's error comes when a row evaluates it
        }
    }

    private static BoundExpr logical(LogicalExpr l) {
        BoundExpr a = fold(l.left());
        BoundExpr b = fold(l.right());
        Boolean decides = l.isAnd() ? Boolean.FALSE : Boolean.TRUE;
        if (isConst(a, decides) || isConst(b, decides)) {
            return new ConstExpr(decides, SqlType.BOOLEAN);
        }
        Boolean neutral = !decides;
        if (isConst(a, neutral)) {
            return b;
        }
        if (isConst(b, neutral)) {
            return a;
        }
        return compute(new LogicalExpr(l.isAnd(), a, b));
    }

    private static boolean isConst(BoundExpr e, Boolean value) {
        return e instanceof ConstExpr c && value.equals(c.value());
    }

    private static BoundExpr caseExpr(CaseExpr c) {
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        BoundExpr elseResult = c.elseResult() == null ? null : c.elseResult();
        for (int i = 0; i < c.conditions().size(); i++) {
            BoundExpr cond = fold(c.conditions().get(i));
            if (cond instanceof ConstExpr k && !Boolean.TRUE.equals(k.value())) {
                continue;   // never taken: its result is never computed
            }
            if (keepsAll(cond)) {
                elseResult = c.results().get(i);   // always taken from here on
                break;
            }
            conditions.add(cond);
            results.add(fold(c.results().get(i)));
        }
        BoundExpr otherwise = elseResult == null ? new ConstExpr(null, c.type()) : fold(elseResult);
        if (conditions.isEmpty()) {
            return otherwise.type().equals(c.type()) ? otherwise : new CaseExpr(List.of(), List.of(), otherwise, c.type());
        }
        return new CaseExpr(conditions, results, otherwise, c.type());
    }

    private static BoundExpr coalesce(FunctionExpr f) {
        List<BoundExpr> args = new ArrayList<>();
        for (BoundExpr a : f.arguments()) {
            BoundExpr folded = fold(a);
            if (folded instanceof ConstExpr k && k.value() == null) {
                continue;   // a NULL argument never gives the result
            }
            args.add(folded);
            if (folded instanceof ConstExpr) {
                break;      // a non-NULL constant ends the search: later arguments are never computed
            }
        }
        if (args.isEmpty()) {
            return new ConstExpr(null, f.type());
        }
        if (args.size() == 1 && args.get(0) instanceof ConstExpr k && k.type().equals(f.type())) {
            return k;
        }
        return new FunctionExpr(ScalarFunction.COALESCE, args, f.type());
    }
}
