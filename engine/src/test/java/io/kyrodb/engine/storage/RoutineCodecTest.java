package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * User functions and triggers on disk: WAL changes 32 and 33 and checkpoint version 13 round-trip
 * them, older checkpoints read as having none, and each corruption branch of their reader reports
 * what is wrong.
 */
class RoutineCodecTest {
    private static final UserFunction ADD = new UserFunction("public", "add_one", List.of("n"), List.of(SqlType.INTEGER),
            SqlType.INTEGER, "plpgsql", "BEGIN RETURN n + 1; END", 'i', true);
    private static final UserFunction TOUCH = new UserFunction("app", "touch", List.of(), List.of(), null, "plpgsql",
            "BEGIN NEW.at := now(); RETURN NEW; END", 'v', false);
    private static final Trigger TRIGGER = new Trigger("t_touch", "app.t", true, Trigger.INSERT | Trigger.UPDATE,
            List.of("a", "b"), true, "NEW.a IS NOT NULL", TOUCH.key(), List.of("x", "y z"), false);

    @Test
    void changesRoundTrip() {
        List<Change> changes = List.of(new Change.DefineFunction(ADD.key(), ADD), new Change.DefineFunction("gone()", null),
                new Change.DefineTrigger(TRIGGER.key(), TRIGGER), new Change.DefineTrigger("t\u0000x", null));
        assertThat(ChangeCodec.decode(ChangeCodec.encode(changes), "test")).isEqualTo(changes);
    }

    @Test
    void checkpointVersion13KeepsFunctionsAndTriggers() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("app", "public"), java.util.Map.of(), List.of(), List.of(ADD, TOUCH), List.of(TRIGGER));
        byte[] bytes = c.encode();
        assertThat(bytes[8] << 24 | bytes[9] << 16 | bytes[10] << 8 | bytes[11]).isEqualTo(13);
        Checkpoint back = Checkpoint.decode(bytes);
        assertThat(back.functions()).containsExactly(ADD, TOUCH);
        assertThat(back.triggers()).containsExactly(TRIGGER);
    }

    @Test
    void olderCheckpointsHaveNoFunctions() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of());
        Checkpoint back = Checkpoint.decode(c.encode(9));
        assertThat(back.functions()).isEmpty();
        assertThat(back.triggers()).isEmpty();
        Checkpoint with = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of(), List.of(ADD), List.of());
        assertThatThrownBy(() -> with.encode(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownVolatility() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineFunction(ADD.key(), ADD)));
        payload[payload.length - 2] = 'x';   // ... | u8 volatility | u8 strict
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "test")).hasMessageContaining("unknown function volatility");
    }

    @Test
    void badTriggerEvents() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineTrigger(TRIGGER.key(), TRIGGER)));
        // u32 count | u8 tag | str key | u8 present | str name | str table | u8 before | u8 events
        int events = 4 + 1 + (4 + TRIGGER.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + 1
                + (4 + TRIGGER.name().length()) + (4 + TRIGGER.table().length()) + 1;
        assertThat(payload[events]).isEqualTo((byte) (Trigger.INSERT | Trigger.UPDATE));
        payload[events] = 0;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "test")).hasMessageContaining("trigger events 0");
        payload[events] = 16;
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "test")).hasMessageContaining("trigger events 16");
    }

    @Test
    void truncatedFunction() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineFunction(ADD.key(), ADD)));
        byte[] cut = java.util.Arrays.copyOf(payload, payload.length - 5);
        assertThatThrownBy(() -> ChangeCodec.decode(cut, "test")).hasMessageContaining("corrupt change record");
    }

    @Test
    void negativeFunctionAndTriggerCounts() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of());
        byte[] b = c.encode();   // ... | u32 functions | u32 triggers | crc
        ByteWriter.putInt(b, b.length - 12, -1);
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative function count");
        byte[] t = c.encode();
        ByteWriter.putInt(t, t.length - 8, -1);
        fixCrc(t);
        assertThatThrownBy(() -> Checkpoint.decode(t)).hasMessageContaining("negative trigger count");
    }

    private static void fixCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteWriter.putInt(b, b.length - 4, (int) crc.getValue());
    }
}
