package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One column of {@code jsonb_to_record[set]} / {@code json_to_record[set]} /
 * {@code jsonb_populate_record[set]}: the member {@code key} of the argument's object (of each
 * object of its array, for a {@code set}) as a value of {@code type}, converted as PostgreSQL
 * does: JSON null or a missing key is NULL, a string is read as the type's text, other JSON as its
 * text (a JSON array into a SQL array element by element; jsonb and json columns take the JSON
 * itself). The argument is jsonb, or json's text. In FROM each column is the array of its values
 * that unnest's nodes zip into rows; {@code scalar} gives the one value (a record's field).
 */
public record JsonToRecord(String function, String key, SqlType type, boolean set, boolean scalar) implements Builtin {
    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        Object doc = args[0] == null ? null : args[0] instanceof Jsonb j ? j.root() : Jsonb.parse((String) args[0]).root();
        if (!set) {
            Object v = doc == null ? null : field(object(doc), key, type);
            return scalar ? v : SqlArray.of(new Object[]{v});
        }
        if (doc == null) {
            return SqlArray.of();
        }
        if (!(doc instanceof List<?> rows)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + function + " on a non-array");
        }
        Object[] out = new Object[rows.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(rows.get(i) instanceof Map<?, ?> m)) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "argument of " + function
                        + " must be an array of objects");
            }
            out[i] = field(m, key, type);
        }
        return SqlArray.of(out);
    }

    private static Map<?, ?> object(Object doc) {
        if (doc instanceof Map<?, ?> m) {
            return m;
        }
        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot call populate_composite on "
                + (doc instanceof List<?> ? "an array" : "a scalar"));
    }

    private static Object field(Map<?, ?> object, String key, SqlType type) {
        return value(object.get(key), type);
    }

    /** A JSON tree value as a SQL value of {@code type}. */
    static Object value(Object node, SqlType type) {
        if (node == null || node == Jsonb.NULL) {
            return null;
        }
        return switch (type.kind()) {
            case JSONB -> Jsonb.of(node);
            case JSON -> Jsonb.toText(node);
            case TEXT, VARCHAR -> Values.checkLength(node instanceof String s ? s : Jsonb.toText(node), type, false);
            default -> {
                if (type.isArray() && node instanceof List<?> elements) {
                    List<Object> out = new ArrayList<>(elements.size());
                    for (Object e : elements) {
                        out.add(value(e, type.element()));
                    }
                    yield SqlArray.of(out.toArray());
                }
                yield Values.parse(node instanceof String s ? s : Jsonb.toText(node), type);
            }
        };
    }
}
