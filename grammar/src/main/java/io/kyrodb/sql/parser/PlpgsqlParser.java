package io.kyrodb.sql.parser;

import io.kyrodb.grammar.PlPgSqlLexer;
import io.kyrodb.grammar.PlPgSqlParser;
import io.kyrodb.grammar.PlPgSqlParser.*;
import io.kyrodb.sql.ast.FetchDirection;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.plpgsql.PlStatement;
import io.kyrodb.sql.plpgsql.PlStatement.Text;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a PL/pgSQL body (the text of {@code AS $$...$$} or of a DO block) into {@link PlStatement}s
 * with the PlPgSql grammar. Expressions and SQL stay text; an embedded statement's
 * {@code INTO [STRICT] targets} is taken out of it here, as PostgreSQL's PL/pgSQL does before the
 * statement reaches the SQL parser. Syntax errors are {@link SqlSyntaxException}s (42601) pointing
 * into the body.
 */
public final class PlpgsqlParser {
    private final String body;
    /** The bound cursors declared by the blocks around the statement being read, innermost last. */
    private final java.util.Deque<java.util.Map<String, PlStatement.Cursor>> cursors = new java.util.ArrayDeque<>();

    private PlpgsqlParser(String body) {
        this.body = body;
    }

    public static PlStatement.Block parse(String body) {
        ThrowingErrorListener listener = new ThrowingErrorListener(body);
        PlPgSqlLexer lexer = new PlPgSqlLexer(CharStreams.fromString(body));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        PlPgSqlParser parser = new PlPgSqlParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        BodyContext tree = parser.body();
        return new PlpgsqlParser(body).block(tree.block());
    }

    private PlStatement.Block block(BlockContext b) {
        List<PlStatement.Declaration> declarations = new ArrayList<>();
        for (DeclarationContext d : b.declaration()) {
            switch (d) {
                case AliasDeclarationContext a -> declarations.add(new PlStatement.Declaration(line(a),
                        identifier(a.identifier(0)), null, false, false, null,
                        a.PARAM() != null ? a.PARAM().getText() : identifier(a.identifier(1))));
                case VariableDeclarationContext v -> declarations.add(new PlStatement.Declaration(line(v),
                        identifier(v.identifier()), text(v.declarationType()).text().strip(), v.CONSTANT() != null,
                        v.NOT() != null, v.raw() == null ? null : text(v.raw()), null));
                case CursorDeclarationContext c -> {
                    List<String[]> parameters = new ArrayList<>();
                    for (CursorParameterContext p : c.cursorParameter()) {
                        int from = p.identifier().getStop().getStopIndex() + 1;
                        parameters.add(new String[]{identifier(p.identifier()),
                                body.substring(from, p.getStop().getStopIndex() + 1).strip()});
                    }
                    declarations.add(new PlStatement.Declaration(line(c), identifier(c.identifier()), null, false,
                            false, null, null, new PlStatement.Cursor(scroll(c.scrollOption()),
                            List.copyOf(parameters), text(c.raw()))));
                }
                default -> throw new IllegalStateException(d.getClass().getName());
            }
        }
        java.util.Map<String, PlStatement.Cursor> declared = new java.util.HashMap<>();
        for (PlStatement.Declaration d : declarations) {
            if (d.cursor() != null) {
                declared.put(d.name(), d.cursor());
            }
        }
        cursors.push(declared);
        try {
            return block(b, declarations);
        } finally {
            cursors.pop();
        }
    }

    private PlStatement.Block block(BlockContext b, List<PlStatement.Declaration> declarations) {
        List<PlStatement.Handler> handlers = new ArrayList<>();
        for (HandlerContext h : b.handler()) {
            List<String> conditions = new ArrayList<>();
            for (ConditionContext c : h.condition()) {
                conditions.add(c.STRING() != null ? AstBuilder.unquote(c.STRING().getText(), '\'')
                        : identifier(c.identifier()));
            }
            handlers.add(new PlStatement.Handler(List.copyOf(conditions), statements(h.statement())));
        }
        String label = b.label() == null ? null : identifier(b.label().identifier());
        return new PlStatement.Block(line(b), label, List.copyOf(declarations), statements(b.statement()),
                List.copyOf(handlers));
    }

