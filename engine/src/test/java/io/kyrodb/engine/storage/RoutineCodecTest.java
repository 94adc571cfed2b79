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
 * PL/pgSQL functions and triggers on disk: a plpgsql function (a trigger function too) is CREATE
 * FUNCTION's record (WAL change 30, checkpoint version 12's section); triggers are WAL change 33 and
 * checkpoint version 13's section, after the functions. Older checkpoints read as having none, and
 * each corruption branch of the trigger reader reports what is wrong.
 */
class RoutineCodecTest {
    private static final UserFunction ADD = new UserFunction("public", "add_one",
            List.of(new UserFunction.Argument("n", SqlType.INTEGER, null)), SqlType.INTEGER, false, List.of(), "plpgsql",
            "BEGIN RETURN n + 1; END", false, 'i', true);
    private static final UserFunction TOUCH = new UserFunction("app", "touch", List.of(), null, false, List.of(),
            "plpgsql", "BEGIN NEW.at := now(); RETURN NEW; END", false, 'v', false);
    private static final Trigger TRIGGER = new Trigger("t_touch", "app.t", true, Trigger.INSERT | Trigger.UPDATE,
            List.of("a", "b"), true, "NEW.a IS NOT NULL", TOUCH.key(), List.of("x", "y z"), false);

    @Test
    void changesRoundTrip() {
        List<Change> changes = List.of(new Change.CreateFunction(ADD), new Change.CreateFunction(TOUCH),
                new Change.DropFunction(ADD.key(), ADD.argumentTypes()), new Change.DefineTrigger(TRIGGER.key(), TRIGGER), new Change.DefineTrigger("t\u0000x", null));
        assertThat(ChangeCodec.decode(ChangeCodec.encode(changes), "test")).isEqualTo(changes);
    }

    @Test
    void checkpointVersion13KeepsFunctionsAndTriggers() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("app", "public"), java.util.Map.of(), List.of(), List.of(), List.of(ADD, TOUCH), List.of(TRIGGER));
        byte[] bytes = c.encode(13);
        assertThat(bytes[8] << 24 | bytes[9] << 16 | bytes[10] << 8 | bytes[11]).isEqualTo(13);
        Checkpoint back = Checkpoint.decode(bytes);
        assertThat(back.functions()).containsExactly(ADD, TOUCH);
        assertThat(back.functions().get(1).returnsTrigger()).isTrue();
        assertThat(back.triggers()).containsExactly(TRIGGER);
    }

    @Test
    void checkpointVersion12KeepsFunctionsButNoTriggers() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("app", "public"), java.util.Map.of(), List.of(), List.of(), List.of(ADD, TOUCH), List.of());
        Checkpoint back = Checkpoint.decode(c.encode(12));
        assertThat(back.functions()).containsExactly(ADD, TOUCH);
        assertThat(back.triggers()).isEmpty();
        Checkpoint with = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of(), List.of(), List.of(), List.of(TRIGGER));
        assertThatThrownBy(() -> with.encode(12)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changeTag32IsNotRead() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineTrigger(TRIGGER.key(), TRIGGER)));
        payload[4] = 32;   // u32 count | u8 tag: 32 was the triggers lane's function record before the merge
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "test")).hasMessageContaining("corrupt change record");
    }

    @Test
    void olderCheckpointsHaveNoFunctions() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of());
        Checkpoint back = Checkpoint.decode(c.encode(9));
        assertThat(back.functions()).isEmpty();
        assertThat(back.triggers()).isEmpty();
        Checkpoint with = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of(), List.of(), List.of(ADD), List.of());
        assertThatThrownBy(() -> with.encode(9)).isInstanceOf(IllegalArgumentException.class);
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
    void truncatedTrigger() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineTrigger(TRIGGER.key(), TRIGGER)));
        byte[] cut = java.util.Arrays.copyOf(payload, payload.length - 5);
        assertThatThrownBy(() -> ChangeCodec.decode(cut, "test")).hasMessageContaining("corrupt change record");
    }

    @Test
    void negativeFunctionAndTriggerCounts() {
        Checkpoint c = new Checkpoint(7, 3, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), java.util.Map.of(), List.of());
        byte[] b = c.encode(13);   // ... | u32 functions | u32 triggers | crc
        ByteWriter.putInt(b, b.length - 12, -1);
        fixCrc(b);
        assertThatThrownBy(() -> Checkpoint.decode(b)).hasMessageContaining("negative function count");
        byte[] t = c.encode(13);
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
