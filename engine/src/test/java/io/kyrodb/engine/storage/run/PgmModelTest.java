package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The model's predictions stay within epsilon, and its lower bound is Arrays.binarySearch's, for every distribution. */
class PgmModelTest {

    private static int oracleLowerBound(long[] keys, long key) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(keys[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @ParameterizedTest
    @EnumSource(KeyDistributions.class)
    void predictionsAreWithinEpsilonAndLowerBoundsAreExact(KeyDistributions d) {
        for (int epsilon : new int[]{1, 8, 64}) {
            long seed = 31L * d.ordinal() + epsilon;
            System.out.println("PgmModelTest " + d + " epsilon=" + epsilon + " seed=" + seed);
            long[] keys = Arrays.stream(d.keys(100_000, seed)).map(KeyDistributions::sortable).toArray();
            PgmModel.Builder b = new PgmModel.Builder(epsilon);
            for (long k : keys) {
                b.add(k);
            }
            PgmModel m = b.build();
            assertThat(m.count()).isEqualTo(keys.length);
            for (int i = 0; i < keys.length; i++) {
                if (i == 0 || keys[i] != keys[i - 1]) {
                    assertThat(Math.abs(m.predict(keys[i]) - i)).as("%s key %d at %d", d, keys[i], i)
                            .isLessThanOrEqualTo(epsilon + 1);
                }
            }
            Random r = new Random(seed);
            for (int q = 0; q < 50_000; q++) {
                long key = switch (q % 4) {
                    case 0 -> keys[r.nextInt(keys.length)];
                    case 1 -> keys[r.nextInt(keys.length)] + 1;
                    case 2 -> keys[r.nextInt(keys.length)] - 1;
                    default -> r.nextLong();
                };
                assertThat(m.lowerBound(keys, key)).as("%s lower bound of %x", d, key).isEqualTo(oracleLowerBound(keys, key));
            }
            for (long key : new long[]{0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
                assertThat(m.lowerBound(keys, key)).isEqualTo(oracleLowerBound(keys, key));
            }
            System.out.printf("  %s epsilon=%d: %d segments for %d keys (%.4f bytes a key)%n", d, epsilon, m.segments(),
                    keys.length, (double) m.memoryBytes() / keys.length);
            if ((d == KeyDistributions.DENSE || d == KeyDistributions.UNIFORM) && epsilon == 64) {
                assertThat(m.segments()).as("%s segments at epsilon %d", d, epsilon).isLessThan(keys.length / 500 + 8);
            }
            ByteWriter out = new ByteWriter();
            m.writeTo(out);
            PgmModel back = PgmModel.read(new ByteReader(out.toByteArray()));
            for (int q = 0; q < 1000; q++) {
                long key = keys[r.nextInt(keys.length)];
                assertThat(back.predict(key)).isEqualTo(m.predict(key));
            }
        }
    }

    @Test
    void emptyAndSingleKeyModels() {
        PgmModel empty = new PgmModel.Builder(16).build();
        assertThat(empty.lowerBound(new long[0], 5)).isZero();
        PgmModel.Builder one = new PgmModel.Builder(16);
        one.add(42);
        PgmModel m = one.build();
        assertThat(m.lowerBound(new long[]{42}, 41)).isZero();
        assertThat(m.lowerBound(new long[]{42}, 42)).isZero();
        assertThat(m.lowerBound(new long[]{42}, 43)).isEqualTo(1);
    }
}
