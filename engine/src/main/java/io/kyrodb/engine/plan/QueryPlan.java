package io.kyrodb.engine.plan;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.exec.PlanNode;

import java.util.List;

public record QueryPlan(PlanNode root, List<ResultColumn> columns) implements Plan {
}
