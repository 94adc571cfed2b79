package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlParser;
import io.kyrodb.grammar.KyroSqlParser.CreateFunctionContext;
import io.kyrodb.grammar.KyroSqlParser.DropFunctionContext;
import io.kyrodb.grammar.KyroSqlParser.FunctionOptionContext;
import io.kyrodb.grammar.KyroSqlParser.FunctionParameterContext;
import io.kyrodb.grammar.KyroSqlParser.FunctionTypeContext;
import io.kyrodb.grammar.KyroSqlParser.IdentifierContext;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CREATE FUNCTION and DROP FUNCTION from their parse trees. The options after the signature are
 * words (LANGUAGE sql, IMMUTABLE, STRICT ...) read here, as PostgreSQL's createfunc_opt_list: a
 * repeated or conflicting one is 42601, an unknown one a syntax error at that word.
 */
final class FunctionStatements {
    private FunctionStatements() {
    }

    static Statement.CreateFunction create(AstBuilder b, CreateFunctionContext ctx) {
        List<Statement.FunctionParameter> parameters = new ArrayList<>();
        for (FunctionParameterContext p : ctx.functionParameter()) {
            parameters.add(parameter(b, p));
        }
        TypeName returnType = null;
        List<Statement.FunctionColumn> columns = new ArrayList<>();
        for (var c : ctx.returnsTableColumn()) {
            columns.add(new Statement.FunctionColumn(AstBuilder.pos(c), AstBuilder.identifier(c.identifier()),
                    type(b, c.functionType())));
        }
        if (ctx.functionType() != null) {
            returnType = type(b, ctx.functionType());
        }
        Options o = new Options(b);
        for (FunctionOptionContext option : ctx.functionOption()) {
            o.read(option);
        }
        if (o.body == null) {
            throw new SqlSyntaxException("no function body specified", b.sql(), AstBuilder.pos(ctx), "42P13");
        }
        String language = o.language;
        if (language == null) {
            if (!o.standard) {
                throw new SqlSyntaxException("no language specified", b.sql(), AstBuilder.pos(ctx), "42P13");
            }
            language = "sql";
        } else if (o.standard && !language.equals("sql")) {
            throw new SqlSyntaxException("inline SQL function body only valid for language SQL", b.sql(),
                    AstBuilder.pos(ctx), "42P13");
        }
        boolean procedure = ctx.PROCEDURE() != null;
        if (procedure && (ctx.RETURNS() != null)) {
            throw new SqlSyntaxException("procedures cannot have a RETURNS clause", b.sql(), AstBuilder.pos(ctx),
                    "42601");
        }
        return new Statement.CreateFunction(AstBuilder.pos(ctx), b.qualifiedName(ctx.qualifiedName()),
                ctx.REPLACE() != null, List.copyOf(parameters), returnType, ctx.SETOF() != null, List.copyOf(columns),
                language, o.volatility, o.strict, o.body, o.standard, procedure);
    }

    /** CALL p(args): the expression must be a call. */
    static Statement.Call call(AstBuilder b, io.kyrodb.grammar.KyroSqlParser.CallStatementContext ctx) {
        io.kyrodb.sql.ast.Expr e = b.expr(ctx.expression());
        if (!(e instanceof io.kyrodb.sql.ast.Expr.FunctionCall f) || f.star() || f.distinct() || f.over() != null) {
            throw new SqlSyntaxException("syntax error: CALL takes a procedure call, as in CALL p(1)", b.sql(),
                    AstBuilder.pos(ctx.expression()));
        }
        return new Statement.Call(AstBuilder.pos(ctx), f);
    }

