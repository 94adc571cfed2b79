package io.kyrodb.engine.copy;

import io.kyrodb.engine.types.Values;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes COPY TO's rows: each value in PostgreSQL's text form ({@link Values#toText}), laid out as
 * {@link CopyFormat} says; lines end with a newline.
 */
public final class CopyWriter {
    private final Writer out;
    private final CopyFormat format;

    public CopyWriter(Writer out, CopyFormat format) {
        this.out = out;
        this.format = format;
    }

    private List<io.kyrodb.engine.types.SqlType> types = List.of();

    public void header(List<String> names) throws IOException {
        row(names.toArray());
        types = List.of();
    }

    /** The rows' column types: character(n) values are written padded to n, as PostgreSQL writes them. */
    public void types(List<io.kyrodb.engine.types.SqlType> columnTypes) {
        types = List.copyOf(columnTypes);
    }

    public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(format.delimiter());
            }
            if (values[i] == null) {
                out.write(format.nullText());
            } else {
                String s = outText(values[i]);
                if (i < types.size() && types.get(i).blankPadded()) {
                    s = types.get(i).padded(s);
                }
                if (format.csv()) {
                    csv(s);
                } else {
                    text(s);
                }
            }
        }
        out.write('\n');
    }

    /** A value's output text; booleans as PostgreSQL's boolout writes them ({@code t}, {@code f}). */
    private static String outText(Object v) {
        return v instanceof Boolean b ? (b ? "t" : "f") : Values.toText(v);
    }

    /** Quoted when it holds the delimiter, a quote, a line break, equals the NULL text, or is {@code \.}. */
    private void csv(String s) throws IOException {
        boolean quote = s.equals(format.nullText()) || s.equals("\\.");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == format.delimiter() || c == format.quote() || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(s);
            return;
        }
        out.write(format.quote());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == format.quote() || c == format.escape()) {
                out.write(format.escape());
            }
            out.write(c);
        }
        out.write(format.quote());
    }

    private void text(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c == format.delimiter()) {
                        out.write('\\');
                    }
                    out.write(c);
                }
            }
        }
    }
}
