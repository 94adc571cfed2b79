package io.kyrodb.engine.plan;

import io.kyrodb.engine.exec.IndexScanNode;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.expr.BoundExpr;

/**
 * The rows an UPDATE or DELETE touches: those matching {@code filter} (null: all), found through
 * {@code lookup} when the filter pins the whole primary key, through {@code range} when it bounds
 * the key's first column, through a secondary {@code index} when neither applies and one serves, else
 * by a scan.
 */
public record RowTarget(BoundExpr filter, KeyLookupNode lookup, KeyRangeNode range, IndexScanNode index) {
    public RowTarget(BoundExpr filter, KeyLookupNode lookup, KeyRangeNode range) {
        this(filter, lookup, range, null);
    }
}
