package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.expr.VectorFunctionExpr;
import io.kyrodb.engine.vector.HnswRowIds;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;

import java.util.List;

/**
 * How an {@link HnswScanNode} makes its output row (its projection of a table row) for a row the
 * graph walk returned, with as little work as the query allows:
 * <ul>
 * <li>the ORDER BY distance is the one the index computed ({@link VectorIndex.Neighbor#distance()},
 * pgvector's, from the indexed vector) when that is the row's own distance to the same query,
 * bit for bit: under L2 and the negative inner product the indexed vector is the row's (but for the
 * sign of zero elements: -0 and 0 are one vector to the index, and neither {@code (a-b)^2} nor a
 * float sum that starts at +0 can tell them apart), and neither sum depends on the operands' order;
 * a cosine index holds normalized vectors, so its distance is recomputed from the row;</li>
 * <li>when every output is the primary key or that distance, the row is not read at all: a graph row
 * outside the index's delta is visible to the statement's snapshot with the vector the graph holds
 * ({@link io.kyrodb.engine.vector.HnswIndex}), so only a WHERE would need its other columns.</li>
 * </ul>
 * Immutable; built once per plan.
 */
final class HnswProjection {
    private static final byte ROW = 0;
    private static final byte KEY = 1;
    private static final byte DISTANCE = 2;

    private final Table table;
    private final List<BoundExpr> outputs;
    private final VectorDistance distance;
    private final byte[] source;
    private final boolean keyOnly;
    private final boolean inIndexOrder;

    /**
     * @param outputs        the projection of a table row
     * @param distanceColumn the output that is the ORDER BY distance between the indexed column and {@code query}
     */
    HnswProjection(Table table, VectorIndexDef index, List<BoundExpr> outputs, int distanceColumn, BoundExpr query) {
        this.table = table;
        this.outputs = outputs;
        this.distance = index.spec().distance();
        int key = table.hasPrimaryKey() && table.primaryKeyWidth() == 1 ? table.primaryKeyColumn(0) : -1;
        source = new byte[outputs.size()];
        boolean all = true;
        for (int i = 0; i < source.length; i++) {
            BoundExpr e = outputs.get(i);
            if (e instanceof ColumnExpr c && c.index() == key) {
                source[i] = KEY;
            } else if (i == distanceColumn && isIndexDistance(e, index.column(), query)
                    && (distance == VectorDistance.L2 || distance == VectorDistance.NEGATIVE_INNER_PRODUCT)) {
                source[i] = DISTANCE;
            } else {
                source[i] = ROW;
                all = false;
            }
        }
        keyOnly = all;
        boolean carried = false;
        for (byte b : source) {
            carried |= b == DISTANCE;
        }
        inIndexOrder = carried && distance == VectorDistance.L2;
    }

    /** Whether {@code e} is the index's distance between column {@code column} and {@code query} (either side). */
    private static boolean isIndexDistance(BoundExpr e, int column, BoundExpr query) {
        if (!(e instanceof VectorFunctionExpr f) || f.arguments().size() != 2) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            if (f.arguments().get(side) instanceof ColumnExpr c && c.index() == column
                    && f.arguments().get(1 - side) == query) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether graph rows projected here come out in the ORDER BY's order when taken in the index's
     * ({@code (distance, row id)}): the distance is carried for every row and is never NaN or -0
     * (which SQL and the index's comparator might order apart). True under L2.
     */
    boolean inIndexOrder() {
        return inIndexOrder;
    }

    /**
     * The output row of graph row {@code n} without reading it, or null when the row must be read.
     * {@code visibleAsIndexed}: {@code n} is outside the delta and no WHERE needs its columns.
     */
    Object[] ofGraphRow(VectorIndex.Neighbor n, boolean visibleAsIndexed, io.kyrodb.engine.vector.HnswRowIds rowIds) {
        if (!keyOnly || !visibleAsIndexed) {
            return null;
        }
        Object[] out = new Object[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = source[i] == KEY ? rowIds.key(n.rowId()) : (Object) n.distance();
        }
        return out;
    }

    /** The output row of graph row {@code n}, read as {@code row}. */
    Object[] ofRow(Object[] row, VectorIndex.Neighbor n, EvalContext ctx) {
        Object[] out = new Object[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = source[i] == DISTANCE ? (Object) n.distance() : outputs.get(i).eval(row, ctx);
        }
        return out;
    }
}
