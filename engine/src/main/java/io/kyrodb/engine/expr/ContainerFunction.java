package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Bytes;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.UuidText;
import io.kyrodb.engine.types.Values;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions and operators of the uuid, bytea, jsonb and array types, as Postgres defines them.
 * {@code strict} ones return NULL when any argument is NULL; the binder
 * ({@code binder.ContainerBinding}) checks arity and types and picks the result type.
 */
public enum ContainerFunction {
    GEN_RANDOM_UUID(false),
    BYTEA_CONCAT(true), OCTET_LENGTH(true), MD5(true), SHA256(true), ENCODE(true), DECODE(true),
    JSON_GET(true), JSON_GET_TEXT(true), JSON_PATH(true), JSON_PATH_TEXT(true),
    JSON_CONTAINS(true), JSON_CONTAINED_BY(true), JSON_EXISTS(true),
    /** {@code jsonb || jsonb}: objects merge (the right side's keys win), anything else concatenates as arrays. */
    JSONB_CONCAT(true),
    JSONB_TYPEOF(true), JSONB_ARRAY_LENGTH(true), JSONB_BUILD_OBJECT(false), JSONB_BUILD_ARRAY(false), TO_JSONB(true),
    ARRAY_CONSTRUCT(false), SUBSCRIPT(false), ARRAY_LENGTH(true), CARDINALITY(true),
    /** {@code array || array}: a NULL side counts as empty, as in Postgres's array_cat. */
    ARRAY_CAT(false), ARRAY_APPEND(false), ARRAY_PREPEND(false),
    ARRAY_CONTAINS(true), ARRAY_CONTAINED_BY(true), ARRAY_OVERLAP(true), ARRAY_TO_STRING(false), ARRAY_POSITION(false),
    /**
     * The columns of jsonb's set-returning functions as arrays (zipped into rows by unnest's nodes):
     * (jsonb, function name) -> the elements of an array, as jsonb or text; the keys, values (jsonb
     * or text) of an object. The name is for the error on the wrong kind of document (22023).
     */
    JSONB_ELEMENTS(true), JSONB_ELEMENTS_TEXT(true), JSONB_KEYS(true), JSONB_VALUES(true), JSONB_VALUES_TEXT(true),
    /** jsonb_each[_text] as a select-list item: an array of (key, value) records. */
    JSONB_EACH_RECORDS(true), JSONB_EACH_TEXT_RECORDS(true),
    /**
     * {@code width_bucket(operand, thresholds)}: how many of the thresholds (a sorted one-dimensional
     * array of lower bounds, no NULLs) are at or below the operand, as PostgreSQL's binary search.
     */
    WIDTH_BUCKET(true);

    private static final List<String> KEY_VALUE = List.of("key", "value");

    private final boolean strict;

