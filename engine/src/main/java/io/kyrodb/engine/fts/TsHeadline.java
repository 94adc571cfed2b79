package io.kyrodb.engine.fts;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.TsQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ts_headline with Postgres 15's default (non-fragment) algorithm: the earliest shortest cover of
 * the query's words, widened to MaxWords (stopping once MinWords are in, at a query word or a word
 * longer than ShortWord), the cover kept whole, the most query words preferred; the first MinWords
 * words when nothing matches; the query's words
 * wrapped in StartSel/StopSel (default {@code <b>}, {@code </b>}); HighlightAll returns the whole
 * document. Hyphenated words and URLs are written as their parts, tags as a space. MaxFragments is
 * accepted and ignored (one excerpt).
 */
public final class TsHeadline {
    private TsHeadline() {
    }

    /** One token of the document: its text, whether it is a word, and the query operands it matches. */
    private static final class Word {
        final TextParser.Token token;
        final List<TsQuery.Operand> items = new ArrayList<>();
        boolean selected;
        boolean in;

        Word(TextParser.Token token) {
            this.token = token;
        }

        TextParser.Type type() {
            return token.type();
        }

        boolean nonWord() {
            TextParser.Type t = type();
            return t == TextParser.Type.BLANK || t == TextParser.Type.TAG || skip();
        }

        boolean skip() {
            TextParser.Type t = type();
            return t == TextParser.Type.URL || t == TextParser.Type.NUMHWORD || t == TextParser.Type.ASCIIHWORD
                    || t == TextParser.Type.HWORD;
        }

        boolean noEnd(int shortWord) {
            TextParser.Type t = type();
            return nonWord() || t == TextParser.Type.PROTOCOL || t == TextParser.Type.ENTITY || t == TextParser.Type.SFLOAT || t == TextParser.Type.VERSION || t == TextParser.Type.FLOAT
                    || t == TextParser.Type.INT || t == TextParser.Type.UINT
                    || token.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= shortWord;
        }
    }

