package io.kyrodb.engine.plan;

import java.util.List;

/** DROP INDEX; {@code names} are the indexes that exist (missing ones were checked at bind time). */
public record DropIndexPlan(List<String> names) implements Plan {
}
