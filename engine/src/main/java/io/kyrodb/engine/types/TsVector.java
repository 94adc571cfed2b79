package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A {@code tsvector}: distinct lexemes in Postgres's order (bytes compared, the shorter first), each
 * with its positions (1 to 16383, ascending, at most 256) and their weights, or none (a stripped
 * lexeme). A position is stored as {@code pos << 2 | weight} with weight 3 = A, 2 = B, 1 = C, 0 = D,
 * as Postgres's WordEntryPos. Text form as Postgres's {@code tsvectorout}: {@code 'a':1A,4 'cat':3}.
 * Immutable; equality by content; order as Postgres's {@code tsvector_cmp}.
 */
public final class TsVector implements Comparable<TsVector> {
    /** Postgres's largest position; larger ones are stored as this. */
    public static final int MAX_POS = 16383;
    /** Postgres's limit on positions per lexeme; later ones are dropped. */
    public static final int MAX_POSITIONS = 256;
    private static final int[] NONE = new int[0];
    public static final TsVector EMPTY = new TsVector(new String[0], new int[0][]);

    private final String[] lexemes;
    /** Per lexeme its encoded positions, or an empty array when it has none. */
    private final int[][] positions;

    private TsVector(String[] lexemes, int[][] positions) {
        this.lexemes = lexemes;
        this.positions = positions;
    }

    public int size() { return lexemes.length; }
    public String lexeme(int i) { return lexemes[i]; }
    /** The encoded positions of lexeme {@code i} (empty when stripped); do not modify. */
    public int[] positions(int i) { return positions[i]; }

    public static int pos(int encoded) { return encoded >>> 2; }
    public static int weight(int encoded) { return encoded & 3; }
    public static int encode(int pos, int weight) { return Math.min(Math.max(pos, 0), MAX_POS) << 2 | weight; }

    /** The index of {@code lexeme}, or -(insertion point) - 1. */
    public int find(String lexeme) {
        return Arrays.binarySearch(lexemes, lexeme, TsVector::compareLexemes);
    }

    /** Postgres's lexeme order (tsCompareString): UTF-8 bytes unsigned, the shorter first on a common prefix. */
    public static int compareLexemes(String a, String b) {
        return a.compareTo(b);
    }

    /** Builds a vector from unsorted lexemes and positions (merged, sorted, deduplicated as Postgres does). */
    public static TsVector of(List<String> words, List<int[]> wordPositions) {
        TreeMap<String, List<Integer>> map = new TreeMap<>(TsVector::compareLexemes);
        for (int i = 0; i < words.size(); i++) {
            List<Integer> ps = map.computeIfAbsent(words.get(i), k -> new ArrayList<>());
            for (int p : wordPositions.get(i)) {
                ps.add(p);
            }
        }
        String[] lex = new String[map.size()];
        int[][] pos = new int[map.size()][];
        int k = 0;
        for (var e : map.entrySet()) {
            lex[k] = e.getKey();
            pos[k] = normalize(e.getValue());
            k++;
        }
        return new TsVector(lex, pos);
    }

    /** A vector from already sorted distinct lexemes and normalized positions (taken). */
    public static TsVector ofSorted(String[] lexemes, int[][] positions) {
        return new TsVector(lexemes, positions);
    }

    /** Sorts by position, keeps one entry per position (the highest weight), at most 256. */
    private static int[] normalize(List<Integer> ps) {
        if (ps.isEmpty()) {
            return NONE;
        }
        int[] a = ps.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        int n = 0;
        for (int x : a) {
            if (n > 0 && pos(a[n - 1]) == pos(x)) {
                a[n - 1] = Math.max(a[n - 1], x);
            } else {
                a[n++] = x;
            }
        }
        return Arrays.copyOf(a, Math.min(n, MAX_POSITIONS));
    }

    /** Reads Postgres's text form; 42601 as Postgres for bad syntax or a bad position. */
    public static TsVector parse(String text) {
        List<String> words = new ArrayList<>();
        List<int[]> poss = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder w = new StringBuilder();
            if (text.charAt(i) == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw syntax(text);
                    }
                    char c = text.charAt(i);
                    if (c == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            w.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (c == '\\') {
                        if (i + 1 >= n) {
                            throw syntax(text);
                        }
                        w.append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    w.append(c);
                    i++;
                }
                if (w.isEmpty()) {
                    throw syntax(text);
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ':') {
                    char c = text.charAt(i);
                    if (c == '\'') {
                        throw syntax(text);
                    }
                    if (c == '\\') {
                        if (i + 1 >= n) {
                            throw syntax(text);
                        }
                        w.append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    w.append(c);
                    i++;
                }
                if (w.isEmpty()) {
                    throw syntax(text);
                }
            }
            List<Integer> ps = new ArrayList<>();
            if (i < n && text.charAt(i) == ':') {
                i++;
                while (true) {
                    int start = i;
                    long p = 0;
                    while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                        p = Math.min(p * 10 + (text.charAt(i) - '0'), Integer.MAX_VALUE);
                        i++;
                    }
                    if (i == start || p == 0) {
                        throw new KyroException(SqlState.SYNTAX_ERROR, "wrong position info in tsvector: \"" + text + "\"");
                    }
                    int weight = 0;
                    if (i < n) {
                        weight = switch (Character.toUpperCase(text.charAt(i))) {
                            case 'A' -> 3;
                            case 'B' -> 2;
                            case 'C' -> 1;
                            case 'D', '*' -> 0;
                            default -> -1;
                        };
                        if (weight >= 0) {
                            i++;
                        } else {
                            weight = 0;
                        }
                    }
                    ps.add(encode((int) Math.min(p, MAX_POS), weight));
                    if (i < n && text.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < n && !Character.isWhitespace(text.charAt(i))) {
                    throw syntax(text);
                }
            }
            words.add(w.toString());
            poss.add(ps.stream().mapToInt(Integer::intValue).toArray());
        }
        return of(words, poss);
    }

