package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.kyrodb.engine.exec.SpillTestSupport.column;

/**
 * Rows for the join operators' tests in the join layout: a left row is {@code key, i, NULL, NULL},
 * a right row {@code NULL, NULL, key, j}, keys with duplicates and NULLs. {@link #expected} is a
 * plain nested loop over the same rows: what every join must return, as a sorted multiset.
 */
final class JoinTestSupport {
    static final int[] RIGHT_SLOTS = {2, 3};
    static final BoundExpr LEFT_KEY = column(0, SqlType.INTEGER);
    static final BoundExpr RIGHT_KEY = column(2, SqlType.INTEGER);
    /** A residual condition: the left row's number is below the right row's. */
    static final BoundExpr LEFT_BELOW_RIGHT = new CompareExpr(BinaryOp.LT, column(1, SqlType.INTEGER),
            column(3, SqlType.INTEGER));

    private JoinTestSupport() {
    }

    static List<Object[]> lefts(Random random, int n, int keys) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[]{random.nextInt(10) == 0 ? null : random.nextInt(keys), i, null, null});
        }
        return rows;
    }

    static List<Object[]> rights(Random random, int n, int keys) {
        List<Object[]> rows = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            rows.add(new Object[]{null, null, random.nextInt(10) == 0 ? null : random.nextInt(keys), j});
        }
        return rows;
    }

    /** The join by definition: pairs with equal non-NULL keys (if {@code equi}) for which {@code residual} holds. */
    static List<String> expected(List<Object[]> lefts, List<Object[]> rights, JoinType type, boolean equi,
                                 BoundExpr residual) {
        if (type.leftOnly()) {
            return expectedLeftOnly(lefts, rights, type, residual);
        }
        List<String> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[rights.size()];
        for (Object[] l : lefts) {
            boolean matched = false;
            for (int j = 0; j < rights.size(); j++) {
                Object[] r = rights.get(j);
                if (equi && (l[0] == null || !l[0].equals(r[2]))) {
                    continue;
                }
                Object[] joined = {l[0], l[1], r[2], r[3]};
                if (residual != null && !Boolean.TRUE.equals(residual.eval(joined, null))) {
                    continue;
                }
                matched = true;
                rightMatched[j] = true;
                out.add(Arrays.toString(joined));
            }
            if (!matched && type.preservesLeft()) {
                out.add(Arrays.toString(l));
            }
        }
        if (type.preservesRight()) {
            for (int j = 0; j < rights.size(); j++) {
                if (!rightMatched[j]) {
                    out.add(Arrays.toString(rights.get(j)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * SEMI: the left rows with a partner; ANTI: those without; NULL_AWARE_ANTI (NOT IN): none if a
     * right key is NULL, else those without, a NULL-keyed one only when there are no right rows.
     */
    private static List<String> expectedLeftOnly(List<Object[]> lefts, List<Object[]> rights, JoinType type,
                                                 BoundExpr residual) {
        List<String> out = new ArrayList<>();
        boolean rightNull = rights.stream().anyMatch(r -> r[2] == null);
        if (type == JoinType.NULL_AWARE_ANTI && rightNull) {
            return out;
        }
        for (Object[] l : lefts) {
            boolean matched = false;
            for (Object[] r : rights) {
                if (l[0] != null && l[0].equals(r[2]) && (residual == null
                        || Boolean.TRUE.equals(residual.eval(new Object[]{l[0], l[1], r[2], r[3]}, null)))) {
                    matched = true;
                    break;
                }
            }
            boolean keep = switch (type) {
                case SEMI -> matched;
                case ANTI -> !matched;
                default -> l[0] == null ? rights.isEmpty() : !matched;
            };
            if (keep) {
                out.add(Arrays.toString(l));
            }
        }
        out.sort(null);
        return out;
    }

    static List<String> sorted(List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(Arrays.toString(r));
        }
        out.sort(null);
        return out;
    }
}
