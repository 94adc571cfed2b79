package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KvRowsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 7, 1000, 9973, 100_000})
    void loadOrderVisitsEveryIdOnce(long rows) {
        KvRows kv = new KvRows(rows, 42, 60);
        BitSet seen = new BitSet();
        boolean sequential = true;
        for (long i = 0; i < rows; i++) {
            long id = kv.idAt(i);
            assertThat(id).isBetween(1L, rows);
            assertThat(seen.get((int) id)).as("id %d twice", id).isFalse();
            seen.set((int) id);
            sequential &= id == i + 1;
        }
        assertThat(seen.cardinality()).isEqualTo((int) rows);
        if (rows > 2) {
            assertThat(sequential).as("the order is scattered").isFalse();
        }
    }

    @Test
    void valuesDependOnTheIdOnly() {
        KvRows a = new KvRows(1000, 1, 60);
        KvRows b = new KvRows(50, 2, 60);
        for (long id = 1; id <= 50; id++) {
            assertThat(a.val(id)).hasSize(60).isEqualTo(b.val(id)).isNotEqualTo(a.updatedVal(id));
            assertThat(KvRows.n(id)).isNotNegative();
            assertThat(KvRows.updatedN(id)).isNegative();
        }
        assertThat(a.val(1)).isNotEqualTo(a.val(2));
        assertThat(new KvRows(1, 0, 1000).val(7)).hasSize(1000).startsWith(a.val(7).substring(0, 10));
        assertThat(new KvRows(1000, 1, 60).idAt(0)).isEqualTo(a.idAt(0));
        assertThat(new KvRows(1000, 2, 60).idAt(0)).isNotEqualTo(a.idAt(0));
    }

    @Test
    void refusesEmptyTablesAndVals() {
        assertThatThrownBy(() -> new KvRows(0, 1, 60)).hasMessageContaining("rows");
        assertThatThrownBy(() -> new KvRows(10, 1, 0)).hasMessageContaining("val length");
    }
}
