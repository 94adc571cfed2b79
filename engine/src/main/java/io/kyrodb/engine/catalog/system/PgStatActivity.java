package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.int8;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_stat_activity: one row per open session on this database (sessions of the same JVM; an
 * embedded database has no other clients), with what it runs now or ran last. {@code client_addr}
 * (inet in PostgreSQL) is text and NULL, as PostgreSQL shows it for a local socket connection;
 * backend_xid and backend_xmin (xid) are bigint.
 */
final class PgStatActivity {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_stat_activity", List.of(
            oid("datid"), text("datname"), int4("pid"), int4("leader_pid"), oid("usesysid"), text("usename"),
            text("application_name"), text("client_addr"), text("client_hostname"), int4("client_port"),
            timestamptz("backend_start"), timestamptz("xact_start"), timestamptz("query_start"),
            timestamptz("state_change"), text("wait_event_type"), text("wait_event"), text("state"),
            int8("backend_xid"), int8("backend_xmin"), int8("query_id"), text("query"), text("backend_type")),
            PgStatActivity::rows);

    private PgStatActivity() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (SessionCalls.Activity a : ctx.calls().activity()) {
            rows.add(new Object[] {Relations.DATABASE_OID, ctx.database(), a.pid(), null, Relations.OWNER_OID, a.user(),
                    a.applicationName(), null, null, -1, a.backendStart(), a.xactStart(), a.queryStart(),
                    a.stateChange(), a.state().equals("idle") ? "Client" : null,
                    a.state().equals("idle") ? "ClientRead" : null, a.state(), a.xid(), null, null, a.query(),
                    "client backend"});
        }
        return rows;
    }

    static Column timestamptz(String name) {
        return new Column(name, SqlType.TIMESTAMPTZ, false);
    }
}
