package io.kyrodb.engine.expr;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.jsonpath.JsonPath;
import io.kyrodb.engine.types.jsonpath.JsonPathException;

import java.util.List;

/**
 * The SQL/JSON path functions over (jsonb target, jsonpath path, jsonb vars, boolean silent), as
 * Postgres 15 defines them: {@code jsonb_path_exists} (and {@code @?}, silent), {@code
 * jsonb_path_match} (and {@code @@}, silent), {@code jsonb_path_query_array},
 * {@code jsonb_path_query_first}, and {@code jsonb_path_query}'s items as a jsonb[] that the
 * set-returning nodes unnest. With {@code silent} true the errors of {@link JsonPathException}
 * give NULL (exists, match, first) or no items instead.
 */
public enum JsonPathFunction implements Builtin {
    EXISTS, MATCH, QUERY_ARRAY, QUERY_FIRST,
    /** jsonb_path_query's rows, as a jsonb[]. */
    QUERY,
    /** {@code @?} and {@code @@}: no vars object (a NULL third argument), so every {@code $var} is JSON null, as in Postgres. */
    EXISTS_OPERATOR, MATCH_OPERATOR;

    @Override
    public boolean strict() {
        return false;   // NULL vars means "none" for the operators; the other NULLs are checked in apply
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        boolean operator = this == EXISTS_OPERATOR || this == MATCH_OPERATOR;
        if (a[0] == null || a[1] == null || a[3] == null || a[2] == null && !operator) {
            return null;
        }
        Jsonb target = (Jsonb) a[0];
        JsonPath path = (JsonPath) a[1];
        Jsonb vars = (Jsonb) a[2];
        boolean silent = (Boolean) a[3];
        List<Object> items;
        try {
            items = path.query(target, vars);
        } catch (JsonPathException e) {
            if (!silent) {
                throw e;
            }
            return switch (this) {
                case EXISTS, MATCH, QUERY_FIRST, EXISTS_OPERATOR, MATCH_OPERATOR -> null;
                case QUERY_ARRAY -> Jsonb.of(List.of());
                case QUERY -> SqlArray.of(new Object[0]);
            };
        }
        return switch (this) {
            case EXISTS, EXISTS_OPERATOR -> !items.isEmpty();
            case MATCH, MATCH_OPERATOR -> {
                if (items.size() == 1 && items.get(0) instanceof Boolean b) {
                    yield b;
                }
                if (items.size() == 1 && items.get(0) == Jsonb.NULL || silent) {
                    yield null;
                }
                throw new JsonPathException(SqlState.SINGLETON_SQL_JSON_ITEM_REQUIRED, "single boolean result is expected");
            }
            case QUERY_ARRAY -> Jsonb.of(items);
            case QUERY_FIRST -> items.isEmpty() ? null : Jsonb.of(items.get(0));
            case QUERY -> {
                Object[] out = new Object[items.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Jsonb.of(items.get(i));
                }
                yield SqlArray.of(out);
            }
        };
    }
}
