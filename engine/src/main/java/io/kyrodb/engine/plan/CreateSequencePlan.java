package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Sequence;

/** CREATE SEQUENCE: {@code definition} is copied into a fresh sequence when the statement runs. */
public record CreateSequencePlan(Sequence definition, boolean ifNotExists) implements Plan {
}
