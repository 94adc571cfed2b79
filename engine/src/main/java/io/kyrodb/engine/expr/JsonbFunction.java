package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jsonb's editing functions and operators, as Postgres 15 defines them: {@code jsonb_set},
 * {@code jsonb_insert}, {@code #-} ({@code jsonb_delete_path}), {@code -} by key, index or keys,
 * {@code ?|} and {@code ?&}, {@code jsonb_strip_nulls}, {@code jsonb_pretty}, {@code jsonb_object},
 * {@code json_typeof}, {@code to_json}, and the finishing steps of {@code jsonb_agg},
 * {@code json_agg} and {@code jsonb_object_agg} (which aggregate with array_agg first). Values are
 * never changed in place: every edit builds a new tree ({@link Jsonb} trees are immutable).
 */
public enum JsonbFunction implements Builtin {
    /** (jsonb, text[] path, jsonb value, boolean create_missing). */
    SET,
    /** (jsonb, text[] path, jsonb value, boolean insert_after). */
    INSERT,
    /** {@code #-}: (jsonb, text[] path). */
    DELETE_PATH,
    /** {@code jsonb - text}. */
    DELETE_KEY,
    /** {@code jsonb - integer}. */
    DELETE_INDEX,
    /** {@code jsonb - text[]}. */
    DELETE_KEYS,
    /** {@code ?|}: (jsonb, text[]). */
    EXISTS_ANY,
    /** {@code ?&}: (jsonb, text[]). */
    EXISTS_ALL,
    STRIP_NULLS, PRETTY,
    /** {@code jsonb_object(text[])}: keys and values alternating. */
    OBJECT,
    /** {@code jsonb_object(keys text[], values text[])}. */
    OBJECT_PAIRS,
    /** {@code json_typeof(json)}. */
    JSON_TYPEOF,
    /** {@code to_json(x)}: json text (arrays without spaces, as Postgres writes them). */
    TO_JSON,
    /** jsonb_agg's result from array_agg's array. */
    AGG_JSONB,
    /** json_agg's result from array_agg's array: elements separated by {@code ", "}. */
    AGG_JSON,
    /** jsonb_object_agg's result from the arrays of keys and values. */
    OBJECT_AGG_JSONB,
    /** json_object_agg's result, as Postgres writes it: {@code { "a" : 1, "b" : null }}. */
    OBJECT_AGG_JSON,
    /**
     * {@code jsonb_gin_items(jsonb [, opclass text])}: the document's GIN items ({@link
     * io.kyrodb.engine.types.JsonbGinItems}) as the lexemes of a tsvector: the key of a GIN index
     * over jsonb, which is stored as KyroDB's inverted index of a tsvector.
     */
    GIN_ITEMS,
    /**
     * {@code SET doc[k1][k2] = v}: (jsonb, value, keys...) -> the document with that element set, as
     * PostgreSQL 14's jsonb subscript assignment: missing objects are made along the path, arrays
     * grow with nulls, a NULL document is an empty object or array (as the first key says), an SQL
     * NULL value is a JSON null; 22023 to go through a scalar, 22P02 for a key on an array, 22004 for a NULL key.
     */
    SUBSCRIPT_SET,
    /**
     * {@code doc[k]}: (jsonb, key) -> on an object the member named by the key's text, on an array
     * the element at the key as an integer (from the end when negative; a text key that is no
     * integer finds nothing), as PostgreSQL 14's jsonb subscripting; NULL where there is none.
     */
    SUBSCRIPT;

    /** The most elements a jsonb array may have (PostgreSQL's JB_CMASK). */
    private static final int MAX_ARRAY = 268_435_455;

    @Override
    public boolean strict() {
        return this != OBJECT_AGG_JSONB && this != OBJECT_AGG_JSON && this != SUBSCRIPT_SET;
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        return switch (this) {
            case SUBSCRIPT -> {
                Object root = root(a[0]);
                Object v = null;
                if (root instanceof Map<?, ?> m) {
                    v = m.get(a[1].toString());
                } else if (root instanceof List<?> l) {
                    Long i = a[1] instanceof Number n ? Long.valueOf(n.longValue()) : integer((String) a[1]);
                    if (i != null) {
                        long at = i < 0 ? i + l.size() : i;
                        v = at >= 0 && at < l.size() ? l.get((int) at) : null;
                    }
                }
                yield v == null ? null : Jsonb.of(v);
            }
            case SUBSCRIPT_SET -> {
                Object value = a[1] == null ? Jsonb.NULL : ContainerFunction.toJson(a[1]);
                yield Jsonb.of(assign(a[0] == null ? null : ((Jsonb) a[0]).root(), a, 2, value));
            }
            case GIN_ITEMS -> {
                List<String> items = io.kyrodb.engine.types.JsonbGinItems.of(root(a[0]));
                List<int[]> none = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    none.add(new int[0]);
                }
                yield io.kyrodb.engine.types.TsVector.of(items, none);
            }
            case SET -> edit(root(a[0]), path(a[1]), ContainerFunction.toJson(a[2]), (Boolean) a[3], false, false);
            case INSERT -> edit(root(a[0]), path(a[1]), ContainerFunction.toJson(a[2]), true, true, (Boolean) a[3]);
            case DELETE_PATH -> deletePath(root(a[0]), path(a[1]));
            case DELETE_KEY -> deleteKeys(root(a[0]), List.of((String) a[1]));
            case DELETE_INDEX -> deleteIndex(root(a[0]), ((Number) a[1]).intValue());
            case DELETE_KEYS -> deleteKeys(root(a[0]), nonNullStrings((SqlArray) a[1]));
            case EXISTS_ANY, EXISTS_ALL -> {
                boolean all = this == EXISTS_ALL;
                for (String key : nonNullStrings((SqlArray) a[1])) {
                    if (ContainerFunction.exists(root(a[0]), key) != all) {
                        yield !all;
                    }
                }
                yield all;
            }
            case STRIP_NULLS -> Jsonb.of(stripNulls(root(a[0])));
            case PRETTY -> {
                StringBuilder sb = new StringBuilder();
                pretty(sb, root(a[0]), 0);
                yield sb.toString();
            }
            case OBJECT -> {
                SqlArray arr = (SqlArray) a[0];
                if (arr.length() % 2 != 0) {
                    throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "array must have even number of elements");
                }
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < arr.length(); i += 2) {
                    m.put(key(arr.get(i)), arr.get(i + 1) == null ? null : arr.get(i + 1));
                }
                yield Jsonb.of(m);
            }
            case OBJECT_PAIRS -> {
                SqlArray keys = (SqlArray) a[0];
                SqlArray values = (SqlArray) a[1];
                if (keys.length() != values.length()) {
                    throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "mismatched array dimensions");
                }
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < keys.length(); i++) {
                    m.put(key(keys.get(i)), values.get(i));
                }
                yield Jsonb.of(m);
            }
            case JSON_TYPEOF -> Jsonb.typeOf(Jsonb.parse((String) a[0]).root());
            case TO_JSON -> toJsonText(a[0]);
            case AGG_JSONB -> Jsonb.of(ContainerFunction.toJson(a[0]));
            case AGG_JSON -> {
                SqlArray arr = (SqlArray) a[0];
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < arr.length(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(arr.get(i) == null ? "null" : (String) arr.get(i));   // json text
                }
                yield sb.append(']').toString();
            }
            case OBJECT_AGG_JSONB, OBJECT_AGG_JSON -> {
                if (a[0] == null) {
                    yield null;
                }
                SqlArray keys = (SqlArray) a[0];
                SqlArray values = (SqlArray) a[1];
                Map<String, Object> m = new LinkedHashMap<>();
                StringBuilder sb = new StringBuilder("{ ");
                for (int i = 0; i < keys.length(); i++) {
                    Object k = keys.get(i);
                    if (k == null) {
                        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
                    }
                    String name = io.kyrodb.engine.types.Values.toText(k);
                    m.put(name, values.get(i) instanceof String t ? Jsonb.parse(t).root() : ContainerFunction.toJson(values.get(i)));
                    if (i > 0) {
                        sb.append(", ");
                    }
                    Jsonb.quote(sb, name);
                    sb.append(" : ").append(values.get(i) == null ? "null" : values.get(i) instanceof String t ? t
                            : toJsonText(values.get(i)));
                }
                yield this == OBJECT_AGG_JSONB ? Jsonb.of(m) : sb.append(" }").toString();
            }
        };
    }

    private static Object root(Object doc) {
        return ((Jsonb) doc).root();
    }

    private static String key(Object k) {
        if (k == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key");
        }
        return (String) k;
    }

    private static List<String> path(Object p) {
        SqlArray arr = (SqlArray) p;
        List<String> out = new ArrayList<>(arr.length());
        for (int i = 0; i < arr.length(); i++) {
            out.add((String) arr.get(i));
        }
        return out;
    }

    private static List<String> nonNullStrings(SqlArray arr) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.length(); i++) {
            if (arr.get(i) != null) {
                out.add((String) arr.get(i));
            }
        }
        return out;
    }

    /** An array index of a path element at 1-based {@code position} (22P02 when it is no integer). */
    private static int index(String element, int position) {
        try {
            return Integer.parseInt(element == null ? "" : element.strip());
        } catch (NumberFormatException e) {
            throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + position
                    + " is not an integer: \"" + element + "\"");
        }
    }

    /**
     * jsonb_set ({@code insert} false: replace, or add when {@code create} and the last step is
     * missing) and jsonb_insert ({@code insert} true: a new array element before, or {@code after},
     * the one at the path; a new key, never replacing one).
     */
    private static Jsonb edit(Object root, List<String> path, Object value, boolean create, boolean insert, boolean after) {
        if (!(root instanceof Map<?, ?>) && !(root instanceof List<?>)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot set path in scalar");
        }
        if (path.isEmpty()) {
            return Jsonb.of(root);
        }
        return Jsonb.of(editAt(root, path, 0, value, create, insert, after));
    }

    private static Object editAt(Object node, List<String> path, int depth, Object value, boolean create,
                                 boolean insert, boolean after) {
        String step = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = copy(m);
            if (step == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "path element at position " + (depth + 1) + " is null");
            }
            if (last) {
                if (insert && out.containsKey(step)) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key");
                }
                if (out.containsKey(step) || create) {
                    out.put(step, value);
                }
                return out;
            }
            if (out.containsKey(step)) {
                out.put(step, editAt(out.get(step), path, depth + 1, value, create, insert, after));
            }
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            int i = index(step, depth + 1);
            int n = out.size();
            int at = i < 0 ? n + i : i;
            if (last) {
                if (insert) {
                    int pos = at < 0 ? 0 : at >= n ? n : after ? at + 1 : at;
                    out.add(pos, value);
                } else if (at >= 0 && at < n) {
                    out.set(at, value);
                } else if (create) {
                    out.add(at < 0 ? 0 : n, value);
                }
                return out;
            }
            if (at >= 0 && at < n) {
                out.set(at, editAt(out.get(at), path, depth + 1, value, create, insert, after));
            }
            return out;
        }
        return node;   // a scalar on the way: nothing to set below it
    }

    private static Jsonb deletePath(Object root, List<String> path) {
        if (!(root instanceof Map<?, ?>) && !(root instanceof List<?>)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete path in scalar");
        }
        return Jsonb.of(path.isEmpty() ? root : deleteAt(root, path, 0));
    }

    private static Object deleteAt(Object node, List<String> path, int depth) {
        String step = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (node instanceof Map<?, ?> m) {
            if (step == null || !m.containsKey(step)) {
                return node;
            }
            Map<String, Object> out = copy(m);
            if (last) {
                out.remove(step);
            } else {
                out.put(step, deleteAt(out.get(step), path, depth + 1));
            }
            return out;
        }
        if (node instanceof List<?> l) {
            int i = index(step, depth + 1);
            int at = i < 0 ? l.size() + i : i;
            if (at < 0 || at >= l.size()) {
                return node;
            }
            List<Object> out = new ArrayList<>(l);
            if (last) {
                out.remove(at);
            } else {
                out.set(at, deleteAt(out.get(at), path, depth + 1));
            }
            return out;
        }
        return node;
    }

    private static Jsonb deleteKeys(Object root, List<String> keys) {
        return switch (root) {
            case Map<?, ?> m -> {
                Map<String, Object> out = copy(m);
                keys.forEach(out::remove);
                yield Jsonb.of(out);
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object e : l) {
                    if (!(e instanceof String s && keys.contains(s))) {
                        out.add(e);
                    }
                }
                yield Jsonb.of(out);
            }
            default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        };
    }

    private static Jsonb deleteIndex(Object root, int i) {
        return switch (root) {
            case Map<?, ?> m -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                    "cannot delete from object using integer index");
            case List<?> l -> {
                int at = i < 0 ? l.size() + i : i;
                List<Object> out = new ArrayList<>(l);
                if (at >= 0 && at < l.size()) {
                    out.remove(at);
                }
                yield Jsonb.of(out);
            }
            default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        };
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), e.getValue());
        }
        return out;
    }

    private static Object stripNulls(Object v) {
        return switch (v) {
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getValue() != Jsonb.NULL) {
                        out.put((String) e.getKey(), stripNulls(e.getValue()));
                    }
                }
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object e : l) {
                    out.add(stripNulls(e));
                }
                yield out;
            }
            default -> v;
        };
    }

    /** Postgres's jsonb_pretty: four spaces a level; an empty container still spans two lines. */
    private static void pretty(StringBuilder sb, Object v, int level) {
        switch (v) {
            case Map<?, ?> m -> {
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    indent(sb, level + 1);
                    Jsonb.quote(sb, (String) e.getKey());
                    sb.append(": ");
                    pretty(sb, e.getValue(), level + 1);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                indent(sb, level);
                sb.append('}');
            }
            case List<?> l -> {
                sb.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    indent(sb, level + 1);
                    pretty(sb, l.get(i), level + 1);
                    sb.append(i + 1 < l.size() ? ",\n" : "\n");
                }
                indent(sb, level);
                sb.append(']');
            }
            default -> sb.append(Jsonb.toText(v));
        }
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append("    ".repeat(level));
    }

    /** A value's json text: jsonb and json as they print, arrays as {@code [a,b]}, scalars as to_jsonb writes them. */
    static String toJsonText(Object v) {
        return switch (v) {
            case null -> "null";
            case Jsonb j -> j.toString();
            case SqlArray arr -> toJsonText(arr.nested());
            case io.kyrodb.engine.types.SqlRecord r -> {   // row_to_json's compact {"f1":1,"f2":"a"}
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < r.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    Jsonb.quote(sb, r.names().get(i));
                    sb.append(':').append(toJsonText(r.get(i)));
                }
                yield sb.append('}').toString();
            }
            case List<?> level -> {   // a level of a multi-dimensional array
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < level.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(toJsonText(level.get(i)));
                }
                yield sb.append(']').toString();
            }
            default -> Jsonb.toText(ContainerFunction.toJson(v));
        };
    }

    /** {@code node} (null: missing) with the element at keys {@code a[at...]} set to {@code value}. */
    private static Object assign(Object node, Object[] a, int at, Object value) {
        if (at == a.length) {
            return value;
        }
        Object key = a[at];
        if (key == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "jsonb subscript in assignment must not be null");
        }
        if (node == null) {
            node = key instanceof String ? Map.of() : List.of();
        }
        if (node instanceof Map<?, ?> m) {
            String k = key.toString();   // an integer key on an object names the key of its digits, as PostgreSQL
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put((String) e.getKey(), e.getValue());
            }
            out.put(k, assign(child(out.get(k), at, a), a, at + 1, value));
            return out;
        }
        if (node instanceof List<?> l) {
            Long n = key instanceof Number k ? Long.valueOf(k.longValue()) : integer((String) key);
            if (n == null) {
                throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + (at - 1)
                        + " is not an integer: \"" + key + "\"");
            }
            long i = n;
            if (i >= MAX_ARRAY) {
                throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed ("
                        + MAX_ARRAY + ")");
            }
            if (i < 0) {
                i += l.size();
                if (i < 0) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "path element at position " + (at - 1)
                            + " is out of range: " + n);
                }
            }
            List<Object> out = new ArrayList<>(l);
            while (out.size() <= i) {
                out.add(Jsonb.NULL);
            }
            Object current = out.get((int) i);
            out.set((int) i, assign(child(current == Jsonb.NULL && i >= l.size() ? null : current, at, a), a, at + 1, value));
            return out;
        }
        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key (the path assumes key is"
                + " a composite object, but it is a scalar value)");
    }

    /** The element at one level of the path; a scalar where the path goes deeper is 22023, as PostgreSQL. */
    private static Object child(Object current, int at, Object[] a) {
        if (at + 1 < a.length && current != null && !(current instanceof Map<?, ?>) && !(current instanceof List<?>)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key (the path assumes key"
                    + " is a composite object, but it is a scalar value)");
        }
        return current;
    }

    /** A subscript's text as an array index, or null when it is no integer. */
    private static Long integer(String key) {
        try {
            return Long.parseLong(key.strip());
        } catch (NumberFormatException notOne) {
            return null;
        }
    }
}