    static Statement.DropFunction drop(AstBuilder b, DropFunctionContext ctx) {
        List<Statement.FunctionSignature> out = new ArrayList<>();
        for (var s : ctx.functionSignature()) {
            List<TypeName> types = null;
            if (s.LPAREN() != null) {
                types = new ArrayList<>();
                for (FunctionParameterContext p : s.functionParameter()) {
                    Statement.FunctionParameter parameter = parameter(b, p);
                    if (parameter.isIn()) {   // OUT parameters do not identify a function, as in PostgreSQL
                        types.add(parameter.type());
                    }
                }
                types = List.copyOf(types);
            }
            out.add(new Statement.FunctionSignature(AstBuilder.pos(s), b.qualifiedName(s.qualifiedName()), types));
        }
        return new Statement.DropFunction(AstBuilder.pos(ctx), ctx.EXISTS() != null, List.copyOf(out),
                ctx.CASCADE() != null);
    }

    /** [IN | OUT | INOUT] [name] type [DEFAULT expr]: a lone "double precision" is a type, not a parameter named double. */
    private static Statement.FunctionParameter parameter(AstBuilder b, FunctionParameterContext p) {
        String name = p.name == null ? null : AstBuilder.identifier(p.name);
        TypeName type = type(b, p.functionType());
        if (name != null && type.arguments().isEmpty() && (type.name().equals("precision") && name.equals("double")
                || type.name().equals("varying") && (name.equals("character") || name.equals("bit")))) {
            type = new TypeName(AstBuilder.pos(p), name + " " + type.name(), List.of());
            name = null;
        }
        String defaultText = p.expression() == null ? null : b.text(p.expression());
        if (p.expression() != null) {
            b.expr(p.expression());   // reports what is wrong with it now, as PostgreSQL does
        }
        String mode = p.argmode == null ? "IN" : p.argmode.getText().toUpperCase(java.util.Locale.ROOT);
        return new Statement.FunctionParameter(AstBuilder.pos(p), name, type, defaultText, mode);
    }

    /** A functionType as the TypeName typeName gives for the same words (a schema qualifier is dropped). */
    static TypeName type(AstBuilder b, FunctionTypeContext ctx) {
        List<IdentifierContext> ids = ctx.identifier();
        int zoneWords = ctx.zone != null ? 2 : 0;
        int first = ctx.DOT() != null ? 1 : 0;
        List<String> words = new ArrayList<>();
        for (int i = first; i < ids.size() - zoneWords; i++) {
            words.add(AstBuilder.identifier(ids.get(i)));
        }
        if (ctx.zone != null) {
            String time = AstBuilder.identifier(ids.get(ids.size() - 2));
            String zone = AstBuilder.identifier(ids.get(ids.size() - 1));
            if (!time.equals("time") || !zone.equals("zone")) {
                throw new SqlSyntaxException("syntax error: expected TIME ZONE after " + ctx.zone.getText(), b.sql(),
                        AstBuilder.pos(ctx.zone));
            }
            words.add(ctx.zone.getType() == KyroSqlParser.WITH ? "with time zone" : "without time zone");
        }
        List<Integer> args = new ArrayList<>();
        for (Token t : ctx.args) {
            try {
                args.add(Integer.parseInt(t.getText()));
            } catch (NumberFormatException e) {
                throw new SqlSyntaxException("type modifier " + t.getText() + " is out of range", b.sql(), AstBuilder.pos(t));
            }
        }
        String name = String.join(" ", words) + (ctx.LBRACKET().isEmpty() ? "" : "[]");
        return new TypeName(AstBuilder.pos(ctx), name, List.copyOf(args));
    }

    /** The options as they are read, each at most once. */
    private static final class Options {
        private final AstBuilder b;
        String language;
        String volatility;
        Boolean strictness;
        boolean strict;
        String body;
        boolean standard;
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        Options(AstBuilder b) {
            this.b = b;
        }

