package io.kyrodb.tck.slt;

import static io.kyrodb.tck.slt.SltValues.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SltValuesTest {

    @Test
    void nullIsNullInEveryType() {
        assertThat(render(null, 'I')).isEqualTo("NULL");
        assertThat(render(null, 'R')).isEqualTo("NULL");
        assertThat(render(null, 'T')).isEqualTo("NULL");
    }

    @Test
    void integers() {
        assertThat(render(42, 'I')).isEqualTo("42");
        assertThat(render(-7L, 'I')).isEqualTo("-7");
        assertThat(render((short) 3, 'I')).isEqualTo("3");
        assertThat(render(Long.MIN_VALUE, 'I')).isEqualTo("-9223372036854775808");
        assertThat(render(new BigInteger("123456789012345678901"), 'I')).isEqualTo("123456789012345678901");
        assertThat(render(new BigDecimal("12.000"), 'I')).isEqualTo("12");
        assertThat(render(3.0, 'I')).isEqualTo("3");
        assertThat(render(" 17 ", 'I')).isEqualTo("17");
    }

    @Test
    void booleansInIntegerColumnsAreOneAndZero() {
        assertThat(render(true, 'I')).isEqualTo("1");
        assertThat(render(false, 'I')).isEqualTo("0");
    }

    @Test
    void aFractionInAnIntegerColumnShowsAsItIsSoAWrongTypeIsAWrongValue() {
        assertThat(render(3.5, 'I')).isEqualTo("3.5");
        assertThat(render(new BigDecimal("1.50"), 'I')).isEqualTo("1.5");
        assertThat(render("abc", 'I')).isEqualTo("abc");
    }

    @Test
    void realsHaveThreeDecimalsRoundedLikePrintf() {
        assertThat(render(1.5, 'R')).isEqualTo("1.500");
        assertThat(render(3L, 'R')).isEqualTo("3.000");
        assertThat(render(2.0f / 3, 'R')).isEqualTo("0.667");
        assertThat(render(-1.0 / 3, 'R')).isEqualTo("-0.333");
        // 0.0625 is exact in binary: a tie, which printf rounds to even; Java's %.3f gives 0.063.
        assertThat(render(0.0625, 'R')).isEqualTo("0.062");
        assertThat(render(0.0635, 'R')).isEqualTo("0.064"); // binary value slightly above the tie
        // 1.0005 is 1.000499999... in binary: printf gives 1.000, Java's %.3f gives 1.001.
        assertThat(render(1.0005, 'R')).isEqualTo("1.000");
        assertThat(render(new BigDecimal("2.5005"), 'R')).isEqualTo("2.500");
        assertThat(render(-0.0001, 'R')).isEqualTo("-0.000");
        assertThat(render(-0.0, 'R')).isEqualTo("-0.000");
        assertThat(render(1e20, 'R')).isEqualTo("100000000000000000000.000");
        assertThat(render(Double.NaN, 'R')).isEqualTo("nan");
        assertThat(render(Double.NEGATIVE_INFINITY, 'R')).isEqualTo("-inf");
        assertThat(render("2.25", 'R')).isEqualTo("2.250");
    }

    @Test
    void text() {
        assertThat(render("hello world", 'T')).isEqualTo("hello world");
        assertThat(render("", 'T')).isEqualTo("(empty)");
        assertThat(render("a\tb\nc\u0000d\u007f", 'T')).isEqualTo("a@b@c@d@");
        assertThat(render("héllo", 'T')).isEqualTo("héllo");
        assertThat(render(true, 'T')).isEqualTo("true");
        assertThat(render(12L, 'T')).isEqualTo("12");
    }

    @Test
    void floatsAsTextLookLikePostgresOutput() {
        assertThat(render(1.5, 'T')).isEqualTo("1.5");
        assertThat(render(3.0, 'T')).isEqualTo("3");
        assertThat(render(0.1 + 0.2, 'T')).isEqualTo("0.30000000000000004");
        assertThat(render(0.0001, 'T')).isEqualTo("0.0001");
        assertThat(render(0.00001, 'T')).isEqualTo("1e-05");
        assertThat(render(1e14, 'T')).isEqualTo("100000000000000");
        assertThat(render(1e15, 'T')).isEqualTo("1e+15");
        assertThat(render(-1.5e-7, 'T')).isEqualTo("-1.5e-07");
        assertThat(render(1e6f, 'T')).isEqualTo("1e+06");
        assertThat(render(123456f, 'T')).isEqualTo("123456");
        assertThat(render(0.1f, 'T')).isEqualTo("0.1");
        assertThat(render(Double.POSITIVE_INFINITY, 'T')).isEqualTo("Infinity");
        assertThat(render(Double.NaN, 'T')).isEqualTo("NaN");
    }
}
