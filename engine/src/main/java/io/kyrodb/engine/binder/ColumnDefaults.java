package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.SequenceExpr;
import io.kyrodb.engine.plan.RowCheck;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * What an INSERT puts in a column it is given no value for (or DEFAULT), and the CHECK
 * constraints a written row must pass: both are kept in the catalog as SQL text and bound here,
 * for each statement, against the catalog it binds with.
 */
final class ColumnDefaults {
    private ColumnDefaults() {
    }

    /** The value of column {@code i} of {@code table} when the statement gives none: its DEFAULT, identity or NULL. */
    static BoundExpr of(Binder b, Table table, int i) {
        Column c = table.columns().get(i);
        if (c.identity() != null) {
            Sequence s = b.catalog().ownedSequence(table.name(), c.name());
            if (s == null) {
                throw new KyroException(SqlState.INTERNAL_ERROR, "identity column \"" + c.name() + "\" of \""
                        + table.name() + "\" has no sequence");
            }
            return b.assign(b.expressions(Scope.empty(), "DEFAULT"),
                    nextval(b, s.name()), c, io.kyrodb.sql.ast.Pos.NONE);
        }
        if (c.defaultSql() == null && c.type().domain() != null && c.type().domain().defaultSql() != null) {
            // no DEFAULT of its own: the domain's (as the domain defines it now)
            return b.assign(b.expressions(Scope.empty(), "DEFAULT"), parse(c.type().domain().defaultSql()), c);
        }
        if (c.defaultSql() == null) {
            return new ConstExpr(null, c.type());
        }
        Binder inSchema = b.withSchemaFirst(io.kyrodb.engine.catalog.SchemaNames.schemaOf(table.name()));
        return inSchema.assign(inSchema.expressions(Scope.empty(), "DEFAULT"), parse(c.defaultSql()), c);
    }

    private static BoundExpr nextval(Binder b, String sequence) {
        return new SequenceExpr(SequenceExpr.Function.NEXTVAL, List.of(new ConstExpr(quoted(sequence), SqlType.TEXT)),
                b.catalog(), b.searchPath());
    }

    /** A sequence's key as regclass text: each part quoted, so any name reads back as itself. */
    private static String quoted(String key) {
        String schema = io.kyrodb.engine.catalog.SchemaNames.schemaOf(key);
        String local = io.kyrodb.engine.catalog.SchemaNames.localOf(key);
        return "\"" + schema.replace("\"", "\"\"") + "\".\"" + local.replace("\"", "\"\"") + "\"";
    }

    /** The table's CHECK constraints, bound over its rows. */
    static List<RowCheck> checks(Binder b, Table table) {
        List<RowCheck> out = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {   // a column of a domain: the domain's constraints
            Column c = table.columns().get(i);
            if (c.type().domain() != null) {
                out.add(new RowCheck(c.type().domain().name(), DomainCheck.condition(b, c.type().domain(),
                        new io.kyrodb.engine.expr.ColumnExpr(i, c.type(), table.name(), c.name(), true))));
            }
        }
        if (table.checks().isEmpty()) {
            return GeneratedColumns.withGenerators(b, table, out);
        }
        ExprBinder eb = b.expressions(Scope.of(table, null), "CHECK");
        for (CheckConstraint k : io.kyrodb.engine.catalog.Exclusion.checksOnly(table.checks())) {
            out.add(new RowCheck(k.name(), eb.condition(parse(k.sql()), "CHECK")));
        }
        return GeneratedColumns.withGenerators(b, table, out);
    }

    /** Parsed DEFAULT and CHECK texts (immutable ASTs), so a statement binding them does not parse them again. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Expr> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    static Expr parse(String text) {
        Expr cached = PARSED.get(text);
        if (cached != null) {
            return cached;
        }
        try {
            Expr e = SqlParser.parseExpression(text);
            if (PARSED.size() > 10_000) {
                PARSED.clear();
            }
            PARSED.put(text, e);
            return e;
        } catch (SqlSyntaxException e) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "stored expression does not parse: " + text + ": "
                    + e.getMessage());
        }
    }
}
