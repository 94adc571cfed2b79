package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.fs.TempSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpillCodecTest {
    @TempDir
    Path dir;
    private SpillFiles spills;

    @BeforeEach
    void open() {
        spills = new SpillFiles(TempSpace.inDatabase(LocalFileSystem.INSTANCE, dir));
    }

    @AfterEach
    void close() throws IOException {
        spills.close();
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }

    private static final Object[][] EDGE_ROWS = {
            {},
            {null},
            {(short) 0, Short.MIN_VALUE, Short.MAX_VALUE, (short) -1},
            {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 63, -64, 64, -65},
            {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 35, -(1L << 56)},
            {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 3.25f},
            {0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 0.1},
            {true, false, null, true},
            {"", "a", "héllo wörld", "日本語", "\uD83D\uDE00 emoji", "\uD800 lone high", "lone low \uDC00", "nul\u0000char"},
            {"x".repeat(100_000), 7, null, "y".repeat(70_000)},
            // vectors, halfvecs, and the double sums of avg(vector)'s state
            {new float[]{1.5f, -0f}, io.kyrodb.engine.vector.HalfVector.of(new float[]{1.5f, -0f, 65504f}),
                    new double[]{0.1, -1e300, 0}, new double[0]},
            {new java.math.BigDecimal("1.50"), new java.math.BigDecimal("-123456789012345678901234567890.000001"),
                    java.math.BigDecimal.ZERO, new java.math.BigDecimal("1E+5"), null},
            {java.time.LocalDate.of(2024, 2, 29), java.time.LocalDate.MAX, java.time.LocalDate.MIN,
                    java.time.LocalTime.of(23, 59, 59, 999_999_000), java.time.LocalDateTime.of(1999, 12, 31, 23, 59, 1, 5000),
                    java.time.LocalDateTime.MIN, java.time.Instant.ofEpochSecond(-1, 1000), java.time.Instant.MAX,
                    new io.kyrodb.engine.types.Interval(-14, 3, 4_500_000L)},
            {new java.util.UUID(-1, 1), io.kyrodb.engine.types.Bytes.wrap(new byte[]{0, (byte) 0xff}),
                    io.kyrodb.engine.types.Bytes.wrap(new byte[70_000]),
                    io.kyrodb.engine.types.Jsonb.parse("{\"b\": [1, 2.50, null], \"a\": \"h\u00e9\"}"),
                    io.kyrodb.engine.types.SqlArray.of(1, null, 3), io.kyrodb.engine.types.SqlArray.of(),
                    io.kyrodb.engine.types.SqlArray.of("a", "", null, new java.util.UUID(1, 2).toString())},
            {io.kyrodb.engine.types.jsonpath.JsonPath.parse("strict $.a[*] ? (@.b like_regex \"^x\" flag \"i\")"), null,
                    io.kyrodb.engine.types.jsonpath.JsonPath.parse("$")},
            // records: nested, with NULL fields, and the empty one
            {new io.kyrodb.engine.types.SqlRecord(List.of("a", "b"), new Object[]{1, "x y"}),
                    new io.kyrodb.engine.types.SqlRecord(List.of("f1", "f2", "f3"), new Object[]{null,
                            new io.kyrodb.engine.types.SqlRecord(List.of("f1"), new Object[]{2.5}),
                            io.kyrodb.engine.types.SqlArray.of(1, null)}),
                    new io.kyrodb.engine.types.SqlRecord(List.of(), new Object[0])},
    };

    private List<Object[]> roundTrip(List<Object[]> rows, int writeBuffer, int readBuffer) {
        SpillFile file = spills.create("test");
        SpillCodec.Writer w = file.writer(writeBuffer);
        long start = w.position();
        for (Object[] row : rows) {
            w.write(row);
        }
        w.flush();
        file.checkHeader();
        List<Object[]> back = SpillTestSupport.drain(file.reader(start, w.position(), readBuffer)::next);
        file.close();
        return back;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 4096, 65536})
    void everyValueTypeRoundTripsExactlyWhateverTheBufferSize(int bufferSize) {
        List<Object[]> rows = List.of(EDGE_ROWS);
        assertThat(roundTrip(rows, bufferSize, bufferSize)).containsExactlyElementsOf(rows);
    }

    @Test
    void recordsKeepTheirFieldNamesAndText() {
        io.kyrodb.engine.types.SqlRecord r = new io.kyrodb.engine.types.SqlRecord(List.of("id", "name"),
                new Object[]{7L, null});
        List<Object[]> back = roundTrip(List.<Object[]>of(new Object[]{r}), 64, 64);
        io.kyrodb.engine.types.SqlRecord read = (io.kyrodb.engine.types.SqlRecord) back.get(0)[0];
        assertThat(read.names()).containsExactly("id", "name");
        assertThat(read.toString()).isEqualTo("(7,)");
    }

    @Test
    void randomRowsRoundTrip() {
        long seed = SpillTestSupport.seed("SpillCodecTest.randomRowsRoundTrip", 0x5b111L);
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object[] row = new Object[random.nextInt(6)];
            for (int c = 0; c < row.length; c++) {
                row[c] = switch (random.nextInt(9)) {
                    case 0 -> null;
                    case 1 -> (short) random.nextInt();
                    case 2 -> random.nextInt();
                    case 3 -> random.nextLong();
                    case 4 -> Float.intBitsToFloat(random.nextInt());
                    case 5 -> Double.longBitsToDouble(random.nextLong());
                    case 6 -> random.nextBoolean();
                    case 7 -> randomText(random, random.nextInt(40));
                    default -> randomText(random, random.nextInt(5000));
                };
            }
            rows.add(row);
        }
        assertThat(roundTrip(rows, 4096, 4096)).as("seed %d", seed).containsExactlyElementsOf(rows);
        assertThat(roundTrip(rows, 100, 33)).as("seed %d", seed).containsExactlyElementsOf(rows);
    }

    private static String randomText(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    // ---- One test per corruption branch of the reader ----------------------------------------------

    /** A spill file holding {@code rows}, then {@code patch} written at {@code patchOffset} (-1: none). */
    private SpillFile fileWith(List<Object[]> rows, long patchOffset, byte... patch) throws IOException {
        SpillFile file = spills.create("corrupt");
        SpillCodec.Writer w = file.writer(64);
        for (Object[] row : rows) {
            w.write(row);
        }
        w.flush();
        if (patchOffset >= 0) {
            try (FileHandle h = LocalFileSystem.INSTANCE.open(Path.of(file.toString()), FileSystem.OpenMode.READ_WRITE)) {
                h.write(ByteBuffer.wrap(patch), patchOffset);
            }
        }
        return file;
    }

    private static void corrupt(Runnable read, String messagePart) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains("corrupt spill file").contains(messagePart);
        });
    }

    @Test
    void wrongMagicOrVersionIsRefused() throws IOException {
        SpillFile badMagic = fileWith(List.of(), 0, (byte) 'X');
        corrupt(badMagic::checkHeader, "expected magic KSPL version 1");
        SpillFile badVersion = fileWith(List.of(), 4, (byte) 9);
        corrupt(badVersion::checkHeader, "version 9");
    }

    @Test
    void unknownValueTagIsRefused() throws IOException {
        // header | varint 1 (width) | tag
        SpillFile file = fileWith(List.<Object[]>of(new Object[]{1}), SpillCodec.HEADER_SIZE + 1, (byte) 42);
        corrupt(() -> file.reader(SpillCodec.HEADER_SIZE, SpillCodec.HEADER_SIZE + 3, 64).next(), "unknown value tag 42");
    }

    @Test
    void overlongVarintIsRefused() throws IOException {
        byte[] ff = new byte[11];
        java.util.Arrays.fill(ff, (byte) 0xFF);
        SpillFile file = fileWith(List.of(), SpillCodec.HEADER_SIZE, ff);
        corrupt(() -> file.reader(SpillCodec.HEADER_SIZE, SpillCodec.HEADER_SIZE + 11, 64).next(),
                "varint longer than 10 bytes");
    }

    @Test
    void rowRunningPastItsRangeIsRefused() throws IOException {
        SpillFile file = fileWith(List.<Object[]>of(new Object[]{"abcdef"}), -1);
        corrupt(() -> file.reader(SpillCodec.HEADER_SIZE, SpillCodec.HEADER_SIZE + 4, 64).next(),
                "row runs past the end of its range");
    }

    @Test
    void fileShorterThanItsRangeIsRefused() throws IOException {
        SpillFile file = fileWith(List.<Object[]>of(new Object[]{"abcdef"}), -1);
        SpillCodec.Reader reader = file.reader(SpillCodec.HEADER_SIZE, SpillCodec.HEADER_SIZE + 100, 64);
        assertThat(reader.next()).containsExactly("abcdef");
        corrupt(reader::next, "before its range does");
    }

    @Test
    void absurdTextLengthIsRefused() throws IOException {
        // width 1 | tag 8 (text) | varint 2^35
        SpillFile file = fileWith(List.of(), SpillCodec.HEADER_SIZE,
                (byte) 1, (byte) 8, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x01);
        corrupt(() -> file.reader(SpillCodec.HEADER_SIZE, SpillCodec.HEADER_SIZE + 8, 64).next(),
                "text of 34359738368 bytes");
    }

    @Test
    void closingDeletesTheFileOnceAndTheRegistryForgetsIt() throws IOException {
        SpillFile file = spills.create("x");
        assertThat(spills.openCount()).isEqualTo(1);
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).hasSize(1);
        file.close();
        file.close();
        assertThat(spills.openCount()).isZero();
        assertThat(SpillTestSupport.spillFiles(LocalFileSystem.INSTANCE, dir)).isEmpty();
    }
}
