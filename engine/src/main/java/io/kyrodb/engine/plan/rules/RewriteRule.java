package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.plan.PlannerOptions;

/**
 * One rewrite the planner applies before (or while) it makes its cost-based choices. Each rule is
 * a file of this package and is switched by a session setting, {@code SET enable_<name> = off}
 * (declared in engine/.../settings/Setting.java, so SHOW ALL and pg_settings list it); off, the
 * planner builds the plan the rule would have rewritten. Rules are stateless: the binder calls them
 * where the plan they rewrite is built (see {@link RewriteRules}).
 */
public interface RewriteRule {
    /** The session setting that switches the rule: {@code enable_...}. */
    String setting();

    /** Whether the session's switches let the rule run. */
    boolean enabled(PlannerOptions options);
}
