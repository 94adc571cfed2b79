package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LikePatternTest {

    @Test
    void nullMatchesEverything() {
        assertThat(LikePattern.of(null).matches("anything")).isTrue();
        assertThat(LikePattern.of(null).matches(null)).isTrue();
    }

    @Test
    void percentAndUnderscore() {
        assertThat(LikePattern.of("%").matches("")).isTrue();
        assertThat(LikePattern.of("ord%").matches("orders")).isTrue();
        assertThat(LikePattern.of("ord%").matches("items")).isFalse();
        assertThat(LikePattern.of("t_").matches("t1")).isTrue();
        assertThat(LikePattern.of("t_").matches("t12")).isFalse();
        assertThat(LikePattern.of("%_log").matches("audit_log")).isTrue();
    }

    @Test
    void exactAndCaseSensitive() {
        assertThat(LikePattern.of("orders").matches("orders")).isTrue();
        assertThat(LikePattern.of("orders").matches("ORDERS")).isFalse();
        assertThat(LikePattern.of("").matches("")).isTrue();
        assertThat(LikePattern.of("").matches("t")).isFalse();
    }

    @Test
    void escapeMakesWildcardsLiteral() {
        assertThat(LikePattern.of("a\\_b").matches("a_b")).isTrue();
        assertThat(LikePattern.of("a\\_b").matches("axb")).isFalse();
        assertThat(LikePattern.of("100\\%").matches("100%")).isTrue();
        assertThat(LikePattern.of("a\\\\b").matches("a\\b")).isTrue();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(LikePattern.of("a.b").matches("a.b")).isTrue();
        assertThat(LikePattern.of("a.b").matches("axb")).isFalse();
        assertThat(LikePattern.of("t$[1]").matches("t$[1]")).isTrue();
    }
}
