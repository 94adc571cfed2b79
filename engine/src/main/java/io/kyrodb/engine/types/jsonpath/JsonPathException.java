package io.kyrodb.engine.types.jsonpath;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * An error while running a path that the {@code silent} argument of the jsonb_path functions (and
 * the {@code @?}/{@code @@} operators) suppresses: structural errors of strict mode, non-numeric
 * operands, division by zero ... (Postgres's RETURN_ERROR). Other errors are plain {@link KyroException}s.
 */
public final class JsonPathException extends KyroException {
    public JsonPathException(SqlState state, String message) {
        super(state, message);
    }
}
