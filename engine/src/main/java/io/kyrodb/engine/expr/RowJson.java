package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * A whole row as JSON: {@code row_to_json(t)} and {@code to_json(t)} give Postgres's compact json
 * text {@code {"a":1,"b":"x"}} (values as to_json writes them, json columns as written), and
 * {@code to_jsonb(t)} the same as jsonb. The arguments are the row's column values in order;
 * {@code names} their keys, {@code raw} which are json text already.
 */
public record RowJson(List<String> names, List<Boolean> raw, boolean jsonb) implements Builtin {
    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Jsonb.quote(sb, names.get(i));
            sb.append(':');
            sb.append(args[i] != null && raw.get(i) ? (String) args[i] : JsonbFunction.toJsonText(args[i]));
        }
        String text = sb.append('}').toString();
        return jsonb ? Jsonb.parse(text) : text;
    }
}
