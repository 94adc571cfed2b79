package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ContainerFunction;
import io.kyrodb.engine.expr.ContainerFunctionExpr;
import io.kyrodb.engine.expr.QuantifiedExpr;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the operators and functions of the uuid, bytea, jsonb and array types: jsonb's
 * {@code -> ->> #> #>> @> <@}, arrays' {@code @> <@ && ||}, subscripts, {@code ARRAY[...]},
 * {@code op ANY/ALL (array)} and the functions of {@link ContainerFunction}. Untyped operands
 * (string literals, parameters) take the type the operator wants, as in Postgres.
 */
final class ContainerBinding {
    private ContainerBinding() {
    }

    // ---- Operators ------------------------------------------------------------------------------

    /** {@code -> ->> #> #>> @> <@ &&}. */
    static BoundExpr operator(ExprBinder binder, Expr.Binary b) {
        return switch (b.op()) {
            case JSON_GET, JSON_GET_TEXT -> {
                BoundExpr doc = jsonb(binder, b.left(), b);
                BoundExpr key = binder.bind(b.right(), null);
                SqlType keyType = key.type().kind().isInteger() ? SqlType.INTEGER
                        : key.type().kind() == TypeKind.UNKNOWN || key.type().kind().isText() ? SqlType.TEXT : null;
                if (keyType == null) {
                    throw binder.operatorDoesNotExist(b, doc, key);
                }
                boolean text = b.op() == BinaryOp.JSON_GET_TEXT;
                yield new ContainerFunctionExpr(text ? ContainerFunction.JSON_GET_TEXT : ContainerFunction.JSON_GET,
                        List.of(doc, binder.coerce(key, keyType, b.right().pos())), text ? SqlType.TEXT : SqlType.JSONB);
            }
            case JSON_PATH, JSON_PATH_TEXT -> {
                BoundExpr doc = jsonb(binder, b.left(), b);
                SqlType textArray = SqlType.arrayOf(SqlType.TEXT);
                BoundExpr path = binder.bind(b.right(), textArray);
                if (!Casts.implicit(path.type(), textArray) && !(path.type().isArray() && path.type().element().kind().isText())) {
                    throw binder.operatorDoesNotExist(b, doc, path);
                }
                boolean text = b.op() == BinaryOp.JSON_PATH_TEXT;
                yield new ContainerFunctionExpr(text ? ContainerFunction.JSON_PATH_TEXT : ContainerFunction.JSON_PATH,
                        List.of(doc, binder.coerce(path, textArray, b.right().pos())), text ? SqlType.TEXT : SqlType.JSONB);
            }
            case CONTAINS, CONTAINED_BY, OVERLAPS -> {
                BoundExpr[] bound = boundPair(binder, b);
                if (RangeBinding.applies(b.op(), bound[0], bound[1])) {
                    yield RangeBinding.operator(binder, b, bound[0], bound[1]);
                }
                BoundExpr[] sides = sameTypePair(binder, b, bound);
                SqlType t = sides[0].type();
                ContainerFunction f;
                if (t.kind() == TypeKind.TSQUERY && b.op() == BinaryOp.OVERLAPS) {
                    yield TextSearchBinding.tsqueryAnd(sides[0], sides[1]);
                }
                if (t.kind() == TypeKind.JSONB && b.op() != BinaryOp.OVERLAPS) {
                    f = b.op() == BinaryOp.CONTAINS ? ContainerFunction.JSON_CONTAINS : ContainerFunction.JSON_CONTAINED_BY;
                } else if (t.isArray()) {
                    f = switch (b.op()) {
                        case CONTAINS -> ContainerFunction.ARRAY_CONTAINS;
                        case CONTAINED_BY -> ContainerFunction.ARRAY_CONTAINED_BY;
                        default -> ContainerFunction.ARRAY_OVERLAP;
                    };
                } else {
                    throw binder.operatorDoesNotExist(b, sides[0], sides[1]);
                }
                yield new ContainerFunctionExpr(f, List.of(sides[0], sides[1]), SqlType.BOOLEAN);
            }
            case EXISTS_KEY -> {
                BoundExpr doc = jsonb(binder, b.left(), b);
                BoundExpr key = binder.bind(b.right(), SqlType.TEXT);
                if (!textLike(key)) {
                    throw binder.operatorDoesNotExist(b, doc, key);
                }
                yield new ContainerFunctionExpr(ContainerFunction.JSON_EXISTS,
                        List.of(doc, binder.coerce(key, SqlType.TEXT, b.right().pos())), SqlType.BOOLEAN);
            }
            case DELETE_PATH, EXISTS_ANY, EXISTS_ALL -> JsonbBinding.operator(binder, b);
            case JSON_PATH_MATCH -> {
                BoundExpr fts = TextSearchBinding.match(binder, b);
                yield fts != null ? fts : JsonPathBinding.operator(binder, b);
            }
            case JSON_PATH_EXISTS -> JsonPathBinding.operator(binder, b);
            default -> throw new IllegalStateException(b.op().name());
        };
    }

    private static BoundExpr jsonb(ExprBinder binder, Expr e, Expr.Binary op) {
        BoundExpr doc = binder.bind(e, SqlType.JSONB);
        if (doc.type().kind() == TypeKind.UNKNOWN || doc.type().kind() == TypeKind.JSON) {
            return binder.coerce(doc, SqlType.JSONB, e.pos());
        }
        if (doc.type().kind() != TypeKind.JSONB) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + doc.type().displayName()
                    + " " + op.op().symbol() + " ...", op.pos());
        }
        return doc;
    }

    /** Both operands in one type (the typed side's; an untyped side is read as that type). */
    private static BoundExpr[] sameTypePair(ExprBinder binder, Expr.Binary b) {
        return sameTypePair(binder, b, boundPair(binder, b));
    }

    /** Both operands bound, an untyped side with the typed side's type as its hint. */
    private static BoundExpr[] boundPair(ExprBinder binder, Expr.Binary b) {
        if (untyped(b.left()) && !untyped(b.right())) {
            BoundExpr right = binder.bind(b.right(), null);
            return new BoundExpr[]{binder.bind(b.left(), right.type()), right};
        }
        BoundExpr left = binder.bind(b.left(), null);
        return new BoundExpr[]{left, binder.bind(b.right(), left.type())};
    }

    private static BoundExpr[] sameTypePair(ExprBinder binder, Expr.Binary b, BoundExpr[] bound) {
        BoundExpr left = bound[0];
        BoundExpr right = bound[1];
        SqlType common = Casts.common(left.type(), right.type());
        if (common == null || common.kind() == TypeKind.UNKNOWN) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        return new BoundExpr[]{binder.coerce(left, common, b.left().pos()), binder.coerce(right, common, b.right().pos())};
    }

    /** {@code ||} on bytea or arrays (already bound); null when neither side is one, so text concatenation applies. */
    static BoundExpr concat(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        SqlType l = left.type();
        SqlType r = right.type();
        BoundExpr fts = TextSearchBinding.concat(binder, b, left, right);
        if (fts != null) {
            return fts;
        }
        if (l.kind() == TypeKind.JSONB || r.kind() == TypeKind.JSONB) {
            if (!accepts(l, SqlType.JSONB) || !accepts(r, SqlType.JSONB)) {
                throw binder.operatorDoesNotExist(b, left, right);
            }
            return new ContainerFunctionExpr(ContainerFunction.JSONB_CONCAT, List.of(
                    binder.coerce(left, SqlType.JSONB, b.left().pos()), binder.coerce(right, SqlType.JSONB, b.right().pos())),
                    SqlType.JSONB);
        }
        if (l.kind() == TypeKind.BYTEA || r.kind() == TypeKind.BYTEA) {
            if (!accepts(l, SqlType.BYTEA) || !accepts(r, SqlType.BYTEA)) {
                throw binder.operatorDoesNotExist(b, left, right);
            }
            return new ContainerFunctionExpr(ContainerFunction.BYTEA_CONCAT, List.of(
                    binder.coerce(left, SqlType.BYTEA, b.left().pos()), binder.coerce(right, SqlType.BYTEA, b.right().pos())),
                    SqlType.BYTEA);
        }
        if (!l.isArray() && !r.isArray()) {
            return null;
        }
        if (l.isArray() && (r.isArray() || r.kind() == TypeKind.UNKNOWN && !(right.isConstant() && isNullConstant(right)))) {
            SqlType common = Casts.common(l, r);
            if (common == null) {
                throw binder.operatorDoesNotExist(b, left, right);
            }
            return new ContainerFunctionExpr(ContainerFunction.ARRAY_CAT, List.of(
                    binder.coerce(left, common, b.left().pos()), binder.coerce(right, common, b.right().pos())), common);
        }
        if (r.isArray() && l.kind() == TypeKind.UNKNOWN && !isNullConstant(left)) {
            return new ContainerFunctionExpr(ContainerFunction.ARRAY_CAT, List.of(
                    binder.coerce(left, r, b.left().pos()), right), r);
        }
        if (l.isArray()) {
            SqlType element = Casts.common(l.element(), r);
            if (element == null) {
                throw binder.operatorDoesNotExist(b, left, right);
            }
            SqlType type = SqlType.arrayOf(element);
            return new ContainerFunctionExpr(ContainerFunction.ARRAY_APPEND, List.of(
                    binder.coerce(left, type, b.left().pos()), binder.coerce(right, element, b.right().pos())), type);
        }
        SqlType element = Casts.common(l, r.element());
        if (element == null) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        SqlType type = SqlType.arrayOf(element);
        return new ContainerFunctionExpr(ContainerFunction.ARRAY_PREPEND, List.of(
                binder.coerce(left, element, b.left().pos()), binder.coerce(right, type, b.right().pos())), type);
    }

    /** A literal string, NULL or parameter: it takes the type its context wants. */
    private static boolean untyped(Expr e) {
        return e instanceof Expr.Parameter
                || (e instanceof Expr.Literal l && (l.kind() == Expr.LiteralKind.STRING || l.kind() == Expr.LiteralKind.NULL));
    }

    private static boolean isNullConstant(BoundExpr e) {
        return e instanceof io.kyrodb.engine.expr.ConstExpr c && c.value() == null;
    }

    private static boolean accepts(SqlType got, SqlType want) {
        return got.kind() == want.kind() || got.kind() == TypeKind.UNKNOWN;
    }

    // ---- Arrays ---------------------------------------------------------------------------------

    /** {@code ARRAY[a, b, ...]}: the elements' common type; an empty one needs a type from its context. */
    static BoundExpr arrayConstructor(ExprBinder binder, Expr.ArrayConstructor a, SqlType hint) {
        SqlType elementHint = hint != null && hint.isArray() ? hint.element() : null;
        List<BoundExpr> elements = new ArrayList<>();
        SqlType common = SqlType.UNKNOWN;
        for (Expr e : a.elements()) {
            BoundExpr b = binder.bind(e, elementHint);
            SqlType c = Casts.common(common, b.type());
            if (c == null) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, "ARRAY types " + common.displayName() + " and "
                        + b.type().displayName() + " cannot be matched", e.pos());
            }
            common = c;
            elements.add(b);
        }
        if (common.kind() == TypeKind.UNKNOWN) {
            if (elementHint != null) {
                common = elementHint;
            } else if (elements.isEmpty()) {
                throw binder.error(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array"
                        + " (cast it explicitly: ARRAY[]::integer[])", a.pos());
            } else {
                common = SqlType.TEXT;
            }
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            coerced.add(binder.coerce(elements.get(i), common, a.elements().get(i).pos()));
        }
        if (common.isArray()) {
            // ARRAY[ARRAY[1,2], ARRAY[3,4]]: one more dimension of the same array type
            return new io.kyrodb.engine.expr.BuiltinExpr(io.kyrodb.engine.expr.ArrayFunction.NEST, List.copyOf(coerced), common);
        }
        return new ContainerFunctionExpr(ContainerFunction.ARRAY_CONSTRUCT, List.copyOf(coerced), SqlType.arrayOf(common));
    }

    /**
     * {@code a[i]} on an array (NULL when out of range), {@code a[i][j]...} on a multi-dimensional
     * one (NULL unless one index per dimension), and slices {@code a[lo:hi]} (any slice in the chain
     * makes every subscript a range, as in Postgres); on jsonb, {@code doc['key'][0]} as
     * {@code doc -> 'key' -> 0} (PostgreSQL 14's jsonb subscripting).
     */
    static BoundExpr subscript(ExprBinder binder, Expr.Subscript s) {
        List<Expr.Subscript> chain = new ArrayList<>();
        Expr base = s;
        while (base instanceof Expr.Subscript x) {
            chain.addFirst(x);
            base = x.array();
        }
        BoundExpr array = binder.bind(base, null);
        if (array.type().kind() == TypeKind.JSONB) {
            return jsonbSubscript(binder, array, chain);
        }
        if (!array.type().isArray()) {
            throw binder.error(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + array.type().displayName()
                    + " because it does not support subscripting", chain.getFirst().pos());
        }
        boolean slice = chain.stream().anyMatch(Expr.Subscript::slice);
        if (chain.size() > 6) {
            throw binder.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + chain.size()
                    + ") exceeds the maximum allowed (6)", s.pos());
        }
        List<BoundExpr> args = new ArrayList<>();
        args.add(array);
        for (Expr.Subscript x : chain) {
            if (slice) {
                args.add(x.slice() ? bound(binder, x.index()) : new io.kyrodb.engine.expr.ConstExpr(1L, SqlType.BIGINT));
                args.add(bound(binder, x.slice() ? x.upper() : x.index()));
            } else {
                args.add(bound(binder, x.index()));
            }
        }
        if (slice) {
            return new io.kyrodb.engine.expr.BuiltinExpr(io.kyrodb.engine.expr.ArrayFunction.SLICE, List.copyOf(args),
                    array.type());
        }
        if (chain.size() == 1) {
            return new ContainerFunctionExpr(ContainerFunction.SUBSCRIPT, List.copyOf(args), array.type().element());
        }
        return new io.kyrodb.engine.expr.BuiltinExpr(io.kyrodb.engine.expr.ArrayFunction.SUBSCRIPT, List.copyOf(args),
                array.type().element());
    }

    /** {@code doc[k1][k2]...}: each a key (text) or an array index (integer) ({@link io.kyrodb.engine.expr.JsonbFunction#SUBSCRIPT}); NULL where none. */
    private static BoundExpr jsonbSubscript(ExprBinder binder, BoundExpr doc, List<Expr.Subscript> chain) {
        BoundExpr out = doc;
        for (Expr.Subscript x : chain) {
            out = new io.kyrodb.engine.expr.BuiltinExpr(io.kyrodb.engine.expr.JsonbFunction.SUBSCRIPT,
                    List.of(out, jsonbKey(binder, x)), SqlType.JSONB);
        }
        return out;
    }

    /** A jsonb subscript's key: text or integer (42804 for a slice or another type, as PostgreSQL). */
    static BoundExpr jsonbKey(ExprBinder binder, Expr.Subscript x) {
        if (x.slice()) {
            throw binder.error(SqlState.DATATYPE_MISMATCH, "jsonb subscript does not support slices", x.pos());
        }
        BoundExpr key = binder.bind(x.index(), null);
        TypeKind k = key.type().kind();
        SqlType type = k == TypeKind.INTEGER || k == TypeKind.SMALLINT ? SqlType.INTEGER
                : k == TypeKind.UNKNOWN || k.isText() ? SqlType.TEXT : null;   // bigint is no jsonb subscript type
        if (type == null) {
            throw binder.error(SqlState.DATATYPE_MISMATCH, "subscript type " + key.type().displayName()
                    + " is not supported (a jsonb subscript must be coercible to either integer or text)", x.index().pos());
        }
        return binder.coerce(key, type, x.index().pos());
    }

    /** A subscript or slice bound as bigint; an omitted slice bound is {@link io.kyrodb.engine.expr.ArrayFunction#OPEN}. */
    private static BoundExpr bound(ExprBinder binder, Expr e) {
        if (e == null) {
            return new io.kyrodb.engine.expr.ConstExpr(io.kyrodb.engine.expr.ArrayFunction.OPEN, SqlType.BIGINT);
        }
        BoundExpr index = binder.bind(e, SqlType.INTEGER);
        if (!index.type().kind().isInteger() && index.type().kind() != TypeKind.UNKNOWN) {
            throw binder.error(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer, not "
                    + index.type().displayName(), e.pos());
        }
        return binder.coerce(index, SqlType.BIGINT, e.pos());
    }

    /** {@code value op ANY|ALL (array)}. */
    static BoundExpr quantified(ExprBinder binder, Expr.Quantified q) {
        // an untyped value ('7', ?) takes the array's element type, so it is bound after the array
        BoundExpr value = untyped(q.value()) ? new io.kyrodb.engine.expr.ConstExpr(null, SqlType.UNKNOWN)
                : binder.bind(q.value(), null);
        BoundExpr array = binder.bind(q.array(), value.type().kind() == TypeKind.UNKNOWN ? null
                : SqlType.arrayOf(value.type()));
        if (array.type().kind() == TypeKind.UNKNOWN) {
            array = binder.coerce(array, SqlType.arrayOf(value.type().kind() == TypeKind.UNKNOWN ? SqlType.TEXT
                    : value.type()), q.array().pos());
        }
        if (!array.type().isArray()) {
            throw binder.error(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side",
                    q.pos());
        }
        if (untyped(q.value())) {
            value = binder.bind(q.value(), array.type().element());
        }
        SqlType common = Casts.common(value.type(), array.type().element());
        if (common == null) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + value.type().displayName()
                    + " " + q.op().symbol() + " " + array.type().element().displayName(), q.pos());
        }
        return new QuantifiedExpr(q.op(), q.all(), binder.coerce(value, common, q.value().pos()),
                binder.coerce(array, SqlType.arrayOf(common), q.array().pos()));
    }

    // ---- Functions ------------------------------------------------------------------------------

    /** A call of one of this type family's functions, or null when {@code f} is not one (or not for these types). */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        SqlType first = n > 0 ? args.get(0).type() : null;
        TypeKind k = first == null ? null : first.kind();
        return switch (f.name()) {
            case "gen_random_uuid", "uuid_generate_v4" -> n == 0   // the latter is uuid-ossp's name for it
                    ? call(ContainerFunction.GEN_RANDOM_UUID, List.of(), SqlType.UUID) : null;
            case "uuid_nil" -> n == 0 ? new io.kyrodb.engine.expr.ConstExpr(new java.util.UUID(0, 0), SqlType.UUID) : null;
            case "length", "octet_length" -> n == 1 && k == TypeKind.BYTEA
                    ? call(ContainerFunction.OCTET_LENGTH, args, SqlType.INTEGER) : null;
            case "md5" -> n == 1 && k == TypeKind.BYTEA   // md5(text) is a text function (FunctionCalls)
                    ? call(ContainerFunction.MD5, List.of(args.get(0)), SqlType.TEXT) : null;
            case "sha256" -> n == 1 && (k == TypeKind.BYTEA || k == TypeKind.UNKNOWN)
                    ? call(ContainerFunction.SHA256, List.of(binder.coerce(args.get(0), SqlType.BYTEA, f.pos())), SqlType.BYTEA)
                    : null;
            case "encode" -> n == 2 && accepts(first, SqlType.BYTEA) && textLike(args.get(1))
                    ? call(ContainerFunction.ENCODE, List.of(binder.coerce(args.get(0), SqlType.BYTEA, f.pos()),
                    binder.coerce(args.get(1), SqlType.TEXT, f.pos())), SqlType.TEXT) : null;
            case "decode" -> n == 2 && textLike(args.get(0)) && textLike(args.get(1))
                    ? call(ContainerFunction.DECODE, text(binder, args, f), SqlType.BYTEA) : null;
            case "jsonb_typeof" -> n == 1 && accepts(first, SqlType.JSONB)
                    ? call(ContainerFunction.JSONB_TYPEOF, List.of(binder.coerce(args.get(0), SqlType.JSONB, f.pos())),
                    SqlType.TEXT) : null;
            case "jsonb_array_length" -> n == 1 && accepts(first, SqlType.JSONB)
                    ? call(ContainerFunction.JSONB_ARRAY_LENGTH, List.of(binder.coerce(args.get(0), SqlType.JSONB, f.pos())),
                    SqlType.INTEGER) : null;
            case "jsonb_exists" -> n == 2 && accepts(first, SqlType.JSONB) && textLike(args.get(1))
                    ? call(ContainerFunction.JSON_EXISTS, List.of(binder.coerce(args.get(0), SqlType.JSONB, f.pos()),
                    binder.coerce(args.get(1), SqlType.TEXT, f.pos())), SqlType.BOOLEAN) : null;
            case "jsonb_build_object" -> call(ContainerFunction.JSONB_BUILD_OBJECT, untypedAsText(binder, args, f),
                    SqlType.JSONB);
            case "jsonb_build_array" -> call(ContainerFunction.JSONB_BUILD_ARRAY, untypedAsText(binder, args, f),
                    SqlType.JSONB);
            case "to_jsonb" -> {
                if (n != 1) {
                    yield null;
                }
                if (k == TypeKind.UNKNOWN) {
                    throw binder.error(SqlState.INDETERMINATE_DATATYPE, "could not determine polymorphic type because"
                            + " input has type unknown", f.pos());
                }
                yield call(ContainerFunction.TO_JSONB, args, SqlType.JSONB);
            }
            case "array_length" -> n == 2 && first.isArray() && isIntegerLike(args.get(1))
                    ? call(ContainerFunction.ARRAY_LENGTH, List.of(args.get(0),
                    binder.coerce(args.get(1), SqlType.INTEGER, f.pos())), SqlType.INTEGER) : null;
            case "cardinality" -> n == 1 && first.isArray()
                    ? call(ContainerFunction.CARDINALITY, args, SqlType.INTEGER) : null;
            case "array_append" -> n == 2 && first.isArray() ? elementCall(binder, ContainerFunction.ARRAY_APPEND,
                    args.get(0), args.get(1), true, f) : null;
            case "array_prepend" -> n == 2 && args.get(1).type().isArray()
                    ? elementCall(binder, ContainerFunction.ARRAY_PREPEND, args.get(1), args.get(0), false, f) : null;
            case "array_cat" -> {
                if (n != 2 || !(first.isArray() || args.get(1).type().isArray())) {
                    yield null;
                }
                SqlType common = Casts.common(first, args.get(1).type());
                yield common == null || !common.isArray() ? null : call(ContainerFunction.ARRAY_CAT, List.of(
                        binder.coerce(args.get(0), common, f.pos()), binder.coerce(args.get(1), common, f.pos())), common);
            }
            case "array_position" -> n == 2 && first.isArray() ? elementCall(binder, ContainerFunction.ARRAY_POSITION,
                    args.get(0), args.get(1), true, f) : null;
            case "array_to_string" -> (n == 2 || n == 3) && first.isArray() && textLike(args.get(1))
                    && (n == 2 || textLike(args.get(2)))
                    ? call(ContainerFunction.ARRAY_TO_STRING, withText(binder, args, f), SqlType.TEXT) : null;
            case "unnest" -> throw binder.error(SqlState.SYNTAX_ERROR, "set-returning function unnest is not allowed"
                    + " here: it runs in FROM and in the select list, not in WHERE, aggregates, window functions or"
                    + " another set-returning function's arguments (write ... FROM t, unnest(t.a) AS x)", f.pos());
            case "jsonb_array_elements", "jsonb_array_elements_text", "jsonb_object_keys", "jsonb_path_query",
                 "jsonb_each", "jsonb_each_text" -> throw binder.error(SqlState.SYNTAX_ERROR, "set-returning function "
                    + f.name() + " is supported in FROM" + (f.name().startsWith("jsonb_each") ? ""
                    : " and as a whole select-list item without GROUP BY or aggregates") + ": write SELECT ... FROM t, "
                    + f.name() + "(t.doc" + (f.name().equals("jsonb_path_query") ? ", '$.path'" : "") + ") AS x", f.pos());
            default -> {
                BoundExpr json = JsonbBinding.call(binder, f, args);
                if (json == null) {
                    json = JsonPathBinding.call(binder, f, args);
                }
                yield json != null ? json : ArrayFunctionBinding.call(binder, f, args);
            }
        };
    }

    private static BoundExpr call(ContainerFunction f, List<BoundExpr> args, SqlType type) {
        return new ContainerFunctionExpr(f, List.copyOf(args), type);
    }

    /** array_append/array_prepend/array_position: the element converted to the array's element type (or both widened). */
    private static BoundExpr elementCall(ExprBinder binder, ContainerFunction fn, BoundExpr array, BoundExpr element,
                                         boolean arrayFirst, Expr.FunctionCall f) {
        SqlType common = Casts.common(array.type().element(), element.type());
        if (common == null) {
            return null;
        }
        BoundExpr a = binder.coerce(array, SqlType.arrayOf(common), f.pos());
        BoundExpr e = binder.coerce(element, common, f.pos());
        SqlType type = fn == ContainerFunction.ARRAY_POSITION ? SqlType.INTEGER : SqlType.arrayOf(common);
        return call(fn, arrayFirst ? List.of(a, e) : List.of(e, a), type);
    }

    private static boolean textLike(BoundExpr e) {
        return e.type().kind().isText() || e.type().kind() == TypeKind.UNKNOWN;
    }

    private static boolean isIntegerLike(BoundExpr e) {
        return e.type().kind().isInteger() || e.type().kind() == TypeKind.UNKNOWN;
    }

    private static List<BoundExpr> text(ExprBinder binder, List<BoundExpr> args, Expr.FunctionCall f) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr a : args) {
            out.add(binder.coerce(a, SqlType.TEXT, f.pos()));
        }
        return out;
    }

    private static List<BoundExpr> withText(ExprBinder binder, List<BoundExpr> args, Expr.FunctionCall f) {
        List<BoundExpr> out = new ArrayList<>();
        out.add(args.get(0));
        out.addAll(text(binder, args.subList(1, args.size()), f));
        return out;
    }

    private static List<BoundExpr> untypedAsText(ExprBinder binder, List<BoundExpr> args, Expr.FunctionCall f) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr a : args) {
            out.add(a.type().kind() == TypeKind.UNKNOWN ? binder.coerce(a, SqlType.TEXT, f.pos()) : a);
        }
        return out;
    }
}
