package io.kyrodb.engine.binder;

import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises a multi-row {@code VALUES} list in the AST. The parser writes one as a balanced tree of
 * UNION ALL nodes (all at the position of the VALUES keyword) over FROM-less SELECTs whose outputs
 * are named column1, column2, ...; a written UNION ALL has its nodes at the positions of its UNION
 * keywords, so it never matches. The binder types such a list across all its rows at once, as
 * PostgreSQL does, rather than pair by pair.
 */
final class ValuesRows {
    private ValuesRows() {
    }

    /** The rows of {@code op} in order when it is a VALUES list, else null. */
    static List<Statement.Select> rowsOf(Statement.SetOperation op) {
        if (op.operator() != Statement.SetOperator.UNION || !op.all()) {
            return null;
        }
        List<Statement.Select> rows = new ArrayList<>();
        return collect(op.left(), op, rows) && collect(op.right(), op, rows) ? rows : null;
    }

    private static boolean collect(Statement.Query q, Statement.SetOperation root, List<Statement.Select> rows) {
        return switch (q) {
            case Statement.SetOperation o -> o.operator() == Statement.SetOperator.UNION && o.all()
                    && o.pos().equals(root.pos()) && o.orderBy().isEmpty() && o.limit() == null && o.offset() == null
                    && collect(o.left(), root, rows) && collect(o.right(), root, rows);
            case Statement.Select s -> isRow(s) && rows.add(s);
            case Statement.With w -> false;
        };
    }

    private static boolean isRow(Statement.Select s) {
        if (!s.from().isEmpty() || s.where() != null || !s.groupBy().isEmpty() || s.having() != null
                || !s.orderBy().isEmpty() || s.limit() != null || s.offset() != null || s.distinct()) {
            return false;
        }
        for (int i = 0; i < s.items().size(); i++) {
            if (!(s.items().get(i) instanceof Statement.SelectExpression e) || !("column" + (i + 1)).equals(e.alias())) {
                return false;
            }
        }
        return true;
    }
}