    private List<PlStatement> statements(List<StatementContext> list) {
        List<PlStatement> out = new ArrayList<>(list.size());
        for (StatementContext s : list) {
            out.add(statement(s));
        }
        return List.copyOf(out);
    }

    private PlStatement statement(StatementContext s) {
        int line = line(s);
        return switch (s) {
            case BlockStatementContext b -> block(b.block());
            case IfStatementContext i -> {
                List<Text> conditions = new ArrayList<>();
                List<List<PlStatement>> branches = new ArrayList<>();
                conditions.add(text(i.rawThen()));
                // the statements before the first ELSIF belong to the IF; each elsif's follow it
                List<StatementContext> current = new ArrayList<>();

                for (int c = 0; c < i.getChildCount(); c++) {
                    var child = i.getChild(c);
                    if (child instanceof StatementContext st) {
                        current.add(st);
                    } else if (child instanceof ElsifContext e) {
                        branches.add(statements(current));
                        current = new ArrayList<>();
                        conditions.add(text(e.rawThen()));

                    }
                }
                branches.add(statements(current));
                List<PlStatement> orElse = i.elseBody == null ? List.of() : statements(i.elseBody.statement());
                yield new PlStatement.If(line, List.copyOf(conditions), List.copyOf(branches), orElse);
            }
            case CaseStatementContext c -> {
                List<Text> whens = new ArrayList<>();
                List<List<PlStatement>> branches = new ArrayList<>();
                for (int k = 0; k < c.rawThen().size(); k++) {
                    whens.add(text(c.rawThen(k)));
                    branches.add(statements(c.statements(k).statement()));
                }
                yield new PlStatement.Case(line, c.subject == null ? null : text(c.subject), List.copyOf(whens),
                        List.copyOf(branches), c.elseBody == null ? null : statements(c.elseBody.statement()));
            }
            case LoopStatementContext l -> new PlStatement.Loop(line, label(l.label()), statements(l.statement()));
            case WhileStatementContext w -> new PlStatement.While(line, label(w.label()), text(w.rawLoop()),
                    statements(w.statement()));
            case ForIntegerStatementContext f -> new PlStatement.ForInteger(line, label(f.label()),
                    identifier(f.identifier(0)), f.REVERSE() != null, text(f.lower), text(f.upper),
                    f.step == null ? null : text(f.step), statements(f.statement()));
            case ForQueryStatementContext f -> {
                List<String> targets = new ArrayList<>();

                for (int k = 0; k < f.identifier().size(); k++) {
                    IdentifierContext id = f.identifier(k);
                    if (id.getStart().getTokenIndex() > f.IN().getSymbol().getTokenIndex()) {
                        continue;   // the label after END LOOP
                    }
                    targets.add(identifier(id));
                }
                List<Text> using = new ArrayList<>();
                for (RawArgumentContext a : f.rawArgument()) {
                    using.add(text(a));
                }
                yield new PlStatement.ForQuery(line, label(f.label()), List.copyOf(targets), f.EXECUTE() != null,
                        text(f.rawLoop()), List.copyOf(using), statements(f.statement()));
            }
            case ExitStatementContext e -> new PlStatement.Exit(line, e.kind.getType() == PlPgSqlParser.CONTINUE,
                    e.identifier() == null ? null : identifier(e.identifier()), e.raw() == null ? null : text(e.raw()));
            case ReturnStatementContext r -> new PlStatement.Return(line, r.raw() == null ? null : text(r.raw()));
            case ReturnNextStatementContext r -> new PlStatement.ReturnNext(line, r.raw() == null ? null : text(r.raw()));
            case ReturnQueryStatementContext r -> new PlStatement.ReturnQuery(line, text(r.raw()), false, List.of());
            case ReturnQueryExecuteStatementContext r -> {
                List<Text> using = new ArrayList<>();
                for (RawArgumentContext a : r.rawArgument()) {
                    using.add(text(a));
                }
                yield new PlStatement.ReturnQuery(line, text(r.rawExecute()), true, List.copyOf(using));
            }
            case ForeachStatementContext f -> new PlStatement.ForEach(line, label(f.label()), identifier(f.identifier(0)),
                    f.NUMBER() == null ? 0 : Integer.parseInt(f.NUMBER().getText()), text(f.rawLoop()),
                    statements(f.statement()));
            case AssertStatementContext a -> new PlStatement.Assert(line, text(a.rawArgument(0)),
                    a.rawArgument().size() > 1 ? text(a.rawArgument(1)) : null);
            case RaiseStatementContext r -> raise(r, line);
            case PerformStatementContext p -> {
                Text t = text(p.raw());
                yield new PlStatement.Perform(line, new Text("SELECT " + t.text(), t.offset() - 7));
            }
            case GetDiagnosticsStatementContext g -> {
                List<String[]> items = new ArrayList<>();
                for (DiagnosticItemContext d : g.diagnosticItem()) {
                    items.add(new String[]{target(d.target()), identifier(d.identifier())});
                }
                yield new PlStatement.GetDiagnostics(line, List.copyOf(items), g.STACKED() != null);
            }
            case ExecuteStatementContext e -> {
                List<String> into = new ArrayList<>();
                for (TargetContext t : e.target()) {
                    into.add(target(t));
                }
                List<Text> using = new ArrayList<>();
                for (RawArgumentContext a : e.rawArgument()) {
                    using.add(text(a));
                }
                yield new PlStatement.Execute(line, text(e.rawExecute()), List.copyOf(into), e.STRICT() != null,
                        List.copyOf(using));
            }
            case NullStatementContext n -> new PlStatement.Null(line);
            case OpenStatementContext o -> {
                checkArguments(o);
                yield new PlStatement.Open(line, identifier(o.identifier()), PlStatement.Scroll.DEFAULT,
                        texts(o.rawArgument()), null, false, List.of());
            }
            case OpenQueryStatementContext o -> new PlStatement.Open(line, identifier(o.identifier()),
                    scroll(o.scrollOption()), List.of(), text(o.raw()), false, List.of());
            case OpenExecuteStatementContext o -> new PlStatement.Open(line, identifier(o.identifier()),
                    scroll(o.scrollOption()), List.of(), text(o.rawExecute()), true, texts(o.rawArgument()));
            case FetchStatementContext f -> fetch(f, line);
            case CloseStatementContext c -> new PlStatement.Close(line, identifier(c.identifier()));
            case AssignStatementContext a -> {
                TargetContext t = a.target();
                yield new PlStatement.Assign(line, identifier(t.identifier(0)),
                        t.identifier().size() > 1 ? identifier(t.identifier(1)) : null, text(a.raw()));
            }
            case SqlStatementContext q -> sql(q, line);
            default -> throw new IllegalStateException(s.getClass().getName());
        };
    }