    public static String headline(TextSearchConfig cfg, String doc, TsQuery q, String options) {
        String startSel = "<b>";
        String stopSel = "</b>";
        int maxWords = 35;
        int minWords = 15;
        int shortWord = 3;
        boolean all = false;
        if (options != null && !options.isBlank()) {
            for (String opt : options.split(",")) {
                int eq = opt.indexOf('=');
                if (eq < 0) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid ts_headline option: \"" + opt.trim() + "\"");
                }
                String k = opt.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String v = opt.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                switch (k) {
                    case "startsel" -> startSel = v;
                    case "stopsel" -> stopSel = v;
                    case "maxwords" -> maxWords = integer(k, v);
                    case "minwords" -> minWords = integer(k, v);
                    case "shortword" -> shortWord = integer(k, v);
                    case "highlightall" -> all = v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")
                            || v.equalsIgnoreCase("yes") || v.equals("1") || v.equalsIgnoreCase("t");
                    case "maxfragments", "fragmentdelimiter" -> { }
                    default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                            "unrecognized headline parameter: \"" + opt.substring(0, eq).trim() + "\"");
                }
            }
        }
        if (!all) {
            if (minWords >= maxWords) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "MinWords should be less than MaxWords");
            }
            if (minWords <= 0) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "MinWords should be positive");
            }
            if (shortWord < 0) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "ShortWord should be >= 0");
            }
        }
        List<TsQuery.Operand> operands = q.operands();
        List<Word> words = new ArrayList<>();
        for (TextParser.Token t : TextParser.tokens(doc)) {
            Word w = new Word(t);
            if (t.type().indexed()) {
                String lexeme = cfg.normalize(t);
                if (lexeme != null) {
                    for (TsQuery.Operand o : operands) {
                        if (o.prefix() ? lexeme.startsWith(o.lexeme()) : lexeme.equals(o.lexeme())) {
                            w.items.add(o);
                        }
                    }
                }
            }
            words.add(w);
        }
        if (all) {
            for (Word w : words) {
                w.selected = !w.items.isEmpty();
                w.in = true;
            }
        } else {
            mark(words, q, Math.max(maxWords * 10, 100), maxWords, minWords, shortWord);
        }
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (!w.in || w.skip()) {
                continue;
            }
            if (w.type() == TextParser.Type.TAG && !all) {
                sb.append(' ');
            } else if (w.selected) {
                sb.append(startSel).append(w.token.text()).append(stopSel);
            } else {
                sb.append(w.token.text());
            }
        }
        return sb.toString();
    }

    /** Whether words[from..to] hold what {@code q} asks (positions: the word indexes). */
    private static boolean satisfies(List<Word> words, TsQuery q, int from, int to) {
        Map<TsQuery.Operand, List<Integer>> seen = new HashMap<>();
        for (int i = from; i <= to; i++) {
            for (TsQuery.Operand o : words.get(i).items) {
                seen.computeIfAbsent(o, k -> new ArrayList<>()).add(i);
            }
        }
        return TsMatcher.holds(q.root(), o -> {
            List<Integer> ps = seen.get(o);
            return ps == null ? new int[0] : ps.stream().mapToInt(Integer::intValue).toArray();
        }, seen::containsKey);
    }

    /** The first index at or after {@code from} of a word the query uses, or -1. */
    private static int firstItem(List<Word> words, int from) {
        for (int i = from; i < words.size(); i++) {
            if (!words.get(i).items.isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Postgres's hlCover: the earliest, then shortest, run of words at or after {@code start} (both
     * ends query words, at most {@code maxCover} long) that satisfies the query, as {p, q}; null when none.
     */
    private static int[] cover(List<Word> words, TsQuery q, int start, int maxCover) {
        if (q.isEmpty()) {
            return null;
        }
        int pmin = firstItem(words, start);
        while (pmin >= 0) {
            int nextpmin = -1;
            int pmax = pmin;
            do {
                if (satisfies(words, q, pmin, pmax)) {
                    return new int[]{pmin, pmax};
                }
                int next = firstItem(words, pmax + 1);
                if (pmax == pmin) {
                    nextpmin = next;
                }
                pmax = next;
            } while (pmax >= 0 && pmax - pmin < maxCover);
            pmin = nextpmin;
        }
        return null;
    }

    /** A poor place to end a headline: a non-word or short word that the query does not use. */
    private static boolean badEnd(List<Word> words, int i, int shortWord) {
        Word w = words.get(i);
        return w.noEnd(shortWord) && w.items.isEmpty();
    }

    /** Postgres's mark_hl_words: picks the best cover, widened as described in the class comment, and marks it. */
    private static void mark(List<Word> words, TsQuery q, int maxCover, int maxWords, int minWords, int shortWord) {
        int bestb = -1;
        int beste = -1;
        int bestlen = -1;
        boolean bestcover = false;
        int p = 0;
        int[] pq;
        while ((pq = cover(words, q, p, maxCover)) != null) {
            p = pq[0];
            int qq = pq[1];
            int curlen = 0;
            int poslen = 0;
            int posb = p;
            int pose = p;
            int i;
            for (i = p; i <= qq && curlen < maxWords; i++) {
                if (!words.get(i).nonWord()) {
                    curlen++;
                }
                if (!words.get(i).items.isEmpty()) {
                    poslen++;
                }
                pose = i;
            }
            if (curlen < maxWords) {
                for (i = i - 1; i < words.size() && curlen < maxWords; i++) {
                    if (i > qq) {
                        if (!words.get(i).nonWord()) {
                            curlen++;
                        }
                        if (!words.get(i).items.isEmpty()) {
                            poslen++;
                        }
                    }
                    pose = i;
                    if (badEnd(words, i, shortWord)) {
                        continue;
                    }
                    if (curlen >= minWords) {
                        break;
                    }
                }
                if (curlen < minWords) {
                    for (i = p - 1; i >= 0; i--) {
                        if (!words.get(i).nonWord()) {
                            curlen++;
                        }
                        if (!words.get(i).items.isEmpty()) {
                            poslen++;
                        }
                        if (curlen >= maxWords) {
                            break;
                        }
                        if (badEnd(words, i, shortWord)) {
                            continue;
                        }
                        if (curlen >= minWords) {
                            break;
                        }
                    }
                    posb = Math.max(i, 0);
                }
            } else {
                if (i > qq) {
                    i = qq;
                }
                for (; curlen > minWords; i--) {
                    if (!badEnd(words, i, shortWord)) {
                        break;
                    }
                    if (!words.get(i).nonWord()) {
                        curlen--;
                    }
                    if (!words.get(i).items.isEmpty()) {
                        poslen--;
                    }
                    pose = i - 1;
                }
            }
            boolean poscover = posb <= p && pose >= qq;
            if (poscover && !bestcover || poscover == bestcover && poslen > bestlen
                    || poscover == bestcover && poslen == bestlen && !badEnd(words, pose, shortWord)
                    && badEnd(words, beste, shortWord)) {
                bestb = posb;
                beste = pose;
                bestlen = poslen;
                bestcover = poscover;
            }
            p++;
        }
        if (bestlen < 0) {
            int curlen = 0;
            int pose = 0;
            for (int i = 0; i < words.size() && curlen < minWords; i++) {
                if (!words.get(i).nonWord()) {
                    curlen++;
                }
                pose = i;
            }
            bestb = 0;
            beste = pose;
        }
        for (int i = bestb; i <= beste && i < words.size(); i++) {
            Word w = words.get(i);
            w.selected = !w.items.isEmpty();
            w.in = true;
        }
    }

    private static int integer(String k, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for " + k + ": \"" + v + "\"");
        }
    }
}
