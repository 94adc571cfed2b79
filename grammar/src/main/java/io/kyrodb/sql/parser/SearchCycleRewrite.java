package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a recursive WITH query's {@code SEARCH} and {@code CYCLE} clauses (PostgreSQL 14+) into
 * plain SQL, as PostgreSQL's rewriter does, so the binder and executor see an ordinary recursive
 * UNION with more columns. For {@code WITH RECURSIVE q(c...) AS (L UNION [ALL] R)}:
 * <ul>
 * <li>{@code SEARCH DEPTH FIRST BY a, b SET seq}: L adds {@code ARRAY[ROW(a, b)]}, R adds the
 * parent's {@code seq || ROW(a, b)}: ordering by seq lists each row after its ancestors.</li>
 * <li>{@code SEARCH BREADTH FIRST BY a, b SET seq}: L adds {@code ROW(0::bigint, a, b)}, R adds
 * {@code ROW(parent depth + 1, a, b)}.</li>
 * <li>{@code CYCLE a, b SET mark [TO v DEFAULT d] USING path}: L adds {@code d} and
 * {@code ARRAY[ROW(a, b)]}; R adds {@code CASE WHEN ROW(a, b) = ANY(parent path) THEN v ELSE d END}
 * and {@code parent path || ROW(a, b)}, and expands only parents whose mark is not v.</li>
 * </ul>
 * The new columns follow the query's own, search before cycle. So that the added expressions can
 * name R's output columns whatever R's select list holds ({@code g.*} included), each term is
 * wrapped in a derived table whose columns are named after the WITH query's; R's inner select
 * passes its parent row's added columns through from the recursive reference.
 */
final class SearchCycleRewrite {
    private SearchCycleRewrite() {
    }

    /** A name as written, with where it was written (for the caret of an error). */
    record Name(String name, Pos pos) {
    }

    record Search(Pos pos, boolean breadth, List<Name> by, Name sequence) {
    }

    record Cycle(Pos pos, List<Name> columns, Name mark, Expr markValue, Expr markDefault, Name path) {
    }

    private static final String LEFT = "*search_cycle_l*";
    private static final String RIGHT = "*search_cycle_r*";
    private static final String PARENT_SEQ = "*parent_seq*";
    private static final String PARENT_MARK = "*parent_mark*";
    private static final String PARENT_PATH = "*parent_path*";

