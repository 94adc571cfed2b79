package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.expr.ArraySubqueryExpr;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.CatalogFunctionExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ContainerFunctionExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.expr.ExistsExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.FunctionExpr;
import io.kyrodb.engine.expr.InSubqueryExpr;
import io.kyrodb.engine.expr.OuterColumnExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.expr.SequenceCalls;
import io.kyrodb.engine.expr.SequenceExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.sql.ast.Pos;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The expressions and predicates of expression and partial indexes: bound over a row of their
 * table from the SQL text the catalog keeps, checked to be immutable (42P17, as PostgreSQL), and
 * evaluated without a statement's context (an immutable expression reads nothing but its row).
 * Also the structural match the planner uses to find a query's expression in an index.
 */
public final class IndexExpressions {
    /** Functions whose result is not a function of their arguments alone (volatile or stable in PostgreSQL). */
    private static final Set<String> NOT_IMMUTABLE = Set.of("RANDOM", "SETSEED", "NOW", "CLOCK_TIMESTAMP",
            "CURRENT_DATE", "LOCALTIMESTAMP", "LOCALTIME", "CURRENT_TIME", "STATEMENT_TIMESTAMP",
            "TRANSACTION_TIMESTAMP", "TIMEOFDAY", "GEN_RANDOM_UUID", "UUID_GENERATE_V4", "RANDOM_NORMAL", "AGE");

    private IndexExpressions() {
    }

    /** A stored key expression of {@code table}, bound over its row. */
    public static BoundExpr bind(Table table, String sql) {
        return binder(sql).expressions(Scope.of(table, null), "index expression").bind(ColumnDefaults.parse(sql), null);
    }

    /**
     * A stored expression of {@code table} (a generated column's) as PostgreSQL shows it in the
     * catalog, {@code ((a * 2) + b)}; the text as stored when it no longer binds.
     */
    public static String display(Table table, String sql) {
        try {
            return io.kyrodb.engine.expr.ExprDeparser.plain(false).deparse(bind(table, sql));
        } catch (RuntimeException e) {
            return sql;
        }
    }

    /** A stored partial-index predicate of {@code table}, bound over its row. */
    public static BoundExpr condition(Table table, String sql) {
        return binder(sql).expressions(Scope.of(table, null), "index predicate")
                .condition(ColumnDefaults.parse(sql), "WHERE");
    }

    private static Binder binder(String sql) {
        return new Binder(Catalog.empty(), sql, new Parameters(new Object[0]));
    }

    /** The value of an immutable expression for {@code row}. */
    public static Object eval(BoundExpr e, Object[] row) {
        return e.eval(row, NO_CONTEXT);
    }

    /** Whether {@code e} calls no volatile or stable function (what a generated column's expression needs). */
    static boolean immutable(BoundExpr e) {
        boolean[] ok = {true};
        ExprTree.forEach(e, x -> ok[0] &= !(x instanceof SequenceExpr || x instanceof CatalogFunctionExpr
                || x instanceof ParamExpr || x instanceof OuterColumnExpr
                || x instanceof FunctionExpr f && NOT_IMMUTABLE.contains(f.function().name())
                || x instanceof BuiltinExpr bi && bi.function() instanceof Enum<?> en && NOT_IMMUTABLE.contains(en.name())
                || x instanceof ContainerFunctionExpr c && NOT_IMMUTABLE.contains(c.function().name())));
        return ok[0];
    }

    /** Throws 42P17 unless {@code e} is immutable: no volatile or stable function, subquery or parameter. */
    static void requireImmutable(Binder b, BoundExpr e, String where, Pos pos) {
        ExprTree.forEach(e, x -> {
            boolean subquery = x instanceof ScalarSubqueryExpr || x instanceof ExistsExpr
                    || x instanceof InSubqueryExpr || x instanceof ArraySubqueryExpr;
            if (subquery) {
                throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "cannot use subquery in index " + where, pos);
            }
            if (x instanceof ParamExpr || x instanceof OuterColumnExpr) {
                throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "there is no parameter in an index " + where, pos);
            }
            boolean volatileCall = x instanceof SequenceExpr || x instanceof CatalogFunctionExpr
                    || x instanceof FunctionExpr f && NOT_IMMUTABLE.contains(f.function().name())
                    || x instanceof BuiltinExpr bi && bi.function() instanceof Enum<?> en && NOT_IMMUTABLE.contains(en.name())
                    || x instanceof ContainerFunctionExpr c && NOT_IMMUTABLE.contains(c.function().name());
            if (volatileCall) {
                throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "functions in index " + where
                        + " must be marked IMMUTABLE", pos);
            }
        });
    }

    /**
     * Whether two expressions bound over the same table compute the same thing: equal trees, where
     * columns match by position and type (not by the alias or name a query wrote them with).
     */
    public static boolean same(BoundExpr a, BoundExpr b) {
        if (a instanceof ColumnExpr x && b instanceof ColumnExpr y) {
            return x.index() == y.index() && x.type().equals(y.type());
        }
        if (a == null || b == null || a.getClass() != b.getClass() || !a.getClass().isRecord()
                || !ExprTree.subPlans(a).isEmpty()) {
            return Objects.equals(a, b) && a != null;
        }
        for (RecordComponent rc : a.getClass().getRecordComponents()) {
            Object va = component(rc, a);
            Object vb = component(rc, b);
            if (va instanceof BoundExpr ea) {
                if (!(vb instanceof BoundExpr eb) || !same(ea, eb)) {
                    return false;
                }
            } else if (va instanceof List<?> la && vb instanceof List<?> lb && !la.isEmpty()
                    && la.get(0) instanceof BoundExpr) {
                if (la.size() != lb.size()) {
                    return false;
                }
                for (int i = 0; i < la.size(); i++) {
                    if (!(la.get(i) instanceof BoundExpr ea2 && lb.get(i) instanceof BoundExpr eb2 && same(ea2, eb2))) {
                        return false;
                    }
                }
            } else if (!Objects.equals(va, vb)) {
                return false;
            }
        }
        return true;
    }

    private static Object component(RecordComponent rc, Object o) {
        try {
            return rc.getAccessor().invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An immutable expression needs nothing but its row: anything else is a bug, reported as such. */
    private static final EvalContext NO_CONTEXT = new EvalContext() {
        @Override
        public Object[] params() {
            return new Object[0];
        }

        @Override
        public Object[] outerRow(int levelsUp) {
            throw unexpected();
        }

        @Override
        public RowIterator open(PlanNode plan, Object[] row) {
            throw unexpected();
        }

        @Override
        public Map<Object, Object> results(SubPlan subPlan) {
            throw unexpected();
        }

        @Override
        public long memoryBudget() {
            return 64L << 20;
        }

        @Override
        public SequenceCalls sequences() {
            throw unexpected();
        }

        private KyroException unexpected() {
            return new KyroException(SqlState.INTERNAL_ERROR, "an index expression needs a statement's context");
        }
    };
}
