package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.Builtin;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.types.DomainType;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a value against a domain's constraints, as PostgreSQL does when a value is cast to the
 * domain or stored into a column of it: NOT NULL (23502, "domain d does not allow null values"),
 * then each CHECK in order (23514, "value for domain d violates check constraint "c""); a domain
 * over a domain checks its base's first. The conditions are bound over a one-column row holding
 * the value as {@code VALUE}. Returns the value.
 */
final class DomainCheck implements Builtin {
    private final String domain;
    private final boolean notNull;
    private final List<String> names;
    private final List<BoundExpr> conditions;
    private final DomainCheck base;

    private DomainCheck(String domain, boolean notNull, List<String> names, List<BoundExpr> conditions, DomainCheck base) {
        this.domain = domain;
        this.notNull = notNull;
        this.names = names;
        this.conditions = conditions;
        this.base = base;
    }

    /** {@code value} (of the domain's base type) checked against domain {@code d}'s constraints. */
    static BoundExpr wrap(Binder b, DomainType d, BoundExpr value) {
        return new BuiltinExpr(of(b, d), List.of(value), d.columnType());
    }

    /** A row condition that checks {@code value} against {@code d} (throwing on a violation) and is then true. */
    static BoundExpr condition(Binder b, DomainType d, BoundExpr value) {
        DomainCheck check = of(b, d);
        Builtin asCondition = new Builtin() {
            @Override
            public boolean strict() {
                return false;
            }

            @Override
            public Object apply(Object[] args, SqlType resultType) {
                check.check(args[0]);
                return Boolean.TRUE;
            }

            @Override
            public String toString() {
                return check.toString();
            }
        };
        return new BuiltinExpr(asCondition, List.of(value), SqlType.BOOLEAN);
    }

    static DomainCheck of(Binder b, DomainType d) {
        DomainCheck base = d.base().domain() == null ? null : of(b, d.base().domain());
        SqlType valueType = d.base().base();
        Table row = Table.virtual(d.name(), List.of(new Column("value", valueType, false)));
        ExprBinder eb = b.expressions(Scope.of(row, null), "CHECK");
        List<String> names = new ArrayList<>();
        List<BoundExpr> conditions = new ArrayList<>();
        for (DomainType.Check k : d.checks()) {
            names.add(k.name());
            conditions.add(eb.condition(ColumnDefaults.parse(k.sql()), "CHECK"));
        }
        return new DomainCheck(d.name(), d.notNull(), List.copyOf(names), List.copyOf(conditions), base);
    }

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        check(args[0]);
        return args[0];
    }

    void check(Object v) {
        if (base != null) {
            base.check(v);
        }
        if (v == null && notNull) {
            throw new KyroException(SqlState.NOT_NULL_VIOLATION, "domain " + domain + " does not allow null values");
        }
        Object[] row = {v};
        for (int i = 0; i < conditions.size(); i++) {
            if (Boolean.FALSE.equals(conditions.get(i).eval(row, null))) {
                throw new KyroException(SqlState.CHECK_VIOLATION, "value for domain " + domain
                        + " violates check constraint \"" + names.get(i) + "\"");
            }
        }
    }

    @Override
    public String toString() {
        return "domain_check(" + domain + ")";
    }
}
