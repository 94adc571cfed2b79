package io.kyrodb.engine.plan;

import java.util.List;

/**
 * DROP TABLE; {@code names} are the tables that exist (missing ones were checked at bind time).
 * {@code keep}: for DROP ... CASCADE, the other tables that referenced a dropped one, with the
 * foreign keys they keep.
 */
public record DropTablePlan(List<String> names, java.util.Map<String, List<io.kyrodb.engine.catalog.ForeignKey>> keep)
        implements Plan {
    public DropTablePlan(List<String> names) {
        this(names, java.util.Map.of());
    }
}
