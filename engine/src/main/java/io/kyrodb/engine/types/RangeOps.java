package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Range.Bound;

import static io.kyrodb.engine.types.Range.compareBounds;

/**
 * The range operators and functions, after PostgreSQL 15's {@code rangetypes.c}: containment,
 * overlap, the strictly-left/right and does-not-extend tests, adjacency, union, intersection,
 * difference and {@code range_merge}. An empty range overlaps, adjoins and lies beside nothing;
 * every range contains it.
 */
public final class RangeOps {
    private RangeOps() {
    }

    /** {@code a @> b}. */
    public static boolean contains(Range a, Range b) {
        if (b.isEmpty()) {
            return true;
        }
        if (a.isEmpty()) {
            return false;
        }
        return compareBounds(a.lowerBound(), b.lowerBound()) <= 0 && compareBounds(a.upperBound(), b.upperBound()) >= 0;
    }

    /** {@code range @> element} ({@code element} of the subtype's class, not null). */
    public static boolean containsElement(Range r, Object e) {
        if (r.isEmpty()) {
            return false;
        }
        if (r.lower() != null) {
            int c = Values.compare(r.lower(), e);
            if (c > 0 || (c == 0 && !r.lowerInc())) {
                return false;
            }
        }
        if (r.upper() != null) {
            int c = Values.compare(r.upper(), e);
            return c > 0 || (c == 0 && r.upperInc());
        }
        return true;
    }

    /** {@code a && b}. */
    public static boolean overlaps(Range a, Range b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        Bound l1 = a.lowerBound();
        Bound u1 = a.upperBound();
        Bound l2 = b.lowerBound();
        Bound u2 = b.upperBound();
        return (compareBounds(l1, l2) >= 0 && compareBounds(l1, u2) <= 0)
                || (compareBounds(l2, l1) >= 0 && compareBounds(l2, u1) <= 0);
    }

    /** {@code a << b}: a ends before b begins. */
    public static boolean before(Range a, Range b) {
        return !a.isEmpty() && !b.isEmpty() && compareBounds(a.upperBound(), b.lowerBound()) < 0;
    }

    /** {@code a >> b}. */
    public static boolean after(Range a, Range b) {
        return !a.isEmpty() && !b.isEmpty() && compareBounds(a.lowerBound(), b.upperBound()) > 0;
    }

    /** {@code a &< b}: a does not extend to the right of b. */
    public static boolean overLeft(Range a, Range b) {
        return !a.isEmpty() && !b.isEmpty() && compareBounds(a.upperBound(), b.upperBound()) <= 0;
    }

    /** {@code a &> b}: a does not extend to the left of b. */
    public static boolean overRight(Range a, Range b) {
        return !a.isEmpty() && !b.isEmpty() && compareBounds(a.lowerBound(), b.lowerBound()) >= 0;
    }

    /** {@code a -|- b}: the ranges touch without overlapping (discrete ranges are canonical, so equal values decide). */
    public static boolean adjacent(Range a, Range b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return boundsAdjacent(a.upperBound(), b.lowerBound()) || boundsAdjacent(b.upperBound(), a.lowerBound());
    }

    private static boolean boundsAdjacent(Bound upper, Bound lower) {
        if (upper.infinite() || lower.infinite()) {
            return false;
        }
        return Values.compare(upper.value(), lower.value()) == 0 && upper.inclusive() != lower.inclusive();
    }

    /** {@code a + b}: 22000 when the ranges neither overlap nor touch. */
    public static Range union(Range a, Range b) {
        if (!a.isEmpty() && !b.isEmpty() && !overlaps(a, b) && !adjacent(a, b)) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "result of range union would not be contiguous");
        }
        return merge(a, b);
    }

    /** {@code range_merge(a, b)}: the smallest range holding both. */
    public static Range merge(Range a, Range b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Bound lower = compareBounds(a.lowerBound(), b.lowerBound()) <= 0 ? a.lowerBound() : b.lowerBound();
        Bound upper = compareBounds(a.upperBound(), b.upperBound()) >= 0 ? a.upperBound() : b.upperBound();
        return Range.between(a.kind(), lower, upper);
    }

    /** {@code a * b}. */
    public static Range intersect(Range a, Range b) {
        if (a.isEmpty() || b.isEmpty() || !overlaps(a, b)) {
            return Range.empty(a.kind());
        }
        Bound lower = compareBounds(a.lowerBound(), b.lowerBound()) >= 0 ? a.lowerBound() : b.lowerBound();
        Bound upper = compareBounds(a.upperBound(), b.upperBound()) <= 0 ? a.upperBound() : b.upperBound();
        return Range.between(a.kind(), lower, upper);
    }

    /** {@code a - b}: 22000 when b lies strictly inside a (the result would be two ranges). */
    public static Range difference(Range a, Range b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a;
        }
        Bound l1 = a.lowerBound();
        Bound u1 = a.upperBound();
        Bound l2 = b.lowerBound();
        Bound u2 = b.upperBound();
        int l1l2 = compareBounds(l1, l2);
        int l1u2 = compareBounds(l1, u2);
        int u1l2 = compareBounds(u1, l2);
        int u1u2 = compareBounds(u1, u2);
        if (l1l2 < 0 && u1u2 > 0) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "result of range difference would not be contiguous");
        }
        if (l1u2 > 0 || u1l2 < 0) {
            return a;
        }
        if (l1l2 >= 0 && u1u2 <= 0) {
            return Range.empty(a.kind());
        }
        if (l1l2 <= 0 && u1l2 >= 0 && u1u2 <= 0) {
            return Range.between(a.kind(), l1, new Bound(l2.value(), !l2.inclusive(), false));
        }
        if (l1l2 >= 0 && u1u2 >= 0 && l1u2 <= 0) {
            return Range.between(a.kind(), new Bound(u2.value(), !u2.inclusive(), true), u1);
        }
        throw new IllegalStateException("unexpected case in range difference");
    }

    /**
     * A range constructor's value ({@code int4range(1, 5, '[]')}): bounds null for infinite, flags
     * one of {@code [] [) (] ()} (42601 otherwise, as PostgreSQL's "invalid range bound flags").
     */
    public static Range construct(TypeKind kind, Object lower, Object upper, String flags) {
        if (flags == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "range constructor flags argument must not be null");
        }
        if (flags.length() != 2 || (flags.charAt(0) != '[' && flags.charAt(0) != '(')
                || (flags.charAt(1) != ']' && flags.charAt(1) != ')')) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "invalid range bound flags: \"" + Values.abbreviate(flags)
                    + "\" (valid values are \"[]\", \"[)\", \"(]\", and \"()\")");
        }
        return Range.of(kind, lower, upper, flags.charAt(0) == '[', flags.charAt(1) == ']');
    }
}
