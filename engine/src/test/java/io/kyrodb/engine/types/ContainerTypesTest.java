package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text forms and orders of uuid, bytea, jsonb and arrays beyond what the .test scripts reach. */
class ContainerTypesTest {
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 7, 2024})
    void arrayTextRoundTripsAnyStrings(long seed) {
        System.out.println("ContainerTypesTest.arrayTextRoundTripsAnyStrings seed=" + seed);
        Random r = new Random(seed);
        String alphabet = "ab {},\"\\ \tNUL\u00e9";
        SqlType textArray = SqlType.arrayOf(SqlType.TEXT);
        for (int i = 0; i < 500; i++) {
            Object[] elements = new Object[r.nextInt(5)];
            for (int k = 0; k < elements.length; k++) {
                if (r.nextInt(6) == 0) {
                    continue;   // NULL
                }
                StringBuilder sb = new StringBuilder();
                for (int n = r.nextInt(6); n > 0; n--) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                elements[k] = sb.toString();
            }
            SqlArray a = SqlArray.of(elements);
            assertThat(ArrayText.parse(a.toString(), textArray)).as("seed %d: %s", seed, a).isEqualTo(a);
        }
    }

    @Test
    void arraysOrderNullsLastAndShorterFirst() {
        assertThat(SqlArray.of(1, null).compareTo(SqlArray.of(1, 5))).isPositive();
        assertThat(SqlArray.of(1, 2).compareTo(SqlArray.of(1, 2, 0))).isNegative();
        assertThat(SqlArray.of(1, 2)).isEqualTo(SqlArray.of(1L, 2.0)).hasSameHashCodeAs(SqlArray.of(1L, 2.0));
        SqlArray twoByOne = ArrayText.parse("{{1},{2}}", SqlType.arrayOf(SqlType.INTEGER));
        assertThat(twoByOne.dims()).containsExactly(2, 1);
        assertThat(twoByOne).isNotEqualTo(SqlArray.of(1, 2));   // the same elements in another shape
        assertThat(twoByOne.compareTo(SqlArray.of(1, 2))).isPositive();   // more dimensions after
        assertThat(twoByOne.toString()).isEqualTo("{{1},{2}}");
        assertThatThrownBy(() -> ArrayText.parse("{{1},{2,3}}", SqlType.arrayOf(SqlType.INTEGER)))
                .isInstanceOfSatisfying(KyroException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION));
    }

    @Test
    void uuidOrderIsUnsignedBytes() {
        UUID low = UuidText.parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UuidText.parse("80000000-0000-0000-0000-000000000000");
        assertThat(low.compareTo(high)).isPositive();   // Java's signed order ...
        assertThat(UuidText.compare(low, high)).isNegative();   // ... is not Postgres's
        UUID v4 = UuidText.random();
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.variant()).isEqualTo(2);
    }

    @Test
    void byteaOrderIsUnsignedAndTextIsHex() {
        Bytes ff = Bytes.parse("\\xff");
        Bytes zero = Bytes.parse("\\x00");
        assertThat(ff.compareTo(zero)).isPositive();
        assertThat(Bytes.parse("\\x").compareTo(zero)).isNegative();
        assertThat(Bytes.parse("a\\\\b\\001").toString()).isEqualTo("\\x615c6201");
    }

    @Test
    void jsonbNormalizesKeysNumbersAndEqualityAgreesWithHash() {
        Jsonb a = Jsonb.parse("{\"bb\": 1.0, \"a\": {\"y\": [], \"x\": 1e2}, \"bb\": 2.50}");
        assertThat(a.toString()).isEqualTo("{\"a\": {\"x\": 100, \"y\": []}, \"bb\": 2.50}");
        Jsonb b = Jsonb.parse("{\"a\": {\"x\": 100.000, \"y\": []}, \"bb\": 2.5}");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(Jsonb.parse("\"tab\\there \\u0001\"").toString()).isEqualTo("\"tab\\there \\u0001\"");
        assertThat(Jsonb.parse("true").compareTo(Jsonb.parse("[]"))).isPositive();
        assertThat(Jsonb.parse("5").compareTo(Jsonb.parse("[1, 2]"))).isNegative();
        assertThat(Jsonb.parse("5").compareTo(Jsonb.parse("[5]"))).isNegative();
    }
}
