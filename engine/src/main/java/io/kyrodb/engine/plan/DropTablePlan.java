package io.kyrodb.engine.plan;

import java.util.List;

/** DROP TABLE; {@code names} are the tables that exist (missing ones were checked at bind time). */
public record DropTablePlan(List<String> names) implements Plan {
}
