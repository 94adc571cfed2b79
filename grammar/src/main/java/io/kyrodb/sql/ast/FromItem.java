package io.kyrodb.sql.ast;

import java.util.List;

/** One entry of a FROM list: a table, or a join of two entries. */
public sealed interface FromItem permits Statement.TableReference, Statement.DerivedTable, FromItem.Join,
        FromItem.FunctionCall {
    Pos pos();

    enum JoinType { INNER, LEFT, RIGHT, FULL, CROSS }

    /**
     * {@code left <type> JOIN right}, with {@code on} (null when not written), the {@code using}
     * columns (empty when not written) or {@code natural} (the columns both sides share).
     */
    /**
     * A set-returning function in FROM ({@code [LATERAL] unnest(a) [WITH ORDINALITY] [AS] x [(col)]});
     * {@code alias} is null when not written, {@code columns} empty; {@code ordinality}: a last
     * bigint column numbering the function's rows from 1. {@code ROWS FROM (f(...), g(...))} is one
     * named {@link #ROWS_FROM} whose arguments are the {@link Expr.FunctionCall}s, zipped side by side.
     */
    record FunctionCall(Pos pos, String name, List<Expr> arguments, String alias, List<String> columns,
                        boolean ordinality, List<TypeName> columnTypes) implements FromItem {
        /** The name of a {@code ROWS FROM (...)} item: no identifier can be it. */
        public static final String ROWS_FROM = "rows from";

        /** Without a column definition list ({@code columnTypes}: the types of {@code AS x(a int, b text)}). */
        public FunctionCall(Pos pos, String name, List<Expr> arguments, String alias, List<String> columns,
                            boolean ordinality) {
            this(pos, name, arguments, alias, columns, ordinality, List.of());
        }

        public FunctionCall(Pos pos, String name, List<Expr> arguments, String alias, List<String> columns) {
            this(pos, name, arguments, alias, columns, false);
        }
    }

    record Join(Pos pos, JoinType type, FromItem left, FromItem right, Expr on, List<String> using, boolean natural)
            implements FromItem {
    }
}