    ContainerFunction(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    Object apply(Object[] a, SqlType type) {
        return switch (this) {
            case GEN_RANDOM_UUID -> UuidText.random();
            case BYTEA_CONCAT -> ((Bytes) a[0]).concat((Bytes) a[1]);
            case OCTET_LENGTH -> ((Bytes) a[0]).length();
            case MD5 -> hex(digest("MD5", (Bytes) a[0]));
            case SHA256 -> Bytes.wrap(digest("SHA-256", (Bytes) a[0]));
            case ENCODE -> encode((Bytes) a[0], (String) a[1]);
            case DECODE -> decode((String) a[0], (String) a[1]);
            case JSON_GET -> wrap(get(((Jsonb) a[0]).root(), a[1]));
            case JSON_GET_TEXT -> text(get(((Jsonb) a[0]).root(), a[1]));
            case JSON_PATH -> wrap(path(((Jsonb) a[0]).root(), (SqlArray) a[1]));
            case JSON_PATH_TEXT -> text(path(((Jsonb) a[0]).root(), (SqlArray) a[1]));
            case JSON_CONTAINS -> Jsonb.contains(((Jsonb) a[0]).root(), ((Jsonb) a[1]).root());
            case JSON_CONTAINED_BY -> Jsonb.contains(((Jsonb) a[1]).root(), ((Jsonb) a[0]).root());
            case JSON_EXISTS -> exists(((Jsonb) a[0]).root(), (String) a[1]);
            case JSONB_CONCAT -> concat(((Jsonb) a[0]).root(), ((Jsonb) a[1]).root());
            case JSONB_TYPEOF -> Jsonb.typeOf(((Jsonb) a[0]).root());
            case JSONB_ARRAY_LENGTH -> arrayLength(((Jsonb) a[0]).root());
            case JSONB_BUILD_OBJECT -> buildObject(a);
            case JSONB_BUILD_ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object v : a) {
                    out.add(toJson(v));
                }
                yield Jsonb.of(out);
            }
            case TO_JSONB -> Jsonb.of(toJson(a[0]));
            case ARRAY_CONSTRUCT -> SqlArray.of(a);
            case SUBSCRIPT -> {
                if (a[0] == null || a[1] == null) {
                    yield null;
                }
                SqlArray arr = (SqlArray) a[0];
                long i = ((Number) a[1]).longValue();
                yield i < 1 || i > arr.length() || arr.ndims() > 1 ? null : arr.get((int) i - 1);
            }
            case ARRAY_LENGTH -> {
                SqlArray arr = (SqlArray) a[0];
                int d = ((Number) a[1]).intValue();
                int[] dims = arr.dims();
                yield d >= 1 && d <= dims.length ? dims[d - 1] : null;
            }
            case CARDINALITY -> ((SqlArray) a[0]).length();
            case ARRAY_CAT -> a[0] == null ? a[1] : a[1] == null ? a[0] : ((SqlArray) a[0]).concat((SqlArray) a[1]);
            case ARRAY_APPEND -> (a[0] == null ? SqlArray.of() : (SqlArray) a[0]).concat(SqlArray.of(a[1]));
            case ARRAY_PREPEND -> SqlArray.of(a[0]).concat(a[1] == null ? SqlArray.of() : (SqlArray) a[1]);
            case ARRAY_CONTAINS -> containsAll((SqlArray) a[0], (SqlArray) a[1]);
            case ARRAY_CONTAINED_BY -> containsAll((SqlArray) a[1], (SqlArray) a[0]);
            case ARRAY_OVERLAP -> overlap((SqlArray) a[0], (SqlArray) a[1]);
            case ARRAY_TO_STRING -> arrayToString(a);
            case JSONB_ELEMENTS, JSONB_ELEMENTS_TEXT -> {
                Object root = ((Jsonb) a[0]).root();
                if (!(root instanceof List<?> l)) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot extract elements from "
                            + (root instanceof Map<?, ?> ? "an object" : "a scalar") + " (" + a[1] + ")");
                }
                Object[] out = new Object[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = this == JSONB_ELEMENTS ? Jsonb.of(l.get(i)) : text(l.get(i));
                }
                yield SqlArray.of(out);
            }
            case JSONB_KEYS, JSONB_VALUES, JSONB_VALUES_TEXT, JSONB_EACH_RECORDS, JSONB_EACH_TEXT_RECORDS -> {
                Object root = ((Jsonb) a[0]).root();
                if (!(root instanceof Map<?, ?> m)) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + a[1] + " on "
                            + (a[1].equals("jsonb_object_keys") ? (root instanceof List<?> ? "an array" : "a scalar")
                            : "a non-object"));
                }
                List<Object> out = new ArrayList<>(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.add(switch (this) {
                        case JSONB_KEYS -> e.getKey();
                        case JSONB_VALUES -> Jsonb.of(e.getValue());
                        case JSONB_EACH_RECORDS -> new io.kyrodb.engine.types.SqlRecord(KEY_VALUE,
                                new Object[]{e.getKey(), Jsonb.of(e.getValue())});
                        case JSONB_EACH_TEXT_RECORDS -> new io.kyrodb.engine.types.SqlRecord(KEY_VALUE,
                                new Object[]{e.getKey(), text(e.getValue())});
                        default -> text(e.getValue());
                    });
                }
                yield SqlArray.of(out);
            }
            case WIDTH_BUCKET -> widthBucket(a[0], (SqlArray) a[1]);
            case ARRAY_POSITION -> {
                if (a[0] == null) {
                    yield null;
                }
                SqlArray arr = (SqlArray) a[0];
                for (int i = 0; i < arr.length(); i++) {
                    Object e = arr.get(i);
                    if (e == null ? a[1] == null : a[1] != null && Values.compare(e, a[1]) == 0) {
                        yield i + 1;
                    }
                }
                yield null;
            }
        };
    }

    /* PostgreSQL checks the shape first, then NULLs, then searches (it assumes the order, as here). */
    private static int widthBucket(Object operand, SqlArray thresholds) {
        if (thresholds.ndims() > 1) {
            throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "thresholds must be one-dimensional array");
        }
        for (int i = 0; i < thresholds.length(); i++) {
            if (thresholds.get(i) == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "thresholds array must not contain NULLs");
            }
        }
        int lo = 0;
        int hi = thresholds.length();
        while (lo < hi) {   // the first threshold above the operand
            int mid = (lo + hi) >>> 1;
            if (Values.compare(operand, thresholds.get(mid)) < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ---- bytea ---------------------------------------------------------------------------------

    private static byte[] digest(String algorithm, Bytes b) {
        try {
            return MessageDigest.getInstance(algorithm).digest(b.array());
        } catch (NoSuchAlgorithmException e) {
            throw new KyroException(SqlState.INTERNAL_ERROR, algorithm + " is not available in this JVM");
        }
    }

    private static String hex(byte[] b) {
        return Bytes.wrap(b).toString().substring(2);
    }

    private static String encode(Bytes b, String format) {
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "hex" -> b.toString().substring(2);
            case "base64" -> base64Lines(Base64.getEncoder().encodeToString(b.array()));
            case "escape" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < b.length(); i++) {
                    int v = b.get(i) & 0xFF;
                    if (v == '\\') {
                        sb.append("\\\\");
                    } else if (v == 0 || v >= 0x80) {
                        sb.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
                                .append((char) ('0' + (v & 7)));
                    } else {
                        sb.append((char) v);
                    }
                }
                yield sb.toString();
            }
            default -> throw unknownEncoding(format);
        };
    }

    /** Postgres breaks base64 output into lines of 76 characters. */
    private static String base64Lines(String s) {
        StringBuilder sb = new StringBuilder(s.length() + s.length() / 76);
        for (int i = 0; i < s.length(); i += 76) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(s, i, Math.min(s.length(), i + 76));
        }
        return sb.toString();
    }

    private static Bytes decode(String text, String format) {
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "hex" -> Bytes.parse("\\x" + text);
            case "base64" -> {
                try {
                    yield Bytes.wrap(Base64.getMimeDecoder().decode(text.replaceAll("\\s", "")));
                } catch (IllegalArgumentException bad) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 data: " + bad.getMessage());
                }
            }
            case "escape" -> Bytes.parse(text.startsWith("\\x") ? "\\\\" + text.substring(1) : text);
            default -> throw unknownEncoding(format);
        };
    }

    private static KyroException unknownEncoding(String format) {
        return new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
    }

    // ---- jsonb ---------------------------------------------------------------------------------

    /** {@code -> key} on an object, {@code -> index} on an array (negative from the end); else null. */
    private static Object get(Object root, Object key) {
        if (key instanceof String k) {
            return root instanceof Map<?, ?> m ? m.get(k) : null;
        }
        if (root instanceof List<?> l) {
            long i = ((Number) key).longValue();
            if (i < 0) {
                i += l.size();
            }
            return i >= 0 && i < l.size() ? l.get((int) i) : null;
        }
        return null;
    }

    private static Object path(Object root, SqlArray path) {
        Object v = root;
        for (int i = 0; i < path.length() && v != null; i++) {
            Object step = path.get(i);
            if (step == null) {
                return null;
            }
            String s = (String) step;
            if (v instanceof Map<?, ?> m) {
                v = m.get(s);
            } else if (v instanceof List<?> l) {
                try {
                    v = get(l, Long.parseLong(s.strip()));
                } catch (NumberFormatException notIndex) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return v;
    }

    private static Jsonb concat(Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Map<Object, Object> out = new LinkedHashMap<>(x);
            out.putAll(y);
            return Jsonb.of(out);
        }
        List<Object> out = new ArrayList<>();
        if (a instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(a);
        }
        if (b instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(b);
        }
        return Jsonb.of(out);
    }

    private static Jsonb wrap(Object v) {
        return v == null ? null : Jsonb.of(v);
    }

    /** {@code ->>}: a string's own text, JSON null as SQL NULL, anything else as jsonb prints it. */
    private static String text(Object v) {
        if (v == null || v == Jsonb.NULL) {
            return null;
        }
        return v instanceof String s ? s : Jsonb.toText(v);
    }

    /** {@code ?}: a key of an object, or a string element of an array, or the string itself. */
    static boolean exists(Object root, String key) {
        return switch (root) {
            case Map<?, ?> m -> m.containsKey(key);
            case List<?> l -> l.contains(key);
            case String s -> s.equals(key);
            default -> false;
        };
    }

    private static int arrayLength(Object root) {
        if (root instanceof List<?> l) {
            return l.size();
        }
        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot get array length of a "
                + (root instanceof Map<?, ?> ? "non-array" : "scalar"));
    }

    private static Jsonb buildObject(Object[] a) {
        if (a.length % 2 != 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements"
                    + " (the arguments of jsonb_build_object() must consist of alternating keys and values)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] == null) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + ": key must not be null");
            }
            out.put(a[i] instanceof String s ? s : Values.toText(a[i]), toJson(a[i + 1]));
        }
        return Jsonb.of(out);
    }

    /** A SQL value as a JSON tree value, as Postgres's to_jsonb does. */
    static Object toJson(Object v) {
        return switch (v) {
            case null -> Jsonb.NULL;
            case Jsonb j -> j.root();
            case Boolean b -> b;
            case Double d -> finite(d) ? new BigDecimal(Values.toText(d)) : Values.toText(d);
            case Float f -> finite(f) ? new BigDecimal(Values.toText(f)) : Values.toText(f);
            case io.kyrodb.engine.types.NumericSpecial n -> n.toString();   // "NaN", as Postgres: JSON has no such number
            case Number n -> new BigDecimal(n.toString());
            case SqlArray arr -> toJson(arr.nested());
            case io.kyrodb.engine.types.SqlRecord r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < r.size(); i++) {
                    out.put(r.names().get(i), toJson(r.get(i)));
                }
                yield out;
            }
            case List<?> level -> {   // a level of a multi-dimensional array
                List<Object> out = new ArrayList<>();
                for (Object e : level) {
                    out.add(toJson(e));
                }
                yield out;
            }
            case float[] vector -> {
                List<Object> out = new ArrayList<>();
                for (float f : vector) {
                    out.add(new BigDecimal(Values.toText(f)));
                }
                yield out;
            }
            default -> Values.toText(v);
        };
    }

    private static boolean finite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    // ---- arrays --------------------------------------------------------------------------------

    private static boolean containsAll(SqlArray a, SqlArray b) {
        for (int i = 0; i < b.length(); i++) {
            Object e = b.get(i);
            if (e == null || !a.containsElement(e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlap(SqlArray a, SqlArray b) {
        for (int i = 0; i < b.length(); i++) {
            Object e = b.get(i);
            if (e != null && a.containsElement(e)) {
                return true;
            }
        }
        return false;
    }

    private static String arrayToString(Object[] a) {
        if (a[0] == null || a[1] == null) {
            return null;
        }
        SqlArray arr = (SqlArray) a[0];
        String nullText = a.length > 2 ? (String) a[2] : null;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < arr.length(); i++) {
            Object e = arr.get(i);
            if (e == null && nullText == null) {
                continue;
            }
            if (!first) {
                sb.append((String) a[1]);
            }
            first = false;
            sb.append(e == null ? nullText : e instanceof Boolean b ? (b ? "t" : "f") : Values.toText(e));
        }
        return sb.toString();
    }
}
