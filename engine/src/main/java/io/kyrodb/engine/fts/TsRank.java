package io.kyrodb.engine.fts;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.TsQuery;
import io.kyrodb.engine.types.TsVector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ts_rank and ts_rank_cd with Postgres's formulas (tsrank.c: calc_rank_or, calc_rank_and,
 * calc_rank_cd and its cover search), computed in the same float/double steps so the real results
 * print the same digits. Weights are {D, C, B, A}, default {0.1, 0.2, 0.4, 1.0}; normalization is
 * Postgres's bit mask (1 log length, 2 length, 4 extent distance (cd only), 8 unique words,
 * 16 log unique words, 32 rank / (rank + 1)).
 */
public final class TsRank {
    private static final float[] DEFAULT_WEIGHTS = {0.1f, 0.2f, 0.4f, 1.0f};
    private static final int MAX_ENTRY_POS = 1 << 14;

    private TsRank() {
    }

    /** The weights a ts_rank call gives (null: the default); 2202E when fewer than 4, 22023 past 1. */
    public static float[] weights(Object[] array) {
        if (array == null) {
            return DEFAULT_WEIGHTS;
        }
        if (array.length < 4) {
            throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "array of weight is too short");
        }
        float[] w = new float[4];
        for (int i = 0; i < 4; i++) {
            Object o = array[i];
            if (o == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "array of weight must not contain nulls");
            }
            float f = ((Number) o).floatValue();
            w[i] = f >= 0 ? f : DEFAULT_WEIGHTS[i];
            if (w[i] > 1.0f) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "weight out of range");
            }
        }
        return w;
    }

    private static float wordDistance(int w) {
        if (w > 100) {
            return 1e-30f;
        }
        return (float) (1.0 / (1.005 + 0.05 * Math.exp(((float) w) / 1.5 - 2)));
    }

    /** The query's distinct operands in lexeme order (Postgres's SortAndUniqItems). */
    private static List<TsQuery.Operand> uniqueItems(TsQuery q) {
        TreeSet<String> seen = new TreeSet<>(TsVector::compareLexemes);
        List<TsQuery.Operand> out = new ArrayList<>();
        List<TsQuery.Operand> all = new ArrayList<>(q.operands());
        all.sort((a, b) -> TsVector.compareLexemes(a.lexeme(), b.lexeme()));
        for (TsQuery.Operand o : all) {
            if (seen.add(o.lexeme())) {
                out.add(o);
            }
        }
        return out;
    }

    /** The indexes of the entries an operand finds (all those a prefix begins). */
    private static int[] entries(TsVector v, TsQuery.Operand o) {
        int at = v.find(o.lexeme());
        if (!o.prefix()) {
            return at >= 0 ? new int[]{at} : new int[0];
        }
        int from = at >= 0 ? at : -at - 1;
        int to = from;
        while (to < v.size() && v.lexeme(to).startsWith(o.lexeme())) {
            to++;
        }
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private static int[] positionsOrNull(TsVector v, int entry, int nullPos) {
        int[] ps = v.positions(entry);
        return ps.length > 0 ? ps : new int[]{nullPos};
    }

    public static float rank(float[] w, TsVector v, TsQuery q, int method) {
        if (v.size() == 0 || q.isEmpty()) {
            return 0f;
        }
        TsQuery.Node root = q.root();
        float res = root instanceof TsQuery.And || root instanceof TsQuery.Phrase ? rankAnd(w, v, q) : rankOr(w, v, q);
        if (res < 0) {
            res = 1e-20f;
        }
        if ((method & 1) != 0 && v.size() > 0) {
            res = (float) (res / (Math.log(v.countLength() + 1.0) / Math.log(2.0)));
        }
        if ((method & 2) != 0) {
            int len = v.countLength();
            if (len > 0) {
                res /= (float) len;
            }
        }
        if ((method & 8) != 0 && v.size() > 0) {
            res /= (float) v.size();
        }
        if ((method & 16) != 0 && v.size() > 0) {
            res = (float) (res / (Math.log(v.size() + 1.0) / Math.log(2.0)));
        }
        if ((method & 32) != 0) {
            res /= (res + 1);
        }
        return res;
    }

    private static float rankOr(float[] w, TsVector v, TsQuery q) {
        List<TsQuery.Operand> items = uniqueItems(q);
        float res = 0f;
        for (TsQuery.Operand item : items) {
            for (int e : entries(v, item)) {
                int[] post = positionsOrNull(v, e, 0);
                float resj = 0f;
                float wjm = -1f;
                int jm = 0;
                for (int j = 0; j < post.length; j++) {
                    float wp = w[TsVector.weight(post[j])];
                    resj = resj + wp / ((j + 1) * (j + 1));
                    if (wp > wjm) {
                        wjm = wp;
                        jm = j;
                    }
                }
                res = (float) (res + (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685);
            }
        }
        if (!items.isEmpty()) {
            res = res / items.size();
        }
        return res;
    }

    private static float rankAnd(float[] w, TsVector v, TsQuery q) {
        List<TsQuery.Operand> items = uniqueItems(q);
        if (items.size() < 2) {
            return rankOr(w, v, q);
        }
        int nullPos = TsVector.encode(MAX_ENTRY_POS - 1, 0);
        int[][] pos = new int[items.size()][];
        boolean[] isNull = new boolean[items.size()];
        float res = -1f;
        for (int i = 0; i < items.size(); i++) {
            for (int e : entries(v, items.get(i))) {
                isNull[i] = v.positions(e).length == 0;
                pos[i] = positionsOrNull(v, e, nullPos);
                int[] post = pos[i];
                for (int k = 0; k < i; k++) {
                    if (pos[k] == null) {
                        continue;
                    }
                    int[] ct = pos[k];
                    for (int l = 0; l < post.length; l++) {
                        for (int p = 0; p < ct.length; p++) {
                            int dist = Math.abs(TsVector.pos(post[l]) - TsVector.pos(ct[p]));
                            if (dist != 0 || isNull[i] || isNull[k]) {
                                if (dist == 0) {
                                    dist = MAX_ENTRY_POS;
                                }
                                float curw = (float) Math.sqrt(w[TsVector.weight(post[l])] * w[TsVector.weight(ct[p])]
                                        * wordDistance(dist));
                                res = res < 0 ? curw : (float) (1.0 - (1.0 - res) * (1.0 - curw));
                            }
                        }
                    }
                }
            }
        }
        return res;
    }

    /** One position of the document that some query operands match (Postgres's DocRepresentation). */
    private record DocEntry(int pos, int entry, List<TsQuery.Operand> items) {
    }

    public static float rankCd(float[] w, TsVector v, TsQuery q, int method) {
        double[] invws = new double[4];
        for (int i = 0; i < 4; i++) {
            invws[i] = 1.0 / w[i];
        }
        if (v.size() == 0 || q.isEmpty()) {
            return 0f;
        }
        List<DocEntry> doc = docRep(v, q);
        if (doc.isEmpty()) {
            return 0f;
        }
        double wdoc = 0.0;
        double sumDist = 0.0;
        double prevExtPos = 0.0;
        int nExtent = 0;
        int[] ext = {0, 0, 0, 0, 0};   // pos (next start), p, q, begin, end
        while (cover(doc, q.root(), ext)) {
            double invSum = 0.0;
            for (int k = ext[3]; k <= ext[4]; k++) {
                invSum += invws[TsVector.weight(doc.get(k).pos)];
            }
            double cpos = (ext[4] - ext[3] + 1) / invSum;
            int nNoise = (ext[2] - ext[1]) - (ext[4] - ext[3]);
            if (nNoise < 0) {
                nNoise = (ext[4] - ext[3]) / 2;
            }
            wdoc += cpos / (1 + nNoise);
            double curExtPos = (ext[2] + ext[1]) / 2.0;
            if (nExtent > 0 && curExtPos > prevExtPos) {
                sumDist += 1.0 / (curExtPos - prevExtPos);
            }
            prevExtPos = curExtPos;
            nExtent++;
        }
        if ((method & 1) != 0 && v.size() > 0) {
            wdoc /= Math.log(v.countLength() + 1.0);
        }
        if ((method & 2) != 0) {
            int len = v.countLength();
            if (len > 0) {
                wdoc /= len;
            }
        }
        if ((method & 4) != 0 && nExtent > 0 && sumDist > 0) {
            wdoc /= nExtent / sumDist;
        }
        if ((method & 8) != 0 && v.size() > 0) {
            wdoc /= v.size();
        }
        if ((method & 16) != 0 && v.size() > 0) {
            wdoc /= Math.log(v.size() + 1.0) / Math.log(2.0);
        }
        if ((method & 32) != 0) {
            wdoc /= (wdoc + 1);
        }
        return (float) wdoc;
    }

    private static List<DocEntry> docRep(TsVector v, TsQuery q) {
        List<DocEntry> raw = new ArrayList<>();
        for (TsQuery.Operand o : q.operands()) {
            for (int e : entries(v, o)) {
                for (int p : v.positions(e)) {
                    if (o.weights() == 0 || (o.weights() & 1 << TsVector.weight(p)) != 0) {
                        raw.add(new DocEntry(p, e, new ArrayList<>(List.of(o))));
                    }
                }
            }
        }
        raw.sort((a, b) -> TsVector.pos(a.pos) != TsVector.pos(b.pos) ? Integer.compare(TsVector.pos(a.pos), TsVector.pos(b.pos))
                : TsVector.weight(a.pos) != TsVector.weight(b.pos) ? Integer.compare(TsVector.weight(a.pos), TsVector.weight(b.pos))
                : Integer.compare(a.entry, b.entry));
        List<DocEntry> out = new ArrayList<>();
        for (DocEntry d : raw) {
            DocEntry last = out.isEmpty() ? null : out.getLast();
            if (last != null && last.pos == d.pos && last.entry == d.entry) {
                last.items.addAll(d.items);
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /** Postgres's Cover: the next smallest extent holding the query, from ext[0]; false when none is left. */
    private static boolean cover(List<DocEntry> doc, TsQuery.Node query, int[] ext) {
        while (true) {
            int lastpos = ext[0];
            boolean found = false;
            ext[1] = Integer.MAX_VALUE;
            ext[2] = 0;
            Map<TsQuery.Operand, List<Integer>> seen = new HashMap<>();
            int ptr = ext[0];
            while (ptr < doc.size()) {
                fill(seen, doc.get(ptr));
                if (holds(query, seen)) {
                    if (TsVector.pos(doc.get(ptr).pos) > ext[2]) {
                        ext[2] = TsVector.pos(doc.get(ptr).pos);
                        ext[4] = ptr;
                        lastpos = ptr;
                        found = true;
                    }
                    break;
                }
                ptr++;
            }
            if (!found) {
                return false;
            }
            seen.clear();
            ptr = lastpos;
            while (ptr >= ext[0]) {
                fill(seen, doc.get(ptr));
                if (holds(query, seen)) {
                    if (TsVector.pos(doc.get(ptr).pos) < ext[1]) {
                        ext[3] = ptr;
                        ext[1] = TsVector.pos(doc.get(ptr).pos);
                    }
                    break;
                }
                ptr--;
            }
            if (ext[1] <= ext[2]) {
                ext[0] = ptr + 1;
                return true;
            }
            ext[0]++;
        }
    }

    private static void fill(Map<TsQuery.Operand, List<Integer>> seen, DocEntry d) {
        for (TsQuery.Operand o : d.items) {
            List<Integer> ps = seen.computeIfAbsent(o, k -> new ArrayList<>());
            int p = TsVector.pos(d.pos);
            if (ps.isEmpty() || ps.getLast() != p && !ps.contains(p)) {
                ps.add(p);
            }
        }
    }

    private static boolean holds(TsQuery.Node query, Map<TsQuery.Operand, List<Integer>> seen) {
        return TsMatcher.holds(query, o -> {
            List<Integer> ps = seen.get(o);
            return ps == null ? new int[0] : ps.stream().mapToInt(Integer::intValue).sorted().toArray();
        }, seen::containsKey);
    }
}
