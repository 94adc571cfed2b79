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

    /** The names of PostgreSQL when {@code PostgresReferenceTest} runs our scripts on it. */
    public static final Set<String> POSTGRES_NAMES = Set.of("postgresql");

    /** True if this condition lets the record run on us. */
    public boolean admits() {
        return admits(OUR_NAMES);
    }

    /** True if this condition lets the record run on an engine answering to {@code names}. */
    public boolean admits(Set<String> names) {
        return onlyIf == names.contains(engine);
    }

    /** True if every condition lets the record run on us. */
    public static boolean allAdmit(List<Condition> conditions) {
        return allAdmit(conditions, OUR_NAMES);
    }

    public static boolean allAdmit(List<Condition> conditions, Set<String> names) {
        return conditions.stream().allMatch(c -> c.admits(names));
    }

    @Override
    public String toString() {
        return (onlyIf ? "onlyif " : "skipif ") + engine;
    }
}
