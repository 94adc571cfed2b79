package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.exec.RecursiveUnionNode;
import io.kyrodb.engine.exec.WorkTable;
import io.kyrodb.engine.exec.WorkTableScanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.plan.WritingWithPlan;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WITH queries. A WITH query's name is visible in the body (and in the WITH queries after it; with
 * RECURSIVE in all of them, itself included). Each reference binds the query again where it is
 * named (it is inlined, as PostgreSQL inlines a WITH query referenced once), so its rows are
 * computed per reference. A recursive one, {@code non-recursive UNION [ALL] recursive}, becomes a
 * {@link RecursiveUnionNode} whose recursive term reads the working table where it names itself.
 */
final class WithBinder {
    /** One WITH query and what binding a reference to it needs. */
    static final class Cte {
        final Statement.CommonTableExpression definition;
        final boolean recursiveClause;
        /** The WITH queries its own query sees. */
        Ctes visible;
        /** While its recursive term is bound: the working table a self-reference reads, and its columns. */
        WorkTable workTable;
        List<ResultColumn> workColumns;
        boolean referencedItself;
        /** While a part of it that may not name it is bound: the error to report if it does. */
        String forbidden;
        /** A data-modifying one: the working table its RETURNING rows fill, and their columns (null: no RETURNING). */
        WorkTable written;
        List<ResultColumn> writtenColumns;

        Cte(Statement.CommonTableExpression definition, boolean recursiveClause) {
            this.definition = definition;
            this.recursiveClause = recursiveClause;
        }

        String name() {
            return definition.name();
        }
    }

    /** The WITH queries in scope, innermost first. */
    record Ctes(Cte cte, Ctes parent) {
        Cte find(String name) {
            for (Ctes c = this; c != null; c = c.parent) {
                if (c.cte.name().equals(name)) {
                    return c.cte;
                }
            }
            return null;
        }
    }

    private WithBinder() {
    }

    static QueryPlan bind(Binder binder, Statement.With with, ExprBinder outer) {
        Ctes saved = binder.ctes();
        try {
            binder.ctes(define(binder, with.recursive(), with.ctes(), saved, null));
            return SetOperationBinder.bind(binder, with.body(), outer);
        } finally {
            binder.ctes(saved);
        }
    }

    /** {@code WITH ... INSERT/UPDATE/DELETE}: the statement bound with the WITH queries in scope. */
    static io.kyrodb.engine.plan.Plan bind(Binder binder, Statement.WithStatement with) {
        Ctes saved = binder.ctes();
        try {
            List<WritingWithPlan.Step> steps = new ArrayList<>();
            binder.ctes(define(binder, with.recursive(), with.ctes(), saved, steps));
            io.kyrodb.engine.plan.Plan body = binder.bind(with.body());
            return steps.isEmpty() ? body : new WritingWithPlan(List.copyOf(steps), body);
        } finally {
            binder.ctes(saved);
        }
    }

    /** A top-level query whose WITH clause holds data-modifying statements (the session runs it as a write). */
    static io.kyrodb.engine.plan.Plan bindWriting(Binder binder, Statement.With with) {
        Ctes saved = binder.ctes();
        try {
            List<WritingWithPlan.Step> steps = new ArrayList<>();
            binder.ctes(define(binder, with.recursive(), with.ctes(), saved, steps));
            return new WritingWithPlan(List.copyOf(steps), SetOperationBinder.bind(binder, with.body(), null));
        } finally {
            binder.ctes(saved);
        }
    }

    /** The scope {@code outerScope} plus the WITH queries {@code ctes}. */
    /**
     * {@code steps}: where the data-modifying WITH queries go, bound in order (each sees the WITH
     * queries before it); null where they are not allowed (0A000: anywhere but the top level, as in
     * PostgreSQL).
     */
    private static Ctes define(Binder binder, boolean recursive, List<Statement.CommonTableExpression> ctes,
                               Ctes outerScope, List<WritingWithPlan.Step> steps) {
        Ctes scope = outerScope;
        Set<String> names = new HashSet<>();
        List<Cte> defined = new ArrayList<>();
        for (Statement.CommonTableExpression def : ctes) {
            if (!names.add(def.name())) {
                throw binder.error(SqlState.DUPLICATE_ALIAS, "WITH query name \"" + def.name()
                        + "\" specified more than once", def.pos());
            }
            Cte cte = new Cte(def, recursive);
            cte.visible = scope;
            if (def.modifying() != null) {
                written(binder, cte, steps);
            }
            scope = new Ctes(cte, scope);
            defined.add(cte);
        }
        if (recursive) {
            for (Cte cte : defined) {
                cte.visible = scope;
            }
        }
        return scope;
    }

