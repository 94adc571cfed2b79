package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlParser;
import io.kyrodb.grammar.KyroSqlParser.*;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the AST of CREATE/DROP TRIGGER, ALTER TABLE ... ENABLE/DISABLE TRIGGER and DO (CREATE and
 * DROP FUNCTION are {@link FunctionStatements}').
 */
final class RoutineStatements {
    private final AstBuilder builder;
    private final String sql;

    RoutineStatements(AstBuilder builder, String sql) {
        this.builder = builder;
        this.sql = sql;
    }

    Statement build(StatementContext ctx) {
        if (ctx.createTrigger() != null) {
            return createTrigger(ctx.createTrigger());
        } else if (ctx.dropTrigger() != null) {
            DropTriggerContext d = ctx.dropTrigger();
            return new Statement.DropTrigger(AstBuilder.pos(d), AstBuilder.identifier(d.name),
                    builder.qualifiedName(d.qualifiedName()), d.EXISTS() != null, d.CASCADE() != null);
        } else if (ctx.alterTableTrigger() != null) {
            AlterTableTriggerContext a = ctx.alterTableTrigger();
            return new Statement.AlterTableTrigger(AstBuilder.pos(a), builder.qualifiedName(a.qualifiedName()),
                    a.EXISTS() != null, a.action.getType() == KyroSqlParser.ENABLE,
                    a.identifier() == null ? null : AstBuilder.identifier(a.identifier()));
        }
        DoStatementContext d = ctx.doStatement();
        String language = "plpgsql";
        if (!d.identifier().isEmpty()) {   // DO LANGUAGE name body | DO body LANGUAGE name
            if (!AstBuilder.identifier(d.identifier(0)).equals("language")) {
                throw new SqlSyntaxException("syntax error at or near \"" + d.identifier(0).getText() + "\"", sql,
                        AstBuilder.pos(d.identifier(0)));
            }
            language = AstBuilder.identifier(d.identifier(1));
        }
        Pos pos = AstBuilder.pos(d.body);
        return new Statement.Do(AstBuilder.pos(d), language, body(d.body, pos), bodyOffset(d.body));
    }

    private Statement createTrigger(CreateTriggerContext c) {
        String timing = c.timing.getType() == KyroSqlParser.BEFORE ? "BEFORE"
                : c.timing.getType() == KyroSqlParser.AFTER ? "AFTER" : "INSTEAD OF";
        List<String> events = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (TriggerEventContext e : c.triggerEvent()) {
            String name = e.getStart().getText().toUpperCase(Locale.ROOT);
            if (events.contains(name)) {
                throw new SqlSyntaxException("syntax error: duplicate trigger events specified at or near \""
                        + e.getStart().getText() + "\"", sql, AstBuilder.pos(e));
            }
            events.add(name);
            for (IdentifierContext id : e.identifier()) {
                columns.add(AstBuilder.identifier(id));
            }
        }
        List<String> arguments = new ArrayList<>();
        for (TriggerArgumentContext a : c.triggerArgument()) {
            if (a.STRING() != null) {
                arguments.add(AstBuilder.unquote(a.STRING().getText(), '\''));
            } else if (a.identifier() != null) {
                arguments.add(AstBuilder.identifier(a.identifier()));
            } else {
                arguments.add(a.getText());
            }
        }
        boolean row = c.level != null && c.level.getType() == KyroSqlParser.ROW;
        return new Statement.CreateTrigger(AstBuilder.pos(c), AstBuilder.identifier(c.name), c.REPLACE() != null,
                timing, List.copyOf(events), List.copyOf(columns), builder.qualifiedName(c.qualifiedName(0)), row,
                c.when == null ? null : builder.expr(c.when), c.when == null ? null : builder.text(c.when),
                builder.qualifiedName(c.function), List.copyOf(arguments));
    }

    private String body(Token t, Pos pos) {
        return t.getType() == KyroSqlParser.DOLLAR_STRING ? builder.dollarBody(t.getText(), pos)
                : AstBuilder.unquote(t.getText(), '\'');
    }

    /** Where the body's text starts in the statement (after a dollar quote's opening delimiter). */
    private static int bodyOffset(Token t) {
        String text = t.getText();
        return t.getStartIndex() + (t.getType() == KyroSqlParser.DOLLAR_STRING ? text.indexOf('$', 1) + 1 : 1);
    }

    private SqlSyntaxException syntax(Token t) {
        return new SqlSyntaxException("syntax error at or near \"" + t.getText() + "\"", sql, AstBuilder.pos(t));
    }
}
