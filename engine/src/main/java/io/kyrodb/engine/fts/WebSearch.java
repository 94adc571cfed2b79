package io.kyrodb.engine.fts;

import io.kyrodb.engine.types.TsQuery;
import io.kyrodb.engine.types.TsQuery.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * websearch_to_tsquery's syntax, as Postgres 15 reads it: words are ANDed, {@code or} between two
 * of them is OR, a leading {@code -} negates a word or a quoted phrase, and {@code "..."} is a
 * phrase (its words joined by {@code <->}). Nothing is a syntax error: stray operators and
 * unclosed quotes are read as well as they can be.
 */
final class WebSearch {
    private enum Kind { WORD, AND, OR, NOT, OPEN, CLOSE }

    private record Tok(Kind kind, String text, boolean quoted) {
    }

    private WebSearch() {
    }

    static Node parse(String text, Function<String, Node> operand) {
        List<Tok> toks = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    end = n;
                }
                String inner = text.substring(i + 1, end);
                i = Math.min(end + 1, n);
                List<String> words = new ArrayList<>();
                for (String w : inner.trim().split("\\s+")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
                if (words.isEmpty()) {
                    continue;
                }
                toks.add(new Tok(Kind.OPEN, null, true));
                for (String w : words) {
                    toks.add(new Tok(Kind.WORD, w, true));
                }
                toks.add(new Tok(Kind.CLOSE, null, true));
                continue;
            }
            if (c == '-') {
                toks.add(new Tok(Kind.NOT, null, false));
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
                i++;
            }
            String w = text.substring(start, i);
            toks.add(w.equalsIgnoreCase("or") ? new Tok(Kind.OR, null, false) : new Tok(Kind.WORD, w, false));
        }
        return new Reader(toks, operand).parse();
    }

    /** The token list as OR of ANDs of (negated) words or phrases. */
    private static final class Reader {
        final List<Tok> toks;
        final Function<String, Node> operand;
        int at;

        Reader(List<Tok> toks, Function<String, Node> operand) {
            this.toks = toks;
            this.operand = operand;
        }

        Node parse() {
            Node result = null;
            Node and = null;
            boolean pendingOr = false;
            while (at < toks.size()) {
                Tok t = toks.get(at);
                if (t.kind == Kind.OR) {
                    at++;
                    if (and != null) {
                        pendingOr = true;
                    }
                    continue;
                }
                Node term = term();
                if (term == null) {
                    continue;
                }
                if (pendingOr) {
                    result = result == null ? and : new TsQuery.Or(result, and);
                    and = term;
                    pendingOr = false;
                } else {
                    and = and == null ? term : new TsQuery.And(and, term);
                }
            }
            if (and != null) {
                result = result == null ? and : new TsQuery.Or(result, and);
            }
            return result;
        }

        /** A word or phrase, negated by the '-'s before it; null when there is none (a trailing '-'). */
        Node term() {
            boolean negate = false;
            while (at < toks.size() && toks.get(at).kind == Kind.NOT) {
                negate = !negate;
                at++;
            }
            if (at >= toks.size()) {
                return null;
            }
            Tok t = toks.get(at);
            Node node;
            if (t.kind == Kind.OPEN) {
                at++;
                node = null;
                while (at < toks.size() && toks.get(at).kind == Kind.WORD) {
                    Node w = operand.apply(toks.get(at).text);
                    node = node == null ? w : new TsQuery.Phrase(node, w, 1);
                    at++;
                }
                at++;   // CLOSE
            } else if (t.kind == Kind.WORD) {
                node = operand.apply(t.text);
                at++;
            } else {
                return null;
            }
            return node == null ? null : negate ? new TsQuery.Not(node) : node;
        }
    }
}
