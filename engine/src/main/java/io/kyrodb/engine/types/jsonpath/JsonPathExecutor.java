package io.kyrodb.engine.types.jsonpath;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.Numerics;
import io.kyrodb.engine.types.Values;
import io.kyrodb.engine.types.jsonpath.JsonPathItem.Accessor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs one {@link JsonPath} over one jsonb value, as Postgres 15's jsonpath_exec.c does. Lax mode
 * unwraps arrays for member accessors, filters, methods and operands, wraps non-arrays for element
 * accessors and ignores structural errors (a missing member is no item); strict mode raises them
 * (2203A, 2203C, 22039, 22033), except after {@code .**}, where both modes ignore them.
 * Predicates are three-valued: an error inside one makes it unknown. Single-use, single-threaded.
 */
final class JsonPathExecutor {
    private static final Pattern DOUBLE_TEXT = Pattern.compile(
            "\\s*[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|inf|infinity|nan)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final JsonPath path;
    private final Object root;
    private final Map<?, ?> vars;
    /** {@code .keyvalue()}'s ids: objects numbered in the order this run meets them. */
    private Map<Object, Integer> objectIds;

    JsonPathExecutor(JsonPath path, Object root, Object vars) {
        if (vars != null && !(vars instanceof Map<?, ?>)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "\"vars\" argument is not an object"
                    + " (jsonpath parameters should be encoded as key-value pairs of \"vars\" object)");
        }
        this.path = path;
        this.root = root;
        this.vars = (Map<?, ?>) vars;
    }

    List<Object> run() {
        return eval(path.expr(), null, -1);
    }

    private boolean lax() {
        return path.lax();
    }

    /** The items of {@code item}; {@code current} is {@code @}, {@code arraySize} the innermost subscripted array's. */
    private List<Object> eval(JsonPathItem item, Object current, int arraySize) {
        return switch (item) {
            case JsonPathItem.Root r -> List.of(root);
            case JsonPathItem.Current c -> List.of(current);
            case JsonPathItem.Last l -> List.of(BigDecimal.valueOf(arraySize - 1L));
            case JsonPathItem.Variable v -> List.of(variable(v.name()));
            case JsonPathItem.Literal l -> List.of(l.value());
            case JsonPathItem.Path p -> {
                List<Object> items = eval(p.head(), current, arraySize);
                boolean ignoreStructural = lax();
                for (Accessor a : p.accessors()) {
                    List<Object> next = new ArrayList<>();
                    for (Object v : items) {
                        step(a, v, lax(), ignoreStructural, current, arraySize, next);
                    }
                    items = next;
                    if (a instanceof JsonPathItem.AnyLevel) {
                        ignoreStructural = true;
                    }
                }
                yield items;
            }
            case JsonPathItem.Binary b when !b.isPredicate() -> List.of(arithmetic(b, current, arraySize));
            case JsonPathItem.Unary u -> {
                List<Object> out = new ArrayList<>();
                for (Object v : unwrap(eval(u.arg(), current, arraySize))) {
                    if (!(v instanceof BigDecimal d)) {
                        throw new JsonPathException(SqlState.SQL_JSON_NUMBER_NOT_FOUND, "operand of unary jsonpath"
                                + " operator " + (u.minus() ? "-" : "+") + " is not a numeric value");
                    }
                    out.add(u.minus() ? d.negate() : d);
                }
                yield out;
            }
            default -> {
                Boolean b = predicate(item, current, arraySize);
                yield List.of(b == null ? Jsonb.NULL : b);
            }
        };
    }

