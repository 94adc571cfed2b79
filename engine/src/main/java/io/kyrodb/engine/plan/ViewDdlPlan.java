package io.kyrodb.engine.plan;

import io.kyrodb.engine.storage.Change;

import java.util.List;

/** CREATE [OR REPLACE] VIEW or DROP VIEW: the catalog changes, decided at bind time (views hold no rows). */
public record ViewDdlPlan(List<Change> changes) implements Plan {
    public ViewDdlPlan {
        changes = List.copyOf(changes);
    }
}
