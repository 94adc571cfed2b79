package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.types.HeapSize;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A block's decoded rows kept column by column: each read is a new array of the same values. */
class DecodedRowsTest {
    @Test
    void rowsOfOneWidthComeBackAsTheyWentIn() {
        Object[][] rows = {{1, "a", null}, {2, "b", 2.5}, {3, null, 3.5}};
        DecodedRows d = DecodedRows.of(rows, 100);
        for (int i = 0; i < rows.length; i++) {
            assertThat(d.isDelete(i)).isFalse();
            assertThat(d.row(i)).containsExactly(rows[i]).isNotSameAs(rows[i]);
            assertThat(d.row(i)).as("a new array each time").isNotSameAs(d.row(i));
        }
        assertThat(d.row(1, new boolean[]{false, true})).as("column 2 is past the mask: read")
                .containsExactly(null, "b", 2.5);
        assertThat(d.memoryBytes()).as("the values, the array of columns and the three columns")
                .isEqualTo(100 + HeapSize.array(3) + 3 * HeapSize.array(3));
    }

    @Test
    void rowsOfOtherWidthsAndDeletesKeepTheirOwn() {
        Object[][] rows = {{1, "a"}, null, {3, "c", true}, {4}};
        DecodedRows d = DecodedRows.of(rows, 0);
        assertThat(d.row(0)).containsExactly(1, "a");
        assertThat(d.isDelete(1)).isTrue();
        assertThat(d.row(1)).isNull();
        assertThat(d.row(1, new boolean[]{true})).isNull();
        assertThat(d.row(2)).containsExactly(3, "c", true);
        assertThat(d.row(3)).containsExactly(4);
        Object[] into = {"x", "x", "x", "x", "x"};
        assertThat(d.copyRow(2, new boolean[]{true, false, true}, into, 1)).isEqualTo(3);
        assertThat(into).containsExactly("x", 3, null, true, "x");
        assertThat(d.copyRow(3, null, into, 0)).isEqualTo(1);
        assertThat(into).containsExactly(4, 3, null, true, "x");
        assertThat(d.memoryBytes()).as("the widths too")
                .isEqualTo(HeapSize.array(3) + 3 * HeapSize.array(4) + 16 + 4 * 4);
    }
}
