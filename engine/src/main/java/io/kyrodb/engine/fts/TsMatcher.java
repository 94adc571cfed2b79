package io.kyrodb.engine.fts;

import io.kyrodb.engine.types.TsQuery;
import io.kyrodb.engine.types.TsQuery.Node;
import io.kyrodb.engine.types.TsVector;

import java.util.Arrays;

/**
 * {@code tsvector @@ tsquery}, as Postgres's TS_execute: {@code & | !} on whether lexemes occur
 * (a prefix operand matches every lexeme it begins; a weight mask keeps only positions of those
 * weights), and the phrase operator on positions: {@code a <N> b} holds where b sits exactly N
 * positions after a (for nested phrases, after the end of the left phrase). A lexeme without
 * positions (stripped) never satisfies a phrase. The empty query matches nothing.
 */
public final class TsMatcher {
    private TsMatcher() {
    }

    public static boolean matches(TsVector v, TsQuery q) {
        return q.root() != null && eval(v, q.root());
    }

    private static boolean eval(TsVector v, Node n) {
        return switch (n) {
            case TsQuery.Operand o -> exists(v, o);
            case TsQuery.Not x -> !eval(v, x.child());
            case TsQuery.And a -> eval(v, a.left()) && eval(v, a.right());
            case TsQuery.Or a -> eval(v, a.left()) || eval(v, a.right());
            case TsQuery.Phrase p -> {
                Positions r = phrase(v, p);
                yield r.negate || r.pos.length > 0;
            }
        };
    }

    private static boolean exists(TsVector v, TsQuery.Operand o) {
        int at = v.find(o.lexeme());
        if (!o.prefix()) {
            return at >= 0 && weightOk(v.positions(at), o.weights());
        }
        for (int i = at >= 0 ? at : -at - 1; i < v.size() && v.lexeme(i).startsWith(o.lexeme()); i++) {
            if (weightOk(v.positions(i), o.weights())) {
                return true;
            }
        }
        return false;
    }

    private static boolean weightOk(int[] ps, int mask) {
        if (mask == 0 || ps.length == 0) {
            return true;
        }
        for (int p : ps) {
            if ((mask & 1 << TsVector.weight(p)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code n} holds given which operands exist and (for phrases) their positions: the cover search of ts_rank_cd. */
    static boolean holds(Node n, java.util.function.Function<TsQuery.Operand, int[]> pos,
                         java.util.function.Predicate<TsQuery.Operand> exists) {
        return switch (n) {
            case TsQuery.Operand o -> exists.test(o);
            case TsQuery.Not x -> !holds(x.child(), pos, exists);
            case TsQuery.And a -> holds(a.left(), pos, exists) && holds(a.right(), pos, exists);
            case TsQuery.Or a -> holds(a.left(), pos, exists) || holds(a.right(), pos, exists);
            case TsQuery.Phrase p -> {
                Positions r = positions(p, pos);
                yield r.negate || r.pos.length > 0;
            }
        };
    }

    /** Where a phrase node matches: sorted end positions (or, negated, the positions where it does not), and its width. */
    record Positions(int[] pos, boolean negate, int width) {
    }

    /** A phrase operand's positions in {@code v} (the lexemes a prefix matches merged), filtered by weight. */
    static int[] operandPositions(TsVector v, TsQuery.Operand o) {
        int at = v.find(o.lexeme());
        int from;
        int to;
        if (!o.prefix()) {
            if (at < 0) {
                return new int[0];
            }
            from = at;
            to = at + 1;
        } else {
            from = at >= 0 ? at : -at - 1;
            to = from;
            while (to < v.size() && v.lexeme(to).startsWith(o.lexeme())) {
                to++;
            }
        }
        int[] out = new int[0];
        int n = 0;
        for (int i = from; i < to; i++) {
            for (int p : v.positions(i)) {
                if (o.weights() == 0 || (o.weights() & 1 << TsVector.weight(p)) != 0) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, Math.max(8, n * 2));
                    }
                    out[n++] = TsVector.pos(p);
                }
            }
        }
        out = Arrays.copyOf(out, n);
        if (to - from > 1) {
            out = Arrays.stream(out).sorted().distinct().toArray();
        }
        return out;
    }

    static Positions phrase(TsVector v, Node n) {
        return positions(n, o -> operandPositions(v, o));
    }

    /** Evaluates {@code n} over positions; {@code operand} gives an operand's sorted positions. */
    static Positions positions(Node n, java.util.function.Function<TsQuery.Operand, int[]> operand) {
        return switch (n) {
            case TsQuery.Operand o -> new Positions(operand.apply(o), false, 0);
            case TsQuery.Not x -> {
                Positions c = positions(x.child(), operand);
                yield new Positions(c.pos, !c.negate, c.width);
            }
            case TsQuery.Or a -> {
                Positions l = positions(a.left(), operand);
                Positions r = positions(a.right(), operand);
                int w = Math.max(l.width, r.width);
                if (!l.negate && !r.negate) {
                    yield new Positions(union(l.pos, r.pos), false, w);
                }
                if (l.negate && r.negate) {
                    yield new Positions(intersect(l.pos, r.pos), true, w);
                }
                yield l.negate ? new Positions(minus(l.pos, r.pos), true, w) : new Positions(minus(r.pos, l.pos), true, w);
            }
            case TsQuery.And a -> {
                Positions l = positions(a.left(), operand);
                Positions r = positions(a.right(), operand);
                int w = Math.max(l.width, r.width);
                if (!l.negate && !r.negate) {
                    yield new Positions(intersect(l.pos, r.pos), false, w);
                }
                if (l.negate && r.negate) {
                    yield new Positions(union(l.pos, r.pos), true, w);
                }
                yield l.negate ? new Positions(minus(r.pos, l.pos), false, w) : new Positions(minus(l.pos, r.pos), false, w);
            }
            case TsQuery.Phrase p -> {
                Positions l = positions(p.left(), operand);
                Positions r = positions(p.right(), operand);
                int shift = p.distance() + r.width;
                int width = l.width + p.distance() + r.width;
                if (!l.negate && !r.negate) {
                    int[] out = new int[r.pos.length];
                    int k = 0;
                    for (int rp : r.pos) {
                        if (Arrays.binarySearch(l.pos, rp - shift) >= 0) {
                            out[k++] = rp;
                        }
                    }
                    yield new Positions(Arrays.copyOf(out, k), false, width);
                }
                if (l.negate && !r.negate) {
                    int[] out = new int[r.pos.length];
                    int k = 0;
                    for (int rp : r.pos) {
                        if (Arrays.binarySearch(l.pos, rp - shift) < 0) {
                            out[k++] = rp;
                        }
                    }
                    yield new Positions(Arrays.copyOf(out, k), false, width);
                }
                if (!l.negate) {
                    int[] out = new int[l.pos.length];
                    int k = 0;
                    for (int lp : l.pos) {
                        if (Arrays.binarySearch(r.pos, lp + shift) < 0) {
                            out[k++] = lp + shift;
                        }
                    }
                    yield new Positions(Arrays.copyOf(out, k), false, width);
                }
                int[] shifted = Arrays.stream(l.pos).map(x -> x + shift).toArray();
                yield new Positions(union(shifted, r.pos), true, width);
            }
        };
    }

    static int[] union(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }

    static int[] intersect(int[] a, int[] b) {
        return Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) >= 0).toArray();
    }

    static int[] minus(int[] a, int[] b) {
        return Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) < 0).toArray();
    }
}
