package io.kyrodb.tck.slt;

/**
 * Every sqllogictest script again, planned as if no secondary index existed
 * ({@code enable_indexscan=off}: no index scans, no primary-key lookups per joined row). The
 * indexes are still created and maintained (a UNIQUE one still rejects duplicates), so the scripts
 * run unchanged; only the answers' paths differ, and the answers must not. The constant folding
 * and decorrelation rules are off here too, so every subquery runs per row and every expression
 * is computed per row in this variant (the rule-based variant rewrites every subquery it can).
 */
class SqlLogicWithoutIndexesTest extends SqlLogicTest {
    @Override
    Variant variant() {
        return new Variant("without-indexes", ";enable_indexscan=off;enable_decorrelation=off;enable_constant_folding=off");
    }
}
