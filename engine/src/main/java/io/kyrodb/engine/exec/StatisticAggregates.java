package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Numerics;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The state and results of the statistical, bitwise and ordered-set aggregates, computed as
 * PostgreSQL computes them so results agree to the last digit:
 * <ul>
 * <li>variance and standard deviation of integers and numerics exactly in numeric (N, sum x, sum
 *     x^2; numeric_stddev_internal's division scale), of real/double precision with the
 *     Youngs-Cramer update (N, Sx, Sxx) in double precision;</li>
 * <li>corr, covar_*, regr_* over (Y, X) pairs with the two-variable Youngs-Cramer update (N, Sx, Sy,
 *     Sxx, Syy, Sxy), and its combine formula when spilled states merge;</li>
 * <li>bit_and/bit_or/bit_xor on the integer value itself;</li>
 * <li>percentile_cont/percentile_disc/mode over the collected non-NULL values, sorted at the end.</li>
 * </ul>
 * The state lives in an {@link Accumulator}'s value slot; {@link #spillable} turns it into values a
 * spill file holds and {@link #merge} takes one back.
 */
final class StatisticAggregates {
    private StatisticAggregates() {
    }

    /** Exact moments of integer and numeric inputs. */
    private static final class NumericMoments {
        long n;
        BigDecimal sx = BigDecimal.ZERO;
        BigDecimal sxx = BigDecimal.ZERO;
        /** Whether a NaN or an infinity arrived: the result is NaN then (spilled as sx NaN). */
        boolean special;
    }

    static boolean handles(AggregateFunction fn) {
        return fn.isVariance() || fn.isRegression() || fn.isBitwise() || fn.isOrderedSet();
    }

    private static boolean exact(AggregateCall call) {
        return call.function().isVariance() && call.type().kind() == TypeKind.NUMERIC;
    }

    /** Adds a non-NULL value; returns the new state. */
    static Object add(AggregateCall call, Object state, Object v) {
        AggregateFunction fn = call.function();
        if (fn.isOrderedSet()) {
            @SuppressWarnings("unchecked")
            List<Object> values = state == null ? new ArrayList<>() : (List<Object>) state;
            values.add(v);
            return values;
        }
        if (fn.isBitwise()) {
            if (state == null) {
                return v;
            }
            long a = ((Number) state).longValue();
            long b = ((Number) v).longValue();
            long r = fn == AggregateFunction.BIT_AND ? a & b : fn == AggregateFunction.BIT_OR ? a | b : a ^ b;
            return Values.narrow(r, call.type());
        }
        if (exact(call)) {
            NumericMoments m = state == null ? new NumericMoments() : (NumericMoments) state;
            m.n++;
            if (v instanceof io.kyrodb.engine.types.NumericSpecial) {
                m.special = true;
                return m;
            }
            BigDecimal x = v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
            m.sx = m.sx.add(x);
            m.sxx = m.sxx.add(x.multiply(x));
            return m;
        }
        if (fn.isVariance()) {
            double[] s = state == null ? new double[3] : (double[]) state;
            double x = ((Number) v).doubleValue();
            double n = s[0] + 1;
            s[1] += x;
            if (n > 1) {
                double tmp = x * n - s[1];
                s[2] += tmp * tmp / (n * s[0]);
            } else {
                s[2] = 0;
            }
            s[0] = n;
            return s;
        }
        SqlArray pair = (SqlArray) v;   // [y, x]
        Object yv = pair.get(0);
        Object xv = pair.get(1);
        if (yv == null || xv == null) {
            return state;
        }
        double y = ((Number) yv).doubleValue();
        double x = ((Number) xv).doubleValue();
        double[] s = state == null ? new double[6] : (double[]) state;   // n, sx, sy, sxx, syy, sxy
        double n = s[0] + 1;
        s[1] += x;
        s[2] += y;
        if (n > 1) {
            double tmpX = x * n - s[1];
            double tmpY = y * n - s[2];
            double scale = 1.0 / (n * s[0]);
            s[3] += tmpX * tmpX * scale;
            s[4] += tmpY * tmpY * scale;
            s[5] += tmpX * tmpY * scale;
        } else {
            s[3] = 0;
            s[4] = 0;
            s[5] = 0;
        }
        s[0] = n;
        return s;
    }

    /** The state as values a spill file can hold (null stays null). */
    static Object spillable(AggregateCall call, Object state) {
        if (state instanceof NumericMoments m) {
            return SqlArray.of(m.n, m.special ? io.kyrodb.engine.types.NumericSpecial.NAN : m.sx, m.sxx);
        }
        if (state instanceof List<?> values) {
            return SqlArray.of(values);
        }
        return state instanceof double[] d ? d.clone() : state;
    }

    /** Merges a state {@link #spillable} wrote into {@code state}; returns the result. */
    static Object merge(AggregateCall call, Object state, Object spilled) {
        AggregateFunction fn = call.function();
        if (spilled == null) {
            return state;
        }
        if (fn.isOrderedSet()) {
            SqlArray more = (SqlArray) spilled;
            for (int i = 0; i < more.length(); i++) {
                state = add(call, state, more.get(i));
            }
            return state;
        }
        if (fn.isBitwise()) {
            return add(call, state, spilled);
        }
        if (exact(call)) {
            SqlArray other = (SqlArray) spilled;
            NumericMoments m = state == null ? new NumericMoments() : (NumericMoments) state;
            m.n += (Long) other.get(0);
            if (other.get(1) instanceof io.kyrodb.engine.types.NumericSpecial) {
                m.special = true;
            } else {
                m.sx = m.sx.add((BigDecimal) other.get(1));
            }
            m.sxx = m.sxx.add((BigDecimal) other.get(2));
            return m;
        }
        double[] b = (double[]) spilled;
        if (state == null || ((double[]) state)[0] == 0) {
            return b.clone();
        }
        double[] a = (double[]) state;
        if (b[0] == 0) {
            return a;
        }
        double n1 = a[0];
        double n2 = b[0];
        double n = n1 + n2;
        if (fn.isVariance()) {
            double tmp = a[1] / n1 - b[1] / n2;
            a[2] = a[2] + b[2] + n1 * n2 * tmp * tmp / n;
            a[1] += b[1];
        } else {
            double tmpX = a[1] / n1 - b[1] / n2;
            double tmpY = a[2] / n1 - b[2] / n2;
            a[3] = a[3] + b[3] + n1 * n2 * tmpX * tmpX / n;
            a[4] = a[4] + b[4] + n1 * n2 * tmpY * tmpY / n;
            a[5] = a[5] + b[5] + n1 * n2 * tmpX * tmpY / n;
            a[1] += b[1];
            a[2] += b[2];
        }
        a[0] = n;
        return a;
    }

    static Object result(AggregateCall call, Object state) {
        AggregateFunction fn = call.function();
        if (fn == AggregateFunction.REGR_COUNT) {
            return state == null ? 0L : (long) ((double[]) state)[0];
        }
        if (state == null) {
            return null;
        }
        if (fn.isOrderedSet()) {
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) state;
            return OrderedSetAggregates.result(call, values);
        }
        if (fn.isBitwise()) {
            return state;
        }
        boolean sample = fn == AggregateFunction.STDDEV_SAMP || fn == AggregateFunction.VAR_SAMP;
        boolean root = fn == AggregateFunction.STDDEV_SAMP || fn == AggregateFunction.STDDEV_POP;
        if (state instanceof NumericMoments m) {
            return exactResult(m, sample, root);
        }
        double[] s = (double[]) state;
        double n = s[0];
        if (fn.isVariance()) {
            if (n == 0 || (sample && n <= 1)) {
                return null;
            }
            double variance = s[2] / (sample ? n - 1.0 : n);
            return root ? Math.sqrt(variance) : variance;
        }
        double sx = s[1];
        double sy = s[2];
        double sxx = s[3];
        double syy = s[4];
        double sxy = s[5];
        if (n < 1 || (fn == AggregateFunction.COVAR_SAMP && n < 2)) {
            return null;
        }
        return switch (fn) {
            case COVAR_POP -> sxy / n;
            case COVAR_SAMP -> sxy / (n - 1.0);
            case CORR -> sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy);
            case REGR_R2 -> sxx == 0 ? null : syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy);
            case REGR_SLOPE -> sxx == 0 ? null : sxy / sxx;
            case REGR_INTERCEPT -> sxx == 0 ? null : (sy - sx * sxy / sxx) / n;
            case REGR_AVGX -> sx / n;
            case REGR_AVGY -> sy / n;
            case REGR_SXX -> sxx;
            case REGR_SYY -> syy;
            case REGR_SXY -> sxy;
            default -> throw new IllegalStateException("not a regression aggregate: " + fn);
        };
    }

    /** PostgreSQL's numeric_stddev_internal: exact numerator, then a division at select_div_scale. */
    private static Number exactResult(NumericMoments m, boolean sample, boolean root) {
        if (m.n == 0 || (sample && m.n <= 1)) {
            return null;
        }
        if (m.special) {
            return io.kyrodb.engine.types.NumericSpecial.NAN;   // as PostgreSQL: any NaN or infinity
        }
        BigDecimal n = BigDecimal.valueOf(m.n);
        BigDecimal numerator = n.multiply(m.sxx).subtract(m.sx.multiply(m.sx));
        if (numerator.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal denominator = sample ? n.multiply(BigDecimal.valueOf(m.n - 1)) : n.multiply(n);
        int rscale = Numerics.divisionScale(numerator, denominator);
        BigDecimal variance = numerator.divide(denominator, rscale, RoundingMode.HALF_UP);
        if (!root) {
            return variance;
        }
        return variance.sqrt(new MathContext(variance.precision() + rscale + 10)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static KyroException outOfRange(double fraction) {
        return new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "percentile value " + Values.toText(fraction) + " is not between 0 and 1");
    }
}