    /** A member of vars; JSON null for every name when there is no vars object at all (the @? and @@ operators). */
    private Object variable(String name) {
        if (vars == null) {
            return Jsonb.NULL;
        }
        Object v = vars.get(name);
        if (v == null) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "could not find jsonpath variable \"" + name + "\"");
        }
        return v;
    }

    /** In lax mode, arrays among {@code items} replaced by their elements (one level). */
    private List<Object> unwrap(List<Object> items) {
        if (!lax()) {
            return items;
        }
        List<Object> out = null;
        for (int i = 0; i < items.size(); i++) {
            Object v = items.get(i);
            if (v instanceof List<?> l) {
                if (out == null) {
                    out = new ArrayList<>(items.subList(0, i));
                }
                out.addAll(l);
            } else if (out != null) {
                out.add(v);
            }
        }
        return out == null ? items : out;
    }

    private void step(Accessor a, Object v, boolean unwrap, boolean ignore, Object current, int arraySize,
                      List<Object> out) {
        switch (a) {
            case JsonPathItem.Key k -> {
                if (v instanceof Map<?, ?> m) {
                    Object x = m.get(k.name());
                    if (x != null) {
                        out.add(x);
                    } else if (!ignore) {
                        throw new JsonPathException(SqlState.SQL_JSON_MEMBER_NOT_FOUND, "JSON object does not contain key \""
                                + k.name() + "\"");
                    }
                } else if (unwrap && v instanceof List<?> l) {
                    eachElement(a, l, ignore, current, arraySize, out);
                } else if (!ignore) {
                    throw new JsonPathException(SqlState.SQL_JSON_MEMBER_NOT_FOUND, "jsonpath member accessor can only"
                            + " be applied to an object");
                }
            }
            case JsonPathItem.AnyKey k -> {
                if (v instanceof Map<?, ?> m) {
                    out.addAll(m.values());
                } else if (unwrap && v instanceof List<?> l) {
                    eachElement(a, l, ignore, current, arraySize, out);
                } else if (!ignore) {
                    throw new JsonPathException(SqlState.SQL_JSON_OBJECT_NOT_FOUND, "jsonpath wildcard member accessor"
                            + " can only be applied to an object");
                }
            }
            case JsonPathItem.AnyElement e -> {
                if (v instanceof List<?> l) {
                    out.addAll(l);
                } else if (lax()) {
                    out.add(v);
                } else if (!ignore) {
                    throw new JsonPathException(SqlState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath wildcard array accessor"
                            + " can only be applied to an array");
                }
            }
            case JsonPathItem.Subscripts s -> subscripts(s, v, ignore, current, out);
            case JsonPathItem.AnyLevel any -> {
                if (any.first() == 0) {
                    out.add(v);
                }
                descend(v, 1, any.first(), any.last(), out);
            }
            case JsonPathItem.Filter f -> {
                if (unwrap && v instanceof List<?> l) {
                    eachElement(a, l, ignore, current, arraySize, out);
                } else if (Boolean.TRUE.equals(predicate(f.predicate(), v, arraySize))) {
                    out.add(v);
                }
            }
            case JsonPathItem.Method m -> method(m.name(), v, unwrap, ignore, current, arraySize, out);
        }
    }

    private void eachElement(Accessor a, List<?> l, boolean ignore, Object current, int arraySize, List<Object> out) {
        for (Object e : l) {
            step(a, e, false, ignore, current, arraySize, out);
        }
    }

    /** {@code .**}: items below {@code v} from level {@code first} to {@code last}, depth first. */
    private static void descend(Object v, int level, int first, int last, List<Object> out) {
        Iterable<?> children = v instanceof Map<?, ?> m ? m.values() : v instanceof List<?> l ? l : null;
        if (children == null || level > last) {
            return;
        }
        boolean leavesOnly = first == JsonPathItem.LAST_LEVEL && last == JsonPathItem.LAST_LEVEL;
        for (Object c : children) {
            boolean container = c instanceof Map<?, ?> || c instanceof List<?>;
            if (level >= first || leavesOnly && !container) {
                out.add(c);
            }
            if (level < last && container) {
                descend(c, level + 1, first, last, out);
            }
        }
    }

    private void subscripts(JsonPathItem.Subscripts s, Object v, boolean ignore, Object current, List<Object> out) {
        if (!(v instanceof List<?>) && !lax()) {
            if (!ignore) {
                throw new JsonPathException(SqlState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath array accessor can only be"
                        + " applied to an array");
            }
            return;
        }
        List<?> list = v instanceof List<?> l ? l : null;
        int size = list != null ? list.size() : 1;
        for (JsonPathItem.Subscript sub : s.list()) {
            int from = index(sub.from(), current, size);
            int to = sub.to() == null ? from : index(sub.to(), current, size);
            if (!ignore && (from < 0 || from > to || to >= size)) {
                throw new JsonPathException(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of bounds");
            }
            from = Math.max(from, 0);
            to = Math.min(to, size - 1);
            for (int i = from; i <= to; i++) {
                out.add(list != null ? list.get(i) : v);
            }
        }
    }

    private int index(JsonPathItem e, Object current, int size) {
        List<Object> r = eval(e, current, size);
        r = unwrap(r);
        if (r.size() != 1 || !(r.get(0) instanceof BigDecimal d)) {
            throw new JsonPathException(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is not a single"
                    + " numeric value");
        }
        BigDecimal t = d.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || t.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new JsonPathException(SqlState.INVALID_SQL_JSON_SUBSCRIPT, "jsonpath array subscript is out of integer"
                    + " range");
        }
        return t.intValue();
    }

    private void method(String name, Object v, boolean unwrap, boolean ignore, Object current, int arraySize,
                        List<Object> out) {
        switch (name) {
            case "type" -> out.add(Jsonb.typeOf(v));
            case "size" -> {
                if (v instanceof List<?> l) {
                    out.add(BigDecimal.valueOf(l.size()));
                } else if (lax()) {
                    out.add(BigDecimal.ONE);
                } else if (!ignore) {
                    throw new JsonPathException(SqlState.SQL_JSON_ARRAY_NOT_FOUND, "jsonpath item method .size() can only"
                            + " be applied to an array");
                }
            }
            default -> {
                if (unwrap && v instanceof List<?> l) {
                    for (Object e : l) {
                        method(name, e, false, ignore, current, arraySize, out);
                    }
                    return;
                }
                if (name.equals("keyvalue")) {
                    keyValue(v, out);
                    return;
                }
                out.add(switch (name) {
                    case "abs", "floor", "ceiling" -> {
                        if (!(v instanceof BigDecimal d)) {
                            throw new JsonPathException(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "jsonpath item method ." + name
                                    + "() can only be applied to a numeric value");
                        }
                        yield switch (name) {
                            case "abs" -> d.abs();
                            case "floor" -> d.setScale(0, RoundingMode.FLOOR);
                            default -> d.setScale(0, RoundingMode.CEILING);
                        };
                    }
                    default -> toDouble(v);
                });
            }
        }
    }

    private static Object toDouble(Object v) {
        if (v instanceof BigDecimal d) {
            double x = d.doubleValue();
            if (Double.isInfinite(x)) {
                throw new JsonPathException(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "numeric argument of jsonpath item method"
                        + " .double() is an invalid value for type double precision");
            }
            return d;
        }
        if (v instanceof String s) {
            double x = DOUBLE_TEXT.matcher(s).matches() ? Double.parseDouble(s.strip()) : Double.NaN;
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw new JsonPathException(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "string argument of jsonpath item method"
                        + " .double() is not a valid representation of a double precision number");
            }
            return (java.math.BigDecimal) Numerics.of(x, io.kyrodb.engine.types.SqlType.NUMERIC);   // x is finite
        }
        throw new JsonPathException(SqlState.NON_NUMERIC_SQL_JSON_ITEM, "jsonpath item method .double() can only be"
                + " applied to a string or numeric value");
    }

    /**
     * {@code .keyvalue()}: one {@code {"id", "key", "value"}} object per member. Postgres's id is
     * the byte offset of the object inside its binary jsonb; KyroDB numbers the objects it visits
     * in this run instead (0 for the first), so ids tell objects apart but differ from Postgres's
     * for nested objects.
     */
    private void keyValue(Object v, List<Object> out) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new JsonPathException(SqlState.SQL_JSON_OBJECT_NOT_FOUND, "jsonpath item method .keyvalue() can only be"
                    + " applied to an object");
        }
        if (objectIds == null) {
            objectIds = new IdentityHashMap<>();
        }
        BigDecimal id = BigDecimal.valueOf(objectIds.computeIfAbsent(v, x -> objectIds.size()));
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("id", id);
            pair.put("key", e.getKey());
            pair.put("value", e.getValue());
            out.add(Jsonb.of(pair).root());
        }
    }

    private BigDecimal arithmetic(JsonPathItem.Binary b, Object current, int arraySize) {
        BigDecimal l = operand(b, "left", b.left(), current, arraySize);
        BigDecimal r = operand(b, "right", b.right(), current, arraySize);
        try {
            return switch (b.op()) {
                case ADD -> l.add(r);
                case SUB -> l.subtract(r);
                case MUL -> Numerics.normalize(l.multiply(r));
                case DIV -> Numerics.divide(l, r);
                default -> Numerics.modulo(l, r);
            };
        } catch (KyroException e) {
            throw new JsonPathException(e.state(), e.getMessage());
        }
    }

    private BigDecimal operand(JsonPathItem.Binary b, String side, JsonPathItem e, Object current, int arraySize) {
        List<Object> r = (unwrap(eval(e, current, arraySize)));
        if (r.size() != 1 || !(r.get(0) instanceof BigDecimal d)) {
            throw new JsonPathException(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED, side + " operand of jsonpath operator "
                    + b.op().symbol + " is not a single numeric value");
        }
        return d;
    }

    /** TRUE, FALSE or null (unknown). */
    private Boolean predicate(JsonPathItem item, Object current, int arraySize) {
        switch (item) {
            case JsonPathItem.Binary b when b.op() == JsonPathItem.Op.AND -> {
                Boolean l = predicate(b.left(), current, arraySize);
                if (Boolean.FALSE.equals(l)) {
                    return false;
                }
                Boolean r = predicate(b.right(), current, arraySize);
                return Boolean.TRUE.equals(l) ? r : Boolean.FALSE.equals(r) ? Boolean.FALSE : null;
            }
            case JsonPathItem.Binary b when b.op() == JsonPathItem.Op.OR -> {
                Boolean l = predicate(b.left(), current, arraySize);
                if (Boolean.TRUE.equals(l)) {
                    return true;
                }
                Boolean r = predicate(b.right(), current, arraySize);
                return Boolean.FALSE.equals(l) ? r : Boolean.TRUE.equals(r) ? Boolean.TRUE : null;
            }
            case JsonPathItem.Not n -> {
                Boolean r = predicate(n.arg(), current, arraySize);
                return r == null ? null : !r;
            }
            case JsonPathItem.IsUnknown u -> {
                return predicate(u.arg(), current, arraySize) == null;
            }
            case JsonPathItem.Exists e -> {
                try {
                    return !eval(e.arg(), current, arraySize).isEmpty();
                } catch (JsonPathException ex) {
                    return null;
                }
            }
            case JsonPathItem.LikeRegex r -> {
                return compareAll(r.arg(), null, false, current, arraySize, (x, y) -> x instanceof String s
                        ? (Boolean) r.compiled().matcher(s).find() : null);
            }
            case JsonPathItem.Binary b when b.op() == JsonPathItem.Op.STARTS_WITH -> {
                return compareAll(b.left(), b.right(), false, current, arraySize, (x, y) -> x instanceof String s
                        && y instanceof String p ? (Boolean) s.startsWith(p) : null);
            }
            case JsonPathItem.Binary b -> {
                return compareAll(b.left(), b.right(), true, current, arraySize, (x, y) -> compare(b.op(), x, y));
            }
            default -> {
                // an expression where a predicate is expected cannot be parsed
                throw new IllegalStateException(item.toString());
            }
        }
    }

    private interface Test {
        Boolean test(Object left, Object right);
    }

    /**
     * Postgres's executePredicate: the test over every pair of the left and right items; in lax
     * mode true as soon as one pair is, in strict mode unknown as soon as one pair is.
     */
    private Boolean compareAll(JsonPathItem left, JsonPathItem right, boolean unwrapRight, Object current, int arraySize,
                               Test test) {
        List<Object> ls;
        List<Object> rs;
        try {
            ls = (unwrap(eval(left, current, arraySize)));
            rs = right == null ? Collections.singletonList(null)
                    : unwrapRight ? unwrap(eval(right, current, arraySize)) : eval(right, current, arraySize);
        } catch (JsonPathException e) {
            return null;
        }
        boolean error = false;
        boolean found = false;
        for (Object l : ls) {
            for (Object r : rs) {
                Boolean res = test.test(l, r);
                if (res == null) {
                    if (!lax()) {
                        return null;
                    }
                    error = true;
                } else if (res) {
                    if (lax()) {
                        return true;
                    }
                    found = true;
                }
            }
        }
        return found ? Boolean.TRUE : error ? null : Boolean.FALSE;
    }

    private static Boolean compare(JsonPathItem.Op op, Object a, Object b) {
        int cmp;
        if (a == Jsonb.NULL || b == Jsonb.NULL) {
            if (a != b) {
                return op == JsonPathItem.Op.NE;
            }
            cmp = 0;
        } else if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            cmp = x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
            cmp = Values.compareCodePoints(x, y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            cmp = Boolean.compare(x, y);
        } else {
            return null;   // different types, arrays and objects: unknown
        }
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            default -> cmp >= 0;
        };
    }

}
