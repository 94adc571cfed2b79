package io.kyrodb.engine.exec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The long-keyed table agrees with a HashMap through random puts, replacements and removals. */
class LongKeyMapTest {
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 42, 9001})
    void agreesWithAHashMap(long seed) {
        System.out.println("LongKeyMapTest seed=" + seed);
        Random r = new Random(seed);
        LongKeyMap<String> map = new LongKeyMap<>();
        Map<Long, String> model = new HashMap<>();
        // Few distinct keys (many collisions and removals in probe chains), plus the extremes.
        long[] special = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (int step = 0; step < 50_000; step++) {
            long k = r.nextInt(10) == 0 ? special[r.nextInt(special.length)] : r.nextInt(3000) - 1500;
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    String v = "v" + step;
                    map.put(k, v);
                    model.put(k, v);
                }
                case 2 -> {
                    map.remove(k);
                    model.remove(k);
                }
                default -> assertThat(map.get(k)).as("get %d at step %d", k, step).isEqualTo(model.get(k));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        for (long k = -1600; k < 1600; k++) {
            assertThat(map.get(k)).isEqualTo(model.get(k));
        }
        Map<Long, String> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(model);
        List<String> values = new ArrayList<>();
        map.values().forEachRemaining(values::add);
        assertThat(values).containsExactlyInAnyOrderElementsOf(model.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"int", "long", "short"})
    void integralTypesAreTheIntegerTypes(String type) {
        Object v = switch (type) {
            case "int" -> 1;
            case "long" -> 1L;
            default -> (short) 1;
        };
        assertThat(LongKeyMap.integral(v)).isTrue();
        assertThat(LongKeyMap.integral(1.0)).isFalse();
        assertThat(LongKeyMap.integral(java.math.BigDecimal.ONE)).isFalse();
        assertThat(LongKeyMap.integral(null)).isFalse();
        assertThat(LongKeyMap.integral("1")).isFalse();
    }
}
