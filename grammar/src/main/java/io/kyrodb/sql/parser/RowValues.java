package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import io.kyrodb.sql.ast.Pos;

import java.util.List;

/**
 * Row constructors {@code (a, b)} / {@code ROW(a, b)} and the comparisons PostgreSQL defines on
 * them, written out as comparisons of their fields (PostgreSQL's RowCompareExpr, with the same NULL
 * results):
 * <ul>
 * <li>{@code (a, b) = (c, d)} is {@code a = c AND b = d}; {@code <>} is {@code a <> c OR b <> d};</li>
 * <li>{@code (a, b) > (c, d)} is {@code a >= c AND (a > c OR (a = c AND b > d))} (lexicographic:
 *     the first pair that is not equal decides, NULL if it holds a NULL); the leading {@code a >= c}
 *     changes no result and gives the planner a range on the first column (keyset pagination);</li>
 * <li>{@code (a, b) [NOT] IN ((1, 2), (3, 4))} is {@code [NOT] ((a, b) = (1, 2) OR (a, b) = (3, 4))}.</li>
 * </ul>
 * A row is kept as a call of {@code row(...)} until then; one left over (a row value elsewhere) is
 * reported by the engine as an unknown function.
 */
final class RowValues {
    private RowValues() {
    }

    static Expr row(Pos pos, List<Expr> fields) {
        return new Expr.FunctionCall(pos, "row", List.copyOf(fields), false, false);
    }

    static boolean isRow(Expr e) {
        return e instanceof Expr.FunctionCall f && f.name().equals("row") && f.over() == null && f.filter() == null
                && !f.star() && !f.distinct() && f.orderBy().isEmpty();
    }

    /**
     * {@code (s1, e1) OVERLAPS (s2, e2)}: the call {@code overlaps(s1, e1, s2, e2)} (PostgreSQL's
     * function of that name, which the engine binds); each side must be a row of two values.
     */
    static Expr overlaps(Pos pos, Expr left, Expr right, String sql) {
        for (Expr side : List.of(left, right)) {
            if (!isRow(side) || ((Expr.FunctionCall) side).arguments().size() != 2) {
                throw new SqlSyntaxException("wrong number of parameters on " + (side == left ? "left" : "right")
                        + " side of OVERLAPS expression", sql, side == left ? left.pos() : right.pos());
            }
        }
        List<Expr> args = new java.util.ArrayList<>(((Expr.FunctionCall) left).arguments());
        args.addAll(((Expr.FunctionCall) right).arguments());
        return new Expr.FunctionCall(pos, "overlaps", List.copyOf(args), false, false);
    }

    /** A comparison; when both sides are rows, written out field by field. */
    static Expr compare(Expr comparison, String sql) {
        if (!(comparison instanceof Expr.Binary b) || !b.op().isComparison() || !isRow(b.left()) || !isRow(b.right())) {
            return comparison;
        }
        List<Expr> left = ((Expr.FunctionCall) b.left()).arguments();
        List<Expr> right = ((Expr.FunctionCall) b.right()).arguments();
        if (left.size() != right.size()) {
            throw new SqlSyntaxException("unequal number of entries in row expressions", sql, b.pos());
        }
        if (left.isEmpty()) {
            throw new SqlSyntaxException("cannot compare rows of zero length", sql, b.pos());
        }
        Pos pos = b.pos();
        int n = left.size();
        return switch (b.op()) {
            case EQ, NE -> {
                Expr out = null;
                for (int i = 0; i < n; i++) {
                    Expr pair = new Expr.Binary(pos, b.op(), left.get(i), right.get(i));
                    out = out == null ? pair : new Expr.Binary(pos, b.op() == BinaryOp.EQ ? BinaryOp.AND : BinaryOp.OR, out, pair);
                }
                yield out;
            }
            default -> {
                BinaryOp strict = b.op() == BinaryOp.LT || b.op() == BinaryOp.LE ? BinaryOp.LT : BinaryOp.GT;
                Expr out = new Expr.Binary(pos, b.op(), left.get(n - 1), right.get(n - 1));
                for (int i = n - 2; i >= 0; i--) {
                    out = new Expr.Binary(pos, BinaryOp.OR, new Expr.Binary(pos, strict, left.get(i), right.get(i)),
                            new Expr.Binary(pos, BinaryOp.AND, new Expr.Binary(pos, BinaryOp.EQ, left.get(i), right.get(i)), out));
                }
                if (n > 1) {
                    BinaryOp guard = strict == BinaryOp.LT ? BinaryOp.LE : BinaryOp.GE;
                    out = new Expr.Binary(pos, BinaryOp.AND, new Expr.Binary(pos, guard, left.get(0), right.get(0)), out);
                }
                yield out;
            }
        };
    }

