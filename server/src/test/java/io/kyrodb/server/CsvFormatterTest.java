package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvFormatterTest {

    @Test
    void plainFieldsAreBare() {
        assertThat(CsvFormatter.record(Arrays.asList("1", "alice", "9.5"))).isEqualTo("1,alice,9.5\n");
    }

    @Test
    void nullIsEmptyAndEmptyStringIsQuoted() {
        assertThat(CsvFormatter.record(Arrays.asList("a", null, "", "b"))).isEqualTo("a,,\"\",b\n");
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(CsvFormatter.record(Arrays.asList("x,y", "say \"hi\"", "two\nlines", "cr\rhere")))
                .isEqualTo("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\n");
    }

    @Test
    void edgeSpacesAreQuotedSoReadersThatTrimKeepThem() {
        assertThat(CsvFormatter.record(Arrays.asList(" lead", "trail ", "in side"))).isEqualTo("\" lead\",\"trail \",in side\n");
    }

    @Test
    void nonAsciiNeedsNoQuotes() {
        assertThat(CsvFormatter.record(Arrays.asList("日本語", "é"))).isEqualTo("日本語,é\n");
    }

    @Test
    void singleNullFieldIsAnEmptyLine() {
        assertThat(CsvFormatter.record(Arrays.asList((String) null))).isEqualTo("\n");
    }
}
