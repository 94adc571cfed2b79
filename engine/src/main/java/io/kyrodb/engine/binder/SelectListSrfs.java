package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.LateralUnnestNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Set-returning functions in a select list where {@link SelectListUnnest} cannot move them into
 * FROM: inside expressions ({@code generate_series(1, 3) + 1}) and over grouped rows
 * ({@code SELECT g, count(*), generate_series(1, 2) FROM t GROUP BY g}). As PostgreSQL's
 * ProjectSet does, they run after grouping, HAVING and window functions and before DISTINCT,
 * ORDER BY and LIMIT: each row is repeated once per element, the functions side by side (a
 * shorter one padded with NULLs), and a row for which every function is empty gives none. Each
 * call binds as the array of its values (unnest's argument, generate_series' series) and reads as
 * the column {@code base + i} of the row the {@link LateralUnnestNode} of {@link #plan} extends.
 * Nested calls ({@code generate_series(1, generate_series(1, 3))}) run as PostgreSQL 10+ plans
 * them, one ProjectSet per level: a call's level is one more than the deepest call in its
 * arguments (a call without any is level 1), the lowest level runs first and each level's calls
 * side by side over the rows of the one below; level {@code l}'s columns start {@link #LEVEL} slots
 * after level {@code l - 1}'s. In aggregates or window functions they stay an error.
 */
final class SelectListSrfs {
    /** The slots of one level: at most this many set-returning calls side by side in it. */
    private static final int LEVEL = 32;

    private final int base;
    /** The arrays of each level, lowest first. */
    private final List<List<BoundExpr>> levels = new ArrayList<>();
    /** The deepest level bound since the binding of the current call's arguments began. */
    private int deepest;

    /** {@code base}: at least the width of the rows reaching the select list. */
    SelectListSrfs(int base) {
        this.base = base;
    }

    static boolean isSetReturning(Expr.FunctionCall f) {
        return f.over() == null && !f.distinct() && !f.star() && f.orderBy().isEmpty() && f.filter() == null
                && ((f.name().equals("unnest") && f.arguments().size() == 1) || SeriesBinding.isSeries(f));
    }

    /**
     * PostgreSQL's errors for set-returning calls whose rows would be conditional: inside CASE and
     * COALESCE (0A000 there; 42601 here, as KyroDB reports unsupported syntax).
     */
    static void checkPlacement(ExprBinder binder, Object node) {
        if (node instanceof Statement.Query) {
            return;
        }
        String where = node instanceof Expr.Case ? "CASE"
                : node instanceof Expr.FunctionCall f && f.name().equals("coalesce") ? "COALESCE" : null;
        if (where != null && SelectListUnnest.mentionsSetReturning(node)) {
            throw binder.error(SqlState.SYNTAX_ERROR, "set-returning functions are not allowed in " + where
                    + " (move the set-returning function into a LATERAL FROM item)", ((Expr) node).pos());
        }
        if (node instanceof List<?> list) {
            list.forEach(x -> checkPlacement(binder, x));
        } else if (node instanceof Record r) {
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    checkPlacement(binder, c.getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The collector of the calls nested in this level's calls' arguments. */
    /** Binds the call's array with {@code plain} (a binder whose set-returning calls come back here, nested). */
    BoundExpr bind(ExprBinder plain, Expr.FunctionCall f) {
        int outer = deepest;
        deepest = 0;
        BoundExpr array;
        if (SeriesBinding.isSeries(f)) {
            array = SeriesBinding.series(plain, f);
        } else {
            array = plain.bind(f.arguments().get(0), null);
            if (array.type().kind() == TypeKind.UNKNOWN) {
                throw plain.error(SqlState.INDETERMINATE_DATATYPE, "could not determine polymorphic type because input"
                        + " has type unknown", f.pos());
            }
            if (!array.type().isArray()) {
                throw plain.error(SqlState.UNDEFINED_FUNCTION, "function unnest(" + array.type().displayName()
                        + ") does not exist", f.pos());
            }
        }
        int level = deepest + 1;
        deepest = Math.max(outer, level);
        while (levels.size() < level) {
            levels.add(new ArrayList<>());
        }
        List<BoundExpr> arrays = levels.get(level - 1);
        if (arrays.size() == LEVEL) {
            throw plain.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "at most " + LEVEL + " set-returning functions can run"
                    + " side by side in a select list", f.pos());
        }
        arrays.add(array);
        return new ColumnExpr(base + (level - 1) * LEVEL + arrays.size() - 1, array.type().element(), "", "", true);
    }

    boolean isEmpty() {
        return levels.isEmpty();
    }

    /** The rows of {@code input} repeated per element, level by level, each level's elements from its first slot on. */
    PlanNode plan(PlanNode input) {
        PlanNode node = input;
        for (int l = 0; l < levels.size(); l++) {
            node = new LateralUnnestNode(node, List.copyOf(levels.get(l)), base + l * LEVEL, false);
        }
        return node;
    }
}
