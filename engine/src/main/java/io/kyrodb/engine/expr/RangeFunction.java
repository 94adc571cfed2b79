package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.Range;
import io.kyrodb.engine.types.RangeOps;
import io.kyrodb.engine.types.SqlType;

/**
 * The range operators and functions ({@link RangeOps}) as builtins. Arguments arrive converted:
 * ranges of one type, an element of the range's subtype, a constructor's bounds of the subtype.
 */
public enum RangeFunction implements Builtin {
    CONTAINS, CONTAINS_ELEMENT, CONTAINED_BY, ELEMENT_CONTAINED_BY, OVERLAPS, BEFORE, AFTER, OVER_LEFT, OVER_RIGHT,
    ADJACENT, UNION, INTERSECT, DIFFERENCE, MERGE,
    LOWER, UPPER, ISEMPTY, LOWER_INC, UPPER_INC, LOWER_INF, UPPER_INF,
    /** {@code int4range(lower, upper [, flags])}: NULL bounds are infinite, so not strict. */
    CONSTRUCT {
        @Override
        public boolean strict() {
            return false;
        }
    };

    @Override
    public Object apply(Object[] a, SqlType type) {
        return switch (this) {
            case CONTAINS -> RangeOps.contains(range(a[0]), range(a[1]));
            case CONTAINS_ELEMENT -> RangeOps.containsElement(range(a[0]), a[1]);
            case CONTAINED_BY -> RangeOps.contains(range(a[1]), range(a[0]));
            case ELEMENT_CONTAINED_BY -> RangeOps.containsElement(range(a[1]), a[0]);
            case OVERLAPS -> RangeOps.overlaps(range(a[0]), range(a[1]));
            case BEFORE -> RangeOps.before(range(a[0]), range(a[1]));
            case AFTER -> RangeOps.after(range(a[0]), range(a[1]));
            case OVER_LEFT -> RangeOps.overLeft(range(a[0]), range(a[1]));
            case OVER_RIGHT -> RangeOps.overRight(range(a[0]), range(a[1]));
            case ADJACENT -> RangeOps.adjacent(range(a[0]), range(a[1]));
            case UNION -> RangeOps.union(range(a[0]), range(a[1]));
            case INTERSECT -> RangeOps.intersect(range(a[0]), range(a[1]));
            case DIFFERENCE -> RangeOps.difference(range(a[0]), range(a[1]));
            case MERGE -> RangeOps.merge(range(a[0]), range(a[1]));
            case LOWER -> range(a[0]).lower();
            case UPPER -> range(a[0]).upper();
            case ISEMPTY -> range(a[0]).isEmpty();
            case LOWER_INC -> range(a[0]).lowerInc();
            case UPPER_INC -> range(a[0]).upperInc();
            case LOWER_INF -> range(a[0]).lowerInf();
            case UPPER_INF -> range(a[0]).upperInf();
            case CONSTRUCT -> RangeOps.construct(type.kind(), a[0], a[1], a.length > 2 ? (String) a[2] : "[)");
        };
    }

    private static Range range(Object v) {
        return (Range) v;
    }
}
