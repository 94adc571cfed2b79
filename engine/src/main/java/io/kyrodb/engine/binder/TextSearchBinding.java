package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.TextSearchFunction;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the full text search functions ({@link TextSearchFunction}) and operators: {@code @@}
 * (tsvector @@ tsquery either way round, text @@ tsquery, text @@ text), {@code ||} on tsvectors
 * and tsqueries, {@code &&} on tsqueries. A call without a configuration gets the session's
 * default_text_search_config as a constant (a SET re-plans cached statements). Calls whose
 * argument types fit none of these return null, so other bindings may apply ({@code length(text)}).
 */
final class TextSearchBinding {
    private static final SqlType REALS = SqlType.arrayOf(SqlType.REAL);
    private static final SqlType TEXTS = SqlType.arrayOf(SqlType.TEXT);

    private TextSearchBinding() {
    }

    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        return switch (f.name()) {
            case "to_tsvector" -> {
                if (n < 1 || n > 2 || n == 2 && !textLike(args.get(0))) {
                    yield null;
                }
                BoundExpr doc = args.get(n - 1);
                TypeKind k = doc.type().kind();
                if (k == TypeKind.JSONB || k == TypeKind.JSON) {
                    yield new BuiltinExpr(TextSearchFunction.JSON_TO_TSVECTOR, List.of(config(binder, f, args, n == 2),
                            binder.coerce(doc, SqlType.JSONB, f.pos())), SqlType.TSVECTOR);
                }
                yield textLike(doc) ? new BuiltinExpr(TextSearchFunction.TO_TSVECTOR, List.of(config(binder, f, args, n == 2),
                        binder.coerce(doc, SqlType.TEXT, f.pos())), SqlType.TSVECTOR) : null;
            }
            case "to_tsquery" -> query(binder, f, args, TextSearchFunction.TO_TSQUERY);
            case "plainto_tsquery" -> query(binder, f, args, TextSearchFunction.PLAINTO_TSQUERY);
            case "phraseto_tsquery" -> query(binder, f, args, TextSearchFunction.PHRASETO_TSQUERY);
            case "websearch_to_tsquery" -> query(binder, f, args, TextSearchFunction.WEBSEARCH_TO_TSQUERY);
            case "ts_rank", "ts_rank_cd" -> {
                boolean weights = n >= 1 && (args.get(0).type().isArray() || n == 4 || n == 3
                        && args.get(0).type().kind() == TypeKind.UNKNOWN && args.get(1).type().kind() == TypeKind.TSVECTOR);
                int base = weights ? 1 : 0;
                if (n < base + 2 || n > base + 3 || !is(args.get(base), TypeKind.TSVECTOR)
                        || !is(args.get(base + 1), TypeKind.TSQUERY) || n == base + 3 && !intLike(args.get(base + 2))) {
                    yield null;
                }
                List<BoundExpr> a = new ArrayList<>();
                a.add(weights ? binder.coerce(args.get(0), REALS, f.pos()) : new ConstExpr(null, REALS));
                a.add(binder.coerce(args.get(base), SqlType.TSVECTOR, f.pos()));
                a.add(binder.coerce(args.get(base + 1), SqlType.TSQUERY, f.pos()));
                a.add(n == base + 3 ? binder.coerce(args.get(base + 2), SqlType.INTEGER, f.pos()) : new ConstExpr(0, SqlType.INTEGER));
                yield new BuiltinExpr(f.name().equals("ts_rank") ? TextSearchFunction.TS_RANK
                        : TextSearchFunction.TS_RANK_CD, a, SqlType.REAL);
            }
            case "ts_headline" -> {
                // (doc, query [, options]) or (config, doc, query [, options])
                boolean cfg = n >= 3 && args.get(2).type().kind() == TypeKind.TSQUERY
                        || n == 4;
                int base = cfg ? 1 : 0;
                if (n < base + 2 || n > base + 3 || !textLike(args.get(base)) || !is(args.get(base + 1), TypeKind.TSQUERY)
                        || n == base + 3 && !textLike(args.get(base + 2))) {
                    yield null;
                }
                yield new BuiltinExpr(TextSearchFunction.TS_HEADLINE, List.of(config(binder, f, args, cfg),
                        binder.coerce(args.get(base), SqlType.TEXT, f.pos()),
                        binder.coerce(args.get(base + 1), SqlType.TSQUERY, f.pos()),
                        n == base + 3 ? binder.coerce(args.get(base + 2), SqlType.TEXT, f.pos()) : new ConstExpr(null, SqlType.TEXT)),
                        SqlType.TEXT);
            }
            case "setweight" -> {
                if (n < 2 || n > 3 || !is(args.get(0), TypeKind.TSVECTOR) || !textLike(args.get(1))) {
                    yield null;
                }
                List<BoundExpr> a = new ArrayList<>(List.of(binder.coerce(args.get(0), SqlType.TSVECTOR, f.pos()),
                        binder.coerce(args.get(1), SqlType.TEXT, f.pos())));
                if (n == 3) {
                    a.add(binder.coerce(args.get(2), TEXTS, f.pos()));
                }
                yield new BuiltinExpr(TextSearchFunction.SETWEIGHT, a, SqlType.TSVECTOR);
            }
            case "strip" -> unary(binder, f, args, TypeKind.TSVECTOR, TextSearchFunction.STRIP, SqlType.TSVECTOR, true);
            case "length" -> unary(binder, f, args, TypeKind.TSVECTOR, TextSearchFunction.LENGTH, SqlType.INTEGER, false);
            case "numnode" -> unary(binder, f, args, TypeKind.TSQUERY, TextSearchFunction.NUMNODE, SqlType.INTEGER, true);
            case "querytree" -> unary(binder, f, args, TypeKind.TSQUERY, TextSearchFunction.QUERYTREE, SqlType.TEXT, true);
            case "tsvector_to_array" -> unary(binder, f, args, TypeKind.TSVECTOR, TextSearchFunction.TSVECTOR_TO_ARRAY, TEXTS, true);
            case "array_to_tsvector" -> n == 1 && (args.get(0).type().isArray() || args.get(0).type().kind() == TypeKind.UNKNOWN)
                    ? new BuiltinExpr(TextSearchFunction.ARRAY_TO_TSVECTOR, List.of(binder.coerce(args.get(0), TEXTS, f.pos())),
                    SqlType.TSVECTOR) : null;
            case "ts_delete" -> n == 2 && is(args.get(0), TypeKind.TSVECTOR)
                    ? new BuiltinExpr(TextSearchFunction.TS_DELETE, List.of(binder.coerce(args.get(0), SqlType.TSVECTOR, f.pos()),
                    args.get(1).type().isArray() ? binder.coerce(args.get(1), TEXTS, f.pos())
                            : binder.coerce(args.get(1), SqlType.TEXT, f.pos())), SqlType.TSVECTOR) : null;
            case "tsquery_phrase" -> {
                if (n < 2 || n > 3 || !is(args.get(0), TypeKind.TSQUERY) || !is(args.get(1), TypeKind.TSQUERY)
                        || n == 3 && !intLike(args.get(2))) {
                    yield null;
                }
                yield new BuiltinExpr(TextSearchFunction.TSQUERY_PHRASE, List.of(binder.coerce(args.get(0), SqlType.TSQUERY, f.pos()),
                        binder.coerce(args.get(1), SqlType.TSQUERY, f.pos()),
                        n == 3 ? binder.coerce(args.get(2), SqlType.INTEGER, f.pos()) : new ConstExpr(1, SqlType.INTEGER)),
                        SqlType.TSQUERY);
            }
            case "get_current_ts_config" -> n == 0 ? new ConstExpr(shortName(defaultConfig(binder)), SqlType.TEXT) : null;
            default -> null;
        };
    }

    /** @@, or null when neither side is a text search type or text (jsonb @@ jsonpath then applies). */
    static BoundExpr match(ExprBinder binder, Expr.Binary b) {
        BoundExpr l = binder.bind(b.left(), null);
        BoundExpr r = binder.bind(b.right(), null);
        TypeKind lk = l.type().kind();
        TypeKind rk = r.type().kind();
        if (lk == TypeKind.JSONB || lk == TypeKind.JSON || rk == TypeKind.JSONPATH) {
            return null;
        }
        if (lk == TypeKind.TSQUERY && (rk == TypeKind.TSVECTOR || rk == TypeKind.UNKNOWN)) {
            BoundExpr t = l;
            l = r;
            r = t;
            lk = l.type().kind();
            rk = r.type().kind();
        }
        if (lk == TypeKind.TSVECTOR) {
            if (rk != TypeKind.TSQUERY && rk != TypeKind.UNKNOWN) {
                throw binder.operatorDoesNotExist(b, l, r);
            }
            return new BuiltinExpr(TextSearchFunction.MATCH, List.of(binder.coerce(l, SqlType.TSVECTOR, b.left().pos()),
                    binder.coerce(r, SqlType.TSQUERY, b.right().pos())), SqlType.BOOLEAN);
        }
        if (textLike(l) && rk == TypeKind.TSQUERY) {
            return new BuiltinExpr(TextSearchFunction.TEXT_MATCH, List.of(new ConstExpr(defaultConfig(binder), SqlType.TEXT),
                    binder.coerce(l, SqlType.TEXT, b.left().pos()), r), SqlType.BOOLEAN);
        }
        if (textLike(l) && textLike(r)) {
            return new BuiltinExpr(TextSearchFunction.TEXT_TEXT_MATCH, List.of(new ConstExpr(defaultConfig(binder), SqlType.TEXT),
                    binder.coerce(l, SqlType.TEXT, b.left().pos()), binder.coerce(r, SqlType.TEXT, b.right().pos())),
                    SqlType.BOOLEAN);
        }
        if (lk == TypeKind.TSQUERY || rk == TypeKind.TSVECTOR || rk == TypeKind.TSQUERY) {
            throw binder.operatorDoesNotExist(b, l, r);
        }
        return null;
    }

    /** {@code ||} on tsvectors or tsqueries; null when neither side is one. */
    static BoundExpr concat(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        TypeKind l = left.type().kind();
        TypeKind r = right.type().kind();
        for (TypeKind k : new TypeKind[]{TypeKind.TSVECTOR, TypeKind.TSQUERY}) {
            if (l == k || r == k) {
                if (l != k && l != TypeKind.UNKNOWN || r != k && r != TypeKind.UNKNOWN) {
                    throw binder.operatorDoesNotExist(b, left, right);
                }
                SqlType t = SqlType.of(k);
                return new BuiltinExpr(k == TypeKind.TSVECTOR ? TextSearchFunction.TSVECTOR_CONCAT : TextSearchFunction.TSQUERY_OR,
                        List.of(binder.coerce(left, t, b.left().pos()), binder.coerce(right, t, b.right().pos())), t);
            }
        }
        return null;
    }

    static BoundExpr tsqueryAnd(BoundExpr l, BoundExpr r) {
        return new BuiltinExpr(TextSearchFunction.TSQUERY_AND, List.of(l, r), SqlType.TSQUERY);
    }

    private static BoundExpr query(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, TextSearchFunction fn) {
        int n = args.size();
        if (n < 1 || n > 2 || !textLike(args.get(n - 1)) || n == 2 && !textLike(args.get(0))) {
            return null;
        }
        return new BuiltinExpr(fn, List.of(config(binder, f, args, n == 2),
                binder.coerce(args.get(n - 1), SqlType.TEXT, f.pos())), SqlType.TSQUERY);
    }

    private static BoundExpr unary(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, TypeKind kind,
                                   TextSearchFunction fn, SqlType result, boolean unknownToo) {
        if (args.size() != 1 || !(args.get(0).type().kind() == kind
                || unknownToo && args.get(0).type().kind() == TypeKind.UNKNOWN)) {
            return null;
        }
        return new BuiltinExpr(fn, List.of(binder.coerce(args.get(0), SqlType.of(kind), f.pos())), result);
    }

    private static BoundExpr config(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, boolean given) {
        if (given) {
            return binder.coerce(args.get(0), SqlType.TEXT, f.pos());
        }
        return new ConstExpr(defaultConfig(binder), SqlType.TEXT);
    }

    private static String defaultConfig(ExprBinder binder) {
        String s = binder.setting("default_text_search_config");
        return s == null || s.isBlank() ? "pg_catalog.english" : s;
    }

    private static String shortName(String config) {
        String s = config.trim();
        return s.toLowerCase(java.util.Locale.ROOT).startsWith("pg_catalog.") ? s.substring("pg_catalog.".length()) : s;
    }

    private static boolean textLike(BoundExpr e) {
        return e.type().kind().isText() || e.type().kind() == TypeKind.UNKNOWN;
    }

    private static boolean intLike(BoundExpr e) {
        return e.type().kind().isInteger() || e.type().kind() == TypeKind.UNKNOWN;
    }

    private static boolean is(BoundExpr e, TypeKind kind) {
        return e.type().kind() == kind || e.type().kind() == TypeKind.UNKNOWN;
    }
}
