package io.kyrodb.server;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class CopyDataReaderTest {
    private static String readAll(CopyDataReader data, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int n; (n = data.read(buffer, 0, chunk)) >= 0; ) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }

    @Test
    void givesTheLinesUpToTheEndMarkerAndLeavesTheRestOfTheInput() throws IOException {
        BufferedReader input = new BufferedReader(new StringReader("1\tone\n2\t\\N\n\\.\nselect 1;\n"));
        CopyDataReader data = new CopyDataReader(input);
        assertThat(readAll(data, 3)).isEqualTo("1\tone\n2\t\\N\n");   // small reads split lines
        assertThat(data.read(new char[4], 0, 4)).isEqualTo(-1);
        assertThat(input.readLine()).isEqualTo("select 1;");
    }

    @Test
    void theInputsEndEndsTheData() throws IOException {
        BufferedReader input = new BufferedReader(new StringReader("a\nb"));
        assertThat(readAll(new CopyDataReader(input), 100)).isEqualTo("a\nb\n");
    }

    @Test
    void drainSkipsWhatTheCopyLeftUnreadUpToTheMarker() throws IOException {
        BufferedReader input = new BufferedReader(new StringReader("1\n" + "x\n".repeat(10_000) + "\\.\nnext\n"));
        CopyDataReader data = new CopyDataReader(input);
        char[] two = new char[2];
        assertThat(data.read(two, 0, 2)).isEqualTo(2);   // a COPY that failed at its first record
        data.drain();
        assertThat(data.read(two, 0, 2)).isEqualTo(-1);
        assertThat(input.readLine()).isEqualTo("next");
    }

    @Test
    void aLineThatOnlyStartsWithTheMarkerIsData() throws IOException {
        BufferedReader input = new BufferedReader(new StringReader("\\.x\n \\.\n\\.\n"));
        assertThat(readAll(new CopyDataReader(input), 8)).isEqualTo("\\.x\n \\.\n");
    }
}
