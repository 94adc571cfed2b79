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
import java.util.Set;

/**
 * Builds the AST of CREATE/DROP FUNCTION, CREATE/DROP TRIGGER, ALTER TABLE ... ENABLE/DISABLE
 * TRIGGER and DO. A function's return type and options come from the grammar as one run of tokens
 * ({@code functionTail}): a type's words and the option words are all identifiers, so this class
 * splits them, the way PostgreSQL's grammar does with its unreserved keywords.
 */
final class RoutineStatements {
    /** The words that end a RETURNS type and start an option. */
    private static final Set<String> OPTION_WORDS = Set.of("language", "as", "immutable", "stable", "volatile",
            "strict", "security", "parallel", "cost", "rows", "leakproof", "called", "returns", "set", "window",
            "support", "external", "not");

    private final AstBuilder builder;
    private final String sql;

    RoutineStatements(AstBuilder builder, String sql) {
        this.builder = builder;
        this.sql = sql;
    }

    Statement build(StatementContext ctx) {
        if (ctx.createFunction() != null) {
            return createFunction(ctx.createFunction());
        } else if (ctx.dropFunction() != null) {
            DropFunctionContext d = ctx.dropFunction();
            List<TypeName> types = d.LPAREN() == null ? null
                    : d.functionParameter().stream().map(p -> builder.typeName(p.typeName())).toList();
            return new Statement.DropFunction(AstBuilder.pos(d), builder.qualifiedName(d.qualifiedName()),
                    d.EXISTS() != null, types, d.CASCADE() != null);
        } else if (ctx.createTrigger() != null) {
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
        String language = d.identifier().isEmpty() ? "plpgsql" : AstBuilder.identifier(d.identifier(0));
        Pos pos = AstBuilder.pos(d.body);
        return new Statement.Do(AstBuilder.pos(d), language, body(d.body, pos), bodyOffset(d.body));
    }

    private Statement createFunction(CreateFunctionContext c) {
        List<Statement.FunctionParameter> parameters = new ArrayList<>();
        for (FunctionParameterContext p : c.functionParameter()) {
            parameters.add(new Statement.FunctionParameter(AstBuilder.pos(p),
                    p.name == null ? null : AstBuilder.identifier(p.name), builder.typeName(p.typeName()),
                    p.expression() == null ? null : builder.expr(p.expression())));
        }
        List<Token> tail = new ArrayList<>();
        for (FunctionTailContext t : c.functionTail()) {
            tail.add(t.getStart());
        }
        int at = 0;
        // the return type: words up to an option word, then (n[, m]) and []
        List<String> words = new ArrayList<>();
        Pos typePos = AstBuilder.pos(tail.get(0));
        while (at < tail.size() && isWord(tail.get(at)) && !OPTION_WORDS.contains(word(tail.get(at)))) {
            words.add(word(tail.get(at++)));
        }
        if (words.isEmpty()) {
            if (at < tail.size() && tail.get(at).getType() == KyroSqlParser.TABLE) {
                throw new SqlSyntaxException("syntax error: RETURNS TABLE is not supported by LANGUAGE plpgsql here",
                        sql, AstBuilder.pos(tail.get(at)));
            }
            throw new SqlSyntaxException("syntax error at or near \"" + tail.get(at).getText() + "\": expected the"
                    + " return type", sql, AstBuilder.pos(tail.get(at)));
        }
        List<Integer> args = new ArrayList<>();
        if (at < tail.size() && tail.get(at).getType() == KyroSqlParser.LPAREN) {
            at++;
            while (at < tail.size() && tail.get(at).getType() != KyroSqlParser.RPAREN) {
                Token t = tail.get(at++);
                if (t.getType() == KyroSqlParser.INTEGER_VALUE) {
                    args.add(Integer.parseInt(t.getText()));
                } else if (t.getType() != KyroSqlParser.COMMA) {
                    throw syntax(t);
                }
            }
            at++;
        }
        String typeName = String.join(" ", words);
        if (typeName.equals("setof")) {
            throw new SqlSyntaxException("syntax error: RETURNS SETOF is not supported by LANGUAGE plpgsql here", sql,
                    typePos);
        }
        while (at + 1 < tail.size() && tail.get(at).getType() == KyroSqlParser.LBRACKET
                && tail.get(at + 1).getType() == KyroSqlParser.RBRACKET) {
            if (!typeName.endsWith("[]")) {
                typeName += "[]";
            }
            at += 2;
        }
        TypeName returns = typeName.equals("trigger") ? null : new TypeName(typePos, typeName, List.copyOf(args));
        String language = null;
        String body = null;
        int bodyOffset = -1;
        char volatility = 'v';
        boolean strict = false;
        while (at < tail.size()) {
            Token t = tail.get(at++);
            String w = isWord(t) || t.getType() == KyroSqlParser.AS || t.getType() == KyroSqlParser.NULL
                    || t.getType() == KyroSqlParser.ON || t.getType() == KyroSqlParser.SET ? word(t) : "";
            switch (w) {
                case "language" -> {
                    if (at >= tail.size()) {
                        throw new SqlSyntaxException("syntax error at end of input: expected a language name", sql,
                                AstBuilder.pos(t));
                    }
                    Token name = tail.get(at++);
                    language = name.getType() == KyroSqlParser.STRING ? AstBuilder.unquote(name.getText(), '\'')
                            .toLowerCase(Locale.ROOT) : word(name);
                }
                case "as" -> {
                    if (at >= tail.size() || (tail.get(at).getType() != KyroSqlParser.STRING
                            && tail.get(at).getType() != KyroSqlParser.DOLLAR_STRING)) {
                        throw syntax(at < tail.size() ? tail.get(at) : t);
                    }
                    Token b = tail.get(at++);
                    body = body(b, AstBuilder.pos(b));
                    bodyOffset = bodyOffset(b);
                }
                case "immutable" -> volatility = 'i';
                case "stable" -> volatility = 's';
                case "volatile" -> volatility = 'v';
                case "strict" -> strict = true;
                case "leakproof", "window" -> {
                }
                case "not" -> at++;   // NOT LEAKPROOF
                case "security", "parallel", "cost", "rows", "support" -> at++;
                case "called" -> at += 3;   // CALLED ON NULL INPUT
                case "returns" -> {   // RETURNS NULL ON NULL INPUT
                    at += 4;
                    strict = true;
                }
                case "set" -> {   // SET name {TO | =} value | FROM CURRENT
                    at += 3;
                }
                default -> throw syntax(t);
            }
        }
        if (body == null) {
            throw new SqlSyntaxException("no function body specified", sql, AstBuilder.pos(c), "42P13");
        }
        if (language == null) {
            throw new SqlSyntaxException("no language specified", sql, AstBuilder.pos(c), "42P13");
        }
        return new Statement.CreateFunction(AstBuilder.pos(c), builder.qualifiedName(c.qualifiedName()),
                c.REPLACE() != null, List.copyOf(parameters), returns, language, body, bodyOffset, volatility, strict);
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

    private static boolean isWord(Token t) {
        return t.getType() == KyroSqlParser.IDENTIFIER || t.getType() == KyroSqlParser.QUOTED_IDENTIFIER
                || Character.isLetter(t.getText().charAt(0)) && t.getType() != KyroSqlParser.STRING
                && t.getType() != KyroSqlParser.DOLLAR_STRING && t.getType() != KyroSqlParser.AS
                && t.getType() != KyroSqlParser.NULL && t.getType() != KyroSqlParser.ON
                && t.getType() != KyroSqlParser.TABLE && t.getType() != KyroSqlParser.SET
                && t.getType() != KyroSqlParser.WITH && t.getType() != KyroSqlParser.WITHOUT
                && t.getType() != KyroSqlParser.TO;
    }

    private static String word(Token t) {
        return t.getType() == KyroSqlParser.QUOTED_IDENTIFIER ? AstBuilder.unquote(t.getText(), '"')
                : t.getText().toLowerCase(Locale.ROOT);
    }

    private SqlSyntaxException syntax(Token t) {
        return new SqlSyntaxException("syntax error at or near \"" + t.getText() + "\"", sql, AstBuilder.pos(t));
    }
}
