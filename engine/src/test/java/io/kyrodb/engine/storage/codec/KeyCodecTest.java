package io.kyrodb.engine.storage.codec;

import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.types.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoded byte order must be KeyComparator's order, and decoding must give the key back. */
class KeyCodecTest {

    private static Object randomValue(Random r, TypeKind kind) {
        return switch (kind) {
            case BIGINT -> switch (r.nextInt(4)) {
                case 0 -> Long.MIN_VALUE + r.nextInt(3);
                case 1 -> Long.MAX_VALUE - r.nextInt(3);
                case 2 -> (long) r.nextInt(7) - 3;
                default -> r.nextLong();
            };
            case INTEGER -> r.nextBoolean() ? r.nextInt() : r.nextInt(5) - 2;
            case SMALLINT -> (short) r.nextInt();
            case DOUBLE -> switch (r.nextInt(6)) {
                case 0 -> -0.0;
                case 1 -> 0.0;
                case 2 -> r.nextBoolean() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                case 3 -> Double.NaN;
                case 4 -> r.nextGaussian() * 1e-300;
                default -> r.nextGaussian() * 1e6;
            };
            case REAL -> r.nextBoolean() ? (float) r.nextGaussian() : -0.0f;
            case BOOLEAN -> r.nextBoolean();
            case TEXT -> randomText(r);
            case NUMERIC -> switch (r.nextInt(5)) {
                case 0 -> java.math.BigDecimal.ZERO.setScale(r.nextInt(3));
                case 1 -> new java.math.BigDecimal(r.nextInt(2001) - 1000).movePointLeft(r.nextInt(4));   // 1.0 vs 1.00
                case 2 -> new java.math.BigDecimal(new java.math.BigInteger(200, r), r.nextInt(60) - 30).negate();
                case 3 -> new java.math.BigDecimal(new java.math.BigInteger(200, r), r.nextInt(60) - 30);
                default -> java.math.BigDecimal.valueOf(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            };
            case DATE -> r.nextInt(20) == 0 ? (r.nextBoolean() ? java.time.LocalDate.MAX : java.time.LocalDate.MIN)
                    : java.time.LocalDate.ofEpochDay(r.nextInt(2_000_000) - 1_000_000);
            case TIME -> java.time.LocalTime.ofNanoOfDay((long) (r.nextDouble() * 86_400_000_000L) * 1000);
            case TIMESTAMP -> r.nextInt(20) == 0 ? java.time.LocalDateTime.MAX
                    : java.time.LocalDateTime.of(1900 + r.nextInt(300), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                    r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
            case TIMESTAMPTZ -> r.nextInt(20) == 0 ? java.time.Instant.MIN
                    : java.time.Instant.EPOCH.plusSeconds(r.nextLong(-5_000_000_000L, 5_000_000_000L)).plusNanos(r.nextInt(1_000_000) * 1000L);
            case INTERVAL -> new io.kyrodb.engine.types.Interval(r.nextInt(2001) - 1000, r.nextInt(61) - 30,
                    r.nextBoolean() ? r.nextLong() / 1000 : (r.nextInt(49) - 24) * 3_600_000_000L);
            case UUID -> switch (r.nextInt(3)) {
                case 0 -> new java.util.UUID(r.nextInt(3) - 1L, r.nextInt(3) - 1L);   // sign bits set and clear
                case 1 -> new java.util.UUID(Long.MIN_VALUE, r.nextLong());
                default -> new java.util.UUID(r.nextLong(), r.nextLong());
            };
            case BYTEA -> {
                byte[] b = new byte[r.nextInt(5)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) switch (r.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> 0xFF;
                        default -> r.nextInt(256);
                    };
                }
                yield io.kyrodb.engine.types.Bytes.wrap(b);
            }
            case TIMETZ -> java.time.OffsetTime.of(java.time.LocalTime.ofSecondOfDay(r.nextInt(6) * 1800L + 36_000),
                    java.time.ZoneOffset.ofTotalSeconds((r.nextInt(9) - 4) * 1800));   // many equal UTC times
            case ARRAY -> {
                Object[] e = new Object[r.nextInt(4)];
                for (int i = 0; i < e.length; i++) {
                    e[i] = r.nextInt(5) == 0 ? null : (Object) (r.nextInt(5) - 2);
                }
                yield io.kyrodb.engine.types.SqlArray.of(e);
            }
            case JSONB -> io.kyrodb.engine.types.Jsonb.of(randomJson(r, 0));
            case SPARSEVEC -> randomSparse(r);
            case BIT -> {
                int n = r.nextInt(12);
                StringBuilder bits = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    bits.append(r.nextInt(3) == 0 ? '1' : '0');
                }
                yield io.kyrodb.engine.types.BitString.parse(bits.toString());
            }
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    /** Few dimensions and small values, so equal prefixes, zero runs of every length and sign changes meet often. */
    private static io.kyrodb.engine.vector.SparseVector randomSparse(Random r) {
        int dims = 1 + r.nextInt(5);
        float[] dense = new float[dims];
        for (int i = 0; i < dims; i++) {
            dense[i] = switch (r.nextInt(5)) {
                case 0, 1 -> 0f;
                case 2 -> -1f - r.nextInt(2);
                default -> 1f + r.nextInt(2);
            };
        }
        return io.kyrodb.engine.vector.SparseVector.ofDense(dense);
    }

    private static Object randomJson(Random r, int depth) {
        return switch (r.nextInt(depth > 1 ? 5 : 7)) {
            case 0 -> null;
            case 1 -> randomText(r);
            case 2 -> java.math.BigDecimal.valueOf(r.nextInt(7) - 3).movePointLeft(r.nextInt(2));
            case 3 -> r.nextBoolean();
            case 4 -> "k";
            case 5 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    l.add(randomJson(r, depth + 1));
                }
                yield l;
            }
            default -> {
                java.util.Map<String, Object> m = new java.util.HashMap<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    m.put(r.nextBoolean() ? "a" : randomText(r), randomJson(r, depth + 1));
                }
                yield m;
            }
        };
    }

    private static String randomText(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> b.append('\0');
                case 1 -> b.appendCodePoint(0x1F600 + r.nextInt(10));   // above U+FFFF: surrogate pairs
                case 2 -> b.append((char) (0xE000 + r.nextInt(0x1000))); // above the surrogates, below U+FFFF
                case 3 -> b.append((char) (0x80 + r.nextInt(0x700)));
                default -> b.append((char) ('a' + r.nextInt(3)));
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void byteOrderIsKeyOrderForEveryTypeAndComposites(long seed) {
        System.out.println("KeyCodecTest seed=" + seed);
        Random r = new Random(seed);
        TypeKind[][] shapes = {
                {TypeKind.BIGINT}, {TypeKind.INTEGER}, {TypeKind.SMALLINT}, {TypeKind.DOUBLE}, {TypeKind.REAL},
                {TypeKind.BOOLEAN}, {TypeKind.TEXT}, {TypeKind.TEXT, TypeKind.BIGINT},
                {TypeKind.INTEGER, TypeKind.TEXT, TypeKind.BOOLEAN}, {TypeKind.DOUBLE, TypeKind.TEXT},
                {TypeKind.NUMERIC}, {TypeKind.DATE}, {TypeKind.TIME}, {TypeKind.TIMESTAMP}, {TypeKind.TIMESTAMPTZ},
                {TypeKind.INTERVAL}, {TypeKind.NUMERIC, TypeKind.TEXT}, {TypeKind.DATE, TypeKind.NUMERIC},
                {TypeKind.UUID}, {TypeKind.BYTEA}, {TypeKind.BYTEA, TypeKind.UUID}, {TypeKind.UUID, TypeKind.BYTEA},
                {TypeKind.TIMETZ}, {TypeKind.ARRAY}, {TypeKind.JSONB}, {TypeKind.ARRAY, TypeKind.INTEGER},
                {TypeKind.JSONB, TypeKind.TEXT}, {TypeKind.TIMETZ, TypeKind.INTEGER},
                {TypeKind.SPARSEVEC}, {TypeKind.SPARSEVEC, TypeKind.INTEGER}, {TypeKind.BIT}, {TypeKind.BIT, TypeKind.BIT},
        };
        for (TypeKind[] kinds : shapes) {
            List<Object> keys = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                if (kinds.length == 1) {
                    keys.add(randomValue(r, kinds[0]));
                } else {
                    Object[] k = new Object[kinds.length];
                    for (int j = 0; j < k.length; j++) {
                        // few distinct leading values, so later columns decide often
                        k[j] = j == 0 && r.nextBoolean() ? randomValue(new Random(r.nextInt(3)), kinds[0]) : randomValue(r, kinds[j]);
                    }
                    keys.add(k);
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                Object a = keys.get(i);
                Object b = keys.get((i * 7 + 3) % keys.size());
                int expected = Integer.signum(KeyComparator.INSTANCE.compare(a, b));
                int actual = Integer.signum(Arrays.compareUnsigned(KeyCodec.encode(a), KeyCodec.encode(b)));
                assertThat(actual).as("%s vs %s (%s)", show(a), show(b), Arrays.toString(kinds)).isEqualTo(expected);
                Object back = KeyCodec.decode(KeyCodec.encode(a), kinds);
                assertThat(KeyComparator.INSTANCE.compare(back, a)).as("round trip of %s", show(a)).isZero();
                if (kinds.length == 1 && kinds[0] != TypeKind.JSONB) {
                    assertThat(back).isInstanceOf(a.getClass());
                }
            }
        }
    }

    private static String show(Object k) {
        return k instanceof Object[] a ? Arrays.toString(a) : String.valueOf(k);
    }

    /** Enum keys sort by the label's order, not its text (so 'zebra' BEFORE 'ant' sorts first), and read back whole. */
    @Test
    void enumKeysSortBySortOrderAndReadBack() {
        io.kyrodb.engine.types.EnumValue low = new io.kyrodb.engine.types.EnumValue(-0.5f, "zebra");
        io.kyrodb.engine.types.EnumValue mid = new io.kyrodb.engine.types.EnumValue(1f, "ant");
        io.kyrodb.engine.types.EnumValue between = new io.kyrodb.engine.types.EnumValue(1.5f, "aardvark");
        io.kyrodb.engine.types.EnumValue high = new io.kyrodb.engine.types.EnumValue(2f, "");
        io.kyrodb.engine.types.EnumValue[] ascending = {low, mid, between, high};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(Arrays.compareUnsigned(KeyCodec.encode(ascending[i - 1]), KeyCodec.encode(ascending[i])))
                    .as(ascending[i - 1] + " < " + ascending[i]).isNegative();
        }
        Object back = KeyCodec.decode(KeyCodec.encode(new Object[]{between, 3}),
                new io.kyrodb.engine.types.TypeKind[]{io.kyrodb.engine.types.TypeKind.ENUM,
                        io.kyrodb.engine.types.TypeKind.INTEGER});
        assertThat(((io.kyrodb.engine.types.EnumValue) ((Object[]) back)[0]).label()).isEqualTo("aardvark");
        assertThat(((Object[]) back)[0]).isEqualTo(between);
    }

    @Test
    void integersOfAllWidthsEncodeAlikeAndTheExtremesDoNotOverflow() {
        assertThat(KeyCodec.encode(7)).isEqualTo(KeyCodec.encode(7L)).isEqualTo(KeyCodec.encode((short) 7));
        assertThat(Arrays.compareUnsigned(KeyCodec.encode(Long.MIN_VALUE), KeyCodec.encode(Long.MAX_VALUE))).isNegative();
        assertThat(Arrays.compareUnsigned(KeyCodec.encode(-1L), KeyCodec.encode(0L))).isNegative();
        assertThat(KeyCodec.prefix(KeyCodec.encode(0L))).isEqualTo(Long.MIN_VALUE);
        assertThat(KeyCodec.prefix(new byte[]{1})).isEqualTo(1L << 56);
    }

    @Test
    void numericKeysIgnoreTheScaleAndOrderNegativesAndPrefixes() {
        assertThat(KeyCodec.encode(new java.math.BigDecimal("1.0"))).isEqualTo(KeyCodec.encode(new java.math.BigDecimal("1.00")));
        String[] ascending = {"-100", "-12.5", "-12", "-1.25", "-0.001", "0", "0.001", "0.0011", "1", "1.1", "12", "12.5", "100"};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(Arrays.compareUnsigned(KeyCodec.encode(new java.math.BigDecimal(ascending[i - 1])),
                    KeyCodec.encode(new java.math.BigDecimal(ascending[i])))).as(ascending[i - 1] + " < " + ascending[i]).isNegative();
        }
    }

    /** NaN and the infinities take sign bytes outside the finite ones, so existing numeric keys keep their bytes. */
    @Test
    void numericSpecialValuesSortAroundTheNumbersAndReadBack() {
        assertThat(KeyCodec.encode(new java.math.BigDecimal("-12.5"))[0]).isEqualTo((byte) 1);
        Object[] ascending = {io.kyrodb.engine.types.NumericSpecial.NEGATIVE_INFINITY, new java.math.BigDecimal("-1e100"),
            java.math.BigDecimal.ZERO, new java.math.BigDecimal("1e100"), io.kyrodb.engine.types.NumericSpecial.POSITIVE_INFINITY,
            io.kyrodb.engine.types.NumericSpecial.NAN};
        for (int i = 0; i < ascending.length; i++) {
            assertThat(KeyCodec.decode(KeyCodec.encode(ascending[i]), new TypeKind[]{TypeKind.NUMERIC}))
                    .satisfies(back -> assertThat(io.kyrodb.engine.types.Values.compare(back, ascending[0]) >= 0).isTrue())
                    .isEqualTo(ascending[i] instanceof java.math.BigDecimal d ? io.kyrodb.engine.types.Numerics.normalize(d.stripTrailingZeros()) : ascending[i]);
            if (i > 0) {
                assertThat(Arrays.compareUnsigned(KeyCodec.encode(ascending[i - 1]), KeyCodec.encode(ascending[i])))
                        .as(ascending[i - 1] + " < " + ascending[i]).isNegative();
            }
        }
    }

    @Test
    void numericArrayKeysHoldNaNAndInfinities() {
        var a = io.kyrodb.engine.types.SqlArray.of(new Object[]{java.math.BigDecimal.ONE, io.kyrodb.engine.types.NumericSpecial.NAN});
        var b = io.kyrodb.engine.types.SqlArray.of(new Object[]{java.math.BigDecimal.ONE, io.kyrodb.engine.types.NumericSpecial.POSITIVE_INFINITY});
        assertThat(KeyCodec.decode(KeyCodec.encode(a), new TypeKind[]{TypeKind.ARRAY})).isEqualTo(a);
        assertThat(Arrays.compareUnsigned(KeyCodec.encode(b), KeyCodec.encode(a))).isNegative();
    }

    @Test
    void textKeysEscapeZeroBytesSoPrefixesSortFirst() {
        assertThat(Arrays.compareUnsigned(KeyCodec.encode("ab"), KeyCodec.encode("ab\0"))).isNegative();
        assertThat(Arrays.compareUnsigned(KeyCodec.encode(new Object[]{"a", 9L}), KeyCodec.encode(new Object[]{"a\0", 1L})))
                .isNegative();
        assertThat(KeyCodec.decode(KeyCodec.encode("x\0y"), new TypeKind[]{TypeKind.TEXT})).isEqualTo("x\0y");
    }

    /** An index probe's prefix, encoded without the array, is the array's encoding, for every key type and extreme. */
    @Test
    void indexPrefixIsTheEncodingOfTheFlaggedValue() {
        Random r = new Random(7);
        List<Object> values = new ArrayList<>(List.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, -1L,
                Long.MIN_VALUE, Long.MAX_VALUE, (short) 0, Short.MIN_VALUE, Short.MAX_VALUE, "", "abc", 2.5, true));
        for (TypeKind kind : List.of(TypeKind.BIGINT, TypeKind.INTEGER, TypeKind.SMALLINT)) {
            for (int i = 0; i < 200; i++) {
                values.add(randomValue(r, kind));
            }
        }
        for (Object v : values) {
            assertThat(KeyCodec.encodeIndexPrefix(v)).as("%s (%s)", v, v.getClass().getSimpleName())
                    .isEqualTo(KeyCodec.encode(new Object[]{Boolean.FALSE, v}));
        }
        assertThat(KeyCodec.encodeIndexPrefix(5)).isEqualTo(KeyCodec.encodeIndexPrefix(5L));   // integer and bigint keys meet
    }
}
