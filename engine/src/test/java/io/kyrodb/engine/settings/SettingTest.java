package io.kyrodb.engine.settings;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTest {

    @Test
    void sizesTakeUnitsAndNormalizeToTheShortestExactForm() {
        assertThat(Setting.bytes("1048576")).isEqualTo(1 << 20);
        assertThat(Setting.bytes("512kB")).isEqualTo(512 << 10);
        assertThat(Setting.bytes("64MB")).isEqualTo(64L << 20);
        assertThat(Setting.bytes("2 gb")).isEqualTo(2L << 30);
        assertThat(Setting.WORK_MEM.normalize("1536kB")).isEqualTo("1536kB");
        assertThat(Setting.WORK_MEM.normalize("2048kB")).isEqualTo("2MB");
        assertThat(Setting.CACHE_SIZE.normalize("100")).isEqualTo("100B");
    }

    @Test
    void badSizesNameTheValue() {
        assertThatThrownBy(() -> Settings.parse(Map.of("cache_size", "lots")))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).contains("\"lots\"");
                });
        assertThatThrownBy(() -> Setting.bytes("99999999999TB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Setting.WORK_MEM.normalize("1kB")).hasMessageContaining("below the minimum of 64kB");
    }
}