    private PlStatement fetch(FetchStatementContext f, int line) {
        FetchDirection direction = FetchDirection.NEXT;
        Text count = null;
        FetchDirectionContext d = f.fetchDirection();
        if (d != null) {
            int first = d.getStart().getType();
            boolean all = d.ALL() != null;
            direction = switch (first) {
                case PlPgSqlParser.PRIOR -> FetchDirection.PRIOR;
                case PlPgSqlParser.FIRST -> FetchDirection.FIRST;
                case PlPgSqlParser.LAST -> FetchDirection.LAST;
                case PlPgSqlParser.ABSOLUTE -> FetchDirection.ABSOLUTE;
                case PlPgSqlParser.RELATIVE -> FetchDirection.RELATIVE;
                case PlPgSqlParser.FORWARD -> all ? FetchDirection.FORWARD_ALL : FetchDirection.FORWARD;
                case PlPgSqlParser.BACKWARD -> all ? FetchDirection.BACKWARD_ALL : FetchDirection.BACKWARD;
                case PlPgSqlParser.ALL -> FetchDirection.FORWARD_ALL;
                default -> FetchDirection.NEXT;
            };
            count = d.rawCount() == null ? null : text(d.rawCount());
        }
        boolean move = f.kind.getType() == PlPgSqlParser.MOVE;
        List<String> into = new ArrayList<>();
        for (TargetContext t : f.target()) {
            into.add(target(t));
        }
        if (move && !into.isEmpty()) {
            throw new SqlSyntaxException("MOVE cannot have INTO", body, PlpgsqlParser.position(body,
                    f.INTO().getSymbol().getStartIndex()));
        }
        if (!move && into.isEmpty()) {
            throw new SqlSyntaxException("syntax error, expected \"INTO\" after FETCH", body, PlpgsqlParser.position(body,
                    f.getStop().getStartIndex()));
        }
        if (!move && (direction == FetchDirection.FORWARD_ALL || direction == FetchDirection.BACKWARD_ALL
                || ((direction == FetchDirection.FORWARD || direction == FetchDirection.BACKWARD)
                && count != null))) {
            throw new SqlSyntaxException("FETCH statement cannot return multiple rows", body, PlpgsqlParser.position(body,
                    d.getStart().getStartIndex()));
        }
        return new PlStatement.Fetch(line, move, direction, count, identifier(f.identifier()), List.copyOf(into));
    }

