package io.kyrodb.tck.slt;

/**
 * Every sqllogictest script again, planned as if no secondary index existed
 * ({@code enable_indexscan=off}: no index scans, no primary-key lookups per joined row). The
 * indexes are still created and maintained (a UNIQUE one still rejects duplicates), so the scripts
 * run unchanged; only the answers' paths differ, and the answers must not.
 */
class SqlLogicWithoutIndexesTest extends SqlLogicTest {
    @Override
    Variant variant() {
        return new Variant("without-indexes", ";enable_indexscan=off");
    }
}
