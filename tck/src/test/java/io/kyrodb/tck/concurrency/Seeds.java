package io.kyrodb.tck.concurrency;

/**
 * The seed of a concurrency test: {@code -Dkyro.concurrency.seed}, else a fixed default. The seed
 * decides every choice the threads make (accounts, amounts, isolation levels, kinds of reads); the
 * interleaving is the scheduler's, so the invariants are checked in every snapshot rather than
 * against one expected history.
 */
final class Seeds {
    private static final long DEFAULT = 20261125L;

    private Seeds() {
    }

    static long seed(Class<?> test) {
        long seed = Long.parseLong(System.getProperty("kyro.concurrency.seed", Long.toString(DEFAULT)));
        System.out.println(test.getSimpleName() + " seed=" + seed + " (rerun: ./mvnw -pl tck -am test -Dtest="
                + test.getSimpleName() + " -Dsurefire.failIfNoSpecifiedTests=false -Dkyro.concurrency.seed=" + seed + ")");
        return seed;
    }
}