    static Statement.CommonTableExpression rewrite(Statement.CommonTableExpression cte, boolean recursive, Search search,
                                                   Cycle cycle, String sql) {
        Statement.Select right = null;
        String workTable = null;
        if (recursive && cte.query() instanceof Statement.SetOperation u && u.operator() == Statement.SetOperator.UNION
                && u.orderBy().isEmpty() && u.limit() == null && u.offset() == null
                && u.right() instanceof Statement.Select r) {
            right = r;
            workTable = workTableAlias(r.from(), cte.name());
        }
        if (right == null || workTable == null) {
            throw new SqlSyntaxException("WITH query is not recursive", sql, cte.pos());
        }
        Statement.SetOperation union = (Statement.SetOperation) cte.query();
        List<String> columns = cte.columns().isEmpty() ? outputNames(union.left(), sql, cte.pos()) : cte.columns();
        if (search != null) {
            checkColumns(search.by(), columns, "search", sql);
            if (columns.contains(search.sequence().name())) {
                throw new SqlSyntaxException("search sequence column name \"" + search.sequence().name()
                        + "\" already used in WITH query column list", sql, search.sequence().pos());
            }
        }
        if (cycle != null) {
            checkColumns(cycle.columns(), columns, "cycle", sql);
            if (columns.contains(cycle.mark().name())) {
                throw new SqlSyntaxException("cycle mark column name \"" + cycle.mark().name()
                        + "\" already used in WITH query column list", sql, cycle.mark().pos());
            }
            if (columns.contains(cycle.path().name())) {
                throw new SqlSyntaxException("cycle path column name \"" + cycle.path().name()
                        + "\" already used in WITH query column list", sql, cycle.path().pos());
            }
            if (cycle.mark().name().equals(cycle.path().name())) {
                throw new SqlSyntaxException("cycle mark column name and cycle path column name are the same", sql, cycle.pos());
            }
            if (search != null && search.sequence().name().equals(cycle.mark().name())) {
                throw new SqlSyntaxException("search sequence column name and cycle mark column name are the same", sql,
                        search.pos());
            }
            if (search != null && search.sequence().name().equals(cycle.path().name())) {
                throw new SqlSyntaxException("search sequence column name and cycle path column name are the same", sql,
                        search.pos());
            }
        }
        Pos pos = cte.pos();
        List<String> all = new ArrayList<>(columns);

        // L: SELECT l.c..., added FROM (L) l(c...)
        List<Statement.SelectItem> leftItems = passThrough(columns, LEFT, pos);
        // R, inner: R's select list plus its parent's added columns; outer: SELECT r.c..., added FROM (inner) r(c..., parent's)
        List<Statement.SelectItem> innerItems = new ArrayList<>(right.items());
        List<String> rightColumns = new ArrayList<>(columns);
        List<Statement.SelectItem> rightItems = passThrough(columns, RIGHT, pos);
        Expr where = right.where();
        if (search != null) {
            all.add(search.sequence().name());
            innerItems.add(item(col(workTable, search.sequence().name(), pos), null, pos));
            rightColumns.add(PARENT_SEQ);
            Expr leftRow = row(search.by(), LEFT, search.breadth() ? new Expr.Cast(pos,
                    new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "0"), new TypeName(pos, "bigint", List.of())) : null, pos);
            leftItems.add(item(search.breadth() ? leftRow : new Expr.ArrayConstructor(pos, List.of(leftRow)),
                    search.sequence().name(), pos));
            Expr rightValue;
            if (search.breadth()) {
                // the parent's depth: the record's first field, a plain bigint at the start of its text "(depth,...)"
                // (the record's fields have no names the binder could know once it has passed through the union)
                Expr text = new Expr.Cast(pos, col(RIGHT, PARENT_SEQ, pos), new TypeName(pos, "text", List.of()));
                Expr first = new Expr.FunctionCall(pos, "split_part", List.of(
                        new Expr.FunctionCall(pos, "substr", List.of(text, new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "2")),
                                false, false),
                        new Expr.Literal(pos, Expr.LiteralKind.STRING, ","),
                        new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "1")), false, false);
                Expr depth = new Expr.Binary(pos, BinaryOp.ADD, new Expr.Cast(pos, first, new TypeName(pos, "bigint", List.of())),
                        new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "1"));
                rightValue = row(search.by(), RIGHT, depth, pos);
            } else {
                rightValue = new Expr.Binary(pos, BinaryOp.CONCAT, col(RIGHT, PARENT_SEQ, pos), row(search.by(), RIGHT, null, pos));
            }
            rightItems.add(item(rightValue, search.sequence().name(), pos));
        }
        if (cycle != null) {
            all.add(cycle.mark().name());
            all.add(cycle.path().name());
            innerItems.add(item(col(workTable, cycle.mark().name(), pos), null, pos));
            innerItems.add(item(col(workTable, cycle.path().name(), pos), null, pos));
            rightColumns.add(PARENT_MARK);
            rightColumns.add(PARENT_PATH);
            // CASE resolves the mark value's and default's common type, as PostgreSQL does for the pair
            leftItems.add(item(new Expr.Case(pos, null, List.of(new Expr.When(new Expr.Literal(pos, Expr.LiteralKind.BOOLEAN,
                    Boolean.FALSE), cycle.markValue())), cycle.markDefault()), cycle.mark().name(), pos));
            leftItems.add(item(new Expr.ArrayConstructor(pos, List.of(row(cycle.columns(), LEFT, null, pos))),
                    cycle.path().name(), pos));
            Expr seen = new Expr.Quantified(pos, BinaryOp.EQ, false, row(cycle.columns(), RIGHT, null, pos),
                    col(RIGHT, PARENT_PATH, pos));
            rightItems.add(item(new Expr.Case(pos, null, List.of(new Expr.When(seen, cycle.markValue())), cycle.markDefault()),
                    cycle.mark().name(), pos));
            rightItems.add(item(new Expr.Binary(pos, BinaryOp.CONCAT, col(RIGHT, PARENT_PATH, pos),
                    row(cycle.columns(), RIGHT, null, pos)), cycle.path().name(), pos));
            // expand only the rows not marked as closing a cycle
            Expr open = new Expr.Unary(pos, Expr.UnaryOp.NOT,
                    new Expr.Binary(pos, BinaryOp.EQ, col(workTable, cycle.mark().name(), pos), cycle.markValue()));
            where = where == null ? open : new Expr.Binary(pos, BinaryOp.AND, where, open);
        }
        Statement.Select left = select(pos, leftItems, new Statement.DerivedTable(pos, union.left(), LEFT, columns, false));
        Statement.Select inner = new Statement.Select(right.pos(), right.distinct(), List.copyOf(innerItems), right.from(), where,
                right.groupBy(), right.having(), right.orderBy(), right.limit(), right.offset(), right.distinctOn(),
                right.windows(), right.withTies(), right.locking());
        Statement.Select outer = select(pos, rightItems, new Statement.DerivedTable(pos, inner, RIGHT,
                List.copyOf(rightColumns), false));
        Statement.SetOperation rewritten = new Statement.SetOperation(union.pos(), union.operator(), union.all(), left, outer,
                union.orderBy(), union.limit(), union.offset(), union.withTies());
        return new Statement.CommonTableExpression(cte.pos(), cte.name(), List.copyOf(all), rewritten, null);
    }

    private static void checkColumns(List<Name> names, List<String> columns, String what, String sql) {
        Set<String> seen = new HashSet<>();
        for (Name n : names) {
            if (!columns.contains(n.name())) {
                throw new SqlSyntaxException(what + " column \"" + n.name() + "\" not in WITH query column list", sql, n.pos());
            }
            if (!seen.add(n.name())) {
                throw new SqlSyntaxException(what + " column \"" + n.name() + "\" specified more than once", sql, n.pos(), "42701");
            }
        }
    }

    /** The recursive reference's name in R's FROM (its alias, or the WITH query's name), or null when R has none. */
    private static String workTableAlias(List<FromItem> from, String name) {
        for (FromItem f : from) {
            String alias = switch (f) {
                case Statement.TableReference t when t.name().schema() == null && t.name().name().equals(name) ->
                        t.alias() != null ? t.alias() : name;
                case FromItem.Join j -> workTableAlias(List.of(j.left(), j.right()), name);
                default -> null;
            };
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    /** The column names of the non-recursive term, when the WITH query lists none: each item's alias or column name. */
    private static List<String> outputNames(Statement.Query q, String sql, Pos pos) {
        if (q instanceof Statement.SetOperation s) {
            return outputNames(s.left(), sql, pos);
        }
        List<String> names = new ArrayList<>();
        if (q instanceof Statement.Select s) {
            for (Statement.SelectItem item : s.items()) {
                String name = item instanceof Statement.SelectExpression e
                        ? e.alias() != null ? e.alias()
                        : e.expr() instanceof Expr.ColumnRef c ? c.name()
                        : e.expr() instanceof Expr.FieldSelection f ? f.field() : null
                        : null;
                if (name == null) {
                    throw new SqlSyntaxException("SEARCH and CYCLE need the WITH query's column list when its "
                            + "non-recursive term's columns are not all named", sql, pos);
                }
                names.add(name);
            }
            return names;
        }
        throw new SqlSyntaxException("SEARCH and CYCLE need the WITH query's column list here", sql, pos);
    }

    private static List<Statement.SelectItem> passThrough(List<String> columns, String table, Pos pos) {
        List<Statement.SelectItem> items = new ArrayList<>();
        for (String c : columns) {
            items.add(item(col(table, c, pos), c, pos));
        }
        return items;
    }

    private static Statement.Select select(Pos pos, List<Statement.SelectItem> items, FromItem from) {
        return new Statement.Select(pos, false, List.copyOf(items), List.of(from), null, List.of(), null, List.of(), null, null);
    }

    private static Statement.SelectItem item(Expr e, String alias, Pos pos) {
        return new Statement.SelectExpression(pos, e, alias);
    }

    private static Expr col(String table, String name, Pos pos) {
        return new Expr.ColumnRef(pos, table, name);
    }

    /** {@code ROW([first,] table.a, table.b)}. */
    private static Expr row(List<Name> names, String table, Expr first, Pos pos) {
        List<Expr> args = new ArrayList<>();
        if (first != null) {
            args.add(first);
        }
        for (Name n : names) {
            args.add(col(table, n.name(), pos));
        }
        return new Expr.FunctionCall(pos, "row", List.copyOf(args), false, false);
    }
}
