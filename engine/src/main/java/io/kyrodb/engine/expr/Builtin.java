package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** A function the binder resolved to an implementation: numeric and date/time functions. */
public interface Builtin {
    /** Whether any NULL argument makes the result NULL without calling {@link #apply}. */
    default boolean strict() {
        return true;
    }

    Object apply(Object[] args, SqlType resultType);
}
