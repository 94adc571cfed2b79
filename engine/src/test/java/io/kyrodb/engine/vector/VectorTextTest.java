package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pgvector's text form, with the cases of shared/conformance/pgvector/vector_type. */
class VectorTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1,2,3]|[1,2,3]",
            "[-1,-2,-3]|[-1,-2,-3]",
            "[1.,2.,3.]|[1,2,3]",
            "' [ 1,  2 ,    3  ] '|[1,2,3]",
            "[1.23456]|[1.23456]",
            "[1.5e38,-1.5e38]|[1.5e+38,-1.5e+38]",
            "[1.5e+38,-1.5e+38]|[1.5e+38,-1.5e+38]",
            "[1.5e-38,-1.5e-38]|[1.5e-38,-1.5e-38]",
            "[1e-46,1]|[0,1]",
            "[-1e-46,1]|[-0,1]",
            "[.5,+2,0.0001,0.00001]|[0.5,2,0.0001,1e-05]",
            "[100000,1000000,123456.7,1234567]|[100000,1e+06,123456.7,1.234567e+06]",
            "[3e38]|[3e+38]",
            "[0.1,0.2,0.3]|[0.1,0.2,0.3]",
            "[1E2]|[100]",
    })
    void parsesAndPrintsAsPgvector(String in, String out) {
        assertThat(VectorText.format(VectorText.parse(in, -1))).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[hello,1]|22P02|invalid input syntax for type vector: \"[hello,1]\"",
            "[NaN,1]|22000|NaN not allowed in vector",
            "[Infinity,1]|22000|infinite value not allowed in vector",
            "[-Infinity,1]|22000|infinite value not allowed in vector",
            "[4e38,1]|22003|\"4e38\" is out of range for type vector",
            "[-4e38,1]|22003|\"-4e38\" is out of range for type vector",
            "[1,2,3|22P02|invalid input syntax for type vector: \"[1,2,3\"",
            "[1,2,3]9|22P02|Junk after closing right brace.",
            "1,2,3|22P02|Vector contents must start with \"[\".",
            "''|22P02|invalid input syntax for type vector: \"\"",
            "[|22P02|invalid input syntax for type vector: \"[\"",
            "'[ '|22P02|invalid input syntax for type vector: \"[ \"",
            "[,|22P02|invalid input syntax for type vector",
            "[]|22000|vector must have at least 1 dimension",
            "[ ]|22000|vector must have at least 1 dimension",
            "[,]|22P02|invalid input syntax for type vector",
            "[1,]|22P02|invalid input syntax for type vector",
            "[1a]|22P02|invalid input syntax for type vector",
            "[1f]|22P02|invalid input syntax for type vector",
    })
    void refusesWhatPgvectorRefuses(String in, String state, String message) {
        assertThatThrownBy(() -> VectorText.parse(in, -1)).isInstanceOf(KyroException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((KyroException) e).state().code()).isEqualTo(state));
    }

    @Test
    void dimensionsAreCheckedAgainstTheColumnAndTheLimit() {
        assertThat(VectorText.parse("[1,2,3]", 3)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> VectorText.parse("[1,2]", 3)).hasMessage("expected 3 dimensions, not 2");
        String big = "[" + "1,".repeat(VectorText.MAX_DIMENSIONS) + "1]";
        assertThatThrownBy(() -> VectorText.parse(big, -1)).hasMessage("vector cannot have more than 16000 dimensions")
                .satisfies(e -> assertThat(((KyroException) e).state().code()).isEqualTo("54000"));
        String max = "[" + "1,".repeat(VectorText.MAX_DIMENSIONS - 1) + "1]";
        assertThat(VectorText.parse(max, -1)).hasSize(VectorText.MAX_DIMENSIONS);
    }

    @Test
    void everyFloatPrintsAsTheShortestTextThatReadsBackAsItself() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                continue;
            }
            String text = VectorText.format(new float[]{f});
            float back = VectorText.parse(text, -1)[0];
            assertThat(Float.floatToRawIntBits(back)).as(text).isEqualTo(Float.floatToRawIntBits(f));
            assertThat(text).doesNotContain("E").doesNotContain(".e").doesNotEndWith(".]");
        }
    }
}
