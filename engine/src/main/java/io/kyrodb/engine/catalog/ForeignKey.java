package io.kyrodb.engine.catalog;

import java.util.Arrays;
import java.util.Locale;

/**
 * A FOREIGN KEY of a table: its {@code columns} (positions in the table) must, when none of them
 * is NULL (MATCH SIMPLE), equal the {@code refColumns} (positions in {@code refTable}, its
 * primary key or the columns of one of its UNIQUE indexes) of a row of {@code refTable}.
 */
public record ForeignKey(String name, int[] columns, String refTable, int[] refColumns, Action onDelete,
                         Action onUpdate, boolean deferrable, boolean initiallyDeferred) {
    /** NOT DEFERRABLE: checked at the end of each statement. */
    public ForeignKey(String name, int[] columns, String refTable, int[] refColumns, Action onDelete, Action onUpdate) {
        this(name, columns, refTable, refColumns, onDelete, onUpdate, false, false);
    }

    /** The same constraint, DEFERRABLE [INITIALLY DEFERRED] as given. */
    public ForeignKey timed(boolean deferrable, boolean initiallyDeferred) {
        return new ForeignKey(name, columns, refTable, refColumns, onDelete, onUpdate, deferrable,
                deferrable && initiallyDeferred);
    }

    /** What deleting or updating a referenced row does to the rows that reference it. */
    public enum Action {
        NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

        /** "no action", "set null", ... as written in SQL. */
        public static Action parse(String sql) {
            return valueOf(sql.toUpperCase(Locale.ROOT).replace(' ', '_'));
        }

        public String sql() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForeignKey f && name.equals(f.name) && Arrays.equals(columns, f.columns)
                && refTable.equals(f.refTable) && Arrays.equals(refColumns, f.refColumns) && onDelete == f.onDelete
                && onUpdate == f.onUpdate && deferrable == f.deferrable && initiallyDeferred == f.initiallyDeferred;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + refTable.hashCode();
    }

    /** The same constraint pointing at {@code newName} (a referenced table renamed). */
    public ForeignKey withRefTable(String newName) {
        return new ForeignKey(name, columns, newName, refColumns, onDelete, onUpdate, deferrable, initiallyDeferred);
    }
}
