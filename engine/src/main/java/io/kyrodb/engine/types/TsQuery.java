package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.List;
import java.util.function.Function;

/**
 * A {@code tsquery}: a tree of lexemes combined with {@code !}, {@code &}, {@code |} and the phrase
 * operator {@code <N>} ({@code <->} is {@code <1>}). An operand may be a prefix ({@code :*}) and
 * restricted to weights (a mask: bit 3 = A, 2 = B, 1 = C, 0 = D, as Postgres stores it). Text form
 * as Postgres's {@code tsqueryout}; an empty query (all stop words) prints as the empty string.
 * Immutable; equality by structure.
 */
public final class TsQuery implements Comparable<TsQuery> {
    /** One node of the tree. */
    public sealed interface Node permits Operand, Not, And, Or, Phrase {
    }

    public record Operand(String lexeme, int weights, boolean prefix) implements Node {
    }

    public record Not(Node child) implements Node {
    }

    public record And(Node left, Node right) implements Node {
    }

    public record Or(Node left, Node right) implements Node {
    }

    public record Phrase(Node left, Node right, int distance) implements Node {
    }

    /** Postgres's limit on a phrase distance. */
    public static final int MAX_DISTANCE = 16384;
    public static final TsQuery EMPTY = new TsQuery(null);

    private final Node root;

    private TsQuery(Node root) {
        this.root = root;
    }

    public static TsQuery of(Node root) {
        return root == null ? EMPTY : new TsQuery(root);
    }

    /** The root, or null for the empty query. */
    public Node root() {
        return root;
    }

    public boolean isEmpty() {
        return root == null;
    }

    /** Reads Postgres's text form, each operand as written (the {@code tsquery} input function). */
    public static TsQuery parse(String text) {
        return parse(text, (o) -> o);
    }

    /**
     * Reads the query syntax, replacing each operand by what {@code normalize} makes of it (to_tsquery
     * runs it through a configuration; null: a stop word, dropped as Postgres drops it).
     */
    public static TsQuery parse(String text, Function<Operand, Node> normalize) {
        if (text.isBlank()) {
            return EMPTY;   // Postgres: a NOTICE that the query contains no lexemes, and the empty query
        }
        QueryParser p = new QueryParser(text, normalize);
        Node n = p.parseOr();
        p.skipSpace();
        if (p.at < text.length()) {
            throw p.syntax();
        }
        return of(Stopwords.clean(n));
    }

    /** Operator priorities as Postgres's: ! 4, phrase 3, & 2, | 1. */
    private static int priority(Node n) {
        return switch (n) {
            case Not x -> 4;
            case Phrase x -> 3;
            case And x -> 2;
            case Or x -> 1;
            case Operand x -> 5;
        };
    }

