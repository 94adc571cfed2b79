package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ScanNode;
import io.kyrodb.engine.types.TypeKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The order a one-table access path delivers its rows in, as the table's columns they are sorted
 * by, each ascending with NULLs last (what ORDER BY col and a sort by partition values produce):
 * a scan or key range follows the primary key; an index range (or one point) follows the index's
 * ascending leading columns, then, after all of them, the primary key (an entry's key is its
 * values, each NULL flag before the value so NULLs sort last, then the row's key). A filter keeps
 * its input's order. Anything else: no known order (an empty array).
 *
 * <p>Only columns of types whose stored key order is {@link io.kyrodb.engine.types.Values#compare}'s
 * order and whose equal values have one encoding count (integers, text in code-point order,
 * boolean, uuid, numeric, date and timestamps); the order stops at the first other column.
 */
final class InputOrder {
    private static final Set<TypeKind> ORDERED = EnumSet.of(TypeKind.SMALLINT, TypeKind.INTEGER, TypeKind.BIGINT,
            TypeKind.TEXT, TypeKind.VARCHAR, TypeKind.BOOLEAN, TypeKind.UUID, TypeKind.NUMERIC, TypeKind.DATE,
            TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ);

    private InputOrder() {
    }

    static int[] of(PlanNode node) {
        return switch (node) {
            case FilterNode f -> of(f.child());
            case ScanNode s -> s.table().isSystem() ? new int[0] : primaryKey(s.table(), new int[0]);
            case KeyRangeNode r -> primaryKey(r.table(), new int[0]);
            case IndexScanNode i -> index(i);
            default -> new int[0];
        };
    }

    private static int[] index(IndexScanNode scan) {
        if (scan.points() != null && scan.points().size() != 1 || scan.index().gin()) {
            return new int[0];   // the points' entries come one value after another, in the IN list's order
        }
        Index index = scan.index();
        Table table = scan.table();
        boolean[] descending = index.descending();
        int[] out = new int[index.width()];
        for (int i = 0; i < index.width(); i++) {
            int c = index.column(i);
            if (c < 0 || descending[i] || !ordered(table, c)) {   // an expression's order is no column's
                return Arrays.copyOf(out, i);
            }
            out[i] = c;
        }
        return primaryKey(table, out);
    }

    /** {@code prefix} followed by the table's primary-key columns, as far as they are ordered. */
    private static int[] primaryKey(Table table, int[] prefix) {
        int n = prefix.length;
        int[] out = Arrays.copyOf(prefix, n + table.primaryKeyWidth());
        for (int i = 0; i < table.primaryKeyWidth(); i++) {
            int c = table.primaryKeyColumn(i);
            if (!ordered(table, c)) {
                return Arrays.copyOf(out, n + i);
            }
            out[n + i] = c;
        }
        return out;
    }

    private static boolean ordered(Table table, int column) {
        return ORDERED.contains(table.columns().get(column).type().kind());
    }
}
