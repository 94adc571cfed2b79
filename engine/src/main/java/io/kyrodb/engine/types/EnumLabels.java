package io.kyrodb.engine.types;

import java.util.List;
import java.util.function.Function;

/**
 * Current labels for stored enum values. A stored value keeps the label it had when written;
 * after ALTER TYPE ... RENAME VALUE its sort order still names it, so where a value leaves the
 * engine (a result row) or becomes text (a cast), it is looked up in its type as the statement
 * sees it. Values whose label is current pass through unchanged.
 */
public final class EnumLabels {
    private EnumLabels() {
    }

    /** {@code v} (an enum value or an array of them, of type {@code type}) with current labels. */
    public static Object refresh(Object v, SqlType type) {
        if (v == null || type == null) {
            return v;
        }
        if (v instanceof EnumValue e && type.enumType() != null) {
            return type.enumType().current(e);
        }
        if (v instanceof SqlArray a && type.isArray() && type.element().enumType() != null) {
            Object[] out = new Object[a.length()];
            boolean changed = false;
            for (int i = 0; i < out.length; i++) {
                out[i] = refresh(a.get(i), type.element());
                changed |= out[i] != a.get(i);
            }
            return changed ? a.withElements(out) : a;
        }
        return v;
    }

    /** Whether values of {@code type} may need {@link #refresh}. */
    public static boolean applies(SqlType type) {
        return type != null && (type.enumType() != null || (type.isArray() && type.element().enumType() != null));
    }

    /** Result rows with current labels in the columns whose types are enums (rows are not shared: changed in place). */
    public static <C> Function<Object[], Object[]> forColumns(List<C> columns, Function<C, SqlType> typeOf) {
        int n = columns.size();
        SqlType[] types = new SqlType[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            SqlType t = typeOf.apply(columns.get(i));
            if (applies(t)) {
                types[i] = t;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        return row -> {
            if (row == null) {
                return null;
            }
            Object[] out = row.clone();
            for (int i = 0; i < n && i < out.length; i++) {
                if (types[i] != null) {
                    out[i] = refresh(out[i], types[i]);
                }
            }
            return out;
        };
    }
}
