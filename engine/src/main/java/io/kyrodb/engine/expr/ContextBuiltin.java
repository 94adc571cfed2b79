package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** A {@link Builtin} that needs the execution's context (pg_sleep sees a cancel or statement_timeout). */
public interface ContextBuiltin extends Builtin {
    Object apply(Object[] args, SqlType resultType, EvalContext ctx);

    @Override
    default Object apply(Object[] args, SqlType resultType) {
        throw new IllegalStateException(getClass().getSimpleName() + " runs with its context");
    }
}
