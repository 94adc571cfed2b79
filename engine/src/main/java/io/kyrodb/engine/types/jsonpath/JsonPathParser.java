package io.kyrodb.engine.types.jsonpath;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.Numerics;
import io.kyrodb.engine.types.jsonpath.JsonPathItem.Accessor;
import io.kyrodb.engine.types.jsonpath.JsonPathItem.Op;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the text of a SQL/JSON path as Postgres 15's jsonpath_gram.y does: an optional
 * {@code lax}/{@code strict} mode, then an expression or a predicate. Precedence, lowest first:
 * {@code ||}, {@code &&}, {@code !}, comparisons and {@code starts with}/{@code like_regex}
 * (not associative), {@code + -}, {@code * / %}, unary {@code + -}, accessors. Keywords are case
 * insensitive and may be used as member names. Errors are 42601 ("syntax error at or near ... of
 * jsonpath input"), 22P02 for an empty path and 2201B for a bad regular expression, as in Postgres.
 */
final class JsonPathParser {
    private enum T { ROOT, CURRENT, VARIABLE, STRING, NUMBER, IDENT, PUNCT, EOF }

    private record Token(T type, String text, int start, int end) {
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int filterDepth;
    private int subscriptDepth;
    /** Nesting of brackets, filters and unary operators: capped, so deep input is an error, not a stack overflow. */
    private int depth;
    private static final int MAX_DEPTH = 200;

    private JsonPathParser(String src) {
        this.src = src;
    }

    static JsonPath parse(String text) {
        JsonPathParser p = new JsonPathParser(text);
        p.lex();
        return p.top();
    }

    private JsonPath top() {
        boolean lax = true;
        if (peekKeyword("strict") || peekKeyword("lax")) {
            lax = next().text.equalsIgnoreCase("lax");
        }
        if (peek().type == T.EOF) {
            throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type jsonpath: \""
                    + src + "\"");
        }
        JsonPathItem e = orExpr();
        if (peek().type != T.EOF) {
            throw syntax(peek());
        }
        return new JsonPath(lax, e);
    }

    private JsonPathItem orExpr() {
        enter();
        JsonPathItem l = andExpr();
        while (peekPunct("||")) {
            Token op = next();
            JsonPathItem r = andExpr();
            requirePredicates(op, l, r);
            l = new JsonPathItem.Binary(Op.OR, l, r);
        }
        depth--;
        return l;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "jsonpath nesting is deeper than " + MAX_DEPTH
                    + " levels at or near \"" + peek().text + "\" of jsonpath input");
        }
    }

    private JsonPathItem andExpr() {
        JsonPathItem l = notExpr();
        while (peekPunct("&&")) {
            Token op = next();
            JsonPathItem r = notExpr();
            requirePredicates(op, l, r);
            l = new JsonPathItem.Binary(Op.AND, l, r);
        }
        return l;
    }

    private void requirePredicates(Token op, JsonPathItem l, JsonPathItem r) {
        if (!l.isPredicate() || !r.isPredicate()) {
            throw syntax(op);
        }
    }

    /** {@code ! (predicate)} or {@code ! exists (expr)}, else a comparison. */
    private JsonPathItem notExpr() {
        if (peekPunct("!")) {
            next();
            if (peekKeyword("exists")) {
                return new JsonPathItem.Not(existsExpr());
            }
            Token open = expectPunct("(");
            JsonPathItem inner = orExpr();
            if (!inner.isPredicate()) {
                throw syntax(open);
            }
            expectPunct(")");
            return new JsonPathItem.Not(inner);
        }
        return comparison();
    }

    private JsonPathItem existsExpr() {
        next();
        expectPunct("(");
        Token at = peek();
        JsonPathItem e = orExpr();
        if (e.isPredicate()) {
            throw syntax(at);
        }
        expectPunct(")");
        return new JsonPathItem.Exists(e);
    }

    private JsonPathItem comparison() {
        if (peekKeyword("exists") && tokens.get(pos + 1).text.equals("(")) {
            return existsExpr();
        }
        JsonPathItem l = additive();
        Op op = comparisonOp(peek());
        if (op != null) {
            Token t = next();
            JsonPathItem r = additive();
            requireExpressions(t, l, r);
            return new JsonPathItem.Binary(op, l, r);
        }
        if (peekKeyword("starts")) {
            Token t = next();
            if (!peekKeyword("with")) {
                throw syntax(peek());
            }
            next();
            Token init = next();
            if (init.type != T.STRING && init.type != T.VARIABLE) {
                throw syntax(init);
            }
            requireExpressions(t, l, l);
            JsonPathItem right = init.type == T.STRING ? new JsonPathItem.Literal(init.text)
                    : new JsonPathItem.Variable(init.text);
            return new JsonPathItem.Binary(Op.STARTS_WITH, l, right);
        }
        if (peekKeyword("like_regex")) {
            Token t = next();
            requireExpressions(t, l, l);
            Token pattern = next();
            if (pattern.type != T.STRING) {
                throw syntax(pattern);
            }
            String flags = "";
            if (peekKeyword("flag")) {
                next();
                Token f = next();
                if (f.type != T.STRING) {
                    throw syntax(f);
                }
                flags = f.text;
            }
            return likeRegex(l, pattern.text, flags);
        }
        return l;
    }

    private static JsonPathItem likeRegex(JsonPathItem arg, String pattern, String flagText) {
        boolean i = false;
        boolean s = false;
        boolean m = false;
        boolean x = false;
        boolean q = false;
        for (char c : flagText.toCharArray()) {
            switch (c) {
                case 'i' -> i = true;
                case 's' -> s = true;
                case 'm' -> m = true;
                case 'x' -> x = true;
                case 'q' -> q = true;
                default -> throw new KyroException(SqlState.SYNTAX_ERROR, "invalid input syntax for type jsonpath"
                        + " (unrecognized flag character \"" + c + "\" in LIKE_REGEX predicate)");
            }
        }
        // As Postgres 15 matches: '.' stops at a newline unless s; ^ and $ match at newlines only with m;
        // q takes the pattern literally and ignores s, m and x
        int flags = i ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        if (q) {
            flags |= Pattern.LITERAL;
        } else {
            flags |= s ? Pattern.DOTALL : 0;
            if (m) {
                flags |= Pattern.MULTILINE;
            }
            if (x) {
                flags |= Pattern.COMMENTS;
            }
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            throw new KyroException(SqlState.INVALID_REGULAR_EXPRESSION, "invalid regular expression: "
                    + e.getDescription());
        }
        String canonical = (i ? "i" : "") + (s ? "s" : "") + (m ? "m" : "") + (x ? "x" : "") + (q ? "q" : "");
        return new JsonPathItem.LikeRegex(arg, pattern, canonical, compiled);
    }

    private void requireExpressions(Token op, JsonPathItem l, JsonPathItem r) {
        if (l.isPredicate() || r.isPredicate()) {
            throw syntax(op);
        }
    }

    private static Op comparisonOp(Token t) {
        if (t.type != T.PUNCT) {
            return null;
        }
        return switch (t.text) {
            case "==" -> Op.EQ;
            case "!=", "<>" -> Op.NE;
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            default -> null;
        };
    }

    private JsonPathItem additive() {
        JsonPathItem l = multiplicative();
        while (peekPunct("+") || peekPunct("-")) {
            Token t = next();
            JsonPathItem r = multiplicative();
            requireExpressions(t, l, r);
            l = new JsonPathItem.Binary(t.text.equals("+") ? Op.ADD : Op.SUB, l, r);
        }
        return l;
    }

    private JsonPathItem multiplicative() {
        JsonPathItem l = unary();
        while (peekPunct("*") || peekPunct("/") || peekPunct("%")) {
            Token t = next();
            JsonPathItem r = unary();
            requireExpressions(t, l, r);
            l = new JsonPathItem.Binary(switch (t.text) {
                case "*" -> Op.MUL;
                case "/" -> Op.DIV;
                default -> Op.MOD;
            }, l, r);
        }
        return l;
    }

    /** Unary {@code + -}; on a number literal they are folded into it, as Postgres's makeItemUnary does. */
    private JsonPathItem unary() {
        if (peekPunct("+") || peekPunct("-")) {
            Token t = next();
            enter();
            JsonPathItem arg = unary();
            depth--;
            requireExpressions(t, arg, arg);
            boolean minus = t.text.equals("-");
            if (arg instanceof JsonPathItem.Literal l && l.value() instanceof BigDecimal d) {
                return minus ? new JsonPathItem.Literal(d.negate()) : arg;
            }
            return new JsonPathItem.Unary(minus, arg);
        }
        return accessorExpr();
    }

    private JsonPathItem accessorExpr() {
        Token t = next();
        JsonPathItem head;
        switch (t.type) {
            case ROOT -> head = new JsonPathItem.Root();
            case CURRENT -> {
                if (filterDepth == 0) {
                    throw new KyroException(SqlState.SYNTAX_ERROR, "@ is not allowed in root expressions");
                }
                head = new JsonPathItem.Current();
            }
            case VARIABLE -> head = new JsonPathItem.Variable(t.text);
            case STRING -> head = new JsonPathItem.Literal(t.text);
            case NUMBER -> head = new JsonPathItem.Literal(number(t));
            case IDENT -> {
                switch (t.text.toLowerCase(Locale.ROOT)) {
                    case "true" -> head = new JsonPathItem.Literal(Boolean.TRUE);
                    case "false" -> head = new JsonPathItem.Literal(Boolean.FALSE);
                    case "null" -> head = new JsonPathItem.Literal(Jsonb.NULL);
                    case "last" -> {
                        if (subscriptDepth == 0) {
                            throw new KyroException(SqlState.SYNTAX_ERROR, "LAST is allowed only in array subscripts");
                        }
                        head = new JsonPathItem.Last();
                    }
                    default -> throw syntax(t);
                }
            }
            case PUNCT -> {
                if (!t.text.equals("(")) {
                    throw syntax(t);
                }
                JsonPathItem inner = orExpr();
                expectPunct(")");
                if (inner.isPredicate() && peekKeyword("is")) {
                    next();
                    if (!peekKeyword("unknown")) {
                        throw syntax(peek());
                    }
                    next();
                    return new JsonPathItem.IsUnknown(inner);
                }
                if (!isAccessorStart()) {
                    return inner;
                }
                head = inner;
            }
            default -> throw syntax(t);
        }
        List<Accessor> accessors = new ArrayList<>();
        if (head instanceof JsonPathItem.Path p) {   // ($.a).b: one chain
            accessors.addAll(p.accessors());
            head = p.head();
        }
        while (isAccessorStart()) {
            accessors.add(accessor());
        }
        return accessors.isEmpty() ? head : new JsonPathItem.Path(head, List.copyOf(accessors));
    }

    private boolean isAccessorStart() {
        return peekPunct(".") || peekPunct("[") || peekPunct("?");
    }

    private Accessor accessor() {
        Token t = next();
        switch (t.text) {
            case "[" -> {
                if (peekPunct("*")) {
                    next();
                    expectPunct("]");
                    return new JsonPathItem.AnyElement();
                }
                subscriptDepth++;
                List<JsonPathItem.Subscript> list = new ArrayList<>();
                do {
                    JsonPathItem from = subscriptExpr();
                    JsonPathItem to = null;
                    if (peekKeyword("to")) {
                        next();
                        to = subscriptExpr();
                    }
                    list.add(new JsonPathItem.Subscript(from, to));
                } while (peekPunct(",") && next() != null);
                subscriptDepth--;
                expectPunct("]");
                return new JsonPathItem.Subscripts(List.copyOf(list));
            }
            case "?" -> {
                Token open = expectPunct("(");
                filterDepth++;
                JsonPathItem pred = orExpr();
                filterDepth--;
                if (!pred.isPredicate()) {
                    throw syntax(open);
                }
                expectPunct(")");
                return new JsonPathItem.Filter(pred);
            }
            default -> {
                Token k = next();
                if (k.type == T.PUNCT && k.text.equals("*")) {
                    return new JsonPathItem.AnyKey();
                }
                if (k.type == T.PUNCT && k.text.equals("**")) {
                    return anyLevel();
                }
                if (k.type == T.STRING) {
                    return new JsonPathItem.Key(k.text);
                }
                if (k.type != T.IDENT) {
                    throw syntax(k);
                }
                String lower = k.text.toLowerCase(Locale.ROOT);
                if (peekPunct("(") && JsonPathItem.Method.NAMES.contains(lower)) {
                    next();
                    expectPunct(")");
                    return new JsonPathItem.Method(lower);
                }
                return new JsonPathItem.Key(k.text);
            }
        }
    }

    private JsonPathItem subscriptExpr() {
        Token at = peek();
        JsonPathItem e = additive();
        if (e.isPredicate()) {
            throw syntax(at);
        }
        return e;
    }

    private Accessor anyLevel() {
        if (!peekPunct("{")) {
            return new JsonPathItem.AnyLevel(0, JsonPathItem.LAST_LEVEL);
        }
        next();
        int first = level();
        int last = first;
        if (peekKeyword("to")) {
            next();
            last = level();
        }
        expectPunct("}");
        return new JsonPathItem.AnyLevel(first, last);
    }

    private int level() {
        Token t = next();
        if (t.type == T.IDENT && t.text.equalsIgnoreCase("last")) {
            return JsonPathItem.LAST_LEVEL;
        }
        if (t.type != T.NUMBER || !t.text.chars().allMatch(Character::isDigit)) {
            throw syntax(t);
        }
        try {
            return Integer.parseInt(t.text);
        } catch (NumberFormatException e) {
            throw syntax(t);
        }
    }

    private static BigDecimal number(Token t) {
        return Numerics.normalize(new BigDecimal(t.text));
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type != T.EOF) {
            pos++;
        }
        return t;
    }

    private boolean peekPunct(String p) {
        Token t = peek();
        return t.type == T.PUNCT && t.text.equals(p);
    }

    private boolean peekKeyword(String k) {
        Token t = peek();
        return t.type == T.IDENT && t.text.equalsIgnoreCase(k);
    }

    private Token expectPunct(String p) {
        Token t = next();
        if (t.type != T.PUNCT || !t.text.equals(p)) {
            throw syntax(t);
        }
        return t;
    }

    private KyroException syntax(Token t) {
        if (t.type == T.EOF) {
            return new KyroException(SqlState.SYNTAX_ERROR, "syntax error at end of jsonpath input");
        }
        return new KyroException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + src.substring(t.start, t.end)
                + "\" of jsonpath input");
    }

    private static final String SPECIAL = "?%$.[]{}()|&!=<>@#,*:-+/\\\" \t\n\r\f";
    private static final String[] PUNCTS = {"**", "==", "!=", "<>", "<=", ">=", "&&", "||",
            "*", "<", ">", "!", "(", ")", "[", "]", "{", "}", ",", ".", "?", "+", "-", "/", "%", "@", "$"};

    private void lex() {
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            int start = i;
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i = string(i, sb);
                tokens.add(new Token(T.STRING, sb.toString(), start, i));
            } else if (c == '$') {
                i++;
                if (i < n && src.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i = string(i, sb);
                    tokens.add(new Token(T.VARIABLE, sb.toString(), start, i));
                } else if (i < n && SPECIAL.indexOf(src.charAt(i)) < 0) {
                    int s = i;
                    while (i < n && SPECIAL.indexOf(src.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(new Token(T.VARIABLE, src.substring(s, i), start, i));
                } else {
                    tokens.add(new Token(T.ROOT, "$", start, i));
                }
            } else if (c == '@') {
                i++;
                tokens.add(new Token(T.CURRENT, "@", start, i));
            } else if (c >= '0' && c <= '9') {
                i = number(i);
            } else if (SPECIAL.indexOf(c) >= 0) {
                String p = null;
                for (String candidate : PUNCTS) {
                    if (src.startsWith(candidate, i)) {
                        p = candidate;
                        break;
                    }
                }
                if (p == null) {
                    throw new KyroException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + c
                            + "\" of jsonpath input");
                }
                i += p.length();
                tokens.add(new Token(T.PUNCT, p, start, i));
            } else {
                while (i < n && SPECIAL.indexOf(src.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(T.IDENT, src.substring(start, i), start, i));
            }
        }
        tokens.add(new Token(T.EOF, "", n, n));
    }

    /** Digits, an optional fraction and exponent; a letter straight after is "trailing junk", as in Postgres. */
    private int number(int i) {
        int start = i;
        int n = src.length();
        while (i < n && Character.isDigit(src.charAt(i))) {
            i++;
        }
        if (i < n && src.charAt(i) == '.' && (i + 1 >= n || src.charAt(i + 1) != '.')) {
            i++;
            while (i < n && Character.isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(src.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(src.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < n && SPECIAL.indexOf(src.charAt(i)) < 0) {
            int j = i;
            while (j < n && SPECIAL.indexOf(src.charAt(j)) < 0) {
                j++;
            }
            throw new KyroException(SqlState.SYNTAX_ERROR, "trailing junk after numeric literal at or near \""
                    + src.substring(start, j) + "\" of jsonpath input");
        }
        String text = src.substring(start, i);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        tokens.add(new Token(T.NUMBER, text, start, i));
        return i;
    }

    /** A double-quoted string with JSON's escapes (and {@code \v}, {@code \xNN}); returns the index after it. */
    private int string(int i, StringBuilder sb) {
        int n = src.length();
        i++;
        while (i < n) {
            char c = src.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= n) {
                break;
            }
            char e = src.charAt(i++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000B');
                case 'u' -> {
                    if (i < n && src.charAt(i) == '{') {
                        int close = src.indexOf('}', i);
                        if (close < 0) {
                            throw new KyroException(SqlState.SYNTAX_ERROR, "invalid Unicode escape sequence"
                                    + " of jsonpath input");
                        }
                        sb.appendCodePoint(hex(i + 1, close));
                        i = close + 1;
                    } else {
                        sb.append((char) hex(i, i + 4));
                        i += 4;
                    }
                }
                case 'x' -> {
                    sb.append((char) hex(i, i + 2));
                    i += 2;
                }
                default -> sb.append(e);
            }
        }
        throw new KyroException(SqlState.SYNTAX_ERROR, "unterminated quoted string at end of jsonpath input");
    }

    private int hex(int from, int to) {
        if (to > src.length() || from >= to) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "invalid Unicode escape sequence of jsonpath input");
        }
        try {
            return Integer.parseInt(src.substring(from, to), 16);
        } catch (NumberFormatException e) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "invalid hexadecimal character sequence of jsonpath input");
        }
    }
}
