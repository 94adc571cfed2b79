package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.DateTimeArithmeticExpr;
import io.kyrodb.engine.expr.DateTimeArithmeticExpr.Op;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

/**
 * Binds {@code + - * /} when an operand is a date, time, timestamp, timestamptz or interval, after
 * Postgres's operator table: date +- integer, date - date (integer), date + time (timestamp),
 * x +- interval (date becomes timestamp), timestamp - timestamp (interval), interval * / number.
 */
final class DateTimeBinding {
    private DateTimeBinding() {
    }

    static boolean isTemporal(SqlType t) {
        TypeKind k = t.kind();
        return k.isDateTime() || k == TypeKind.TIME || k == TypeKind.TIMETZ || k == TypeKind.INTERVAL;
    }

    /** The type an untyped operand of {@code op} takes next to a typed {@code other}: interval for {@code ts + '1 day'}. */
    static SqlType untypedHint(BinaryOp op, SqlType other) {
        TypeKind k = other.kind();
        if (op == BinaryOp.CONCAT) {
            // 'at ' || date is text concatenation; vector, halfvec, array, jsonb and bytea have || of their own
            return k.isVector() || k == TypeKind.ARRAY || k == TypeKind.JSONB || k == TypeKind.JSON
                    || k == TypeKind.BYTEA ? other : SqlType.TEXT;
        }
        if (op == BinaryOp.ADD && (k == TypeKind.TIMESTAMP || k == TypeKind.TIMESTAMPTZ || k == TypeKind.TIME
                || k == TypeKind.TIMETZ || k == TypeKind.DATE)) {
            return SqlType.INTERVAL;
        }
        if (op == BinaryOp.SUBTRACT && k == TypeKind.JSONB) {
            return SqlType.TEXT;   // jsonb - 'key'
        }
        if ((op == BinaryOp.MULTIPLY || op == BinaryOp.DIVIDE) && k == TypeKind.INTERVAL) {
            return SqlType.DOUBLE;
        }
        return other;
    }

    /** The bound operator, or null when no date/time operator takes these operand types. */
    static BoundExpr arithmetic(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        TypeKind l = left.type().kind();
        TypeKind r = right.type().kind();
        BinaryOp op = b.op();
        boolean add = op == BinaryOp.ADD;
        boolean sub = op == BinaryOp.SUBTRACT;
        if (l == TypeKind.DATE && r.isInteger() && (add || sub)) {
            return new DateTimeArithmeticExpr(add ? Op.DATE_PLUS_DAYS : Op.DATE_MINUS_DAYS, left,
                    binder.coerce(right, SqlType.INTEGER, b.right().pos()), SqlType.DATE);
        }
        if (l.isInteger() && r == TypeKind.DATE && add) {
            return new DateTimeArithmeticExpr(Op.DAYS_PLUS_DATE, binder.coerce(left, SqlType.INTEGER, b.left().pos()),
                    right, SqlType.DATE);
        }
        if (l == TypeKind.DATE && r == TypeKind.DATE && sub) {
            return new DateTimeArithmeticExpr(Op.DATE_MINUS_DATE, left, right, SqlType.INTEGER);
        }
        if (l == TypeKind.DATE && r == TypeKind.TIME && add) {
            return new DateTimeArithmeticExpr(Op.DATE_PLUS_TIME, left, right, SqlType.TIMESTAMP);
        }
        if (l == TypeKind.TIME && r == TypeKind.DATE && add) {
            return new DateTimeArithmeticExpr(Op.TIME_PLUS_DATE, left, right, SqlType.TIMESTAMP);
        }
        if (l == TypeKind.DATE && r == TypeKind.TIMETZ && add) {
            return new DateTimeArithmeticExpr(Op.DATE_PLUS_TIME, left, right, SqlType.TIMESTAMPTZ);
        }
        if (l == TypeKind.TIMETZ && r == TypeKind.DATE && add) {
            return new DateTimeArithmeticExpr(Op.TIME_PLUS_DATE, left, right, SqlType.TIMESTAMPTZ);
        }
        if (r == TypeKind.INTERVAL && (add || sub) && isTemporal(left.type())) {
            SqlType t = l == TypeKind.DATE ? SqlType.TIMESTAMP : SqlType.of(l);
            return new DateTimeArithmeticExpr(add ? Op.PLUS_INTERVAL : Op.MINUS_INTERVAL,
                    binder.coerce(left, t, b.left().pos()), right, t);
        }
        if (l == TypeKind.INTERVAL && add && isTemporal(right.type())) {
            SqlType t = r == TypeKind.DATE ? SqlType.TIMESTAMP : SqlType.of(r);
            return new DateTimeArithmeticExpr(Op.INTERVAL_PLUS, left, binder.coerce(right, t, b.right().pos()), t);
        }
        if (sub && (l == TypeKind.TIMESTAMP || l == TypeKind.TIMESTAMPTZ || l == TypeKind.DATE)
                && (r == TypeKind.TIMESTAMP || r == TypeKind.TIMESTAMPTZ || r == TypeKind.DATE)) {
            SqlType t = l == TypeKind.TIMESTAMPTZ || r == TypeKind.TIMESTAMPTZ ? SqlType.TIMESTAMPTZ : SqlType.TIMESTAMP;
            return new DateTimeArithmeticExpr(Op.MINUS_SAME, binder.coerce(left, t, b.left().pos()),
                    binder.coerce(right, t, b.right().pos()), SqlType.INTERVAL);
        }
        if (sub && l == TypeKind.TIME && r == TypeKind.TIME) {
            return new DateTimeArithmeticExpr(Op.MINUS_SAME, left, right, SqlType.INTERVAL);
        }
        if (l == TypeKind.INTERVAL && r.isNumeric() && (op == BinaryOp.MULTIPLY || op == BinaryOp.DIVIDE)) {
            return new DateTimeArithmeticExpr(op == BinaryOp.MULTIPLY ? Op.INTERVAL_TIMES : Op.INTERVAL_DIVIDED, left,
                    binder.coerce(right, SqlType.DOUBLE, b.right().pos()), SqlType.INTERVAL);
        }
        if (l.isNumeric() && r == TypeKind.INTERVAL && op == BinaryOp.MULTIPLY) {
            return new DateTimeArithmeticExpr(Op.TIMES_INTERVAL, binder.coerce(left, SqlType.DOUBLE, b.left().pos()),
                    right, SqlType.INTERVAL);
        }
        return null;
    }
}
