package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;

import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY with ROLLUP, CUBE or GROUPING SETS, expanded as PostgreSQL defines them into a list of
 * grouping sets: {@code ROLLUP (a, b)} is {@code ((a, b), (a), ())}, {@code CUBE (a, b)} is
 * {@code ((a, b), (a), (b), ())}, and several GROUP BY items combine as their cross product. The
 * query's GROUP BY then holds one call {@value #NAME}{@code (row(...), ...)}, one {@code row} per set.
 */
public final class GroupingSets {
    /** The name of the call that carries the sets (a space: no unquoted name can spell it). */
    public static final String NAME = "grouping sets";

    private GroupingSets() {
    }

    static Expr call(Pos pos, List<List<Expr>> sets) {
        List<Expr> rows = new ArrayList<>();
        for (List<Expr> set : sets) {
            rows.add(RowValues.row(pos, set));
        }
        return new Expr.FunctionCall(pos, NAME, List.copyOf(rows), false, false);
    }

    /** A parenthesized list {@code (a, b)} is one element of several expressions. */
    static List<Expr> members(Expr e) {
        return RowValues.isRow(e) ? ((Expr.FunctionCall) e).arguments() : List.of(e);
    }

    static List<List<Expr>> rollup(List<List<Expr>> elements) {
        List<List<Expr>> sets = new ArrayList<>();
        for (int n = elements.size(); n >= 0; n--) {
            List<Expr> set = new ArrayList<>();
            elements.subList(0, n).forEach(set::addAll);
            sets.add(List.copyOf(set));
        }
        return sets;
    }

    static List<List<Expr>> cube(List<List<Expr>> elements) {
        List<List<Expr>> sets = new ArrayList<>();
        int n = elements.size();
        for (int mask = (1 << n) - 1; mask >= 0; mask--) {
            List<Expr> set = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << (n - 1 - i))) != 0) {
                    set.addAll(elements.get(i));
                }
            }
            sets.add(List.copyOf(set));
        }
        return sets;
    }

    /** Every combination of one set from each item, concatenated. */
    static List<List<Expr>> product(List<List<List<Expr>>> items) {
        List<List<Expr>> out = List.of(List.of());
        for (List<List<Expr>> item : items) {
            List<List<Expr>> next = new ArrayList<>();
            for (List<Expr> prefix : out) {
                for (List<Expr> set : item) {
                    List<Expr> combined = new ArrayList<>(prefix);
                    combined.addAll(set);
                    next.add(List.copyOf(combined));
                }
            }
            out = next;
        }
        return out;
    }
}
