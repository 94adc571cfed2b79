package io.kyrodb.tck.slt;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code skipif <engine>} or {@code onlyif <engine>} line in front of a record.
 *
 * <p>KyroDB answers to two engine names: {@code kyrodb}, and {@code postgresql}, because its SQL
 * semantics are PostgreSQL's. A record marked {@code onlyif postgresql} states PostgreSQL behaviour
 * we mean to match, so it runs; one marked {@code skipif postgresql} is skipped.
 */
public record Condition(boolean onlyIf, String engine) {

    /** The engine names this runner identifies as, lower case. */
    public static final Set<String> OUR_NAMES = Set.of("kyrodb", "postgresql");

    public Condition {
        engine = engine.toLowerCase(Locale.ROOT);
    }

    /** True if this condition lets the record run on us. */
    public boolean admits() {
        boolean ours = OUR_NAMES.contains(engine);
        return onlyIf == ours;
    }

    /** True if every condition lets the record run on us. */
    public static boolean allAdmit(List<Condition> conditions) {
        return conditions.stream().allMatch(Condition::admits);
    }

    @Override
    public String toString() {
        return (onlyIf ? "onlyif " : "skipif ") + engine;
    }
}