    private static KyroException syntax(String text) {
        return new KyroException(SqlState.SYNTAX_ERROR, "syntax error in tsvector: \"" + text + "\"");
    }

    /** A lexeme as Postgres prints it: in single quotes, {@code '} and {@code \} doubled. */
    public static void quote(StringBuilder sb, String lexeme) {
        sb.append('\'');
        for (int i = 0; i < lexeme.length(); i++) {
            char c = lexeme.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lexemes.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            quote(sb, lexemes[i]);
            int[] ps = positions[i];
            for (int j = 0; j < ps.length; j++) {
                sb.append(j == 0 ? ':' : ',').append(pos(ps[j]));
                switch (weight(ps[j])) {
                    case 3 -> sb.append('A');
                    case 2 -> sb.append('B');
                    case 1 -> sb.append('C');
                    default -> { }
                }
            }
        }
        return sb.toString();
    }

    /** The number of positions, a stripped lexeme counting one (Postgres's cnt_length). */
    public int countLength() {
        int n = 0;
        for (int[] p : positions) {
            n += Math.max(p.length, 1);
        }
        return n;
    }

    /** The largest position (0 when none). */
    public int maxPos() {
        int m = 0;
        for (int[] ps : positions) {
            for (int p : ps) {
                m = Math.max(m, pos(p));
            }
        }
        return m;
    }

    /** The vector without positions (strip). */
    public TsVector strip() {
        int[][] none = new int[lexemes.length][];
        Arrays.fill(none, NONE);
        return new TsVector(lexemes, none);
    }

    /** Every position's weight set to {@code weight} (setweight); with {@code only} not null, only those lexemes. */
    public TsVector setWeight(int weight, java.util.Set<String> only) {
        int[][] out = new int[lexemes.length][];
        for (int i = 0; i < lexemes.length; i++) {
            if (only != null && !only.contains(lexemes[i])) {
                out[i] = positions[i];
                continue;
            }
            out[i] = positions[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = out[i][j] & ~3 | weight;
            }
        }
        return new TsVector(lexemes, out);
    }

    /** {@code a || b}: b's positions shifted past a's largest, as Postgres's tsvector_concat. */
    public TsVector concat(TsVector b) {
        int shift = maxPos();
        List<String> words = new ArrayList<>();
        List<int[]> ps = new ArrayList<>();
        for (int i = 0; i < lexemes.length; i++) {
            words.add(lexemes[i]);
            ps.add(positions[i]);
        }
        for (int i = 0; i < b.lexemes.length; i++) {
            int[] q = b.positions[i].clone();
            for (int j = 0; j < q.length; j++) {
                q[j] = encode(pos(q[j]) + shift, weight(q[j]));
            }
            words.add(b.lexemes[i]);
            ps.add(q);
        }
        return of(words, ps);
    }

    /** Postgres's on-disk size of this value (varlena header, entries, lexemes, aligned position lists): the first key of its order. */
    private int pgSize() {
        int size = 8 + 4 * lexemes.length;
        for (int i = 0; i < lexemes.length; i++) {
            size += lexemes[i].getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (positions[i].length > 0) {
                size = (size + 1) & ~1;
                size += 2 + 2 * positions[i].length;
            }
        }
        return size;
    }

    @Override
    public int compareTo(TsVector o) {
        int c = Integer.compare(pgSize(), o.pgSize());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(lexemes.length, o.lexemes.length);
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < lexemes.length; i++) {
            c = Boolean.compare(positions[i].length > 0, o.positions[i].length > 0);
            if (c != 0) {
                return c;
            }
            c = compareLexemes(lexemes[i], o.lexemes[i]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(positions[i].length, o.positions[i].length);
            if (c != 0) {
                return c;
            }
            for (int j = 0; j < positions[i].length; j++) {
                c = Integer.compare(pos(positions[i][j]), pos(o.positions[i][j]));
                if (c == 0) {
                    c = Integer.compare(weight(positions[i][j]), weight(o.positions[i][j]));
                }
                if (c != 0) {
                    return c;
                }
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsVector v && Arrays.equals(lexemes, v.lexemes) && Arrays.deepEquals(positions, v.positions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lexemes) * 31 + Arrays.deepHashCode(positions);
    }
}
