package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;

import java.util.List;

/** TRUNCATE: every row of {@code tables} goes; {@code restart} are the owned sequences RESTART IDENTITY resets. */
public record TruncatePlan(List<Table> tables, List<Sequence> restart) implements Plan {
}
