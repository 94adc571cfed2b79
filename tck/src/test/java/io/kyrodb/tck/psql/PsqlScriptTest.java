package io.kyrodb.tck.psql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PsqlScriptTest {
    private static final String SQL = """
            -- vector

            CREATE TABLE t (val vector(3));
            SELECT * FROM t
              ORDER BY val;
            SELECT '[1,2'::vector;
            SELECT 1 AS a, NULL AS b;
            """;
    private static final String OUT = """
            -- vector
            CREATE TABLE t (val vector(3));
            SELECT * FROM t
              ORDER BY val;
               val   
            ---------
             [0,0,0]
             
            (2 rows)

            SELECT '[1,2'::vector;
            ERROR:  malformed vector literal: "[1,2"
            LINE 1: SELECT '[1,2'::vector;
                           ^
            SELECT 1 AS a, NULL AS b;
             a | b 
            ---+---
             1 | 
            (1 row)

            """;

    @Test
    void statementsAreMatchedWithWhatPsqlPrinted() {
        List<PsqlScript.Case> cases = PsqlScript.parse("x.sql", SQL, OUT).cases();
        assertThat(cases).extracting(PsqlScript.Case::line).containsExactly(3, 4, 6, 7);
        assertThat(cases.get(0).expected()).isEqualTo(new PsqlScript.Ok());
        assertThat(cases.get(1).expected()).isEqualTo(new PsqlScript.Rows(List.of("val"),
                List.of(List.of("[0,0,0]"), List.of(""))));
        assertThat(cases.get(2).expected()).isEqualTo(new PsqlScript.Error("malformed vector literal: \"[1,2\""));
        assertThat(cases.get(3).expected()).isEqualTo(new PsqlScript.Rows(List.of("a", "b"), List.of(List.of("1", ""))));
    }

    @Test
    void aStatementMissingFromTheOutIsAnError() {
        assertThatThrownBy(() -> PsqlScript.parse("x.sql", "SELECT 2;\n", OUT)).hasMessageContaining("line 1");
    }

    @Test
    void errorClassesFollowTheMessage() {
        assertThat(PsqlErrorClass.of("expected 3 dimensions, not 2")).isEqualTo("22");
        assertThat(PsqlErrorClass.of("type \"halfvec\" does not exist")).isEqualTo("42");
        assertThat(PsqlErrorClass.of("vector cannot have more than 16000 dimensions")).isEqualTo("54");
        assertThat(PsqlErrorClass.of("something new")).isNull();
    }

    @Test
    void expectedFailuresNeedAReasonAndCoverLineRanges() {
        PsqlExpectedFailures list = PsqlExpectedFailures.parse("a.sql:3-5  # arrays\nb.sql  # all of it\n");
        assertThat(list.covering("a.sql", 4)).isNotNull();
        assertThat(list.covering("a.sql", 6)).isNull();
        assertThat(list.covering("b.sql", 999)).isNotNull();
        assertThatThrownBy(() -> PsqlExpectedFailures.parse("a.sql:3\n")).hasMessageContaining("no reason");
    }

    @Test
    void valuesPrintAsPsqlShowsThem() {
        assertThat(PgvectorConformanceTest.psqlText(true)).isEqualTo("t");
        assertThat(PgvectorConformanceTest.psqlText(null)).isEmpty();
        assertThat(PgvectorConformanceTest.psqlText(new float[]{1.5f, -2f})).isEqualTo("[1.5,-2]");
        assertThat(PgvectorConformanceTest.psqlText(5.0)).isEqualTo("5");
    }
}
