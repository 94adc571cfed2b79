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
 * Nesting one in another's arguments, in aggregates or in window functions stays an error.
 */
final class SelectListSrfs {
    private final int base;
    private final List<BoundExpr> arrays = new ArrayList<>();

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

    /** Binds the call's array with {@code plain} (a binder that takes no further set-returning call). */
    BoundExpr bind(ExprBinder plain, Expr.FunctionCall f) {
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
        arrays.add(array);
        return new ColumnExpr(base + arrays.size() - 1, array.type().element(), "", "", true);
    }

    boolean isEmpty() {
        return arrays.isEmpty();
    }

    /** The rows of {@code input} repeated per element, the elements from column {@code base} on. */
    PlanNode plan(PlanNode input) {
        return new LateralUnnestNode(input, List.copyOf(arrays), base, false);
    }
}
