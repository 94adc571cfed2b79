package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of triggers, in WAL change 33 and in checkpoints since version 13 (functions,
 * PL/pgSQL's included, are CREATE FUNCTION's: WAL changes 30 and 31, checkpoint version 12; tag 32
 * was this lane's own function record before the lanes merged and is never written or read):
 * <pre>
 * define trigger  := str key, u8 present, [trigger]
 * trigger         := str name, str table, u8 before, u8 events (1 insert, 2 update, 4 delete,
 *                    8 truncate), u16 n, str updateColumn*, u8 forEachRow, u8 hasWhen, [str when],
 *                    str function (its CREATE FUNCTION key: schema.name), u16 n, str argument*, u8 enabled
 * </pre>
 * Types are {@link ChangeCodec}'s. These layouts are on disk: never change them; add a tag instead.
 */
public final class RoutineCodec {
    private RoutineCodec() {
    }

    static void write(ByteWriter out, Change.DefineTrigger d) {
        out.string(d.key()).u8(d.trigger() == null ? 0 : 1);
        if (d.trigger() != null) {
            writeTrigger(out, d.trigger());
        }
    }

    static Change.DefineTrigger readTriggerChange(ByteReader in) {
        String key = in.string();
        return new Change.DefineTrigger(key, in.u8() == 0 ? null : readTrigger(in));
    }

    static void writeTrigger(ByteWriter out, Trigger t) {
        out.string(t.name()).string(t.table()).u8(t.before() ? 1 : 0).u8(t.events());
        ChangeCodec.writeStrings(out, t.updateColumns());
        out.u8(t.forEachRow() ? 1 : 0).u8(t.when() == null ? 0 : 1);
        if (t.when() != null) {
            out.string(t.when());
        }
        out.string(t.function());
        ChangeCodec.writeStrings(out, t.arguments());
        out.u8(t.enabled() ? 1 : 0);
    }

    static Trigger readTrigger(ByteReader in) {
        String name = in.string();
        String table = in.string();
        boolean before = in.u8() != 0;
        int at = in.position();
        int events = in.u8();
        if (events == 0 || events > 15) {
            throw new FormatException(at, "trigger events " + events);
        }
        List<String> columns = ChangeCodec.readStrings(in);
        boolean row = in.u8() != 0;
        String when = in.u8() == 0 ? null : in.string();
        String function = in.string();
        List<String> arguments = ChangeCodec.readStrings(in);
        return new Trigger(name, table, before, events, columns, row, when, function, arguments, in.u8() != 0);
    }
}
