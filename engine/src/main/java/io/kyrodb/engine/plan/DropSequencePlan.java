package io.kyrodb.engine.plan;

import java.util.List;

/** DROP SEQUENCE: the sequences that exist among those named. */
public record DropSequencePlan(List<String> names) implements Plan {
}
