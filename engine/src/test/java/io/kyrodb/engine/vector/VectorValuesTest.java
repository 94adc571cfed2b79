package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vector values in the type layer and the value codec. */
class VectorValuesTest {
    @Test
    void codecRoundTripsBitsExactly() {
        float[] v = {1.5f, -0f, Float.MIN_VALUE, 3.4e38f};
        ByteWriter out = new ByteWriter();
        ValueCodec.writeRow(out, new Object[]{7, v, null});
        Object[] row = ValueCodec.readRow(new ByteReader(out.toByteArray()));
        assertThat(row[0]).isEqualTo(7);
        assertThat((float[]) row[1]).usingElementComparator((a, b) -> Integer.compare(Float.floatToRawIntBits(a),
                Float.floatToRawIntBits(b))).containsExactly(v);
        assertThat(row[2]).isNull();
    }

    @Test
    void aTruncatedVectorIsAFormatErrorNotAnOutOfMemory() {
        ByteWriter out = new ByteWriter();
        ValueCodec.write(out, new float[]{1, 2, 3});
        byte[] bytes = out.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(cut))).isInstanceOf(FormatException.class);
    }

    @Test
    void keyBytesOrderLikeTheBtreeOrderAndDecode() {
        long seed = Long.getLong("kyro.test.seed", 42L);
        java.util.Random random = new java.util.Random(seed);
        float[] pool = {0f, -0f, 1f, -1f, 0.5f, -2.5f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE};
        for (int trial = 0; trial < 2000; trial++) {
            float[] a = randomVector(random, pool);
            float[] b = randomVector(random, pool);
            byte[] ka = KeyCodec.encode(a);
            byte[] kb = KeyCodec.encode(b);
            assertThat(Integer.signum(java.util.Arrays.compareUnsigned(ka, kb)))
                    .as("seed %d: %s vs %s", seed, VectorText.format(a), VectorText.format(b))
                    .isEqualTo(Integer.signum(Values.compare(a, b)));
            Object back = KeyCodec.decode(ka, new TypeKind[]{TypeKind.VECTOR});
            assertThat(Values.compare(back, a)).isZero();
            assertThat((float[]) back).hasSameSizeAs(a);
        }
        Object[] composite = (Object[]) KeyCodec.decode(KeyCodec.encode(new Object[]{new float[]{2, 3}, 7}),
                new TypeKind[]{TypeKind.VECTOR, TypeKind.INTEGER});
        assertThat((float[]) composite[0]).containsExactly(2f, 3f);
        assertThat(composite[1]).isEqualTo(7);
    }

    private static float[] randomVector(java.util.Random random, float[] pool) {
        float[] v = new float[1 + random.nextInt(3)];
        for (int i = 0; i < v.length; i++) {
            v[i] = pool[random.nextInt(pool.length)];
        }
        return v;
    }

    @Test
    void halfvecsRoundTripThroughTheCodecAndKeysAndATruncatedOneIsAFormatError() {
        HalfVector h = HalfVector.of(new float[]{1.5f, -0f, 65504f, 0.1f});
        ByteWriter out = new ByteWriter();
        ValueCodec.writeRow(out, new Object[]{h, new float[]{1}});
        byte[] bytes = out.toByteArray();
        Object[] row = ValueCodec.readRow(new ByteReader(bytes));
        assertThat(row[0]).isEqualTo(h);
        assertThat(((HalfVector) row[0]).bits(1)).isEqualTo((short) 0x8000);   // -0 kept bit for bit
        assertThat(row[0].toString()).isEqualTo("[1.5,-0,65504,0.099975586]");
        ByteWriter one = new ByteWriter();
        ValueCodec.write(one, h);
        byte[] cut = java.util.Arrays.copyOf(one.toByteArray(), one.toByteArray().length - 2);
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(cut))).isInstanceOf(FormatException.class)
                .hasMessageContaining("halfvec of 4 dimensions overruns");
        HalfVector small = HalfVector.of(new float[]{1, 2});
        HalfVector big = HalfVector.of(new float[]{1, 2, -3});
        assertThat(java.util.Arrays.compareUnsigned(KeyCodec.encode(small), KeyCodec.encode(big))).isNegative();
        assertThat(Values.compare(small, big)).isNegative();
        assertThat(KeyCodec.decode(KeyCodec.encode(big), new TypeKind[]{TypeKind.HALFVEC})).isEqualTo(big);
        assertThat(HalfVector.of(new float[]{-0f})).isEqualTo(HalfVector.of(new float[]{0f}))
                .hasSameHashCodeAs(HalfVector.of(new float[]{0f}));
    }

    @Test
    void btreeOrderIsElementwiseThenByLength() {
        assertThat(Values.compare(new float[]{1, 2}, new float[]{1, 2, 3})).isNegative();
        assertThat(Values.compare(new float[]{1, 3}, new float[]{1, 2, 3})).isPositive();
        assertThat(Values.compare(new float[]{1, 2, 3}, new float[]{1, 2, 3})).isZero();
        assertThat(Values.compare(new float[]{-1}, new float[]{0, 0})).isNegative();
    }

    @Test
    void castsCheckDimensionsOnlyWhenTheTargetHasThem() {
        float[] four = {1, 2, 3, 4};
        assertThat(Casts.convert(four, SqlType.VECTOR, false)).isSameAs(four);
        assertThatThrownBy(() -> Casts.convert(four, SqlType.vector(3), false)).isInstanceOf(KyroException.class)
                .hasMessage("expected 3 dimensions, not 4");
        assertThat(Casts.convert(four, SqlType.TEXT, true)).isEqualTo("[1,2,3,4]");
        assertThat((float[]) Casts.convert("[1,2]", SqlType.vector(2), false)).containsExactly(1f, 2f);
        assertThat(SqlType.vector(3).displayName()).isEqualTo("vector(3)");
    }
}
