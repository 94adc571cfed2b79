package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.MaterializedView;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.SearchPath;
import io.kyrodb.engine.settings.Setting;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SourceSnippet;
import io.kyrodb.sql.parser.SqlParser;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE, REFRESH and DROP MATERIALIZED VIEW, and the rule that nothing else writes into one: a
 * materialized view is a table filled from its query, with a definition beside it in the catalog.
 * The statements run in the session's writing transaction, through the session's own change and
 * apply steps, as CREATE TABLE AS, TRUNCATE and INSERT ... SELECT would.
 */
final class MaterializedViews {

    private MaterializedViews() {
    }

    /**
     * A materialized view changes only by REFRESH: INSERT, UPDATE, DELETE, TRUNCATE into one and
     * DROP TABLE of one are 42809, as in PostgreSQL.
     */
    static void checkNotMaterialized(Session session, Catalog catalog, Statement statement, String sql) {
        List<QualifiedName> targets = switch (statement) {
            case Statement.Insert i -> List.of(i.table());
            case Statement.Copy c when c.from() -> List.of(c.table());
            case Statement.Update u -> List.of(u.table());
            case Statement.Delete d -> List.of(d.table());
            case Statement.Truncate tr -> tr.names();
            case Statement.DropTable d -> d.names();
            default -> List.of();
        };
        for (QualifiedName n : targets) {
            String key = session.relationKey(catalog, n);
            if (key != null && catalog.materializedView(key) != null) {
                throw new KyroException(SqlState.WRONG_OBJECT_TYPE, SourceSnippet.annotate(
                        statement instanceof Statement.DropTable ? "\"" + n.name() + "\" is not a table (use DROP"
                                + " MATERIALIZED VIEW)" : "cannot change materialized view \"" + n.name()
                                + "\" (REFRESH MATERIALIZED VIEW recomputes it)", sql, n.pos()));
            }
        }
    }

    /**
     * CREATE MATERIALIZED VIEW: its table as CREATE TABLE AS makes and fills it (WITH NO DATA: empty
     * and unpopulated), then the definition that makes the table a materialized view.
     */
    static ExecResult create(Session session, Transaction t, Statement.CreateMaterializedView m, String sql,
                             Object[] parameters) {
        Statement.CreateTableAs c = m.table();
        Session.Applied created = session.change(t, c, sql, parameters, null);
        if (created.result().changes().isEmpty()) {
            return new ExecResult.Count(0);   // IF NOT EXISTS, and it exists
        }
        String key = ((Change.CreateTable) created.result().changes().get(0)).name();
        long rows = 0;
        if (c.withData()) {
            Statement.Insert fill = new Statement.Insert(c.pos(), c.name(), List.of(), List.of(), c.query(), null, List.of());
            rows = session.change(t, fill, sql, parameters, null).result().count();
        }
        session.apply(t, new Change.CreateMaterializedView(key, m.queryText(),
                session.systemContext(t.writeCatalog()).searchPath().names(), c.withData()));
        return new ExecResult.Count(rows);
    }

    /**
     * REFRESH MATERIALIZED VIEW: empties its table and, WITH DATA, fills it from its query again
     * (bound along the search_path it was created with), in the statement's transaction. Readers
     * keep their snapshot meanwhile, so CONCURRENTLY (which PostgreSQL allows only on a populated
     * view with a unique index, as here) refreshes the same way.
     */
    static ExecResult refresh(Session session, Transaction t, Statement.RefreshMaterializedView r, String sql) {
        Catalog catalog = t.writeCatalog();
        String key = session.relationKey(catalog, r.name());
        if (key == null) {
            throw new KyroException(SqlState.UNDEFINED_TABLE, SourceSnippet.annotate(
                    "relation \"" + r.name() + "\" does not exist", sql, r.name().pos()));
        }
        MaterializedView mv = catalog.materializedView(key);
        if (mv == null) {   // 0A000: PostgreSQL's SQLSTATE for it
            throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, SourceSnippet.annotate(
                    "\"" + r.name().name() + "\" is not a materialized view", sql, r.name().pos()));
        }
        if (r.concurrently()) {
            if (!r.withData()) {
                throw new KyroException(SqlState.SYNTAX_ERROR, SourceSnippet.annotate(
                        "REFRESH options CONCURRENTLY and WITH NO DATA cannot be used together", sql, r.pos()));
            }
            if (!mv.populated()) {
                throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, SourceSnippet.annotate(
                        "CONCURRENTLY cannot be used when the materialized view is not populated", sql, r.pos()));
            }
            if (catalog.indexesOf(key).stream().noneMatch(Index::unique)) {
                throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, SourceSnippet.annotate(
                        "cannot refresh materialized view \"" + r.name() + "\" concurrently (create a unique index"
                                + " with no WHERE clause on one or more columns of the materialized view)", sql, r.pos()));
            }
        }
        QualifiedName table = new QualifiedName(r.name().pos(),
                SchemaNames.schemaOf(key), SchemaNames.localOf(key));
        session.change(t, new Statement.Truncate(r.pos(), List.of(table), false, false), sql, Session.NO_PARAMETERS, null);
        if (r.withData()) {
            Statement.Query query = (Statement.Query) SqlParser.parseStatement(mv.query()).statement();
            String path = session.settings().get(Setting.SEARCH_PATH);
            session.settings().set("search_path", SearchPath.format(mv.searchPath()));
            try {
                session.change(t, new Statement.Insert(r.pos(), table, List.of(), List.of(), query, null, List.of()), mv.query(),
                        Session.NO_PARAMETERS, null);
            } finally {
                session.settings().set("search_path", path);
            }
        }
        session.apply(t, new Change.RefreshMaterializedView(key, r.withData()));
        return new ExecResult.Count(0);
    }

    /** DROP MATERIALIZED VIEW: drops its table (with the definition), as DROP TABLE would. */
    static ExecResult drop(Session session, Transaction t, Statement.DropMaterializedView d, String sql) {
        Catalog catalog = t.writeCatalog();
        List<QualifiedName> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            String key = session.relationKey(catalog, n);
            if (key == null && d.ifExists()) {
                continue;   // Postgres: a NOTICE, and the others are dropped
            }
            if (key == null) {
                throw new KyroException(SqlState.UNDEFINED_TABLE, SourceSnippet.annotate(
                        "materialized view \"" + n + "\" does not exist", sql, n.pos()));
            }
            if (catalog.materializedView(key) == null) {
                throw new KyroException(SqlState.WRONG_OBJECT_TYPE, SourceSnippet.annotate(
                        "\"" + n.name() + "\" is not a materialized view", sql, n.pos()));
            }
            names.add(n);
        }
        if (!names.isEmpty()) {
            session.change(t, new Statement.DropTable(d.pos(), false, names, d.cascade()), sql, Session.NO_PARAMETERS, null);
        }
        return new ExecResult.Count(0);
    }
}
