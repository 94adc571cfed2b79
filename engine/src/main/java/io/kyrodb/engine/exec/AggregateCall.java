package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.SqlType;

/**
 * One aggregate in a query: {@code function([DISTINCT] argument)}; {@code argument} is null for
 * COUNT(*). {@code separator}: string_agg's delimiter (a constant), null otherwise.
 * {@code filtered}: the argument is a one-element array of the value, or NULL for a row its
 * FILTER rejects (array_agg keeps NULL values, so it cannot tell them apart otherwise).
 * {@code order}: for an ordered aggregate whose ORDER BY is not the one the query's input is sorted
 * by, the sort keys over its argument, which is then an array {@code [key..., value]}: the
 * accumulator keeps those and sorts them itself (null otherwise).
 * {@code parameter}: an ordered-set aggregate's fraction (a Double, or a SqlArray of them), else
 * null; {@link #FRACTION_PER_ROW} or {@link #FRACTIONS_PER_ROW} when the fraction is no constant
 * (a JDBC parameter, a grouping column): the argument is then a record (value, fraction) per row
 * (NULL for a NULL value), and the group's first row gives the fraction;
 * {@code descending}: its WITHIN GROUP order is DESC.
 */
public record AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type,
                            String separator, boolean filtered, java.util.List<SortKey> order, Object parameter,
                            boolean descending) {
    /** {@link #parameter}: the fraction, a double precision, comes with each row's value. */
    public static final String FRACTION_PER_ROW = "fraction per row";
    /** {@link #parameter}: the fractions, a double precision[], come with each row's value. */
    public static final String FRACTIONS_PER_ROW = "fractions per row";

    public AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type,
                         String separator, boolean filtered, java.util.List<SortKey> order) {
        this(function, argument, distinct, type, separator, filtered, order, null, false);
    }

    public AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type,
                         String separator, boolean filtered, Object parameter, boolean descending) {
        this(function, argument, distinct, type, separator, filtered, null, parameter, descending);
    }

    public AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type,
                         String separator, boolean filtered) {
        this(function, argument, distinct, type, separator, filtered, null, null, false);
    }

    public AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type,
                         String separator) {
        this(function, argument, distinct, type, separator, false);
    }

    public AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type) {
        this(function, argument, distinct, type, null);
    }

    Accumulator newAccumulator() {
        return order != null ? new SortingAccumulator(this) : new Accumulator(this);
    }

    /** The call an ordered aggregate's sorted values are fed to. */
    AggregateCall unordered() {
        return new AggregateCall(function, argument, distinct, type, separator, filtered, null, parameter, descending);
    }
}
