package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void sameSeedSameRowsAndIdsAreAShuffledPermutation() {
        long seed = 42;
        Dataset a = Dataset.generate(seed, 5000);
        Dataset b = Dataset.generate(seed, 5000);
        long[] ids = new long[a.rows()];
        boolean sequential = true;
        for (int i = 0; i < a.rows(); i++) {
            ids[i] = a.idAt(i);
            assertThat(b.idAt(i)).isEqualTo(ids[i]);
            sequential &= ids[i] == i + 1;
        }
        assertThat(sequential).as("insert order is shuffled").isFalse();
        Arrays.sort(ids);
        for (int i = 0; i < ids.length; i++) {
            assertThat(ids[i]).isEqualTo(i + 1L);
        }
        for (long id = 1; id <= a.rows(); id++) {
            assertThat(b.valOf(id)).isEqualTo(a.valOf(id));
            assertThat(b.nOf(id)).isEqualTo(a.nOf(id));
            assertThat(a.valOf(id).length()).isBetween(Dataset.MIN_VAL_LENGTH, Dataset.MAX_VAL_LENGTH);
        }
        assertThat(Dataset.generate(seed + 1, 5000).valOf(1)).isNotEqualTo(a.valOf(1));
    }

    @Test
    void randomExistingIdsStayInRange() {
        Dataset data = Dataset.generate(1, 10);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(data.randomExistingId(random)).isBetween(1L, 10L);
        }
    }
}
