package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.EncodingConversion;
import io.kyrodb.engine.expr.Quoting;
import io.kyrodb.engine.expr.Sleep;
import io.kyrodb.engine.expr.ToNumber;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.List;
import java.util.function.Supplier;

/**
 * Binds quote_ident, quote_literal, quote_nullable, convert_to, convert_from, to_number, pg_sleep
 * and pg_sleep_for: the argument types PostgreSQL's signatures take (quote_literal and
 * quote_nullable take any value, as its text), 42883 otherwise. Null when {@code name} is none of them.
 */
final class UtilityCalls {
    private UtilityCalls() {
    }

    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args,
                          Supplier<RuntimeException> noSuchFunction) {
        int n = args.size();
        return switch (f.name()) {
            case "quote_ident" -> {
                require(n == 1 && textLike(args.get(0)), noSuchFunction);
                yield new BuiltinExpr(new Quoting(Quoting.Kind.IDENT), List.of(text(binder, f, args, 0)), SqlType.TEXT);
            }
            case "quote_literal", "quote_nullable" -> {
                require(n == 1, noSuchFunction);
                yield new BuiltinExpr(new Quoting(f.name().equals("quote_literal") ? Quoting.Kind.LITERAL
                        : Quoting.Kind.NULLABLE), List.of(asText(binder, f, args.get(0))), SqlType.TEXT);
            }
            case "convert_to" -> {
                require(n == 2 && textLike(args.get(0)) && textLike(args.get(1)), noSuchFunction);
                yield new BuiltinExpr(new EncodingConversion(true), List.of(text(binder, f, args, 0),
                        text(binder, f, args, 1)), SqlType.BYTEA);
            }
            case "convert_from" -> {
                require(n == 2 && (args.get(0).type().kind() == TypeKind.BYTEA || unknown(args.get(0)))
                        && textLike(args.get(1)), noSuchFunction);
                yield new BuiltinExpr(new EncodingConversion(false), List.of(binder.coerce(args.get(0), SqlType.BYTEA,
                        f.arguments().get(0).pos()), text(binder, f, args, 1)), SqlType.TEXT);
            }
            case "regexp_matches_count", "regexp_matches_at" -> {   // regexp_matches, as the grammar writes it
                boolean count = f.name().endsWith("count");
                require(n == (count ? 3 : 4) && textLike(args.get(0)) && textLike(args.get(1)) && textLike(args.get(2))
                        && (count || args.get(3).type().kind().isInteger()), noSuchFunction);
                List<BoundExpr> converted = new java.util.ArrayList<>(List.of(text(binder, f, args, 0),
                        text(binder, f, args, 1), text(binder, f, args, 2)));
                if (!count) {
                    converted.add(binder.coerce(args.get(3), SqlType.INTEGER, f.arguments().get(3).pos()));
                }
                yield new BuiltinExpr(new io.kyrodb.engine.expr.RegexpMatches(count), List.copyOf(converted),
                        count ? SqlType.INTEGER : SqlType.arrayOf(SqlType.TEXT));
            }
            case "regexp_instr" -> {
                require(n >= 2 && n <= 7, noSuchFunction);
                yield new BuiltinExpr(new io.kyrodb.engine.expr.RegexpInstr(), typed(binder, f, args,
                        new SqlType[] {T, T, I, I, I, T, I}, noSuchFunction), SqlType.INTEGER);
            }
            case "to_number" -> {
                require(n == 2 && textLike(args.get(0)) && textLike(args.get(1)), noSuchFunction);
                yield new BuiltinExpr(new ToNumber(), List.of(text(binder, f, args, 0), text(binder, f, args, 1)),
                        SqlType.NUMERIC);
            }
            case "pg_sleep" -> {
                require(n == 1 && (args.get(0).type().kind().isNumeric() || unknown(args.get(0))), noSuchFunction);
                yield new BuiltinExpr(new Sleep(false), List.of(binder.coerce(args.get(0), SqlType.DOUBLE,
                        f.arguments().get(0).pos())), SqlType.TEXT);
            }
            case "pg_sleep_for" -> {
                require(n == 1 && (args.get(0).type().kind() == TypeKind.INTERVAL || unknown(args.get(0))), noSuchFunction);
                yield new BuiltinExpr(new Sleep(true), List.of(binder.coerce(args.get(0), SqlType.INTERVAL,
                        f.arguments().get(0).pos())), SqlType.TEXT);
            }
            default -> null;
        };
    }

    private static final SqlType T = SqlType.TEXT;
    private static final SqlType I = SqlType.INTEGER;

    /** regexp_replace(s, re, replacement, start [, N [, flags]]) (PostgreSQL 15's forms with a start). */
    static BoundExpr regexpReplaceAt(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args,
                                     Supplier<RuntimeException> noSuchFunction) {
        require(args.size() <= 6, noSuchFunction);
        return new BuiltinExpr(new io.kyrodb.engine.expr.RegexpReplaceAt(), typed(binder, f, args,
                new SqlType[] {T, T, T, I, I, T}, noSuchFunction), T);
    }

    /** The arguments converted to {@code params}' first types: text to text, integers to integer, unknown to either. */
    private static List<BoundExpr> typed(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, SqlType[] params,
                                         Supplier<RuntimeException> noSuchFunction) {
        List<BoundExpr> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            BoundExpr a = args.get(i);
            boolean fits = unknown(a) || (params[i].kind().isText() ? a.type().kind().isText() : a.type().kind().isInteger());
            require(fits, noSuchFunction);
            out.add(binder.coerce(a, params[i], f.arguments().get(i).pos()));
        }
        return List.copyOf(out);
    }

    private static void require(boolean ok, Supplier<RuntimeException> noSuchFunction) {
        if (!ok) {
            throw noSuchFunction.get();
        }
    }

    private static boolean unknown(BoundExpr e) {
        return e.type().kind() == TypeKind.UNKNOWN;
    }

    private static boolean textLike(BoundExpr e) {
        return e.type().kind().isText() || unknown(e);
    }

    private static BoundExpr text(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, int i) {
        return binder.coerce(args.get(i), SqlType.TEXT, f.arguments().get(i).pos());
    }

    /** anyelement as its text (quote_literal(42) is '42'). */
    private static BoundExpr asText(ExprBinder binder, Expr.FunctionCall f, BoundExpr e) {
        if (textLike(e)) {
            return binder.coerce(e, SqlType.TEXT, f.arguments().get(0).pos());
        }
        return new CastExpr(e, SqlType.TEXT, true);
    }
}
