package io.kyrodb.engine.plan;

import io.kyrodb.engine.exec.WorkTable;

import java.util.List;

/**
 * A statement whose WITH clause holds data-modifying statements ({@code WITH d AS (DELETE ...
 * RETURNING *) INSERT INTO b SELECT * FROM d}): each of {@code steps} runs exactly once, in order,
 * and leaves the rows it returns in its working table for the references to it; then {@code body}
 * (a query or a writing plan) runs. All read the statement's snapshot: none sees another's changes
 * except through RETURNING, and the changes are applied together once all are computed.
 */
public record WritingWithPlan(List<Step> steps, Plan body) implements Plan {
    /** A data-modifying WITH query: {@code write} (a {@link ReturningPlan} when it returns rows) and the table its rows fill. */
    public record Step(WorkTable table, Plan write) {
    }
}
