package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlLexer;
import io.kyrodb.sql.ast.Pos;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/** Turns the first ANTLR syntax error into a {@link SqlSyntaxException} with position and expectations. */
final class ThrowingErrorListener extends BaseErrorListener {
    private static final int MAX_EXPECTED = 8;
    private final String sql;

    ThrowingErrorListener(String sql) {
        this.sql = sql;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        Token token = offendingSymbol instanceof Token t ? t : null;
        int offset = token != null && token.getStartIndex() >= 0 ? token.getStartIndex()
                : offsetOf(line, charPositionInLine);
        Pos pos = new Pos(line, charPositionInLine + 1, offset);
        String near = token == null ? describeLexerError(offset) : describe(token);
        String reason = "syntax error at " + near;
        if (recognizer instanceof Parser parser) {
            IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens()
                    : parser.getExpectedTokens();
            String expectation = describeExpected(parser, expected);
            if (!expectation.isEmpty()) {
                reason += " (expected " + expectation + ")";
            }
        }
        throw new SqlSyntaxException(reason, sql, pos);
    }

    private String describeLexerError(int offset) {
        if (offset >= sql.length()) {
            return "end of input";
        }
        char c = sql.charAt(offset);
        if (c == '\'') {
            return "unterminated quoted string";
        }
        if (c == '"') {
            return "unterminated quoted identifier";
        }
        return "or near \"" + c + "\"";
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of input";
        }
        if (token.getType() == KyroSqlLexer.UNEXPECTED) {
            String t = token.getText();
            if (t.equals("'")) {
                return "unterminated quoted string";
            }
            if (t.equals("\"")) {
                return "unterminated quoted identifier";
            }
        }
        return "or near \"" + token.getText() + "\"";
    }

    private static String describeExpected(Parser parser, IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        boolean identifier = false;
        for (int type : expected.toList()) {
            if (type == KyroSqlLexer.IDENTIFIER || type == KyroSqlLexer.QUOTED_IDENTIFIER) {
                identifier = true;
                continue;
            }
            if (type == Token.EOF) {
                names.add("end of input");
                continue;
            }
            String literal = parser.getVocabulary().getLiteralName(type);
            if (literal != null) {
                names.add(literal.replace("'", ""));
            } else if (type == KyroSqlLexer.INTEGER_VALUE || type == KyroSqlLexer.DECIMAL_VALUE) {
                if (!names.contains("a number")) {
                    names.add("a number");
                }
            } else if (type == KyroSqlLexer.STRING) {
                names.add("a string");
            }
        }
        if (identifier) {
            names.add(0, "a name");
        }
        if (names.size() > MAX_EXPECTED) {
            return String.join(", ", names.subList(0, MAX_EXPECTED)) + ", ...";
        }
        return String.join(", ", names);
    }

    private int offsetOf(int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < sql.length(); l++) {
            int nl = sql.indexOf('\n', offset);
            if (nl < 0) {
                break;
            }
            offset = nl + 1;
        }
        return Math.min(sql.length(), offset + column);
    }
}