    /** OPEN of a bound cursor declared around it: as many arguments as it has parameters (checked at CREATE). */
    private void checkArguments(OpenStatementContext o) {
        String name = identifier(o.identifier());
        for (java.util.Map<String, PlStatement.Cursor> level : cursors) {
            PlStatement.Cursor c = level.get(name);
            if (c == null) {
                continue;
            }
            int given = o.rawArgument().size();
            int wanted = c.parameters().size();
            if (given != wanted) {
                String reason = wanted == 0 ? "cursor \"" + name + "\" has no arguments"
                        : given == 0 ? "cursor \"" + name + "\" has arguments"
                        : (given < wanted ? "not enough" : "too many") + " arguments for cursor \"" + name + "\"";
                throw new SqlSyntaxException(reason, body, PlpgsqlParser.position(body, o.getStop().getStartIndex()));
            }
            return;
        }
    }

    private static PlStatement.Scroll scroll(ScrollOptionContext s) {
        return s == null ? PlStatement.Scroll.DEFAULT : s.NO() != null ? PlStatement.Scroll.NO_SCROLL
                : PlStatement.Scroll.SCROLL;
    }

    private List<Text> texts(List<? extends ParserRuleContext> list) {
        List<Text> out = new ArrayList<>();
        for (ParserRuleContext c : list) {
            out.add(text(c));
        }
        return List.copyOf(out);
    }

    private PlStatement raise(RaiseStatementContext r, int line) {
        String level = r.level == null ? "EXCEPTION" : r.level.getText().toUpperCase(Locale.ROOT);
        String format = null;
        String sqlState = null;
        String condition = null;
        List<Text> arguments = new ArrayList<>();
        List<PlStatement.RaiseOption> options = new ArrayList<>();
        if (r.code != null) {
            sqlState = AstBuilder.unquote(r.code.getText(), '\'');
        } else if (r.STRING() != null) {
            format = AstBuilder.unquote(r.STRING().getText(), '\'');
        } else if (r.identifier() != null) {
            condition = identifier(r.identifier());
        }
        for (RawArgumentContext a : r.rawArgument()) {
            arguments.add(text(a));
        }
        for (RaiseOptionContext o : r.raiseOption()) {
            options.add(new PlStatement.RaiseOption(identifier(o.identifier()).toUpperCase(Locale.ROOT),
                    text(o.rawArgument())));
        }
        return new PlStatement.Raise(line, level, format, List.copyOf(arguments), condition, sqlState,
                List.copyOf(options));
    }

