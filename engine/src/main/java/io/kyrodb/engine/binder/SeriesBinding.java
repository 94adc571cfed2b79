package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.PgvectorFunction;
import io.kyrodb.engine.expr.SeriesFunction;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code generate_series} (as the array of its values, which unnest's plan nodes run over:
 * in FROM, and as a select-list item through {@link SelectListUnnest}), and
 * pgvector's by-name functions ({@link PgvectorFunction}) with Postgres's argument types.
 */
final class SeriesBinding {
    private SeriesBinding() {
    }

    static boolean isSeries(Expr e) {
        return e instanceof Expr.FunctionCall f && f.name().equals("generate_series")
                && (f.arguments().size() == 2 || f.arguments().size() == 3) && !f.distinct() && !f.star()
                && f.over() == null;
    }

    /**
     * {@code generate_series(start, stop [, step])}: integer when all are integer (smallint
     * widened), bigint when one is bigint, numeric when one is numeric; timestamp or timestamptz
     * (a date read as timestamptz, as Postgres resolves it) with an interval step. The result is
     * an array of that type.
     */
    static BoundExpr series(ExprBinder binder, Expr.FunctionCall f) {
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.arguments()) {
            args.add(binder.bind(a, null));
        }
        SqlType element = seriesType(args);
        if (element == null) {
            throw binder.noSuchFunction(f, args);
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            SqlType want = i == 2 && !element.kind().isNumeric() ? SqlType.INTERVAL : element;
            coerced.add(binder.coerce(args.get(i), want, f.arguments().get(i).pos()));
        }
        return new BuiltinExpr(SeriesFunction.GENERATE_SERIES, List.copyOf(coerced), SqlType.arrayOf(element));
    }

    private static SqlType seriesType(List<BoundExpr> args) {
        boolean temporal = false;
        SqlType numeric = SqlType.UNKNOWN;
        for (int i = 0; i < args.size(); i++) {
            TypeKind k = args.get(i).type().kind();
            if (i < 2 && (k == TypeKind.TIMESTAMP || k == TypeKind.TIMESTAMPTZ || k == TypeKind.DATE)) {
                temporal = true;
            } else if (k.isInteger() || k == TypeKind.NUMERIC) {
                numeric = Casts.common(numeric, SqlType.of(k == TypeKind.SMALLINT ? TypeKind.INTEGER : k));
            } else if (!(k == TypeKind.UNKNOWN || (i == 2 && k == TypeKind.INTERVAL))) {
                return null;
            }
        }
        if (temporal) {
            if (args.size() != 3 || numeric.kind() != TypeKind.UNKNOWN) {
                return null;
            }
            TypeKind a = args.get(0).type().kind();
            TypeKind b = args.get(1).type().kind();
            boolean local = (a == TypeKind.TIMESTAMP || a == TypeKind.UNKNOWN) && (b == TypeKind.TIMESTAMP || b == TypeKind.UNKNOWN);
            return local ? SqlType.TIMESTAMP : SqlType.TIMESTAMPTZ;
        }
        if (args.size() == 3 && args.get(2).type().kind() == TypeKind.INTERVAL) {
            return null;
        }
        return numeric.kind() == TypeKind.UNKNOWN ? SqlType.INTEGER : numeric;
    }

    /** pgvector's by-name functions; null when {@code f} is none of them. */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        if (f.name().equals("generate_series")) {
            throw binder.error(SqlState.SYNTAX_ERROR, "set-returning function generate_series is not allowed here:"
                    + " it runs in FROM and in the select list, not in WHERE, aggregates, window functions or another"
                    + " set-returning function's arguments (write ... FROM generate_series(1, 10) AS n)", f.pos());
        }
        PgvectorFunction fn = PgvectorFunction.ofName(f.name());
        if (fn == null) {
            return null;
        }
        SqlType doubles = SqlType.arrayOf(SqlType.DOUBLE);
        List<SqlType> params;
        SqlType result;
        switch (fn) {
            case ARRAY_TO_VECTOR, ARRAY_TO_HALFVEC, ARRAY_TO_SPARSEVEC -> {
                if (args.isEmpty() || !(args.get(0).type().isArray() && args.get(0).type().element().kind().isNumeric())) {
                    throw binder.noSuchFunction(f, args);
                }
                params = List.of(args.get(0).type(), SqlType.INTEGER, SqlType.BOOLEAN);
                result = fn == PgvectorFunction.ARRAY_TO_VECTOR ? SqlType.VECTOR
                        : fn == PgvectorFunction.ARRAY_TO_HALFVEC ? SqlType.HALFVEC : SqlType.SPARSEVEC;
            }
            case VECTOR_TO_FLOAT4 -> {
                params = List.of(args.isEmpty() || args.get(0).type().kind() != TypeKind.HALFVEC ? SqlType.VECTOR
                        : SqlType.HALFVEC, SqlType.INTEGER, SqlType.BOOLEAN);
                result = SqlType.arrayOf(SqlType.REAL);
            }
            case VECTOR_ACCUM -> {
                params = List.of(doubles, SqlType.VECTOR);
                result = doubles;
            }
            case VECTOR_COMBINE -> {
                params = List.of(doubles, doubles);
                result = doubles;
            }
            default -> {
                params = List.of(doubles);
                result = SqlType.VECTOR;
            }
        }
        if (args.size() != params.size()) {
            throw binder.noSuchFunction(f, args);
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            SqlType got = args.get(i).type();
            SqlType want = params.get(i);
            boolean fits = got.kind() == TypeKind.UNKNOWN || Casts.implicit(got, want)
                    || (want.kind().isPgvector() && got.kind().isPgvector());
            if (!fits) {
                throw binder.noSuchFunction(f, args);
            }
            coerced.add(binder.coerce(args.get(i), want, f.arguments().get(i).pos()));
        }
        return new BuiltinExpr(fn, List.copyOf(coerced), result);
    }
}