        void read(FunctionOptionContext o) {
            if (o.AS() != null) {
                once("as", o);
                Token t = o.body;
                Pos pos = AstBuilder.pos(t);
                body = switch (t.getType()) {
                    case KyroSqlParser.DOLLAR_STRING -> b.dollarBody(t.getText(), pos);
                    case KyroSqlParser.ESCAPE_STRING -> EscapeStrings.decode(t.getText().substring(2, t.getText().length() - 1),
                            b.sql(), pos);
                    default -> AstBuilder.unquote(t.getText(), '\'');
                };
                return;
            }
            if (o.RETURN() != null) {
                once("as", o);
                body = "RETURN " + b.text(o.expression());
                b.expr(o.expression());
                standard = true;
                return;
            }
            if (o.BEGIN() != null) {
                once("as", o);
                if (!AstBuilder.identifier(o.atomic).equals("atomic")) {
                    throw syntax(o.atomic.getStart());
                }
                StringBuilder text = new StringBuilder("BEGIN ATOMIC\n");
                for (var s : o.functionBodyStatement()) {
                    text.append(' ').append(b.text(s)).append(";\n");
                }
                body = text.append("END").toString();
                standard = true;
                return;
            }
            if (o.RETURNS() != null) {
                setStrict(true, o);
                if (!o.IDENTIFIER(0).getText().equalsIgnoreCase("input")) {
                    throw syntax(o.IDENTIFIER(0).getSymbol());
                }
                return;
            }
            List<TerminalNode> words = new ArrayList<>();
            for (int i = 0; i < o.getChildCount(); i++) {
                words.add((TerminalNode) o.getChild(i));
            }
            int i = 0;
            while (i < words.size()) {
                Token t = words.get(i).getSymbol();
                String w = word(t);
                switch (w) {
                    case "language" -> {
                        once("language", o);
                        if (i + 1 >= words.size()) {
                            throw syntax(t);
                        }
                        Token l = words.get(i + 1).getSymbol();
                        language = l.getType() == KyroSqlParser.STRING ? AstBuilder.unquote(l.getText(), '\'')
                                .toLowerCase(Locale.ROOT) : word(l);
                        i += 2;
                    }
                    case "immutable", "stable", "volatile" -> {
                        once("volatility", o);
                        volatility = w;
                        i++;
                    }
                    case "strict" -> {
                        setStrict(true, o);
                        i++;
                    }
                    case "called" -> {   // CALLED ON NULL INPUT
                        expect(words, i + 1, "on");
                        expect(words, i + 2, "null");
                        expect(words, i + 3, "input");
                        setStrict(false, o);
                        i += 4;
                    }
                    case "security", "parallel" -> {   // accepted; KyroDB has one role and runs on one thread
                        once(w, o);
                        if (i + 1 >= words.size()) {
                            throw syntax(t);
                        }
                        i += 2;
                    }
                    case "leakproof" -> {
                        once("leakproof", o);
                        i++;
                    }
                    case "cost" -> {
                        once("cost", o);
                        if (i + 1 >= words.size()) {
                            throw syntax(t);
                        }
                        i += 2;
                    }
                    default -> throw syntax(t);
                }
            }
        }

        private void expect(List<TerminalNode> words, int i, String w) {
            if (i >= words.size()) {
                throw syntax(words.get(words.size() - 1).getSymbol());
            }
            if (!word(words.get(i).getSymbol()).equals(w)) {
                throw syntax(words.get(i).getSymbol());
            }
        }

        private void setStrict(boolean value, FunctionOptionContext o) {
            once("strict", o);
            strictness = value;
            strict = value;
        }

        private void once(String what, FunctionOptionContext o) {
            if (!seen.add(what)) {
                throw new SqlSyntaxException("conflicting or redundant options", b.sql(), AstBuilder.pos(o));
            }
        }

        private static String word(Token t) {
            String text = t.getText();
            if (t.getType() == KyroSqlParser.QUOTED_IDENTIFIER) {
                return AstBuilder.unquote(text, '"');
            }
            return text.toLowerCase(Locale.ROOT);
        }

        private SqlSyntaxException syntax(Token t) {
            return new SqlSyntaxException("syntax error at or near \"" + t.getText() + "\"", b.sql(), AstBuilder.pos(t));
        }
    }
}
