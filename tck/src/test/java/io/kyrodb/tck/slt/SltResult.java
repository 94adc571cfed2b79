package io.kyrodb.tck.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query's rendered values, in the order the script compares them (after the sort mode), and the
 * comparison with a record's expected lines.
 *
 * <p>Expected lines are either one value per line (FORMAT.wiki), a row per line with values
 * separated by tabs (rendered values never hold a tab: it is a control character and prints as
 * {@code @}), or the single line {@code N values hashing to <md5>}, the md5 of every value followed
 * by a newline, as the sqllogictest program computes it.
 */
public final class SltResult {

    private static final Pattern HASH_LINE = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");

    private final int columns;
    private final List<String> values;

    private SltResult(int columns, List<String> values) {
        this.columns = columns;
        this.values = List.copyOf(values);
    }

    /** The result of {@code rows} (each of {@code columns} rendered values) under {@code mode}. */
    public static SltResult of(int columns, List<List<String>> rows, SortMode mode) {
        List<List<String>> ordered = new ArrayList<>(rows);
        if (mode == SortMode.ROWSORT) {
            ordered.sort(SltResult::compareRows);
        }
        List<String> flat = new ArrayList<>();
        ordered.forEach(flat::addAll);
        if (mode == SortMode.VALUESORT) {
            flat.sort(SltResult::strcmp);
        }
        return new SltResult(columns, flat);
    }

    public List<String> values() {
        return values;
    }

    /** md5 of each value followed by "\n", in lower-case hex. */
    public String hash() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String value : values) {
                md5.update(value.getBytes(StandardCharsets.UTF_8));
                md5.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** The line a script records for this result when it is hashed. */
    public String hashLine() {
        return values.size() + " values hashing to " + hash();
    }

    /** Null if the result matches {@code expected}, else what differs. */
    public String mismatch(List<String> expected) {
        if (expected.size() == 1) {
            Matcher m = HASH_LINE.matcher(expected.get(0));
            if (m.matches()) {
                String actual = hashLine();
                return actual.equals(expected.get(0)) ? null : "expected " + expected.get(0) + " but got " + actual;
            }
        }
        List<String> wanted = flatten(expected);
        if (wanted.equals(values)) {
            return null;
        }
        if (wanted.size() != values.size()) {
            return "expected " + wanted.size() + " values but got " + values.size();
        }
        for (int i = 0; i < values.size(); i++) {
            if (!wanted.get(i).equals(values.get(i))) {
                return "value " + (i + 1) + " (row " + (i / columns + 1) + ", column " + (i % columns + 1)
                        + ") differs: expected '" + wanted.get(i) + "' but got '" + values.get(i) + "'";
            }
        }
        throw new AssertionError("unreachable: equal sizes and values but lists differ");
    }

    private List<String> flatten(List<String> expected) {
        List<String> flat = new ArrayList<>();
        for (String line : expected) {
            if (line.indexOf('\t') >= 0) {
                flat.addAll(List.of(line.split("\t", -1)));
            } else {
                flat.add(line);
            }
        }
        return flat;
    }

    /**
     * The result as a script would record it: one value per line, or the hash line when there are
     * more than {@code hashThreshold} values (0 never hashes).
     */
    public List<String> asRecorded(int hashThreshold) {
        if (hashThreshold > 0 && values.size() > hashThreshold) {
            return List.of(hashLine());
        }
        return values;
    }

    /** The result one row per line, values separated by tabs, for failure messages. */
    public List<String> rowLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < values.size(); i += columns) {
            lines.add(String.join("\t", values.subList(i, Math.min(values.size(), i + columns))));
        }
        return lines;
    }

    private static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = strcmp(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** strcmp() on the UTF-8 bytes: unsigned byte order, which is code point order. */
    static int strcmp(String a, String b) {
        return CODE_POINT_ORDER.compare(a, b);
    }

    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };
}
