package io.kyrodb.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The data of a {@code COPY ... FROM STDIN} read straight from the shell's input as the COPY asks
 * for it: the lines up to one that is {@code \.} (not part of the data) or the input's end, each
 * with its line break. A script's data block, however large, is never held in memory whole. After
 * the COPY, {@link #drain} skips what it left unread (it stopped at a bad record), so the script
 * goes on after the end marker, as psql does.
 */
final class CopyDataReader extends Reader {
    private final BufferedReader input;
    /** The current line with its break, or null when the next must be read. */
    private String line;
    private int at;
    private boolean ended;

    CopyDataReader(BufferedReader input) {
        this.input = input;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length() - at);
        line.getChars(at, at + n, buffer, offset);
        at += n;
        return n;
    }

    /** Reads past the rest of the data, up to and including the end marker. */
    void drain() throws IOException {
        while (fill()) {
            line = null;
        }
    }

    /** Whether a line with characters left is current, reading the next line if needed. */
    private boolean fill() throws IOException {
        while (!ended && (line == null || at == line.length())) {
            String next = input.readLine();
            if (next == null || next.equals("\\.")) {
                ended = true;
                line = null;
            } else {
                line = next + "\n";
                at = 0;
            }
        }
        return !ended;
    }

    @Override
    public void close() {
        // the shell's input stays open: the script goes on after the data
    }
}