    @Override
    public String toString() {
        if (root == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        infix(sb, root, 0, false);
        return sb.toString();
    }

    private static void infix(StringBuilder sb, Node n, int parentPriority, boolean rightOfPhrase) {
        switch (n) {
            case Operand o -> {
                TsVector.quote(sb, o.lexeme());
                if (o.weights() != 0 || o.prefix()) {
                    sb.append(':');
                    if (o.prefix()) {
                        sb.append('*');
                    }
                    if ((o.weights() & 8) != 0) sb.append('A');
                    if ((o.weights() & 4) != 0) sb.append('B');
                    if ((o.weights() & 2) != 0) sb.append('C');
                    if ((o.weights() & 1) != 0) sb.append('D');
                }
            }
            case Not x -> {
                boolean paren = 4 < parentPriority;
                if (paren) sb.append("( ");
                sb.append('!');
                infix(sb, x.child(), 4, false);
                if (paren) sb.append(" )");
            }
            default -> {
                int p = priority(n);
                boolean paren = p < parentPriority || n instanceof Phrase && rightOfPhrase;
                Node l;
                Node r;
                String op;
                switch (n) {
                    case And a -> { l = a.left(); r = a.right(); op = " & "; }
                    case Or a -> { l = a.left(); r = a.right(); op = " | "; }
                    case Phrase a -> { l = a.left(); r = a.right(); op = a.distance() == 1 ? " <-> " : " <" + a.distance() + "> "; }
                    default -> throw new IllegalStateException();
                }
                if (paren) sb.append("( ");
                infix(sb, l, p, false);
                sb.append(op);
                infix(sb, r, p, n instanceof Phrase);
                if (paren) sb.append(" )");
            }
        }
    }

    /** The number of nodes, operands and operators (numnode). */
    public int nodeCount() {
        return root == null ? 0 : count(root);
    }

    private static int count(Node n) {
        return switch (n) {
            case Operand o -> 1;
            case Not x -> 1 + count(x.child());
            case And a -> 1 + count(a.left()) + count(a.right());
            case Or a -> 1 + count(a.left()) + count(a.right());
            case Phrase a -> 1 + count(a.left()) + count(a.right());
        };
    }

    /** The operands, left to right, repeats included. */
    public List<Operand> operands() {
        List<Operand> out = new java.util.ArrayList<>();
        if (root != null) {
            collect(root, out);
        }
        return out;
    }

    private static void collect(Node n, List<Operand> out) {
        switch (n) {
            case Operand o -> out.add(o);
            case Not x -> collect(x.child(), out);
            case And a -> { collect(a.left(), out); collect(a.right(), out); }
            case Or a -> { collect(a.left(), out); collect(a.right(), out); }
            case Phrase a -> { collect(a.left(), out); collect(a.right(), out); }
        }
    }

    /** querytree: the query without its negated parts (what an index can search for); {@code T} when nothing is left. */
    public String indexableTree() {
        if (root == null) {
            return "T";
        }
        Node n = withoutNot(root);
        return n == null ? "T" : of(n).toString();
    }

    private static Node withoutNot(Node n) {
        return switch (n) {
            case Operand o -> o;
            case Not x -> null;
            case Or a -> {
                Node l = withoutNot(a.left());
                Node r = l == null ? null : withoutNot(a.right());
                yield l == null || r == null ? null : new Or(l, r);
            }
            case And a -> pair(withoutNot(a.left()), withoutNot(a.right()), (l, r) -> new And(l, r));
            case Phrase a -> pair(withoutNot(a.left()), withoutNot(a.right()), (l, r) -> new Phrase(l, r, a.distance()));
        };
    }

    private static Node pair(Node l, Node r, java.util.function.BinaryOperator<Node> both) {
        return l == null ? r : r == null ? l : both.apply(l, r);
    }

    @Override
    public int compareTo(TsQuery o) {
        int c = Integer.compare(nodeCount(), o.nodeCount());
        return c != 0 ? c : toString().compareTo(o.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsQuery q && java.util.Objects.equals(root, q.root);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(root);
    }

    /** Postgres's clean_stopwords: removes the stop-word placeholders, widening phrase distances over them. */
    public static final class Stopwords {
        /** The placeholder operand for a stop word (a lexeme no text produces). */
        public static final Operand STOP = new Operand("\u0000stop", 0, false);

        private Stopwords() {
        }

        public static Node clean(Node n) {
            if (n == null) {
                return null;
            }
            int[] adds = new int[2];
            return clean(n, adds);
        }

        private static Node clean(Node n, int[] out) {
            out[0] = out[1] = 0;
            switch (n) {
                case Operand o -> {
                    return o == STOP ? null : o;
                }
                case Not x -> {
                    Node c = clean(x.child(), out);
                    return c == null ? null : new Not(c);
                }
                default -> {
                    Node l0;
                    Node r0;
                    int distance = 0;
                    boolean phrase = n instanceof Phrase;
                    switch (n) {
                        case And a -> { l0 = a.left(); r0 = a.right(); }
                        case Or a -> { l0 = a.left(); r0 = a.right(); }
                        case Phrase a -> { l0 = a.left(); r0 = a.right(); distance = a.distance(); }
                        default -> throw new IllegalStateException();
                    }
                    int[] la = new int[2];
                    int[] ra = new int[2];
                    Node l = clean(l0, la);
                    Node r = clean(r0, ra);
                    if (l == null && r == null) {
                        if (phrase) {
                            out[0] = out[1] = la[0] + distance + ra[0];
                        }
                        return null;
                    }
                    if (l == null) {
                        if (phrase) {
                            out[0] = la[0] + distance + ra[0];
                            out[1] = ra[1];
                        }
                        return r;
                    }
                    if (r == null) {
                        if (phrase) {
                            out[0] = la[0];
                            out[1] = la[1] + distance + ra[1];
                        }
                        return l;
                    }
                    return switch (n) {
                        case And a -> new And(l, r);
                        case Or a -> new Or(l, r);
                        default -> {
                            out[0] = la[0];
                            out[1] = ra[1];
                            yield new Phrase(l, r, Math.min(distance + la[1] + ra[0], MAX_DISTANCE));
                        }
                    };
                }
            }
        }
    }

    /** The query syntax: | lowest, then &, then the phrase operators, then !; parentheses group. */
    private static final class QueryParser {
        final String text;
        final Function<Operand, Node> normalize;
        int at;
        boolean sawOperand;

        QueryParser(String text, Function<Operand, Node> normalize) {
            this.text = text;
            this.normalize = normalize;
        }

        KyroException syntax() {
            return new KyroException(SqlState.SYNTAX_ERROR, "syntax error in tsquery: \"" + text + "\"");
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        boolean eat(char c) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        Node parseOr() {
            Node l = parseAnd();
            while (eat('|')) {
                l = combine(l, parseAnd(), 1, 0);
            }
            return l;
        }

        Node parseAnd() {
            Node l = parsePhrase();
            while (eat('&')) {
                l = combine(l, parsePhrase(), 2, 0);
            }
            return l;
        }

        Node parsePhrase() {
            Node l = parseUnary();
            while (true) {
                skipSpace();
                if (at >= text.length() || text.charAt(at) != '<') {
                    return l;
                }
                int distance;
                if (text.startsWith("<->", at)) {
                    at += 3;
                    distance = 1;
                } else {
                    int end = text.indexOf('>', at);
                    if (end < 0) {
                        throw syntax();
                    }
                    String d = text.substring(at + 1, end).trim();
                    if (!d.matches("\\d+")) {
                        throw syntax();
                    }
                    long v = Long.parseLong(d.length() > 9 ? "9999999999" : d);
                    if (v > MAX_DISTANCE) {
                        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                                "distance in phrase operator must be an integer value between zero and " + MAX_DISTANCE
                                        + " inclusive");
                    }
                    distance = (int) v;
                    at = end + 1;
                }
                l = combine(l, parseUnary(), 3, distance);
            }
        }

        private Node combine(Node l, Node r, int op, int distance) {
            return switch (op) {
                case 1 -> new Or(l, r);
                case 2 -> new And(l, r);
                default -> new Phrase(l, r, distance);
            };
        }

        Node parseUnary() {
            skipSpace();
            if (at >= text.length()) {
                throw new KyroException(SqlState.SYNTAX_ERROR, "no operand in tsquery: \"" + text + "\"");
            }
            char c = text.charAt(at);
            if (c == '!') {
                at++;
                return new Not(parseUnary());
            }
            if (c == '(') {
                at++;
                Node n = parseOr();
                if (!eat(')')) {
                    throw syntax();
                }
                return n;
            }
            if (c == ')' || c == '&' || c == '|' || c == '<' || c == ':') {
                throw c == ':' ? syntax() : new KyroException(SqlState.SYNTAX_ERROR, "no operand in tsquery: \"" + text + "\"");
            }
            StringBuilder w = new StringBuilder();
            if (c == '\'') {
                at++;
                while (true) {
                    if (at >= text.length()) {
                        throw syntax();
                    }
                    char d = text.charAt(at);
                    if (d == '\'') {
                        if (at + 1 < text.length() && text.charAt(at + 1) == '\'') {
                            w.append('\'');
                            at += 2;
                            continue;
                        }
                        at++;
                        break;
                    }
                    if (d == '\\' && at + 1 < text.length()) {
                        w.append(text.charAt(at + 1));
                        at += 2;
                        continue;
                    }
                    w.append(d);
                    at++;
                }
            } else {
                while (at < text.length()) {
                    char d = text.charAt(at);
                    if (Character.isWhitespace(d) || "!&|()<:'".indexOf(d) >= 0) {
                        break;
                    }
                    if (d == '\\' && at + 1 < text.length()) {
                        w.append(text.charAt(at + 1));
                        at += 2;
                        continue;
                    }
                    w.append(d);
                    at++;
                }
            }
            int weights = 0;
            boolean prefix = false;
            if (at < text.length() && text.charAt(at) == ':') {
                at++;
                while (at < text.length()) {
                    char d = Character.toUpperCase(text.charAt(at));
                    if (d == '*') prefix = true;
                    else if (d == 'A') weights |= 8;
                    else if (d == 'B') weights |= 4;
                    else if (d == 'C') weights |= 2;
                    else if (d == 'D') weights |= 1;
                    else break;
                    at++;
                }
            }
            if (w.isEmpty()) {
                throw syntax();
            }
            sawOperand = true;
            Node n = normalize.apply(new Operand(w.toString(), weights, prefix));
            return n == null ? Stopwords.STOP : n;
        }
    }
}
