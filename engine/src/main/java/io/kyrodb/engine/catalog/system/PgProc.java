package io.kyrodb.engine.catalog.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.float4;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_proc: the built-in functions KyroDB binds, with the OIDs, kinds, argument and result types
 * PostgreSQL 15 declares for them (so tools' completion and {@code ::regproc} agree with
 * PostgreSQL). The list is {@code pg_proc.tsv} next to this class: the pg_catalog overloads of
 * each function name the binder knows, taken from PostgreSQL 15 (an overload whose argument types
 * KyroDB lacks is listed all the same). {@code proargtypes} (oidvector) is its text form.
 */
final class PgProc {
    /** One function: columns of pg_proc.tsv. */
    record Proc(long oid, String name, String kind, boolean retset, String volatility, int nargs, long rettype,
                String argtypes) {
    }

    /** pg_language's {@code internal}. */
    private static final long INTERNAL_LANGUAGE = 12;

    static final List<Proc> ALL = load();

    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_proc", List.of(
            oid("oid"), text("proname"), oid("pronamespace"), oid("proowner"), oid("prolang"), float4("procost"),
            float4("prorows"), oid("provariadic"), text("prosupport"), text("prokind"), bool("prosecdef"),
            bool("proleakproof"), bool("proisstrict"), bool("proretset"), text("provolatile"), text("proparallel"),
            int2("pronargs"), int2("pronargdefaults"), oid("prorettype"), text("proargtypes"), text("proargnames"),
            text("prosrc"), text("proargmodes")),
            ctx -> {
                List<Object[]> rows = new ArrayList<>(ALL.size());
                for (Proc p : ALL) {
                    rows.add(new Object[] {p.oid(), p.name(), Relations.PG_CATALOG_OID, Relations.OWNER_OID, INTERNAL_LANGUAGE,
                            1.0f, p.retset() ? 1000.0f : 0.0f, 0L, "-", p.kind(), false, false, true, p.retset(),
                            p.volatility(), "s", (short) p.nargs(), (short) 0, p.rettype(), p.argtypes(), null, p.name(), null});
                }
                rows.addAll(UserProcs.rows(ctx));   // CREATE FUNCTION's
                return rows;
            });

    private PgProc() {
    }

    private static List<Proc> load() {
        List<Proc> out = new ArrayList<>();
        try (InputStream in = PgProc.class.getResourceAsStream("pg_proc.tsv")) {
            if (in == null) {
                throw new IllegalStateException("pg_proc.tsv is missing from the engine jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Proc(Long.parseLong(f[0]), f[1], f[2], f[3].equals("t"), f[4], Integer.parseInt(f[5]),
                        Long.parseLong(f[6]), f[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
