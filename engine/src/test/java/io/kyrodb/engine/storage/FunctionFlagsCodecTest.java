package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A function's flags on disk (RETURNS void): WAL change 34 (change 30's record, then the flags
 * byte) and checkpoint version 14's section after the triggers; a function without flags is
 * still written as change 30, version 13 checkpoints read as having none, and each corruption
 * branch of the flags reader says what is wrong.
 */
class FunctionFlagsCodecTest {
    private static final UserFunction NOTE = new UserFunction("public", "note",
            List.of(new UserFunction.Argument("m", SqlType.TEXT, null)), SqlType.TEXT, false, List.of(), "plpgsql",
            "BEGIN INSERT INTO log VALUES (m); END", false, 'v', false, UserFunction.VOID);
    private static final UserFunction ADD = new UserFunction("public", "add_one",
            List.of(new UserFunction.Argument("n", SqlType.INTEGER, null)), SqlType.INTEGER, false, List.of(), "plpgsql",
            "BEGIN RETURN n + 1; END", false, 'i', true);

    @Test
    void voidFunctionIsChange34AndOthersStay30() {
        byte[] flagged = ChangeCodec.encode(List.of(new Change.CreateFunction(NOTE)));
        byte[] plain = ChangeCodec.encode(List.of(new Change.CreateFunction(ADD)));
        assertThat(flagged[4]).isEqualTo((byte) 34);   // after the u32 change count
        assertThat(plain[4]).isEqualTo((byte) 30);
        List<Change> back = ChangeCodec.decode(flagged, "test");
        assertThat(back).containsExactly(new Change.CreateFunction(NOTE));
        assertThat(((Change.CreateFunction) back.get(0)).function().returnsVoid()).isTrue();
    }

    @Test
    void outParametersRoundTrip() {
        UserFunction stats = new UserFunction("public", "stats", List.of(new UserFunction.Argument("a", SqlType.INTEGER,
                null)), SqlType.RECORD, false, List.of(new io.kyrodb.engine.catalog.Column("total", SqlType.INTEGER, false),
                new io.kyrodb.engine.catalog.Column("label", SqlType.TEXT, false)), "plpgsql", "BEGIN total := a; END",
                false, 'v', false, UserFunction.OUT_PARAMETERS);
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(new Change.CreateFunction(stats))), "test");
        UserFunction f = ((Change.CreateFunction) back.get(0)).function();
        assertThat(f).isEqualTo(stats);
        assertThat(f.outParameters()).isTrue();
        assertThat(f.returnsSet()).isFalse();   // a row of its OUT parameters, not RETURNS TABLE
    }

    @Test
    void unknownFlagBitIsRefused() {
        byte[] b = ChangeCodec.encode(List.of(new Change.CreateFunction(NOTE)));
        b[b.length - 1] = 17;
        assertThatThrownBy(() -> ChangeCodec.decode(b, "test")).hasMessageContaining("unknown function flags 17");
    }

    @Test
    void variadicRoundTrip() {
        UserFunction sum = new UserFunction("public", "total", List.of(new UserFunction.Argument("a", SqlType.INTEGER,
                null), new UserFunction.Argument("rest", SqlType.arrayOf(SqlType.INTEGER), null)), SqlType.INTEGER,
                false, List.of(), "sql", "SELECT a", false, 'v', false, UserFunction.VARIADIC);
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(new Change.CreateFunction(sum))), "test");
        UserFunction f = ((Change.CreateFunction) back.get(0)).function();
        assertThat(f).isEqualTo(sum);
        assertThat(f.variadic()).isTrue();
    }

    @Test
    void checkpointVersion14KeepsTheFlags() {
        Checkpoint back = Checkpoint.decode(checkpoint().encode());
        assertThat(back.functions()).containsExactly(ADD, NOTE);
        assertThat(back.functions().get(1).returnsVoid()).isTrue();
        assertThat(back.functions().get(0).returnsVoid()).isFalse();
    }

    @Test
    void version13CannotHoldFlagsButStillReads() {
        assertThatThrownBy(() -> checkpoint().encode(13)).hasMessageContaining("no function flags");
        Checkpoint plain = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of("public"), java.util.Map.of(), List.of(), List.of(), List.of(ADD), List.of());
        assertThat(Checkpoint.decode(plain.encode(13)).functions()).containsExactly(ADD);
    }

    @Test
    void corruptFlagsSection() {
        byte[] negative = checkpoint().encode(14);   // version 14's layout: ... | u32 1 | u32 1 (function) | u8 1 (flags) | crc
        ByteWriter.putInt(negative, negative.length - 13, -1);
        fixCrc(negative);
        assertThatThrownBy(() -> Checkpoint.decode(negative)).hasMessageContaining("negative function flags count");
        byte[] outOfRange = checkpoint().encode(14);
        ByteWriter.putInt(outOfRange, outOfRange.length - 9, 5);
        fixCrc(outOfRange);
        assertThatThrownBy(() -> Checkpoint.decode(outOfRange)).hasMessageContaining("flags for function 5 of 2");
        byte[] badBits = checkpoint().encode(14);
        badBits[badBits.length - 5] = (byte) 0x80;
        fixCrc(badBits);
        assertThatThrownBy(() -> Checkpoint.decode(badBits)).hasMessageContaining("unknown function flags 128");
    }

    private static Checkpoint checkpoint() {
        return new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of(), List.of(), List.of(ADD, NOTE), List.of());
    }

    private static void fixCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
    }
}
