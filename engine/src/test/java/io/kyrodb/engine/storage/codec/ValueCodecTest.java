package io.kyrodb.engine.storage.codec;

import io.kyrodb.engine.types.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored value format: every tag round-trips exactly (numeric keeps its scale), and bad bytes are reported. */
class ValueCodecTest {
    private static Object roundTrip(Object v) {
        ByteWriter out = new ByteWriter();
        ValueCodec.write(out, v);
        ByteReader in = new ByteReader(out.toByteArray());
        Object back = ValueCodec.read(in);
        assertThat(in.remaining()).isZero();
        return back;
    }

    @Test
    void numericKeepsItsScaleAndSign() {
        for (String s : new String[]{"1.50", "0", "0.000", "-0.001", "123456789012345678901234567890.123456789", "-7"}) {
            BigDecimal back = (BigDecimal) roundTrip(new BigDecimal(s));
            assertThat(back.toPlainString()).isEqualTo(s);
        }
    }

    @Test
    void dateTimeValuesAndInfinitiesRoundTrip() {
        Object[] values = {LocalDate.of(2024, 2, 29), LocalDate.MAX, LocalDate.MIN, LocalDate.of(1, 1, 1),
                LocalTime.of(23, 59, 59, 999_999_000), LocalTime.MIDNIGHT,
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000), LocalDateTime.MAX, LocalDateTime.MIN,
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                Instant.parse("2024-03-10T15:30:00.25Z"), Instant.MAX, Instant.MIN, Instant.ofEpochSecond(-1, 1000)};
        for (Object v : values) {
            assertThat(roundTrip(v)).isEqualTo(v);
        }
        Interval i = new Interval(-14, 3, -4_500_000L);
        Interval back = (Interval) roundTrip(i);
        assertThat(back.months()).isEqualTo(-14);
        assertThat(back.days()).isEqualTo(3);
        assertThat(back.micros()).isEqualTo(-4_500_000L);
    }

    @Test
    void numericNaNAndInfinitiesRoundTripAsTag33() {
        for (var v : new io.kyrodb.engine.types.NumericSpecial[]{io.kyrodb.engine.types.NumericSpecial.NAN,
            io.kyrodb.engine.types.NumericSpecial.POSITIVE_INFINITY, io.kyrodb.engine.types.NumericSpecial.NEGATIVE_INFINITY}) {
            ByteWriter out = new ByteWriter();
            ValueCodec.write(out, v);
            assertThat(out.toByteArray()[0]).isEqualTo((byte) 33);
            assertThat(roundTrip(v)).isSameAs(v);
        }
        byte[] bad = new ByteWriter().u8(33).u8(7).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(bad)))
                .isInstanceOf(FormatException.class).hasMessageContaining("bad special numeric");
    }

    @Test
    void aNumericLongerThanItsRecordIsReported() {
        byte[] bytes = new ByteWriter().u8(10).u32(2).u32(1000).u8(1).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(bytes)))
                .isInstanceOf(FormatException.class).hasMessageContaining("numeric of 1000 bytes");
    }

    @Test
    void aTimeOfDayOutOfRangeIsReported() {
        byte[] bytes = new ByteWriter().u8(12).u64(Interval.MICROS_PER_DAY).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(bytes)))
                .isInstanceOf(FormatException.class).hasMessageContaining("time of day");
    }

    @Test
    void sparseVectorsAndBitStringsRoundTrip() {
        Object[] values = {io.kyrodb.engine.vector.SparseVectorText.parse("{1:1.5,3:-2,1000000:3e-38}/1000000", -1),
                io.kyrodb.engine.vector.SparseVectorText.parse("{}/3", -1),
                io.kyrodb.engine.types.BitString.parse("101100101"), io.kyrodb.engine.types.BitString.parse(""),
                io.kyrodb.engine.types.BitString.parse("11111111")};
        for (Object v : values) {
            assertThat(roundTrip(v)).isEqualTo(v);
            assertThat(roundTrip(v).toString()).isEqualTo(v.toString());
        }
    }

    @Test
    void aSparseVectorLongerThanItsRecordOrOutOfOrderIsReported() {
        byte[] overrun = new ByteWriter().u8(25).u32(5).u32(1000).u32(0).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(overrun)))
                .isInstanceOf(FormatException.class).hasMessageContaining("sparsevec of 1000 elements");
        byte[] unordered = new ByteWriter().u8(25).u32(5).u32(2).u32(3).u32(Float.floatToRawIntBits(1f))
                .u32(1).u32(Float.floatToRawIntBits(2f)).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(unordered)))
                .isInstanceOf(FormatException.class).hasMessageContaining("ascending order");
        byte[] bits = new ByteWriter().u8(26).u32(100).u8(1).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(bits)))
                .isInstanceOf(FormatException.class).hasMessageContaining("bit string of 100 bits");
    }

    @Test
    void timetzRoundTripsWithItsOffset() {
        for (java.time.OffsetTime t : new java.time.OffsetTime[]{
                java.time.OffsetTime.of(10, 0, 0, 0, java.time.ZoneOffset.ofHours(2)),
                java.time.OffsetTime.of(23, 59, 59, 999_999_000, java.time.ZoneOffset.ofHoursMinutesSeconds(-15, -59, -59)),
                java.time.OffsetTime.of(LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC)}) {
            Object back = roundTrip(t);
            assertThat(back).isEqualTo(t);   // OffsetTime.equals: the same local time and offset
        }
    }

    @Test
    void aTimetzOffsetOutOfRangeIsReported() {
        byte[] bytes = new ByteWriter().u8(16).u64(0).u32(19 * 3600).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(bytes)))
                .isInstanceOf(FormatException.class).hasMessageContaining("UTC offset");
        byte[] late = new ByteWriter().u8(16).u64(Interval.MICROS_PER_DAY).u32(0).toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(late)))
                .isInstanceOf(FormatException.class).hasMessageContaining("time of day");
    }

    @Test
    void jsonpathRoundTripsAsItsCanonicalText() {
        io.kyrodb.engine.types.jsonpath.JsonPath p =
                io.kyrodb.engine.types.jsonpath.JsonPath.parse("strict $.a[*] ? (@.b like_regex \"x\" flag \"i\" && @.c > $v)");
        Object back = roundTrip(p);
        assertThat(back).isEqualTo(p);
        assertThat(back.toString()).isEqualTo("strict $.\"a\"[*]?(@.\"b\" like_regex \"x\" flag \"i\" && @.\"c\" > $\"v\")");
    }

    @Test
    void aJsonpathThatDoesNotParseIsReported() {
        byte[] bytes = new ByteWriter().u8(27).string("$.a ?? b").toByteArray();
        assertThatThrownBy(() -> ValueCodec.read(new ByteReader(bytes)))
                .isInstanceOf(FormatException.class).hasMessageContaining("bad jsonpath at offset 0");
    }

    /** A row read with some columns left out: those are null, the rest as written, for a value of every kind. */
    @Test
    void aRowReadForSomeColumnsStepsOverTheOthers() {
        Object[] row = {null, (short) -3, 42, 1L << 40, 1.5f, -2.25, false, true, "h\u00e9llo", new float[]{1, 2, 3},
                new BigDecimal("-12.340"), LocalDate.of(2024, 2, 29), LocalTime.of(1, 2, 3),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5), Instant.parse("2024-03-10T15:30:00Z"), new Interval(1, 2, 3),
                java.time.OffsetTime.of(LocalTime.NOON, java.time.ZoneOffset.ofHours(2)),
                new java.util.UUID(7, 9), io.kyrodb.engine.types.Bytes.wrap(new byte[]{1, 2}),
                io.kyrodb.engine.types.Jsonb.parse("{\"a\": [1, 2]}"),
                io.kyrodb.engine.types.SqlArray.of(new Object[]{1, null, 3}),
                io.kyrodb.engine.types.BitString.of(3, new byte[]{(byte) 0xA0})};
        ByteWriter out = new ByteWriter();
        ValueCodec.writeRow(out, row);
        byte[] bytes = out.toByteArray();
        Object[] whole = ValueCodec.readRow(new ByteReader(bytes));
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            boolean[] columns = new boolean[trial % 3 == 0 ? row.length - random.nextInt(4) : row.length];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = trial == 1 || random.nextInt(3) == 0;   // trial 1: every column
            }
            ByteReader in = new ByteReader(bytes);
            Object[] some = ValueCodec.readRow(in, columns);
            assertThat(in.remaining()).isZero();
            assertThat(some).hasSameSizeAs(row);
            for (int c = 0; c < row.length; c++) {
                if (c >= columns.length || columns[c]) {
                    assertThat(some[c]).as("column %d", c).isEqualTo(whole[c]);
                } else {
                    assertThat(some[c]).as("column %d", c).isNull();
                }
            }
        }
    }

    @Test
    void aSteppedOverValueLongerThanItsRecordIsReported() {
        byte[] string = new ByteWriter().u16(2).u8(8).u32(1000).u8(1).toByteArray();
        assertThatThrownBy(() -> ValueCodec.readRow(new ByteReader(string), new boolean[]{false, true}))
                .isInstanceOf(FormatException.class);
        byte[] vector = new ByteWriter().u16(1).u8(9).u32(1 << 30).toByteArray();
        assertThatThrownBy(() -> ValueCodec.readRow(new ByteReader(vector), new boolean[]{false}))
                .isInstanceOf(FormatException.class).hasMessageContaining("vector of");
        byte[] unknown = new ByteWriter().u16(1).u8(99).toByteArray();
        assertThatThrownBy(() -> ValueCodec.readRow(new ByteReader(unknown), new boolean[]{false}))
                .isInstanceOf(FormatException.class).hasMessageContaining("unknown value tag 99");
    }
}
