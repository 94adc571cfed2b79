package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlLexer;
import io.kyrodb.grammar.KyroSqlParser;
import io.kyrodb.sql.ast.Pos;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the grammar module: SQL text in, AST out. Thread-safe (no shared state besides
 * ANTLR's own synchronized DFA cache). Parses with the fast SLL strategy first and falls back to
 * full LL only when SLL cannot decide, the way ANTLR recommends.
 */
public final class SqlParser {
    private SqlParser() {
    }

    /** Parses a script of zero or more {@code ;}-separated statements. */
    public static List<ParsedStatement> parseScript(String sql) {
        return parseScript(sql, CatalogCheck.ACCEPT);
    }

    /** Parses a script; {@code catalogs} checks each database part of a name ({@code db.schema.table}). */
    public static List<ParsedStatement> parseScript(String sql, CatalogCheck catalogs) {
        KyroSqlParser.ScriptContext tree = parseTree(sql);
        List<ParsedStatement> out = new ArrayList<>(tree.statement().size());
        for (KyroSqlParser.StatementContext ctx : tree.statement()) {
            AstBuilder builder = new AstBuilder(sql, catalogs);
            var statement = builder.statement(ctx);
            int end = ctx.getStop() == null ? sql.length() : ctx.getStop().getStopIndex() + 1;
            out.add(new ParsedStatement(statement, builder.parameterCount(), ctx.getStart().getStartIndex(), end));
        }
        return out;
    }

    /** Parses exactly one statement (a trailing {@code ;} is allowed). */
    public static ParsedStatement parseStatement(String sql) {
        return parseStatement(sql, CatalogCheck.ACCEPT);
    }

    /** Parses exactly one statement; {@code catalogs} checks each database part of a name. */
    public static ParsedStatement parseStatement(String sql, CatalogCheck catalogs) {
        List<ParsedStatement> all = parseScript(sql, catalogs);
        if (all.isEmpty()) {
            throw new SqlSyntaxException("syntax error: empty statement", sql, Pos.NONE);
        }
        if (all.size() > 1) {
            ParsedStatement second = all.get(1);
            throw new SqlSyntaxException("syntax error: expected one statement, found " + all.size(), sql,
                    second.statement().pos());
        }
        return all.get(0);
    }

    /**
     * Parses one expression (a stored DEFAULT or CHECK text). Positions in it count from the start
     * of {@code text}.
     */
    public static io.kyrodb.sql.ast.Expr parseExpression(String text) {
        String prefix = "SELECT ";
        ParsedStatement p = parseStatement(prefix + text);
        if (p.statement() instanceof io.kyrodb.sql.ast.Statement.Select s && s.from().isEmpty() && s.items().size() == 1
                && s.items().get(0) instanceof io.kyrodb.sql.ast.Statement.SelectExpression e && e.alias() == null) {
            return e.expr();
        }
        throw new SqlSyntaxException("syntax error: not one expression: " + text, text, Pos.NONE);
    }

    /**
     * {@code text} (a stored CHECK or DEFAULT expression) with every identifier that names
     * {@code from} (as the parser folds it) written as {@code to}: RENAME COLUMN.
     */
    public static String renameIdentifier(String text, String from, String to) {
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        StringBuilder out = new StringBuilder();
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
             t = lexer.nextToken()) {
            String s = t.getText();
            String name = t.getType() == KyroSqlLexer.QUOTED_IDENTIFIER ? s.substring(1, s.length() - 1).replace("\"\"", "\"")
                    : s.toLowerCase(java.util.Locale.ROOT);
            boolean identifier = t.getType() == KyroSqlLexer.IDENTIFIER || t.getType() == KyroSqlLexer.QUOTED_IDENTIFIER;
            out.append(identifier && name.equals(from) ? '"' + to.replace("\"", "\"\"") + '"' : s);
        }
        return out.toString();
    }

    /**
     * {@code text} (a SQL function's body) with each {@code $n} written as the column reference
     * {@code "qualifier"."$n"}: a call binds the body over a row of its arguments.
     */
    public static String qualifyParameters(String text, String qualifier) {
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        StringBuilder out = new StringBuilder();
        String q = '"' + qualifier.replace("\"", "\"\"") + "\".";
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
             t = lexer.nextToken()) {
            out.append(t.getType() == KyroSqlLexer.PARAM ? q + '"' + t.getText() + '"' : t.getText());
        }
        return out.toString();
    }

    /**
     * Where the relation name starting at {@code offset} of {@code text} ends (exclusive): its
     * parts and the dots between them ({@code name}, {@code schema . name}). For rewriting the
     * names a stored view's query text reads when relations move.
     */
    public static int relationNameEnd(String text, int offset) {
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(text.substring(offset)));
        lexer.removeErrorListeners();
        List<org.antlr.v4.runtime.Token> tokens = new ArrayList<>();
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
             t = lexer.nextToken()) {
            if (t.getChannel() == org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
                tokens.add(t);
            }
            if (tokens.size() > 6) {
                break;
            }
        }
        int end = tokens.isEmpty() ? 0 : tokens.get(0).getStopIndex() + 1;
        for (int i = 1; i + 1 < tokens.size() && tokens.get(i).getType() == KyroSqlLexer.DOT; i += 2) {
            end = tokens.get(i + 1).getStopIndex() + 1;
        }
        return offset + end;
    }

    /** {@code name} as an identifier in SQL text: bare when it reads back as itself (lower case, no keyword), else quoted. */
    public static String quoteIdentifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(name));
            lexer.removeErrorListeners();
            org.antlr.v4.runtime.Token t = lexer.nextToken();
            if (t.getType() == KyroSqlLexer.IDENTIFIER && lexer.nextToken().getType() == org.antlr.v4.runtime.Token.EOF) {
                return name;
            }
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Whether the text from {@code start} to {@code end} stands alone as an item of a select list
     * without AS: after SELECT, DISTINCT, ALL or a comma, and before a comma, FROM, a closing
     * parenthesis, a set operator or the end.
     */
    public static boolean standsAsSelectItem(String text, int start, int end) {
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        String before = null;
        String after = null;
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
             t = lexer.nextToken()) {
            if (t.getChannel() != org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getStopIndex() < start) {
                before = t.getText().toLowerCase(java.util.Locale.ROOT);
            } else if (t.getStartIndex() >= end) {
                after = t.getText().toLowerCase(java.util.Locale.ROOT);
                break;
            }
        }
        return before != null && java.util.Set.of("select", "distinct", "all", ",").contains(before)
                && (after == null || java.util.Set.of(",", "from", ")", ";", "union", "intersect", "except", "into")
                .contains(after));
    }

    /** One part of a dotted name in a text: where it is ({@code start} to {@code end}, exclusive) and the name it means. */
    public record NamePart(int start, int end, String name) {
    }

    /**
     * The parts of the dotted name ({@code a}, {@code t.a}, {@code s.t.a}) starting at {@code offset}
     * of {@code text}, each folded as the parser folds it (a quoted one as written); empty when no
     * name starts there (a {@code *}, a keyword that cannot be a name, a literal). For rewriting the
     * column names a stored view's query text reads when a column is renamed.
     */
    public static List<NamePart> nameParts(String text, int offset) {
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(text.substring(offset)));
        lexer.removeErrorListeners();
        List<NamePart> parts = new ArrayList<>();
        boolean wantName = true;
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
             t = lexer.nextToken()) {
            if (t.getChannel() != org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
                continue;
            }
            String s = t.getText();
            if (wantName) {
                String name;
                if (t.getType() == KyroSqlLexer.QUOTED_IDENTIFIER) {
                    name = s.substring(1, s.length() - 1).replace("\"\"", "\"");
                } else if (s.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                    name = s.toLowerCase(java.util.Locale.ROOT);
                } else {
                    break;
                }
                parts.add(new NamePart(offset + t.getStartIndex(), offset + t.getStopIndex() + 1, name));
                wantName = false;
            } else if (t.getType() == KyroSqlLexer.DOT) {
                wantName = true;
            } else {
                break;
            }
        }
        return wantName && !parts.isEmpty() ? List.of() : parts;   // a name ends with a name, not a dot (t.*)
    }

    /**
     * {@code text} (a stored DEFAULT expression) with the string literal argument of each
     * {@code nextval(...)}, {@code currval(...)} and {@code setval(...)} call replaced by
     * {@code rename} of its content, where that gives non-null: a sequence that moved.
     */
    public static String renameSequenceArguments(String text, java.util.function.UnaryOperator<String> rename) {
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        StringBuilder out = new StringBuilder();
        String previous = null;
        String beforePrevious = null;
        for (org.antlr.v4.runtime.Token t = lexer.nextToken(); t.getType() != org.antlr.v4.runtime.Token.EOF;
             t = lexer.nextToken()) {
            String s = t.getText();
            if (t.getChannel() != org.antlr.v4.runtime.Token.DEFAULT_CHANNEL) {
                out.append(s);
                continue;
            }
            String replaced = null;
            if (t.getType() == KyroSqlLexer.STRING && "(".equals(previous) && beforePrevious != null
                    && java.util.Set.of("nextval", "currval", "setval").contains(beforePrevious.toLowerCase(java.util.Locale.ROOT))) {
                String to = rename.apply(s.substring(1, s.length() - 1).replace("''", "'"));
                if (to != null) {
                    replaced = "'" + to.replace("'", "''") + "'";
                }
            }
            out.append(replaced != null ? replaced : s);
            beforePrevious = previous;
            previous = s;
        }
        return out.toString();
    }

    private static KyroSqlParser.ScriptContext parseTree(String sql) {
        ThrowingErrorListener listener = new ThrowingErrorListener(sql);
        KyroSqlLexer lexer = new KyroSqlLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        KyroSqlParser parser = new KyroSqlParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.script();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(listener);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            return parser.script();
        }
    }
}
