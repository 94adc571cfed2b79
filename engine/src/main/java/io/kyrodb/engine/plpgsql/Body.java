package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.sql.parser.PlpgsqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;
import io.kyrodb.sql.plpgsql.PlStatement;

import java.util.HashMap;
import java.util.Map;

/**
 * A parsed PL/pgSQL body and its embedded expressions and statements, each parsed (and planned)
 * the first time it runs and kept for the next runs: what a session caches per function.
 */
final class Body {
    final PlStatement.Block block;
    private final Map<String, Embedded> expressions = new HashMap<>();
    private final Map<String, Embedded> statements = new HashMap<>();

    private Body(PlStatement.Block block) {
        this.block = block;
    }

    static Body parse(String text) {
        try {
            return new Body(PlpgsqlParser.parse(text));
        } catch (SqlSyntaxException e) {
            throw new KyroException(SqlState.SYNTAX_ERROR, e.getMessage());
        }
    }

    Embedded expression(String text) {
        Embedded e = expressions.get(text);
        if (e == null) {
            e = Embedded.expression(text);
            expressions.put(text, e);
        }
        return e;
    }

    Embedded statement(String text) {
        Embedded e = statements.get(text);
        if (e == null) {
            e = Embedded.statement(text);
            statements.put(text, e);
        }
        return e;
    }
}
