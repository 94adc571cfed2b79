package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of user functions and triggers, in WAL changes 32 and 33 and in checkpoints
 * since version 13:
 * <pre>
 * define function := str key, u8 present, [function]
 * function        := str schema, str name, u16 n, (str argName, type)*, u8 hasReturn, [type],
 *                    str language, str body, u8 volatility (i, s, v), u8 strict
 * define trigger  := str key, u8 present, [trigger]
 * trigger         := str name, str table, u8 before, u8 events (1 insert, 2 update, 4 delete,
 *                    8 truncate), u16 n, str updateColumn*, u8 forEachRow, u8 hasWhen, [str when],
 *                    str function (its key), u16 n, str argument*, u8 enabled
 * </pre>
 * Types are {@link ChangeCodec}'s. These layouts are on disk: never change them; add a tag instead.
 */
public final class RoutineCodec {
    private RoutineCodec() {
    }

    static void write(ByteWriter out, Change.DefineFunction d) {
        out.string(d.key()).u8(d.function() == null ? 0 : 1);
        if (d.function() != null) {
            writeFunction(out, d.function());
        }
    }

    static void write(ByteWriter out, Change.DefineTrigger d) {
        out.string(d.key()).u8(d.trigger() == null ? 0 : 1);
        if (d.trigger() != null) {
            writeTrigger(out, d.trigger());
        }
    }

    static Change.DefineFunction readFunctionChange(ByteReader in) {
        String key = in.string();
        return new Change.DefineFunction(key, in.u8() == 0 ? null : readFunction(in));
    }

    static Change.DefineTrigger readTriggerChange(ByteReader in) {
        String key = in.string();
        return new Change.DefineTrigger(key, in.u8() == 0 ? null : readTrigger(in));
    }

    static void writeFunction(ByteWriter out, UserFunction f) {
        out.string(f.schema()).string(f.name()).u16(f.argumentTypes().size());
        for (int i = 0; i < f.argumentTypes().size(); i++) {
            out.string(f.argumentNames().get(i));
            ChangeCodec.writeType(out, f.argumentTypes().get(i));
        }
        out.u8(f.returns() == null ? 0 : 1);
        if (f.returns() != null) {
            ChangeCodec.writeType(out, f.returns());
        }
        out.string(f.language()).string(f.body()).u8(f.volatility()).u8(f.strict() ? 1 : 0);
    }

    static UserFunction readFunction(ByteReader in) {
        String schema = in.string();
        String name = in.string();
        int n = in.u16();
        List<String> names = new ArrayList<>(n);
        List<SqlType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.string());
            types.add(ChangeCodec.readType(in));
        }
        SqlType returns = in.u8() == 0 ? null : ChangeCodec.readType(in);
        String language = in.string();
        String body = in.string();
        int at = in.position();
        char volatility = (char) in.u8();
        if (volatility != 'i' && volatility != 's' && volatility != 'v') {
            throw new FormatException(at, "unknown function volatility " + (int) volatility);
        }
        return new UserFunction(schema, name, names, types, returns, language, body, volatility, in.u8() != 0);
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
