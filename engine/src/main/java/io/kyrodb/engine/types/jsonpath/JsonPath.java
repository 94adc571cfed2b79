package io.kyrodb.engine.types.jsonpath;

import io.kyrodb.engine.types.Jsonb;

import java.util.List;

/**
 * A parsed SQL/JSON path ({@code jsonpath}): its mode ({@code lax}, the default, or {@code strict})
 * and its expression. Immutable; {@link #toString} is Postgres's canonical text form, which
 * {@link #parse} reads back to an equal path. Run it with {@link #query}.
 */
public final class JsonPath {
    private final boolean lax;
    private final JsonPathItem expr;
    private final String text;

    JsonPath(boolean lax, JsonPathItem expr) {
        this.lax = lax;
        this.expr = expr;
        StringBuilder sb = new StringBuilder(lax ? "" : "strict ");
        expr.print(sb, true);
        this.text = sb.toString();
    }

    /** Parses a path: 42601 on a syntax error, 22P02 when it is empty, 2201B for a bad like_regex pattern. */
    public static JsonPath parse(String text) {
        return JsonPathParser.parse(text);
    }

    public boolean lax() {
        return lax;
    }

    JsonPathItem expr() {
        return expr;
    }

    /**
     * The items the path selects in {@code target} (a jsonb tree value), with {@code vars} (a
     * jsonb value; null for none, which makes every variable JSON null, as for @? and @@) bound to its {@code $name} variables. Errors Postgres's
     * {@code silent} argument suppresses are {@link JsonPathException}s; a missing variable
     * (42704) and a vars value that is not an object (22023) are not.
     */
    public List<Object> query(Jsonb target, Jsonb vars) {
        return new JsonPathExecutor(this, target.root(), vars == null ? null : vars.root()).run();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
