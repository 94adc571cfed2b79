package io.kyrodb.engine.plan;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.exec.PlanNode;

import java.util.List;

/** A query's operators and its result columns (kept immutable: a cached plan hands them to every result). */
public record QueryPlan(PlanNode root, List<ResultColumn> columns) implements Plan {
    public QueryPlan {
        columns = List.copyOf(columns);
    }
}
