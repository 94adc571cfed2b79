package io.kyrodb.engine.plan;

import io.kyrodb.engine.storage.Change;

import java.util.List;

/**
 * A DDL statement ({@code inner}) that changes what views read, with the view changes it brings:
 * {@code before} is logged ahead of the statement's own changes (views dropped by CASCADE, dependents
 * first), {@code after} behind them (views and materialized views written again over renamed
 * columns). All in the statement's transaction, so a failure changes nothing.
 */
public record DependentViewsPlan(Plan inner, List<Change> before, List<Change> after) implements Plan {
    public DependentViewsPlan {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
