package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Range values: the key encoding orders as {@link Range#compareTo} (PostgreSQL's range_cmp), keys,
 * stored values and text read back equal, and the algebra agrees with a brute-force check over the
 * integers for int4range.
 */
class RangeTest {
    private static Object bound(Random r, TypeKind kind) {
        int v = r.nextInt(12) - 6;
        return switch (kind) {
            case INT4RANGE -> v;
            case NUMRANGE -> BigDecimal.valueOf(v * 5L, 1);   // -3.0 .. 2.5 in halves, scale 1
            case TSRANGE -> LocalDateTime.of(2024, 5, 1, 9, 0).plusMinutes(30L * v);
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private static Range random(Random r, TypeKind kind) {
        if (r.nextInt(10) == 0) {
            return Range.empty(kind);
        }
        Object a = r.nextInt(6) == 0 ? null : bound(r, kind);
        Object b = r.nextInt(6) == 0 ? null : bound(r, kind);
        if (a != null && b != null && Values.compare(a, b) > 0) {
            Object t = a;
            a = b;
            b = t;
        }
        return Range.of(kind, a, b, r.nextBoolean(), r.nextBoolean());
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void keysValuesAndTextAgreeWithRangeOrder(long seed) {
        System.out.println("RangeTest seed=" + seed + " (rerun: -Dtest=RangeTest)");
        Random r = new Random(seed);
        for (TypeKind kind : new TypeKind[]{TypeKind.INT4RANGE, TypeKind.NUMRANGE, TypeKind.TSRANGE}) {
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ranges.add(random(r, kind));
            }
            for (int i = 0; i < ranges.size(); i++) {
                Range a = ranges.get(i);
                Range b = ranges.get((i * 7 + 3) % ranges.size());
                int expected = Integer.signum(a.compareTo(b));
                assertThat(Integer.signum(Arrays.compareUnsigned(KeyCodec.encode(a), KeyCodec.encode(b))))
                        .as("%s vs %s", a, b).isEqualTo(expected);
                assertThat(Integer.signum(Arrays.compareUnsigned(KeyCodec.encode(new Object[]{a, 1}),
                        KeyCodec.encode(new Object[]{b, 0})))).as("(%s, 1) vs (%s, 0)", a, b)
                        .isEqualTo(expected != 0 ? expected : 1);
                assertThat(KeyCodec.decode(KeyCodec.encode(a), new TypeKind[]{kind})).isEqualTo(a);
                ByteWriter out = new ByteWriter();
                ValueCodec.write(out, a);
                assertThat(ValueCodec.read(new ByteReader(out.toByteArray()))).isEqualTo(a);
                assertThat(Range.parse(a.toString(), kind)).isEqualTo(a);
                if (expected == 0) {
                    assertThat(a.hashCode()).isEqualTo(b.hashCode());
                }
            }
        }
    }

    private static boolean holds(Range r, int x) {
        return RangeOps.containsElement(r, x);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {7, 8})
    void int4rangeAlgebraMatchesTheSetsOfIntegersItHolds(long seed) {
        System.out.println("RangeTest seed=" + seed + " (rerun: -Dtest=RangeTest)");
        Random r = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            Range a = random(r, TypeKind.INT4RANGE);
            Range b = random(r, TypeKind.INT4RANGE);
            boolean anyBoth = false;
            boolean aInB = true;
            for (int x = -20; x <= 20; x++) {
                anyBoth |= holds(a, x) && holds(b, x);
                aInB &= !holds(a, x) || holds(b, x);
                assertThat(holds(RangeOps.intersect(a, b), x)).as("%s * %s at %d", a, b, x).isEqualTo(holds(a, x) && holds(b, x));
            }
            boolean bounded = a.lower() != null && a.upper() != null && b.lower() != null && b.upper() != null;
            if (bounded || a.isEmpty() || b.isEmpty()) {
                assertThat(RangeOps.overlaps(a, b)).as("%s && %s", a, b).isEqualTo(anyBoth);
                assertThat(RangeOps.contains(b, a)).as("%s <@ %s", a, b).isEqualTo(aInB);
            }
            try {
                Range u = RangeOps.union(a, b);
                for (int x = -20; x <= 20; x++) {
                    assertThat(holds(u, x)).as("%s + %s at %d", a, b, x).isEqualTo(holds(a, x) || holds(b, x));
                }
            } catch (KyroException gap) {
                assertThat(gap.state().code()).isEqualTo("22000");
                assertThat(RangeOps.overlaps(a, b) || RangeOps.adjacent(a, b)).isFalse();
            }
            try {
                Range d = RangeOps.difference(a, b);
                for (int x = -20; x <= 20; x++) {
                    assertThat(holds(d, x)).as("%s - %s at %d", a, b, x).isEqualTo(holds(a, x) && !holds(b, x));
                }
            } catch (KyroException split) {
                assertThat(split.state().code()).isEqualTo("22000");
            }
        }
    }

    @Test
    void discreteRangesAreCanonicalAndBadOnesFail() {
        assertThat(Range.of(TypeKind.INT4RANGE, 1, 5, true, true)).hasToString("[1,6)");
        assertThat(Range.of(TypeKind.INT4RANGE, 1, 2, false, false)).hasToString("empty");
        assertThat(Range.parse(" (, 5 ] ", TypeKind.INT4RANGE)).hasToString("(,6)");
        assertThatThrownBy(() -> Range.parse("( , 5]", TypeKind.INT4RANGE)).hasMessageContaining("invalid input syntax for type integer");
        assertThat(Range.parse("[\"2024-05-01 09:00\",)", TypeKind.TSRANGE)).hasToString("[\"2024-05-01 09:00:00\",)");
        assertThatThrownBy(() -> Range.parse("[5,1)", TypeKind.INT4RANGE)).isInstanceOf(KyroException.class)
                .hasMessageContaining("range lower bound must be less than or equal to range upper bound");
        assertThatThrownBy(() -> Range.parse("[1,5", TypeKind.INT4RANGE)).isInstanceOf(KyroException.class)
                .hasMessageContaining("malformed range literal");
        assertThatThrownBy(() -> Range.parse("[1,2,3]", TypeKind.INT4RANGE)).hasMessageContaining("Too many commas");
    }

    @Test
    void aCorruptStoredRangeIsReportedWithItsOffset() {
        byte[] badType = new ByteWriter().u8(32).u8(9).u8(0).u8(0).u8(0).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(badType))).isInstanceOf(FormatException.class)
                .hasMessageContaining("bad range");
        byte[] reversed = new ByteWriter().u8(32).u8(0).u8(2).u8(2).u32(5).u8(2).u32(1).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(reversed))).isInstanceOf(FormatException.class)
                .hasMessageContaining("bad range at offset 0");
    }
}