    /** Binds the data-modifying statement of {@code cte} as a step of the statement. */
    private static void written(Binder binder, Cte cte, List<WritingWithPlan.Step> steps) {
        Statement.CommonTableExpression def = cte.definition;
        if (steps == null) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH clause containing a data-modifying statement"
                    + " must be at the top level", def.pos());
        }
        Ctes saved = binder.ctes();
        binder.ctes(cte.visible);
        io.kyrodb.engine.plan.Plan write;
        try {
            write = binder.bind(def.modifying());
        } finally {
            binder.ctes(saved);
        }
        cte.written = new WorkTable(def.name());
        if (write instanceof io.kyrodb.engine.plan.ReturningPlan r) {
            cte.writtenColumns = renamed(binder, cte, r.columns());
        }
        steps.add(new WritingWithPlan.Step(cte.written, write));
    }

    /** The rows a reference to {@code cte} (in FROM, at {@code pos}) reads. */
    static QueryPlan reference(Binder binder, Cte cte, ExprBinder outer, Pos pos) {
        if (cte.forbidden != null) {
            throw binder.error(SqlState.INVALID_RECURSION, cte.forbidden, pos);
        }
        if (cte.written != null) {
            if (cte.writtenColumns == null) {
                throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "WITH query \"" + cte.name()
                        + "\" does not have a RETURNING clause", pos);
            }
            return new QueryPlan(new WorkTableScanNode(cte.written), cte.writtenColumns);
        }
        if (cte.workTable != null) {
            if (cte.referencedItself) {
                throw binder.error(SqlState.INVALID_RECURSION, "recursive reference to query \"" + cte.name()
                        + "\" must not appear more than once", pos);
            }
            cte.referencedItself = true;
            return new QueryPlan(new WorkTableScanNode(cte.workTable), cte.workColumns);
        }
        Ctes saved = binder.ctes();
        binder.ctes(cte.visible);
        try {
            Statement.Query query = cte.definition.query();
            if (cte.recursiveClause && query instanceof Statement.SetOperation op
                    && op.operator() == Statement.SetOperator.UNION && op.orderBy().isEmpty()
                    && op.limit() == null && op.offset() == null) {
                QueryPlan recursive = recursive(binder, cte, op, outer);
                if (recursive != null) {
                    return recursive;
                }
            }
            if (cte.recursiveClause) {
                cte.forbidden = "recursive query \"" + cte.name()
                        + "\" does not have the form non-recursive-term UNION [ALL] recursive-term";
            }
            try {
                return SetOperationBinder.bind(binder, query, outer);
            } finally {
                cte.forbidden = null;
            }
        } finally {
            binder.ctes(saved);
        }
    }

    /** {@code left UNION [ALL] right} where right names the query itself; null when it does not. */
    private static QueryPlan recursive(Binder binder, Cte cte, Statement.SetOperation op, ExprBinder outer) {
        cte.forbidden = "recursive reference to query \"" + cte.name() + "\" must not appear within its non-recursive term";
        QueryPlan left;
        try {
            left = SetOperationBinder.bind(binder, op.left(), outer);
        } finally {
            cte.forbidden = null;
        }
        WorkTable table = new WorkTable(cte.name());
        cte.workTable = table;
        cte.workColumns = renamed(binder, cte, left.columns());
        cte.referencedItself = false;
        QueryPlan right;
        try {
            right = SetOperationBinder.bind(binder, op.right(), outer);
        } finally {
            cte.workTable = null;
        }
        if (!cte.referencedItself) {
            return null;
        }
        if (left.columns().size() != right.columns().size()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns ("
                    + left.columns().size() + " and " + right.columns().size() + ")", op.pos());
        }
        List<BoundExpr> casts = new ArrayList<>();
        boolean same = true;
        for (int i = 0; i < left.columns().size(); i++) {
            SqlType want = left.columns().get(i).type();
            SqlType got = right.columns().get(i).type();
            BoundExpr column = new ColumnExpr(i, got, "", "", true);
            if (got.equals(want) || (got.kind().isText() && want.kind().isText())) {
                casts.add(column);
            } else if (Casts.assignable(got, want)) {
                casts.add(new CastExpr(column, want, false));
                same = false;
            } else {
                throw binder.error(SqlState.DATATYPE_MISMATCH, "recursive query \"" + cte.name() + "\" column "
                        + (i + 1) + " has type " + want.displayName() + " in non-recursive term but type "
                        + got.displayName() + " overall", op.pos());
            }
        }
        PlanNode recursiveTerm = same ? right.root() : new ProjectNode(right.root(), casts);
        List<ResultColumn> columns = new ArrayList<>();
        for (ResultColumn c : left.columns()) {
            columns.add(new ResultColumn(c.label(), c.type(), true, "", ""));
        }
        return new QueryPlan(new RecursiveUnionNode(left.root(), recursiveTerm, table, !op.all()), columns);
    }

    /** The working table's columns: the non-recursive term's, named as the WITH query's column list says. */
    private static List<ResultColumn> renamed(Binder binder, Cte cte, List<ResultColumn> columns) {
        List<String> names = cte.definition.columns();
        List<ResultColumn> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            out.add(new ResultColumn(i < names.size() ? names.get(i) : c.label(), c.type(), true, "", ""));
        }
        return out;
    }
}
