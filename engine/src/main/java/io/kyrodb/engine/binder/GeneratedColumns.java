package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.ArraySubqueryExpr;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExistsExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.InSubqueryExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.plan.RowCheck;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * GENERATED ALWAYS AS (expr) STORED columns, as PostgreSQL 15 has them: the expression reads only
 * the other, non-generated columns of its row and is immutable (42P17 otherwise; a subquery is
 * 0A000, an aggregate 42803). The catalog keeps its SQL text ({@link Column#generatedSql()}); each
 * writing statement binds it over the table's row as a {@link RowCheck} that generates, so INSERT,
 * UPDATE, ON CONFLICT DO UPDATE, COPY, foreign-key cascades and ALTER TABLE rewrites all compute
 * the value the same way, before NOT NULL, CHECK, keys and indexes see the row.
 */
final class GeneratedColumns {
    static final String CLAUSE = "column generation expressions";

    private GeneratedColumns() {
    }

    /**
     * Checks the generation expressions of a new definition ({@code defs}: the written column
     * definitions, by name, for their positions) and returns {@code columns} with each expression's
     * text as the catalog keeps it.
     */
    static List<Column> check(Binder b, String table, List<Column> columns, List<Statement.ColumnDefinition> defs) {
        List<Column> out = new ArrayList<>(columns);
        Table shape = Table.virtual(table, columns);
        for (Statement.ColumnDefinition d : defs) {
            if (d.generated() != null) {
                int i = shape.columnIndex(d.name());
                Column c = columns.get(i);
                out.set(i, new Column(c.name(), c.type(), c.notNull(), null, null, d.generated().text()));
            }
        }
        for (Statement.ColumnDefinition d : defs) {   // each checked against all of them: none reads another
            if (d.generated() != null) {
                bind(b, shape, out, out.get(shape.columnIndex(d.name())), d.generated().pos());
            }
        }
        return out;
    }

    /** The expression of generated column {@code c} over rows of {@code shape}, cast to the column's type. */
    private static BoundExpr bind(Binder b, Table shape, List<Column> columns, Column c, Pos pos) {
        Binder inSchema = b.withSchemaFirst(io.kyrodb.engine.catalog.SchemaNames.schemaOf(shape.name()));
        ExprBinder eb = inSchema.expressions(Scope.of(shape, null), CLAUSE);
        BoundExpr e = inSchema.assign(eb, ColumnDefaults.parse(c.generatedSql()), c);
        ExprTree.forEach(e, x -> {
            if (x instanceof ScalarSubqueryExpr || x instanceof ExistsExpr || x instanceof InSubqueryExpr
                    || x instanceof ArraySubqueryExpr) {
                throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in column generation expression", pos);
            }
            if (x instanceof ColumnExpr col && col.index() < columns.size() && columns.get(col.index()).generated()) {
                throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "cannot use generated column \""
                        + columns.get(col.index()).name() + "\" in column generation expression", pos);
            }
        });
        if (!IndexExpressions.immutable(e)) {
            throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "generation expression is not immutable", pos);
        }
        return e;
    }

    /** The generators of {@code table}'s generated columns, then {@code checks}: what a written row goes through. */
    static List<RowCheck> withGenerators(Binder b, Table table, List<RowCheck> checks) {
        List<RowCheck> out = null;
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            if (c.generated()) {
                out = out == null ? new ArrayList<>() : out;
                out.add(new RowCheck(c.name(), bind(b, table, table.columns(), c, Pos.NONE), i));
            }
        }
        if (out == null) {
            return checks;
        }
        out.addAll(checks);
        return out;
    }

    /** The columns of {@code table} that generated column {@code c} reads. */
    static BitSet reads(Binder b, Table table, Column c) {
        BitSet read = new BitSet();
        ExprTree.forEach(bind(b, table, table.columns(), c, Pos.NONE), x -> {
            if (x instanceof ColumnExpr col) {
                read.set(col.index());
            }
        });
        return read;
    }

    /** The generated columns of {@code table} that read column {@code i}. */
    static List<Integer> readersOf(Binder b, Table table, int i) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < table.columns().size(); k++) {
            Column c = table.columns().get(k);
            if (c.generated() && reads(b, table, c).get(i)) {
                out.add(k);
            }
        }
        return out;
    }

    /** 428C9 for a value written into a generated column (only DEFAULT may be). */
    static void rejectInsert(Binder b, Column c, Pos pos) {
        throw b.error(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"" + c.name()
                + "\": column \"" + c.name() + "\" is a generated column", pos);
    }
}