    /**
     * {@code (a, b) [NOT] IN (SELECT x, y ...)}: true when a row of the subquery equals, else NULL
     * when one compares as NULL, else false (PostgreSQL's semantics), written with EXISTS over the
     * subquery as a derived table. A value that is no row stays an ordinary IN.
     */
    static Expr inSubquery(Expr.InSubquery in) {
        if (!isRow(in.value())) {
            return in;
        }
        Pos pos = in.pos();
        List<Expr> values = ((Expr.FunctionCall) in.value()).arguments();
        List<String> columns = new java.util.ArrayList<>();
        Expr match = null;
        for (int i = 0; i < values.size(); i++) {
            String column = "in row " + (i + 1);   // a name no unquoted reference can hit
            columns.add(column);
            Expr eq = new Expr.Binary(pos, BinaryOp.EQ, new Expr.ColumnRef(pos, "in row", column), values.get(i));
            match = match == null ? eq : new Expr.Binary(pos, BinaryOp.AND, match, eq);
        }
        Expr found = new Expr.Exists(pos, rowsWhere(pos, in, columns, match));
        Expr unknown = new Expr.Exists(pos, rowsWhere(pos, in, columns, new Expr.IsNull(pos, match, false)));
        Expr result = new Expr.Case(pos, null, List.of(
                new Expr.When(found, new Expr.Literal(pos, Expr.LiteralKind.BOOLEAN, Boolean.TRUE)),
                new Expr.When(unknown, new Expr.Literal(pos, Expr.LiteralKind.NULL, null))),
                new Expr.Literal(pos, Expr.LiteralKind.BOOLEAN, Boolean.FALSE));
        return in.negated() ? new Expr.Unary(pos, Expr.UnaryOp.NOT, result) : result;
    }

    private static io.kyrodb.sql.ast.Statement.Query rowsWhere(Pos pos, Expr.InSubquery in, List<String> columns,
                                                               Expr condition) {
        return new io.kyrodb.sql.ast.Statement.Select(pos, false,
                List.of(new io.kyrodb.sql.ast.Statement.SelectExpression(pos,
                        new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "1"), null)),
                List.of(new io.kyrodb.sql.ast.Statement.DerivedTable(pos, in.query(), "in row", List.copyOf(columns), false)),
                condition, List.of(), null, List.of(), null, null);
    }

    /**
     * {@code ROW(a, b) IS NULL}: every field is NULL; {@code IS NOT NULL}: no field is (so a row with
     * some NULL fields is neither), as PostgreSQL defines them. Other operands unchanged.
     */
    static Expr isNull(Expr.IsNull n) {
        if (!isRow(n.operand()) || ((Expr.FunctionCall) n.operand()).arguments().isEmpty()) {
            return n;
        }
        Expr out = null;
        for (Expr field : ((Expr.FunctionCall) n.operand()).arguments()) {
            Expr test = new Expr.IsNull(n.pos(), field, n.negated());
            out = out == null ? test : new Expr.Binary(n.pos(), BinaryOp.AND, out, test);
        }
        return out;
    }

    /** {@code row [NOT] IN (row, ...)} as equalities; other IN lists unchanged. */
    static Expr inList(Expr.InList in, String sql) {
        if (!isRow(in.value())) {
            return in;
        }
        Expr any = null;
        for (Expr candidate : in.list()) {
            Expr eq = compare(new Expr.Binary(in.pos(), BinaryOp.EQ, in.value(), candidate), sql);
            if (eq instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() == in.value()) {
                return in;   // an element that is no row: the engine reports the type mismatch
            }
            any = any == null ? eq : new Expr.Binary(in.pos(), BinaryOp.OR, any, eq);
        }
        return in.negated() ? new Expr.Unary(in.pos(), Expr.UnaryOp.NOT, any) : any;
    }
}
