package io.kyrodb.engine.copy;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads COPY FROM's records: each a list of fields, null for SQL NULL, else the field's text (which
 * the column's input function then reads, as for a string literal). CSV fields may hold delimiters
 * and line breaks inside quotes; text fields use backslash escapes. Errors are 22P04 with the line.
 */
public final class CopyReader {
    private final Reader in;
    private final CopyFormat format;
    private int line;
    private int pending = -2;   // a character read ahead; -2 none

    public CopyReader(Reader in, CopyFormat format) {
        this.in = in;
        this.format = format;
    }

    /** The line the last record started on (1-based), for error messages. */
    public int line() {
        return line;
    }

    /** The next record, or null at the end of the file (or at a line holding only {@code \.}). */
    public List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        unread(c);
        line++;
        return format.csv() ? csvRecord() : textRecord();
    }

    private List<String> csvRecord() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean lineQuoted = false;   // only an unquoted \. alone on its line ends the data
        int startLine = line;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new KyroException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field (line " + startLine + ")");
                }
                if (c == format.escape() && format.escape() != format.quote()) {
                    int n = read();
                    if (n == format.quote() || n == format.escape()) {
                        field.append((char) n);
                        continue;
                    }
                    unread(n);
                    field.append((char) c);
                } else if (c == format.quote()) {
                    int n = read();
                    if (n == format.quote() && format.escape() == format.quote()) {
                        field.append((char) n);   // a doubled quote inside quotes
                    } else {
                        unread(n);
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == format.quote()) {
                quoted = true;
                wasQuoted = true;
                lineQuoted = true;
            } else if (c == format.delimiter() || c == '\n' || c == '\r' || c == -1) {
                String text = field.toString();
                fields.add(!wasQuoted && text.equals(format.nullText()) ? null : text);
                field.setLength(0);
                wasQuoted = false;
                if (c != format.delimiter()) {
                    endOfLine(c);
                    if (fields.size() == 1 && !lineQuoted && "\\.".equals(fields.get(0))) {
                        return drain();
                    }
                    return fields;
                }
            } else {
                field.append((char) c);
            }
        }
    }

    private List<String> textRecord() throws IOException {
        List<String> fields = new ArrayList<>();
        EscapedBytes bytes = new EscapedBytes();
        StringBuilder field = new StringBuilder();
        StringBuilder raw = new StringBuilder();   // as written: NULL and the end marker are recognized on it
        while (true) {
            int c = read();
            if (c == format.delimiter() || c == '\n' || c == '\r' || c == -1) {
                String written = raw.toString();
                bytes.flushInto(field, line);
                fields.add(written.equals(format.nullText()) ? null : field.toString());
                field.setLength(0);
                raw.setLength(0);
                if (c != format.delimiter()) {
                    endOfLine(c);
                    if (fields.size() == 1 && written.equals("\\.")) {
                        return drain();
                    }
                    return fields;
                }
                continue;
            }
            raw.append((char) c);
            if (c != '\\') {
                bytes.flushInto(field, line);
                field.append((char) c);
                continue;
            }
            int n = read();
            if (n == -1 || n == '\n' || n == '\r') {
                throw new KyroException(SqlState.BAD_COPY_FILE_FORMAT, "end-of-copy marker corrupt (line " + line + ")");
            }
            raw.append((char) n);
            boolean octal = n >= '0' && n <= '7';
            if (n != 'x' && !octal) {
                bytes.flushInto(field, line);
            }
            switch (n) {
                case 'b' -> field.append('\b');
                case 'f' -> field.append('\f');
                case 'n' -> field.append('\n');
                case 'r' -> field.append('\r');
                case 't' -> field.append('\t');
                case 'v' -> field.append('\u000B');
                case 'x' -> {
                    int before = raw.length();
                    int value = digits(16, 2, raw);
                    if (raw.length() > before) {
                        bytes.add(value);
                    } else {
                        bytes.flushInto(field, line);
                        field.append('x');   // \x without a hex digit is x
                    }
                }
                default -> {
                    if (octal) {
                        unread(n);
                        bytes.add(digits(8, 3, raw) & 0xFF);
                    } else {
                        field.append((char) n);   // \\, \N's N when not alone, any other character as itself
                    }
                }
            }
        }
    }

    /**
     * Bytes written as {@code \\ddd} or {@code \\xhh}: they are bytes of the file's encoding (UTF-8), so a
     * run of them is decoded together ({@code \\303\\251} is one é), and an invalid sequence is 22021,
     * as in PostgreSQL.
     */
    private static final class EscapedBytes {
        private byte[] buf = new byte[8];
        private int size;

        void add(int b) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        void flushInto(StringBuilder field, long line) {
            if (size == 0) {
                return;
            }
            try {
                field.append(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(buf, 0, size)));
            } catch (java.nio.charset.CharacterCodingException e) {
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < size; i++) {
                    hex.append(String.format("%02x", buf[i] & 0xFF));
                }
                throw new KyroException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding"
                        + " \"UTF8\": 0x" + hex + " (COPY line " + line + ")");
            } finally {
                size = 0;
            }
        }
    }

    /** Up to {@code max} digits of {@code radix} (at least one for hex, as PostgreSQL). */
    private int digits(int radix, int max, StringBuilder raw) throws IOException {
        int value = 0;
        for (int i = 0; i < max; i++) {
            int c = read();
            int d = c == -1 ? -1 : Character.digit(c, radix);
            if (d < 0 || radix == 8 && d > 7) {
                unread(c);
                break;
            }
            raw.append((char) c);
            value = value * radix + d;
        }
        return value;
    }

    /** After {@code \.}: the data ends there; anything after it is ignored, as PostgreSQL does. */
    private List<String> drain() throws IOException {
        while (read() != -1) {
            // skip
        }
        return null;
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int n = read();
            if (n != '\n') {
                unread(n);
            }
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pending = c;
    }
}
