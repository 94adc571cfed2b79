package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The on-disk form of a catalog's {@link Access} (WAL change tag 40, checkpoint section since version 17):
 * <pre>
 * u8 format (1) | u64 nextOid
 * | u32 roleCount | (u64 oid | str name | u8 flags | i32 connectionLimit | opt passwordHash | opt validUntil)*
 *     flags: 1 superuser, 2 inherit, 4 createrole, 8 createdb, 16 login, 32 replication, 64 bypassrls
 * | u32 memberCount | (str role | str member | str grantor | u8 admin)*
 * | u32 aclCount | (str object | u32 n | (str grantee | str grantor | str letters | str grantable | opt column)*)*
 * | u32 notValidatedCount | str constraint*
 * opt := u8 0 | u8 1 str
 * </pre>
 * No password is kept in clear text: {@code passwordHash} is a salted SHA-256 (see AccessDdlBinder).
 * These constants are on disk: never change them; add a format instead.
 */
final class AccessCodec {
    private static final int FORMAT = 1;

    private AccessCodec() {
    }

    static ByteWriter write(ByteWriter out, Access a) {
        out.u8(FORMAT).u64(a.nextOid()).u32(a.roles().size());
        for (Access.Role r : a.roles().values()) {
            int flags = (r.superuser() ? 1 : 0) | (r.inherit() ? 2 : 0) | (r.createrole() ? 4 : 0)
                    | (r.createdb() ? 8 : 0) | (r.login() ? 16 : 0) | (r.replication() ? 32 : 0) | (r.bypassrls() ? 64 : 0);
            out.u64(r.oid()).string(r.name()).u8(flags).u32(r.connectionLimit());
            optional(out, r.passwordHash());
            optional(out, r.validUntil());
        }
        out.u32(a.members().size());
        for (Access.Member m : a.members()) {
            out.string(m.role()).string(m.member()).string(m.grantor()).u8(m.admin() ? 1 : 0);
        }
        out.u32(a.acls().size());
        for (Map.Entry<String, List<Access.Grant>> e : a.acls().entrySet()) {
            out.string(e.getKey()).u32(e.getValue().size());
            for (Access.Grant g : e.getValue()) {
                out.string(g.grantee()).string(g.grantor()).string(g.letters()).string(g.grantable());
                optional(out, g.column());
            }
        }
        out.u32(a.notValidated().size());
        for (String c : a.notValidated()) {
            out.string(c);
        }
        return out;
    }

    static Access read(ByteReader in) {
        int at = in.position();
        int format = in.u8();
        if (format != FORMAT) {
            throw new FormatException(at, "unknown access format " + format);
        }
        long nextOid = in.u64();
        TreeMap<String, Access.Role> roles = new TreeMap<>();
        for (int i = 0, n = count(in); i < n; i++) {
            long oid = in.u64();
            String name = in.string();
            int f = in.u8();
            int limit = in.u32();
            roles.put(name, new Access.Role(oid, name, (f & 1) != 0, (f & 2) != 0, (f & 4) != 0, (f & 8) != 0,
                    (f & 16) != 0, (f & 32) != 0, (f & 64) != 0, limit, optional(in), optional(in)));
        }
        List<Access.Member> members = new ArrayList<>();
        for (int i = 0, n = count(in); i < n; i++) {
            members.add(new Access.Member(in.string(), in.string(), in.string(), in.u8() != 0));
        }
        TreeMap<String, List<Access.Grant>> acls = new TreeMap<>();
        for (int i = 0, n = count(in); i < n; i++) {
            String key = in.string();
            List<Access.Grant> grants = new ArrayList<>();
            for (int j = 0, m = count(in); j < m; j++) {
                grants.add(new Access.Grant(in.string(), in.string(), in.string(), in.string(), optional(in)));
            }
            acls.put(key, grants);
        }
        Set<String> notValidated = new TreeSet<>();
        for (int i = 0, n = count(in); i < n; i++) {
            notValidated.add(in.string());
        }
        return new Access(roles, members, acls, notValidated, nextOid);
    }

    private static int count(ByteReader in) {
        int at = in.position();
        int n = in.u32();
        if (n < 0) {
            throw new FormatException(at, "negative count " + n);
        }
        return n;
    }

    private static void optional(ByteWriter out, String s) {
        if (s == null) {
            out.u8(0);
        } else {
            out.u8(1).string(s);
        }
    }

    private static String optional(ByteReader in) {
        return in.u8() == 0 ? null : in.string();
    }
}