    /**
     * An embedded statement without its INTO clause: for SELECT (and WITH ... SELECT) the first INTO
     * outside parentheses; for INSERT, UPDATE and DELETE the INTO after RETURNING.
     */
    private PlStatement sql(SqlStatementContext q, int line) {
        List<Token> tokens = new ArrayList<>();
        collect(q, tokens);
        tokens.remove(tokens.size() - 1);   // the ;
        int first = tokens.get(0).getType();
        boolean dml = first == PlPgSqlParser.INSERT || first == PlPgSqlParser.UPDATE || first == PlPgSqlParser.DELETE;
        int depth = 0;
        boolean returning = false;
        int into = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int type = t.getType();
            if (type == PlPgSqlParser.LPAREN) {
                depth++;
            } else if (type == PlPgSqlParser.RPAREN) {
                depth--;
            } else if (depth == 0 && t.getText().equalsIgnoreCase("returning")) {
                returning = true;
            } else if (depth == 0 && type == PlPgSqlParser.INTO && (dml ? returning : i > 0)) {
                into = i;
                break;
            }
        }
        int start = tokens.get(0).getStartIndex();
        int end = tokens.get(tokens.size() - 1).getStopIndex() + 1;
        if (into < 0) {
            return new PlStatement.Sql(line, new Text(body.substring(start, end), start), List.of(), false);
        }
        int i = into + 1;
        boolean strict = false;
        if (i < tokens.size() && tokens.get(i).getType() == PlPgSqlParser.STRICT) {
            strict = true;
            i++;
        }
        List<String> targets = new ArrayList<>();
        while (i < tokens.size()) {
            String name = word(tokens.get(i++));
            if (i + 1 < tokens.size() && tokens.get(i).getType() == PlPgSqlParser.DOT) {
                name += "." + word(tokens.get(i + 1));
                i += 2;
            }
            targets.add(name);
            if (i < tokens.size() && tokens.get(i).getType() == PlPgSqlParser.COMMA) {
                i++;
            } else {
                break;
            }
        }
        String before = body.substring(start, tokens.get(into).getStartIndex());
        String after = i < tokens.size() ? body.substring(tokens.get(i).getStartIndex(), end) : "";
        // blanks keep the offsets of what follows INTO as they were, for error positions
        String gap = " ".repeat(Math.max(1, (i < tokens.size() ? tokens.get(i).getStartIndex() : end)
                - tokens.get(into).getStartIndex()));
        return new PlStatement.Sql(line, new Text(before + gap + after, start), List.copyOf(targets), strict);
    }

    private static void collect(ParserRuleContext ctx, List<Token> out) {
        for (int i = 0; i < ctx.getChildCount(); i++) {
            var c = ctx.getChild(i);
            if (c instanceof ParserRuleContext p) {
                collect(p, out);
            } else if (c instanceof org.antlr.v4.runtime.tree.TerminalNode t) {
                out.add(t.getSymbol());
            }
        }
    }

    private String label(LabelContext l) {
        return l == null ? null : identifier(l.identifier());
    }

    private String target(TargetContext t) {
        return t.identifier().size() > 1 ? identifier(t.identifier(0)) + "." + identifier(t.identifier(1))
                : identifier(t.identifier(0));
    }

    private Text text(ParserRuleContext ctx) {
        int start = ctx.getStart().getStartIndex();
        return new Text(body.substring(start, ctx.getStop().getStopIndex() + 1), start);
    }

    private static String identifier(IdentifierContext id) {
        return word(id.getStart());
    }

    private static String word(Token t) {
        String s = t.getText();
        return t.getType() == PlPgSqlParser.QUOTED_IDENTIFIER ? AstBuilder.unquote(s, '"') : s.toLowerCase(Locale.ROOT);
    }

    private static int line(ParserRuleContext ctx) {
        return ctx.getStart().getLine();
    }

    /** Where {@code offset} of a body is as a position (for error carets). */
    public static Pos position(String body, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Pos(line, column, offset);
    }
}
