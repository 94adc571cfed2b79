package io.kyrodb.tck.slt;

/**
 * Every sqllogictest script again with every cost-based choice off ({@code optimizer_cost_based=off}:
 * joins in FROM order, hash joins building their second input, no key joins, an index whenever one
 * applies). Statistics may steer plans; they must never steer answers.
 */
class SqlLogicRuleBasedTest extends SqlLogicTest {
    @Override
    Variant variant() {
        return new Variant("rule-based", ";optimizer_cost_based=off");
    }
}
