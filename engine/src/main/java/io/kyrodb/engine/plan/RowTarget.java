package io.kyrodb.engine.plan;

import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;

/**
 * The rows an UPDATE or DELETE touches: those matching {@code filter} (null: all), found through
 * {@code lookup} when the filter pins the whole primary key, through {@code range} when it bounds
 * the key's first column, through a secondary {@code index} when neither applies and one serves, else
 * by a scan. With UPDATE ... FROM or DELETE ... USING, {@code join} (the others null) yields the
 * target table's columns followed by those of the other tables, for each pair that satisfies WHERE.
 */
public record RowTarget(BoundExpr filter, KeyLookupNode lookup, KeyRangeNode range, IndexScanNode index,
                        PlanNode join) {
    public RowTarget(BoundExpr filter, KeyLookupNode lookup, KeyRangeNode range) {
        this(filter, lookup, range, null, null);
    }

    public RowTarget(BoundExpr filter, KeyLookupNode lookup, KeyRangeNode range, IndexScanNode index) {
        this(filter, lookup, range, index, null);
    }
}
