package io.kyrodb.tck.crash;

import java.util.List;
import java.util.Random;

/**
 * Seeded values for the workload's columns: edge values of each integer type, doubles and reals
 * that are exact in binary (so literals round-trip), and text with quotes, control characters,
 * combining marks, CJK and characters outside the BMP (code point order differs from UTF-16 order).
 */
final class RandomValues {
    private static final List<String> FRAGMENTS = List.of(
            "", "a", "plain text", "O'Brien", "''", "Ünïcödé", "日本語テキスト", "😀", "e\u0301", "é", "ｱ",
            "tab\there", "line\nbreak", "back\\slash", "%_like", "NULL", "  ", "Ωμέγα", "𝔘𝔫𝔦", "z");

    /** Keys of a VARCHAR(16) key column; "é" and "e\u0301" are different keys. */
    static final List<String> TEXT_KEYS = List.of(
            "a", "b", "ab", "A", "Z", "é", "e\u0301", "ｱ", "😀", "日本", "zz", "O'K", "", " ", "𝔘");

    private final Random rnd;

    RandomValues(Random rnd) {
        this.rnd = rnd;
    }

    Object value(TableSpec.Column c, boolean nullable) {
        if (nullable && rnd.nextInt(100) < 15) {
            return null;
        }
        return switch (c.kind()) {
            case BIGINT -> switch (rnd.nextInt(20)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE;
                default -> rnd.nextLong(-100_000, 100_000);
            };
            case INTEGER -> rnd.nextInt(-1000, 1001);
            case SMALLINT -> switch (rnd.nextInt(20)) {
                case 0 -> Short.MAX_VALUE;
                case 1 -> Short.MIN_VALUE;
                default -> (short) rnd.nextInt(-500, 501);
            };
            case DOUBLE -> rnd.nextInt(-8000, 8001) / 8.0;
            case REAL -> rnd.nextInt(-4000, 4001) / 4.0f;
            case BOOLEAN -> rnd.nextBoolean();
            case TEXT -> text();
            case VARCHAR -> pick(TEXT_KEYS);
        };
    }

    String text() {
        int n = 1 + rnd.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(pick(FRAGMENTS));
        }
        return b.toString();
    }

    /** A value of a key column, from a small range so that keys are reused after deletes. */
    Object key(TableSpec.Column c, int range) {
        return switch (c.kind()) {
            case BIGINT -> (long) 1 + rnd.nextInt(range);
            case INTEGER -> 1 + rnd.nextInt(range);
            case SMALLINT -> (short) (1 + rnd.nextInt(range));
            case VARCHAR, TEXT -> pick(TEXT_KEYS);
            default -> throw new IllegalArgumentException("not a key type: " + c.kind());
        };
    }

    /** {@code v} moved up by a small step of its own type, saturating at the type's maximum. */
    Object above(Object v) {
        int step = rnd.nextInt(40);
        return switch (v) {
            case Long l -> l > Long.MAX_VALUE - step ? Long.MAX_VALUE : l + step;
            case Integer i -> i + step;
            case Short s -> (short) Math.min(Short.MAX_VALUE, s + step);
            case Double d -> d + step / 8.0;
            case Float f -> f + step / 4.0f;
            default -> v;
        };
    }

    <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
