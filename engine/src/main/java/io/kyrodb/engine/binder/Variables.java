package io.kyrodb.engine.binder;

import io.kyrodb.engine.types.SqlType;

/**
 * The variables a PL/pgSQL statement may read: a name ({@code v}) or a record's field
 * ({@code new.col}) that is one binds as parameter {@link Slot#index()} of type {@link Slot#type()},
 * ahead of the columns of the statement's FROM (PL/pgSQL's {@code variable_conflict = use_variable}).
 */
public interface Variables {
    record Slot(int index, SqlType type) {
    }

    /** The slot {@code qualifier.name} (qualifier null: just {@code name}) stands for, or null. */
    Slot slot(String qualifier, String name);

    /** The type of each parameter index (null where the index is no variable), so values convert to them. */
    SqlType[] types();
}
