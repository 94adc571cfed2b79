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
}
