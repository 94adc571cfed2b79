package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.plpgsql.PlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What PostgreSQL checks in a PL/pgSQL body at CREATE FUNCTION beyond its syntax: RETURN with a
 * value in a function returning void or a set, RETURN NEXT / RETURN QUERY in one that does not
 * return a set (42804 each).
 */
final class PlpgsqlChecks {
    private PlpgsqlChecks() {
    }

    /** RETURN expr is 42804 in a function {@code what} (returning set, returning void, with OUT parameters). */
    static void returnWithoutValue(Binder binder, PlStatement.Block body, String what, Pos pos) {
        walk(body, s -> {
            if (s instanceof PlStatement.Return r && r.expr() != null) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, "RETURN cannot have a parameter in function " + what, pos);
            }
        });
    }

    /** RETURN NEXT and RETURN QUERY are 42804 in a function that returns one value. */
    static void noSetReturns(Binder binder, PlStatement.Block body, Pos pos) {
        walk(body, s -> {
            if (s instanceof PlStatement.ReturnNext || s instanceof PlStatement.ReturnQuery) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, "cannot use RETURN " + (s instanceof PlStatement.ReturnNext
                        ? "NEXT" : "QUERY") + " in a non-SETOF function", pos);
            }
        });
    }

    /** Calls {@code visit} on {@code s} and every statement inside it. */
    static void walk(PlStatement s, Consumer<PlStatement> visit) {
        visit.accept(s);
        for (List<PlStatement> list : children(s)) {
            for (PlStatement c : list) {
                walk(c, visit);
            }
        }
    }

    private static List<List<PlStatement>> children(PlStatement s) {
        List<List<PlStatement>> out = new ArrayList<>();
        switch (s) {
            case PlStatement.Block b -> {
                out.add(b.body());
                b.handlers().forEach(h -> out.add(h.body()));
            }
            case PlStatement.If i -> {
                out.addAll(i.branches());
                out.add(i.orElse());
            }
            case PlStatement.Case c -> {
                out.addAll(c.branches());
                if (c.orElse() != null) {
                    out.add(c.orElse());
                }
            }
            case PlStatement.Loop l -> out.add(l.body());
            case PlStatement.While w -> out.add(w.body());
            case PlStatement.ForInteger f -> out.add(f.body());
            case PlStatement.ForQuery f -> out.add(f.body());
            case PlStatement.ForEach f -> out.add(f.body());
            default -> {
            }
        }
        return out;
    }
}
