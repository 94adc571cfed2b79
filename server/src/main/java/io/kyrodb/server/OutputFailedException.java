package io.kyrodb.server;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shell's own output could not be written (typically a closed pipe, as in {@code kyro ... | head}).
 * Kept apart from anything a driver throws, so the shell stops instead of reporting it as a SQL error.
 */
final class OutputFailedException extends UncheckedIOException {

    OutputFailedException(IOException cause) {
        super(cause);
    }

    static void append(Appendable out, CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new OutputFailedException(e);
        }
    }

    static void flush(java.io.Flushable out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new OutputFailedException(e);
        }
    }
}
