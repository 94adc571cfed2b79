package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

/**
 * {@code json_build_object(k1, v1, ...)} and {@code json_build_array(v1, ...)}: json text laid out
 * as PostgreSQL writes it ({@code {"a" : 1, "b" : "x"}}, {@code [1, "x", null]}). The binder hands
 * in keys as text and values as json text (NULL for SQL NULL, written {@code null}).
 */
public enum JsonBuildFunction implements Builtin {
    JSON_BUILD_OBJECT, JSON_BUILD_ARRAY;

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        StringBuilder sb = new StringBuilder(this == JSON_BUILD_OBJECT ? "{" : "[");
        if (this == JSON_BUILD_ARRAY) {
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(a[i] == null ? "null" : (String) a[i]);
            }
            return sb.append(']').toString();
        }
        for (int i = 0; i < a.length; i += 2) {
            if (a[i] == null) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                        "argument " + (i + 1) + ": key must not be null");
            }
            sb.append(i == 0 ? "" : ", ").append(JsonbFunction.toJsonText(a[i])).append(" : ")
                    .append(a[i + 1] == null ? "null" : (String) a[i + 1]);
        }
        return sb.append('}').toString();
    }
}
