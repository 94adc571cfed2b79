package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlRecord;
import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * {@code ROW(a, b)}, {@code (a, b)} and a FROM item's whole row as a value: a {@link SqlRecord} of
 * the arguments, under {@code names} (f1, f2, ... or the columns). Not strict: NULL fields stay.
 */
public record RowConstructor(List<String> names) implements Builtin {
    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        return new SqlRecord(names, args.clone());
    }
}
