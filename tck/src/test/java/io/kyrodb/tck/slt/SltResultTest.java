package io.kyrodb.tck.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltResultTest {

    private static final List<List<String>> ROWS = List.of(
            List.of("9", "b"), List.of("10", "a"), List.of("9", "a"), List.of("NULL", "c"));

    @Test
    void nosortKeepsEngineOrder() {
        assertThat(SltResult.of(2, ROWS, SortMode.NOSORT).values())
                .containsExactly("9", "b", "10", "a", "9", "a", "NULL", "c");
    }

    @Test
    void rowsortComparesRenderedTextColumnByColumn() {
        // strcmp order: "10" < "9" < "NULL".
        assertThat(SltResult.of(2, ROWS, SortMode.ROWSORT).values())
                .containsExactly("10", "a", "9", "a", "9", "b", "NULL", "c");
    }

    @Test
    void valuesortSortsEveryValueOnItsOwn() {
        assertThat(SltResult.of(2, ROWS, SortMode.VALUESORT).values())
                .containsExactly("10", "9", "9", "NULL", "a", "a", "b", "c");
    }

    @Test
    void hashMatchesTheSqllogictestProgram() {
        // select1.test line 1010: SQLite's rows for that query, and the hash the file records.
        List<List<String>> rows = List.of(
                List.of("-1", "222", "2", "223", "222", "3331"),
                List.of("2", "247", "-1", "249", "111", "3706"));
        SltResult result = SltResult.of(6, rows, SortMode.NOSORT);
        assertThat(result.hashLine()).isEqualTo("12 values hashing to 4aec8d073aa39894da494a2e5c69e108");
        assertThat(result.mismatch(List.of("12 values hashing to 4aec8d073aa39894da494a2e5c69e108"))).isNull();
        assertThat(result.mismatch(List.of("12 values hashing to 00000000000000000000000000000000")))
                .startsWith("expected 12 values hashing to 0000");
    }

    @Test
    void expectedValuesOnePerLineOrOneRowPerLineWithTabs() {
        SltResult result = SltResult.of(2, List.of(List.of("1", "x"), List.of("2", "(empty)")), SortMode.NOSORT);
        assertThat(result.mismatch(List.of("1", "x", "2", "(empty)"))).isNull();
        assertThat(result.mismatch(List.of("1\tx", "2\t(empty)"))).isNull();
        assertThat(result.mismatch(List.of("1", "x", "2", "y")))
                .isEqualTo("value 4 (row 2, column 2) differs: expected 'y' but got '(empty)'");
        assertThat(result.mismatch(List.of("1", "x"))).isEqualTo("expected 2 values but got 4");
        assertThat(result.rowLines()).containsExactly("1\tx", "2\t(empty)");
    }

    @Test
    void recordedFormHashesAboveTheThreshold() {
        SltResult result = SltResult.of(1, List.of(List.of("1"), List.of("2"), List.of("3")), SortMode.NOSORT);
        assertThat(result.asRecorded(0)).containsExactly("1", "2", "3");
        assertThat(result.asRecorded(3)).containsExactly("1", "2", "3");
        assertThat(result.asRecorded(2)).containsExactly(result.hashLine());
    }

    @Test
    void emptyResult() {
        SltResult result = SltResult.of(3, List.of(), SortMode.ROWSORT);
        assertThat(result.mismatch(List.of())).isNull();
        assertThat(result.hashLine()).isEqualTo("0 values hashing to d41d8cd98f00b204e9800998ecf8427e");
    }
}
