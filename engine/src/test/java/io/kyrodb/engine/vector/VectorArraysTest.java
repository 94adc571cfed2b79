package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vector side of pgvector's array casts, with the outcomes of pgvector's cast.sql. */
class VectorArraysTest {
    @Test
    void numbersOfEveryKindBecomeFloats() {
        assertThat(VectorArrays.toVector(List.of(1, 2L, (short) 3), -1, "vector")).containsExactly(1f, 2f, 3f);
        assertThat(VectorArrays.toVector(List.of(1.0, new BigDecimal("2.5"), 3f), 3, "vector")).containsExactly(1f, 2.5f, 3f);
        assertThat(VectorArrays.toVector(List.of(1e-46, -1e-46), -1, "vector")).containsExactly(0f, -0f);
        assertThat(VectorArrays.toRealArray(new float[]{1f, 2f})).containsExactly(1f, 2f);
        assertThat(VectorArrays.toHalfVector(List.of(1, 2, 3), 3).toString()).isEqualTo("[1,2,3]");
    }

    @Test
    void pgvectorsErrors() {
        assertError(() -> VectorArrays.toVector(List.of(1, 2, 3), 2, "vector"), "22000", "expected 2 dimensions, not 3");
        assertError(() -> VectorArrays.toVector(Arrays.asList((Object) null), -1, "vector"), "22004", "array must not contain nulls");
        assertError(() -> VectorArrays.toVector(List.of(Float.NaN), -1, "vector"), "22000", "NaN not allowed in vector");
        assertError(() -> VectorArrays.toVector(List.of(Double.NEGATIVE_INFINITY), -1, "vector"), "22000",
                "infinite value not allowed in vector");
        assertError(() -> VectorArrays.toVector(List.of(4e38, -4e38), -1, "vector"), "22000",
                "infinite value not allowed in vector");
        assertError(() -> VectorArrays.toVector(Collections.emptyList(), -1, "vector"), "22000",
                "vector must have at least 1 dimension");
        assertError(() -> VectorArrays.toVector(List.of(List.of(1)), -1, "vector"), "22000", "array must be 1-D");
        assertError(() -> VectorArrays.toVector(Collections.nCopies(16001, 1), -1, "vector"), "54000",
                "vector cannot have more than 16000 dimensions");
        assertError(() -> VectorArrays.toHalfVector(List.of(65520f, -65520f), -1), "22003",
                "\"65520\" is out of range for type halfvec");
    }

    private static void assertError(Runnable r, String state, String message) {
        assertThatThrownBy(r::run).isInstanceOf(KyroException.class).hasMessage(message)
                .extracting(e -> ((KyroException) e).state().code()).isEqualTo(state);
    }
}
