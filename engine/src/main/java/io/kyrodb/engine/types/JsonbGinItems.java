package io.kyrodb.engine.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a GIN index over jsonb holds of a document, as PostgreSQL's default operator class
 * {@code jsonb_ops} does: an item per key (at any depth) and per scalar value, without paths. A
 * string that is an array element, or a document's top-level scalar, counts as a key (so that
 * {@code ?} finds it), any other scalar as a value. A document contains another ({@code @>}) only
 * if it holds all of the other's items, and has a key ({@code ?}) only if it holds that key's item,
 * so the items narrow a search to the rows that may match, which the operator then checks.
 * <p>
 * Items are text: {@code K} and the key; {@code V} and a type letter, then the value
 * ({@code s} string, {@code n} a number in its plain canonical form, {@code t}/{@code f} booleans,
 * {@code 0} null). One longer than {@link #MAX_LENGTH} characters is its first 64 characters,
 * then {@code #} and a SHA-256 of the whole (PostgreSQL hashes long items too): equal values give
 * equal items; distinct ones rarely collide, and the check after the search decides.
 */
public final class JsonbGinItems {
    /** Items longer than this are cut and hashed. */
    static final int MAX_LENGTH = 128;

    private JsonbGinItems() {
    }

    /** The items of the document {@code root} (a {@link Jsonb} tree), distinct and sorted. */
    public static List<String> of(Object root) {
        TreeSet<String> out = new TreeSet<>();
        collect(root, true, out);
        return new ArrayList<>(out);
    }

    /** The item of key {@code key} (what {@code ?} looks for). */
    public static String key(String key) {
        return bounded("K" + key);
    }

    private static void collect(Object v, boolean element, TreeSet<String> out) {
        if (v instanceof Map<?, ?> object) {
            for (Map.Entry<?, ?> e : object.entrySet()) {
                out.add(key((String) e.getKey()));
                collect(e.getValue(), false, out);
            }
        } else if (v instanceof List<?> array) {
            for (Object e : array) {
                collect(e, true, out);
            }
        } else if (v instanceof String s) {
            out.add(element ? key(s) : bounded("Vs" + s));
        } else if (v instanceof BigDecimal n) {
            out.add(bounded("Vn" + (n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString())));
        } else if (v instanceof Number n) {
            out.add(bounded("Vn" + new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()));
        } else if (v instanceof Boolean b) {
            out.add(b ? "Vt" : "Vf");
        } else {
            out.add("V0");   // Jsonb.NULL
        }
    }

    private static String bounded(String item) {
        if (item.length() <= MAX_LENGTH) {
            return item;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(item.getBytes(StandardCharsets.UTF_8));
            return item.substring(0, 64) + "#" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
