package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.int8;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_locks: the locks KyroDB's sessions hold. There are no row or table locks (one writer at a
 * time: README's "Row locks are the writer lock"), so what is truthful is what PostgreSQL also
 * shows: every open transaction holds an ExclusiveLock on its virtual transaction id
 * ({@code pid/n}), and the writer an ExclusiveLock on its transaction id. A session waiting for
 * the writer lock is not shown (it has no row until it holds it). xid columns are bigint. Advisory
 * locks have rows of their own, held ({@code granted}) and waited for.
 */
final class PgLocks {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_locks", List.of(
            text("locktype"), oid("database"), oid("relation"), int4("page"), int2("tuple"), text("virtualxid"),
            int8("transactionid"), oid("classid"), oid("objid"), int2("objsubid"), text("virtualtransaction"),
            int4("pid"), text("mode"), bool("granted"), bool("fastpath"), PgStatActivity.timestamptz("waitstart")),
            PgLocks::rows);

    private PgLocks() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        java.util.Map<Integer, String> vxids = new java.util.HashMap<>();
        for (SessionCalls.Activity a : ctx.calls().activity()) {
            vxids.put(a.pid(), a.pid() + "/" + a.localTransaction());
            if (a.xactStart() == null) {
                continue;
            }
            String vxid = a.pid() + "/" + a.localTransaction();
            rows.add(new Object[] {"virtualxid", null, null, null, null, vxid, null, null, null, null, vxid, a.pid(),
                    "ExclusiveLock", true, true, null});
            if (a.writer() && a.xid() != null) {
                rows.add(new Object[] {"transactionid", null, null, null, null, null, a.xid(), null, null, null, vxid,
                        a.pid(), "ExclusiveLock", true, false, null});
            }
        }
        // advisory locks as PostgreSQL keys them: a bigint in classid (high half) and objid (low half)
        // with objsubid 1, two integers in classid and objid with objsubid 2
        for (SessionCalls.AdvisoryLock l : ctx.calls().advisoryLocks()) {
            long value = l.key().value();
            rows.add(new Object[] {"advisory", Relations.DATABASE_OID, null, null, null, null, null,
                    value >>> 32, value & 0xFFFFFFFFL, (short) (l.key().pair() ? 2 : 1), vxids.get(l.pid()), l.pid(),
                    l.shared() ? "ShareLock" : "ExclusiveLock", l.granted(), false, l.waitStart()});
        }
        return rows;
    }
}
