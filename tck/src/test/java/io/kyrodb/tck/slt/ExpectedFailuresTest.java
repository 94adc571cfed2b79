package io.kyrodb.tck.slt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpectedFailuresTest {

    @Test
    void readsPathsAndReasons() throws Exception {
        ExpectedFailures list = ExpectedFailures.parse("x.txt", """
                # header comment

                conformance/sqllogictest/select1.test   # needs subqueries and CASE
                kyro/later.test # later
                """);
        assertThat(list.lists("conformance/sqllogictest/select1.test")).isTrue();
        assertThat(list.reason("conformance/sqllogictest/select1.test")).isEqualTo("needs subqueries and CASE");
        assertThat(list.lists("kyro/types.test")).isFalse();
        assertThat(list.entries()).hasSize(2);
    }

    @Test
    void everyEntryNeedsAReason() {
        assertThatThrownBy(() -> ExpectedFailures.parse("x.txt", "a.test\n"))
                .hasMessage("x.txt:1: expected 'path  # reason'");
        assertThatThrownBy(() -> ExpectedFailures.parse("x.txt", "\na.test   #   \n"))
                .hasMessage("x.txt:2: expected 'path  # reason'");
    }

    @Test
    void rejectsDuplicates() {
        assertThatThrownBy(() -> ExpectedFailures.parse("x.txt", "a.test # one\na.test # two\n"))
                .hasMessage("x.txt:2: a.test is listed twice");
    }

    @Test
    void theProjectListParses() throws Exception {
        assertThat(SqlLogicTest.expectedFailures()).isNotNull();
    }
}
