package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.catalog.system.SystemView;
import io.kyrodb.engine.catalog.system.SystemViews;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.engine.plan.DeletePlan;
import io.kyrodb.engine.plan.DropTablePlan;
import io.kyrodb.engine.plan.InsertConflict;
import io.kyrodb.engine.plan.InsertPlan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.plan.RowTarget;
import io.kyrodb.engine.plan.UpdatePlan;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SourceSnippet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a parsed statement into a {@link Plan} against the catalog: the one place names, types and
 * statement-level rules are checked. Runs under the database lock (it reads the catalog).
 */
public final class Binder {
    /** Postgres's limit on the columns of a table. */
    public static final int MAX_COLUMNS = 1600;

    private final Catalog catalog;
    private final String sql;
    private final Parameters parameters;
    private final SystemContext system;
    /** The WITH queries in scope where binding is now (null: none). */
    private WithBinder.Ctes ctes;
    /** The tables and views the statement names (what a view being created depends on). */
    private final Set<String> referenced = new java.util.LinkedHashSet<>();
    /** How many views deep this binder binds (a view's query is bound by a binder of its own). */
    private final int viewDepth;
    /** Views are expanded at most this deep (a cycle made by CREATE OR REPLACE ends here). */
    static final int MAX_VIEW_DEPTH = 32;
    private final io.kyrodb.engine.plan.PlannerOptions options;
    private final io.kyrodb.engine.plan.PlanEstimates estimates = new io.kyrodb.engine.plan.PlanEstimates();

    public Binder(Catalog catalog, String sql, Parameters parameters) {
        this(catalog, sql, parameters, io.kyrodb.engine.plan.PlannerOptions.defaults(), SystemContext.of(catalog));
    }

    /**
     * {@code options}: the session's planner switches and the estimator the cost-based choices ask;
     * {@code system}: what catalog views and system functions (current_user, version()) answer from.
     */
    public Binder(Catalog catalog, String sql, Parameters parameters, io.kyrodb.engine.plan.PlannerOptions options,
                  SystemContext system) {
        this(catalog, sql, parameters, options, system, 0);
    }

    private Binder(Catalog catalog, String sql, Parameters parameters, io.kyrodb.engine.plan.PlannerOptions options,
                   SystemContext system, int viewDepth) {
        this.catalog = catalog;
        this.sql = sql;
        this.parameters = parameters;
        this.options = options;
        this.system = system;
        this.viewDepth = viewDepth;
        estimates.estimator(options.estimator().name());
    }

    /** The row estimates of the operators this binder planned (EXPLAIN). */
    public io.kyrodb.engine.plan.PlanEstimates estimates() {
        return estimates;
    }

    /** The uncorrelated forms of this statement's subqueries that have one (see SubqueryDecorrelation). */
    private final java.util.Map<io.kyrodb.engine.expr.SubPlan, io.kyrodb.engine.plan.rules.DecorrelatedSubquery>
            decorrelated = new java.util.IdentityHashMap<>();

    void decorrelated(io.kyrodb.engine.expr.SubPlan p, io.kyrodb.engine.plan.rules.DecorrelatedSubquery d) {
        if (d != null) {
            decorrelated.put(p, d);
        }
    }

    /** The uncorrelated form of subquery {@code p}, null when it has none. */
    io.kyrodb.engine.plan.rules.DecorrelatedSubquery decorrelated(io.kyrodb.engine.expr.SubPlan p) {
        return decorrelated.get(p);
    }

    io.kyrodb.engine.plan.PlannerOptions options() {
        return options;
    }

    SystemContext system() {
        return system;
    }

    public Plan bind(Statement statement) {
        return switch (statement) {
            case Statement.With w when w.modifies() -> WithBinder.bindWriting(this, w);
            case Statement.Merge m -> MergeBinder.bind(this, m);
            case Statement.Query q -> SetOperationBinder.bind(this, q, null);
            case Statement.Insert i -> {
                View v = view(i.table());   // a simple view passes the rows to its table
                yield v != null ? UpdatableViews.insert(this, i, v)
                        : ReturningBinder.bind(this, insert(i), Scope.of(target(i.table(), "insert into"), null),
                                i.returning());
            }
            case Statement.Update u -> update(u);
            case Statement.Delete d -> delete(d);
            case Statement.CreateTable c -> createTable(c);
            case Statement.CreateTableAs c -> CreateTableAsBinder.bind(this, c);
            case Statement.DropTable d -> dropTable(d);
            case Statement.CreateIndex c -> new IndexDdlBinder(this, catalog).createIndex(c);
            case Statement.DropIndex d -> new IndexDdlBinder(this, catalog).dropIndex(d);
            case Statement.CreateSequence c -> SequenceBinder.create(this, c);
            case Statement.DropSequence d -> SequenceBinder.drop(this, d);
            case Statement.Truncate t -> truncate(t);
            case Statement.AlterTable a -> AlterTableBinder.bind(this, a);
            case Statement.WithStatement w -> WithBinder.bind(this, w);
            case Statement.CreateView c -> new ViewDdlBinder(this, catalog).create(c);
            case Statement.DropView d -> new ViewDdlBinder(this, catalog).drop(d);
            case Statement.CreateSchema c -> SchemaDdlBinder.create(this, c);
            case Statement.DropSchema d -> SchemaDdlBinder.drop(this, d);
            case Statement.AlterSchemaRename r -> SchemaDdlBinder.rename(this, r);
            case Statement.SetSchema s -> RelocationBinder.setSchema(this, s);
            case Statement.RenameView r -> RelocationBinder.renameView(this, r);
            case Statement.RenameViewColumn r -> ViewDependencies.renameViewColumn(this, r);
            case Statement.AlterViewOptions a -> new ViewDdlBinder(this, catalog).alterOptions(a);
            case Statement.AlterOwner o -> OwnerBinder.bind(this, o);
            case Statement.CreateRole c -> AccessDdlBinder.create(this, c);
            case Statement.AlterRole a -> AccessDdlBinder.alter(this, a);
            case Statement.DropRole d -> AccessDdlBinder.drop(this, d);
            case Statement.GrantRoles g -> AccessDdlBinder.grantRoles(this, g);
            case Statement.GrantPrivileges g -> AccessDdlBinder.privileges(this, g);
            case Statement.AlterDefaultPrivileges d -> AccessDdlBinder.defaults(this, d);
            case Statement.CommentOn c -> CommentBinder.bind(this, c);
            case Statement.AlterSequence a -> AlterSequenceBinder.bind(this, a);
            case Statement.AlterIndex a -> IndexMaintenanceBinder.alterIndex(this, a);
            case Statement.AlterIndexParameters a -> IndexMaintenanceBinder.parameters(this, a);
            case Statement.Reindex r -> IndexMaintenanceBinder.reindex(this, r);
            case Statement.Cluster c -> IndexMaintenanceBinder.cluster(this, c);
            case Statement.CreateFunction c -> FunctionDdlBinder.create(this, c);
            case Statement.DropFunction d -> FunctionDdlBinder.drop(this, d);
            case Statement.CreateEnumType c -> UserTypeDdl.createEnum(this, c);
            case Statement.AlterEnumAddValue a -> UserTypeDdl.addValue(this, a);
            case Statement.AlterEnumRenameValue r -> UserTypeDdl.renameValue(this, r);
            case Statement.AlterTypeRename r -> UserTypeDdl.rename(this, r);
            case Statement.DropType d -> UserTypeDdl.drop(this, d);
            case Statement.CreateDomain c -> DomainDdl.create(this, c);
            case Statement.AlterDomain a -> DomainDdl.alter(this, a);
            case Statement.CreateTrigger c -> RoutineDdlBinder.createTrigger(this, c);
            case Statement.DropTrigger d -> RoutineDdlBinder.dropTrigger(this, d);
            case Statement.AlterTableTrigger a -> RoutineDdlBinder.alterTrigger(this, a);
            default -> throw new IllegalArgumentException("not a bindable statement: " + statement.getClass().getSimpleName()
                    + " (the session runs transaction and setting statements itself)");
        };
    }

    Catalog catalog() {
        return catalog;
    }

    /** The indexes REINDEX TABLE, SCHEMA, DATABASE or SYSTEM rebuilds, each then a REINDEX INDEX of its own. */
    public List<QualifiedName> reindexed(Statement.Reindex r) {
        return IndexMaintenanceBinder.reindexed(this, r);
    }

    private io.kyrodb.engine.exec.HnswEnv hnsw;

    /** Lets queries use HNSW indexes (without it they search exactly). */
    public Binder hnsw(io.kyrodb.engine.exec.HnswEnv env) {
        this.hnsw = env;
        return this;
    }

    io.kyrodb.engine.exec.HnswEnv hnsw() {
        return hnsw;
    }

    private Variables variables;

    /** Binds names that are PL/pgSQL variables as parameters (null: none). */
    public Binder variables(Variables v) {
        this.variables = v;
        return this;
    }

    Variables variables() {
        return variables;
    }

    String sql() {
        return sql;
    }

    Parameters parameters() {
        return parameters;
    }

    WithBinder.Ctes ctes() {
        return ctes;
    }

    void ctes(WithBinder.Ctes scope) {
        this.ctes = scope;
    }

    /** Whether {@code name} in FROM reads a stored table (not a WITH query or a view). */
    boolean isStoredTable(QualifiedName name) {
        return cte(name) == null && view(name) == null;
    }

    Set<String> referenced() {
        return referenced;
    }

    /** The view {@code name} refers to, or null. */
    View view(QualifiedName name) {
        if (SystemViews.isSystemSchema(name.schema())) {
            return null;
        }
        return catalog.view(relationKey(name));
    }

    // ---- Schemas: names resolve along the session's search_path -------------------------------

    /** A type as written, built-in or user-defined (an enum or a domain, found along the search_path). */
    SqlType resolveType(io.kyrodb.sql.ast.TypeName type) {
        return TypeResolver.resolve(type, sql, this::userType);
    }

    /** The catalog key of user type {@code name} ({@code schema.name} or along the search_path), or null. */
    String userTypeKey(String name) {
        int dot = name.indexOf('.');
        if (dot >= 0) {
            String schema = name.substring(0, dot);
            String resolved = searchPath().resolveSchema(schema);
            String key = io.kyrodb.engine.catalog.SchemaNames.key(resolved, name.substring(dot + 1));
            return catalog.type(key) != null ? key : null;
        }
        return searchPath().find(catalog, name, k -> catalog.type(k) != null);
    }

    /** The column type of user type {@code name}, or null when there is none. */
    private SqlType userType(String name) {
        String key = userTypeKey(name);
        if (key == null) {
            return null;
        }
        return switch (catalog.type(key)) {
            case io.kyrodb.engine.types.EnumType e -> SqlType.ofEnum(e);
            case io.kyrodb.engine.types.DomainType d -> d.columnType();
        };
    }

    io.kyrodb.engine.catalog.SearchPath searchPath() {
        return system.searchPath();
    }

    /** The schema {@code name} is qualified with (null: none), {@code pg_temp} being this session's temporary schema. */
    String schemaOf(QualifiedName name) {
        try {
            return searchPath().resolveSchema(name.schema());
        } catch (KyroException e) {
            throw error(e.state(), e.getMessage(), name.pos());
        }
    }

    /**
     * The catalog key of the table CREATE TEMP TABLE {@code name} makes: in this session's temporary
     * schema (42P16 when qualified with another schema).
     */
    String temporaryKey(QualifiedName name) {
        String temporary = searchPath().temporary();
        if (name.schema() != null && !name.schema().equals(io.kyrodb.engine.catalog.SearchPath.TEMPORARY_ALIAS)
                && !name.schema().equals(temporary)) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "cannot create temporary relation in non-temporary schema",
                    name.pos());
        }
        try {
            io.kyrodb.engine.catalog.SchemaNames.checkNewName(name.name());
        } catch (KyroException e) {
            throw error(SqlState.INVALID_NAME, e.getMessage(), name.pos());
        }
        return io.kyrodb.engine.catalog.SchemaNames.key(temporary, name.name());
    }

    /**
     * The catalog key {@code name} refers to: {@code schema.name} as written, else the first
     * relation of that name along the search_path; when there is none, a key no relation has
     * (so lookups miss and report the name as written).
     */
    String relationKey(QualifiedName name) {
        String key = resolveRelationKey(name);
        if (relationUses != null && name.pos() != null && name.pos().offset() >= 0) {
            relationUses.put(name.pos().offset(), key);
        }
        return key;
    }

    /**
     * A binder for a column's DEFAULT expression: names resolve in the table's schema first, then
     * along the session's search_path, so a SERIAL's {@code nextval('t_id_seq')} (stored unqualified
     * for a table of public) finds its sequence whatever the path (PostgreSQL fixed it as a regclass
     * when the table was created).
     */
    Binder withSchemaFirst(String schema) {
        List<String> names = new ArrayList<>();
        names.add(schema);
        names.addAll(searchPath().names());
        return new Binder(catalog, sql, parameters, options,
                system.withSearchPath(new io.kyrodb.engine.catalog.SearchPath(names, system.user(),
                        searchPath().temporary())), viewDepth);
    }

    /** When recording (see {@link #relationUses(View)}): text offset of each relation name -> the key it resolved to. */
    private java.util.TreeMap<Integer, String> relationUses;
    /** When recording: the offsets of FROM names written with an alias. */
    private java.util.Set<Integer> aliasedUses;

    /** FROM names {@code name} with an alias: a rewrite of the name needs no alias to keep column qualifiers working. */
    void noteAlias(Statement.TableReference ref) {
        if (aliasedUses != null && ref.alias() != null && ref.name().pos() != null) {
            aliasedUses.add(ref.name().pos().offset());
        }
    }

    /**
     * Where a view's text names relations ({@link #relationUses}), which of those names have an alias,
     * and the columns of stored tables its expressions read ({@link ColumnUse}, in binding order).
     */
    record RelationUses(java.util.SortedMap<Integer, String> keys, java.util.Set<Integer> aliased,
                        List<ColumnUse> columns, java.util.Set<Integer> bareOutputs) {
    }

    /**
     * A column reference of a view's text that reads column {@code column} of stored table
     * {@code table} (a catalog key): at text offset {@code offset}, written with qualifier
     * {@code qualifier} (null: none), the table being {@code alias} in its FROM clause. A {@code *}
     * or a whole-row reference records each column it expands to, at its own offset.
     */
    record ColumnUse(int offset, String table, String column, String qualifier, String alias) {
    }

    /** When recording (see {@link #relationUses(View)}): the column references bound so far. */
    private List<ColumnUse> columnUses;
    /** When recording: the offsets of select-list items that are a column reference without AS (named after it). */
    private java.util.Set<Integer> bareOutputs;

    void noteBareOutput(io.kyrodb.sql.ast.Expr.ColumnRef ref) {
        if (bareOutputs != null && ref.pos() != null && ref.pos().offset() >= 0) {
            bareOutputs.add(ref.pos().offset());
        }
    }

    /** Records (when recording a view's uses) that {@code ref} was bound, in {@code scope}, to column {@code c}. */
    void noteColumnUse(io.kyrodb.sql.ast.Expr.ColumnRef ref, Scope scope, io.kyrodb.engine.expr.ColumnExpr c) {
        if (columnUses == null || ref.pos() == null || ref.pos().offset() < 0) {
            return;
        }
        Scope.Entry e = scope.entryAt(c.index());
        if (e != null && e.source() == null && catalog.table(e.table().name()) != null) {
            columnUses.add(new ColumnUse(ref.pos().offset(), e.table().name(), c.name(), ref.qualifier(), e.alias()));
        } else if (e != null && viewEntries.containsKey(e.table())) {   // a column of a view read in FROM
            columnUses.add(new ColumnUse(ref.pos().offset(), viewEntries.get(e.table()), c.name(), ref.qualifier(),
                    e.alias()));
        }
    }

    /** When recording: the row shapes of the views read in FROM (a view is a derived table there), by view key. */
    private final java.util.Map<Table, String> viewEntries = new java.util.IdentityHashMap<>();

    /** Notes (when recording a view's uses) that FROM item {@code shape} is view {@code view}. */
    void noteViewEntry(Table shape, String view) {
        if (columnUses != null) {
            viewEntries.put(shape, view);
        }
    }

    /**
     * Where view {@code v}'s query text names a relation (the offset of the name in the text) and
     * the catalog key each name resolves to along the view's search_path, found by binding the
     * query: for rewriting the text when the relations it reads move (ALTER ... SET SCHEMA,
     * ALTER SCHEMA ... RENAME). The views it reads are bound by binders of their own, so only
     * names of this text are recorded.
     */
    RelationUses relationUses(View v) {
        return relationUses(v.query(), v.searchPath());
    }

    /** As {@link #relationUses(View)}, for query text {@code query} bound along {@code searchPath} (a materialized view's). */
    RelationUses relationUses(String query, List<String> searchPath) {
        Statement statement = io.kyrodb.sql.parser.SqlParser.parseStatement(query).statement();
        SystemContext path = system.withSearchPath(new io.kyrodb.engine.catalog.SearchPath(searchPath, system.user()));
        Binder inner = new Binder(catalog, query, parameters, options, path, viewDepth + 1);
        inner.relationUses = new java.util.TreeMap<>();
        inner.aliasedUses = new java.util.HashSet<>();
        inner.columnUses = new ArrayList<>();
        inner.bareOutputs = new java.util.HashSet<>();
        SetOperationBinder.bind(inner, (Statement.Query) statement, null);
        return new RelationUses(inner.relationUses, inner.aliasedUses, inner.columnUses, inner.bareOutputs);
    }

    private String resolveRelationKey(QualifiedName name) {
        if (name.schema() != null) {
            return io.kyrodb.engine.catalog.SchemaNames.key(schemaOf(name), name.name());
        }
        String found = searchPath().find(catalog, name.name(), catalog::hasRelation);
        if (found != null) {
            return found;
        }
        List<String> path = searchPath().effective(catalog);
        return io.kyrodb.engine.catalog.SchemaNames.key(path.isEmpty() ? SystemViews.PG_CATALOG : path.get(0),
                name.name());
    }

    /** The catalog key a new relation {@code name} gets: in its schema (3F000 if none) or the search_path's first. */
    String createKey(QualifiedName name) {
        try {
            io.kyrodb.engine.catalog.SchemaNames.checkNewName(name.name());
        } catch (KyroException e) {
            throw error(SqlState.INVALID_NAME, e.getMessage(), name.pos());
        }
        String schema = schemaOf(name);
        if (schema == null) {
            try {
                schema = searchPath().creationSchema(catalog);
            } catch (KyroException e) {
                throw error(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in", name.pos());
            }
        } else if (!catalog.hasSchema(schema)) {
            throw error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist", name.pos());
        }
        return io.kyrodb.engine.catalog.SchemaNames.key(schema, name.name());
    }

    /** The key of a new object named {@code local} in the schema of relation key {@code relationKey} (an index of a table). */
    static String sameSchema(String relationKey, String local) {
        io.kyrodb.engine.catalog.SchemaNames.checkNewName(local);
        return io.kyrodb.engine.catalog.SchemaNames.moved(local, io.kyrodb.engine.catalog.SchemaNames.schemaOf(relationKey));
    }

    /** The columns of view {@code v} (its CREATE VIEW names, else its query's), with their types: for the catalog views. */
    public static List<Column> viewColumns(Catalog catalog, View v) {
        QueryPlan plan = new Binder(catalog, v.query(), new Parameters(new Object[0])).expandView(v, null);
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ResultColumn rc = plan.columns().get(i);
            out.add(new Column(i < v.columns().size() ? v.columns().get(i) : rc.label(), rc.type(), false));
        }
        return out;
    }

    /** View {@code v}'s stored query, parsed (XX001 when it no longer parses: the catalog is damaged). */
    static Statement storedQuery(View v) {
        try {
            return io.kyrodb.sql.parser.SqlParser.parseStatement(v.query()).statement();
        } catch (io.kyrodb.sql.parser.SqlSyntaxException e) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "the stored query of view \"" + v.name()
                    + "\" does not parse: " + e.getMessage());
        }
    }

    /** A view's query, bound on its own (it sees no WITH query and no column of the query naming it). */
    QueryPlan expandView(View v, Pos pos) {
        referenced.add(v.name());
        if (viewDepth >= MAX_VIEW_DEPTH) {
            throw error(SqlState.INVALID_RECURSION, "infinite recursion detected in rules for relation \""
                    + v.name() + "\"", pos == null ? Pos.NONE : pos);
        }
        Statement statement = storedQuery(v);
        SystemContext path = system.withSearchPath(new io.kyrodb.engine.catalog.SearchPath(v.searchPath(), system.user()));
        return SetOperationBinder.bind(new Binder(catalog, v.query(), parameters, options, path, viewDepth + 1),
                (Statement.Query) statement, null);
    }

    /** The table a statement writes: 55000 for a view (views are not updatable), 42P01 when there is none. */
    Table target(QualifiedName name, String verb) {
        View v = view(name);
        if (v != null) {
            throw error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot " + verb + " view \"" + v.name()
                    + "\" (views are not updatable; write to the tables it reads)", name.pos());
        }
        return table(name);
    }

    /** The WITH query {@code name} refers to here, or null when it names a table or view. */
    WithBinder.Cte cte(QualifiedName name) {
        return name.schema() != null || ctes == null ? null : ctes.find(name.name());
    }

    ExprBinder expressions(Scope scope, String clause) {
        return new ExprBinder(this, scope, null, clause, null);
    }

    /** A binder for a subquery's expressions; {@code outer} binds those of the query around it. */
    ExprBinder expressions(Scope scope, String clause, ExprBinder outer) {
        return new ExprBinder(this, scope, null, clause, outer);
    }

    /** A column type KyroDB can store: not regclass, regtype, regproc or regnamespace (names looked up in the catalog, with no stored form yet). */
    void requireStorable(SqlType type, Pos pos) {
        SqlType t = type.isArray() ? type.element() : type;
        if (t.kind() == TypeKind.RECORD) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "a column cannot have pseudo-type record", pos);
        }
        if (t.kind().isObjectIdentifier()) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "KyroDB cannot store a column of type " + t.kind().sqlName()
                    + " (store the object's oid as bigint, or its name as text)", pos);
        }
    }

    /** Primary keys and indexes need an order-preserving key encoding (json and json[] have none, as in Postgres). */
    void requireKeyable(Column column, Pos pos) {
        SqlType type = column.type();
        if (!type.kind().isKeyable() || type.kind() == TypeKind.ARRAY && !type.element().kind().isKeyable()) {
            throw error(SqlState.UNDEFINED_OBJECT, "data type " + column.type().displayName()
                    + " has no default operator class for access method \"btree\" (KyroDB cannot index column \""
                    + column.name() + "\"; index an expression's result in a column of its own instead)", pos);
        }
    }

    KyroException error(SqlState state, String message, Pos pos) {
        return new KyroException(state, SourceSnippet.annotate(message, sql, pos));
    }

    /**
     * A relation a query reads (FROM): a catalog view of pg_catalog (also unqualified, searched
     * first as in Postgres) or information_schema, else a table.
     */
    Table relation(QualifiedName name) {
        SystemView view = SystemViews.find(name.schema(), name.name());
        if (view == null && name.schema() == null && searchPath().names().contains(SystemViews.INFORMATION_SCHEMA)) {
            view = SystemViews.find(SystemViews.INFORMATION_SCHEMA, name.name());   // information_schema on the path
        }
        if (view != null) {
            return SystemViews.table(view, system);
        }
        if (SystemViews.isSystemSchema(name.schema())
                || (name.schema() != null && !catalog.hasSchema(schemaOf(name)))) {
            throw error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist", name.pos());
        }
        Table t = table(name);
        io.kyrodb.engine.catalog.MaterializedView m = catalog.materializedView(t.name());
        if (m != null && !m.populated()) {
            throw error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "materialized view \"" + name.name()
                    + "\" has not been populated (use the REFRESH MATERIALIZED VIEW command)", name.pos());
        }
        return t;
    }

    /** A table a statement writes or indexes: catalog views are read-only (55000, as Postgres says for views). */
    Table table(QualifiedName name) {
        if (SystemViews.find(name.schema(), name.name()) != null) {
            throw error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot change view \"" + name.name()
                    + "\": the catalog views of " + (name.schema() == null ? SystemViews.PG_CATALOG : name.schema())
                    + " are read-only", name.pos());
        }
        checkSchema(name);
        String key = relationKey(name);
        referenced.add(key);
        Table t = catalog.table(key);
        if (t == null) {
            String hint = Suggestions.didYouMean(name.name(), catalog.tableNames());
            throw error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist" + hint, name.pos());
        }
        return t;
    }

    /** The table CREATE TABLE is defining (its key: the schema of its indexes and sequences), or null. */
    private String definingTable;

    /** The key of the table {@code c} defines (CREATE TABLE) or changes (ALTER TABLE). */
    String definingKey(Statement.CreateTable c) {
        return definingTable != null ? definingTable : relationKey(c.name());
    }

    /** 3F000 when {@code name} is qualified by a schema that does not exist (DDL; a query's FROM says 42P01). */
    void checkSchema(QualifiedName name) {
        if (name.schema() != null && !catalog.hasSchema(schemaOf(name)) && !SystemViews.isSystemSchema(name.schema())) {
            throw error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.schema() + "\" does not exist", name.pos());
        }
    }

    // ---- DDL ----------------------------------------------------------------------------------

    private Plan createTable(Statement.CreateTable c) {
        if (!c.temporary() && c.onCommit() != null) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "ON COMMIT can only be used on temporary tables", c.pos());
        }
        String tableName = c.temporary() ? temporaryKey(c.name()) : createKey(c.name());
        definingTable = tableName;
        if (catalog.hasRelation(tableName) && !c.ifNotExists()) {
            throw error(SqlState.DUPLICATE_TABLE, "relation \"" + c.name().name() + "\" already exists", c.name().pos());
        }
        CreateTableLike.Expanded like = null;
        if (!c.likes().isEmpty()) {
            like = CreateTableLike.expand(this, c);
            c = like.statement();
        }
        if (c.columns().isEmpty()) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "a table needs at least one column", c.pos());
        }
        if (c.columns().size() > MAX_COLUMNS) {
            throw error(SqlState.INVALID_TABLE_DEFINITION, "tables can have at most " + MAX_COLUMNS + " columns, got "
                    + c.columns().size(), c.pos());
        }
        List<String> names = new ArrayList<>();
        List<Integer> pk = new ArrayList<>();
        Pos pkPos = null;
        for (Statement.ColumnDefinition d : c.columns()) {
            if (names.contains(d.name())) {
                throw error(SqlState.DUPLICATE_COLUMN, "column \"" + d.name() + "\" specified more than once", d.pos());
            }
            names.add(d.name());
            if (d.primaryKey()) {
                if (pkPos != null) {
                    throw error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                            + c.name().name() + "\" are not allowed", d.pos());
                }
                pkPos = d.pos();
                pk.add(names.size() - 1);
            }
        }
        if (!c.primaryKey().isEmpty()) {
            if (pkPos != null) {
                throw error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                        + c.name().name() + "\" are not allowed", c.primaryKeyPos());
            }
            for (String k : c.primaryKey()) {
                int i = names.indexOf(k);
                if (i < 0) {
                    throw error(SqlState.UNDEFINED_COLUMN, "column \"" + k + "\" named in key does not exist",
                            c.primaryKeyPos());
                }
                if (pk.contains(i)) {
                    throw error(SqlState.DUPLICATE_COLUMN, "column \"" + k + "\" appears twice in primary key constraint",
                            c.primaryKeyPos());
                }
                pk.add(i);
            }
        }
        List<Column> columns = new ArrayList<>();
        List<io.kyrodb.engine.catalog.Sequence> sequences = new ArrayList<>();
        List<String> sequenceNames = new ArrayList<>();
        for (int i = 0; i < c.columns().size(); i++) {
            columns.add(bindColumn(c.columns().get(i), tableName, pk.contains(i), sequences, sequenceNames));
        }
        if (like != null) {   // LIKE's columns: the source's types and defaults, with what binding gave them
            for (java.util.Map.Entry<Integer, Column> e : like.columns().entrySet()) {
                Column bound = columns.get(e.getKey());
                Column source = e.getValue();
                columns.set(e.getKey(), new Column(source.name(), source.type(), source.notNull() || bound.notNull(),
                        source.defaultSql(), bound.identity()));
            }
        }
        columns = GeneratedColumns.check(this, tableName, columns, c.columns());
        int[] primaryKey = pk.stream().mapToInt(Integer::intValue).toArray();
        List<io.kyrodb.engine.catalog.CheckConstraint> checks = CheckConstraints.bind(this, c, columns, primaryKey);
        List<CreateTablePlan.UniqueKey> unique = UniqueConstraints.bind(this, c, names, primaryKey);
        for (int k : primaryKey) {
            requireKeyable(columns.get(k), pkPos != null ? pkPos : c.primaryKeyPos());
        }
        for (CreateTablePlan.UniqueKey u : unique) {
            for (int k : u.columns()) {
                requireKeyable(columns.get(k), c.pos());
            }
        }
        List<io.kyrodb.engine.catalog.ForeignKey> foreignKeys = ForeignKeyBinder.bind(this, c, columns, primaryKey, unique);
        for (io.kyrodb.engine.catalog.ForeignKey f : foreignKeys) {
            boolean temporaryTarget = io.kyrodb.engine.catalog.SchemaNames.schemaOf(f.refTable())
                    .startsWith(io.kyrodb.engine.catalog.SearchPath.TEMPORARY_PREFIX);
            if (temporaryTarget != c.temporary()) {
                throw error(SqlState.INVALID_TABLE_DEFINITION, c.temporary()
                        ? "constraints on temporary tables may reference only temporary tables"
                        : "constraints on permanent tables may reference only permanent tables", c.pos());
            }
        }
        List<io.kyrodb.engine.storage.Change.CreateIndex> indexes = like == null ? List.of()
                : IndexDdlBinder.copies(catalog, tableName, names, like.indexes(), unique);
        return new CreateTablePlan(tableName, c.ifNotExists(), columns, primaryKey, unique, checks, sequences,
                foreignKeys, indexes);
    }

    /**
     * One column of CREATE TABLE or ALTER TABLE ADD COLUMN: its type (SERIAL becomes an integer type
     * with an owned sequence, added to {@code sequences}), DEFAULT (checked now) and identity.
     */
    Column bindColumn(Statement.ColumnDefinition d, String tableName, boolean inPrimaryKey,
                      List<io.kyrodb.engine.catalog.Sequence> sequences, List<String> sequenceNames) {
        String serial = switch (d.type().name()) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            default -> null;
        };
        SqlType type = resolveType(serial == null ? d.type()
                : new io.kyrodb.sql.ast.TypeName(d.type().pos(), serial, d.type().arguments()));
        requireStorable(type, d.type().pos());
        String defaultSql = null;
        Column.Identity identity = null;
        boolean notNull = d.notNull() || inPrimaryKey;
        if (serial != null || d.identity() != null) {
            if (d.defaultValue() != null) {
                throw error(SqlState.SYNTAX_ERROR, (serial != null ? "multiple default values specified"
                        : "both default and identity specified") + " for column \"" + d.name() + "\" of table \""
                        + tableName + "\"", d.pos());
            }
            if (serial != null && d.identity() != null) {
                throw error(SqlState.SYNTAX_ERROR, "both default and identity specified for column \"" + d.name()
                        + "\" of table \"" + tableName + "\"", d.pos());
            }
            if (!SequenceBinder.isInteger(type)) {
                throw error(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or "
                        + "bigint", d.type().pos());
            }
            String seqName = d.identity() != null && d.identity().options().sequenceName() != null
                    ? SequenceBinder.namedIdentitySequence(this, d.identity().options().sequenceName(), sequenceNames)
                    : SequenceBinder.serialName(this, tableName, d.name(), sequenceNames);
            sequenceNames.add(seqName);
            sequences.add(SequenceBinder.define(this, seqName, d.identity() == null
                    ? Statement.SequenceOptions.NONE : d.identity().options(), type,
                    SequenceBinder.owner(tableName, d.name()), d.pos()));
            notNull = true;
            if (serial != null) {
                defaultSql = "nextval('" + seqName + "')";
            } else {
                identity = d.identity().always() ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT;
            }
        } else if (d.defaultValue() != null) {
            // Checked now (names, types), bound again by each INSERT that uses it.
            assign(expressions(Scope.empty(), "DEFAULT"), d.defaultValue(), new Column(d.name(), type, false));
            defaultSql = d.defaultText();
        }
        return new Column(d.name(), type, notNull, defaultSql, identity);
    }

    private Plan truncate(Statement.Truncate t) {
        List<Table> tables = new ArrayList<>();
        List<io.kyrodb.engine.catalog.Sequence> restart = new ArrayList<>();
        List<Table> named = new ArrayList<>();
        for (QualifiedName n : t.names()) {
            named.add(table(n));
        }
        for (int i = 0; i < named.size(); i++) {   // CASCADE: the tables that reference these too
            for (Table other : catalog.tables()) {
                if (named.contains(other)) {
                    continue;
                }
                for (io.kyrodb.engine.catalog.ForeignKey fk : other.foreignKeys()) {
                    if (fk.refTable().equals(named.get(i).name())) {
                        if (!t.cascade()) {
                            throw error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot truncate a table referenced in"
                                    + " a foreign key constraint: table \"" + other.name() + "\" references \""
                                    + named.get(i).name() + "\" (truncate it too, or use TRUNCATE ... CASCADE)", t.pos());
                        }
                        named.add(other);
                        break;
                    }
                }
            }
        }
        for (Table table : named) {
            if (!tables.contains(table)) {
                tables.add(table);
                if (t.restartIdentity()) {
                    for (Column c : table.columns()) {
                        io.kyrodb.engine.catalog.Sequence s = catalog.ownedSequence(table.name(), c.name());
                        if (s != null) {
                            restart.add(s);
                        }
                    }
                }
            }
        }
        return new io.kyrodb.engine.plan.TruncatePlan(List.copyOf(tables), List.copyOf(restart));
    }

    private Plan dropTable(Statement.DropTable d) {
        List<String> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            if (!d.ifExists()) {
                checkSchema(n);
            }
            String key = relationKey(n);
            if (catalog.view(key) != null) {
                throw error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not a table (use DROP VIEW)", n.pos());
            }
            if (catalog.table(key) != null) {
                if (!names.contains(key)) {
                    names.add(key);
                }
            } else if (!d.ifExists()) {
                table(n); // throws 42P01 with a suggestion
            }
        }
        java.util.Map<String, List<io.kyrodb.engine.catalog.ForeignKey>> keep = new java.util.TreeMap<>();
        for (Table t : catalog.tables()) {
            if (names.contains(t.name())) {
                continue;
            }
            List<io.kyrodb.engine.catalog.ForeignKey> kept = new ArrayList<>();
            for (io.kyrodb.engine.catalog.ForeignKey fk : t.foreignKeys()) {
                if (!names.contains(fk.refTable())) {
                    kept.add(fk);
                } else if (!d.cascade()) {
                    throw error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + fk.refTable()
                            + " because other objects depend on it: constraint " + fk.name() + " on table " + t.name()
                            + " depends on table " + fk.refTable() + " (use DROP ... CASCADE to drop the dependent"
                            + " objects too)", d.pos());
                }
            }
            if (kept.size() != t.foreignKeys().size()) {
                keep.put(t.name(), List.copyOf(kept));
            }
        }
        // views and materialized views reading them: 2BP01, or with CASCADE dropped first
        List<io.kyrodb.engine.storage.Change> views = ViewDependencies.dropTable(this, names, d.cascade(),
                d.names().isEmpty() ? d.pos() : d.names().get(0).pos());
        return views.isEmpty() ? new DropTablePlan(names, keep)
                : new io.kyrodb.engine.plan.DependentViewsPlan(new DropTablePlan(names, keep), views, List.of());
    }

    // ---- DML ----------------------------------------------------------------------------------

    /** The check options of the view the INSERT being bound writes through (see {@link #insertThroughView}). */
    private List<io.kyrodb.engine.plan.RowCheck> viewChecks = List.of();

    /** INSERT {@code ins} (into a view's base table), each row also checked by {@code checks}. */
    Plan insertThroughView(Statement.Insert ins, List<io.kyrodb.engine.plan.RowCheck> checks) {
        List<io.kyrodb.engine.plan.RowCheck> before = viewChecks;
        viewChecks = checks;
        try {
            return insert(ins);
        } finally {
            viewChecks = before;
        }
    }

    /** A binder for view {@code v}'s query: its text, its search_path, one view deeper. */
    Binder viewBinder(View v) {
        SystemContext path = system.withSearchPath(new io.kyrodb.engine.catalog.SearchPath(v.searchPath(), system.user()));
        return new Binder(catalog, v.query(), parameters, options, path, viewDepth + 1);
    }

    private Plan insert(Statement.Insert ins) {
        View intoView = view(ins.table());
        if (intoView != null) {   // a simple view passes the rows to its table
            return UpdatableViews.insert(this, ins, intoView);
        }
        Table table = target(ins.table(), "insert into");
        List<Integer> targets = new ArrayList<>();
        if (ins.columns().isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                targets.add(i);
            }
        } else {
            Set<String> seen = new HashSet<>();
            for (String name : ins.columns()) {
                int i = table.columnIndex(name);
                if (i < 0) {
                    String hint = Suggestions.didYouMean(name, table.columns().stream().map(Column::name).toList());
                    throw error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name()
                            + "\" does not exist" + hint, ins.pos());
                }
                if (!seen.add(name)) {
                    throw error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once", ins.pos());
                }
                targets.add(i);
            }
        }
        InsertConflict conflict = ins.onConflict() == null ? null : ConflictBinder.bind(this, table, ins.onConflict());
        List<io.kyrodb.engine.plan.RowCheck> checks = ColumnDefaults.checks(this, table);
        if (!viewChecks.isEmpty()) {   // INSERT through a view WITH CHECK OPTION
            checks = new ArrayList<>(checks);
            checks.addAll(viewChecks);
        }
        if (ins.source() != null) {
            checkIdentityValues(ins, table, targets, null);
            return insertSelect(ins, table, targets, conflict, checks);
        }
        if (ins.defaultValues()) {
            BoundExpr[] full = new BoundExpr[table.columns().size()];
            for (int i = 0; i < full.length; i++) {
                full[i] = ColumnDefaults.of(this, table, i);
            }
            return new InsertPlan(table, List.of(List.of(full)), null, conflict, checks);
        }
        ExprBinder values = expressions(Scope.empty(), "VALUES");
        List<List<BoundExpr>> rows = new ArrayList<>(ins.rows().size());
        int width = ins.rows().get(0).size();
        for (List<Expr> row : ins.rows()) {
            if (row.size() != width) {
                throw error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", firstPos(row, ins.pos()));
            }
        }
        if (ins.columns().isEmpty() && width < targets.size()) {
            // Without a column list, N values fill the first N columns (Postgres); the rest get NULL.
            targets = targets.subList(0, width);
        }
        for (List<Expr> row : ins.rows()) {
            if (row.size() > targets.size()) {
                throw error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                        firstPos(row.subList(targets.size(), row.size()), ins.pos()));
            }
            if (row.size() < targets.size()) {
                throw error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                        firstPos(row, ins.pos()));
            }
            checkIdentityValues(ins, table, targets, row);
            BoundExpr[] full = new BoundExpr[table.columns().size()];
            for (int i = 0; i < row.size(); i++) {
                int target = targets.get(i);
                Column column = table.columns().get(target);
                boolean userOverridden = "user".equals(ins.overriding()) && column.identity() != null;
                full[target] = row.get(i) == null || userOverridden ? ColumnDefaults.of(this, table, target)
                        : assign(values, row.get(i), column);
            }
            for (int i = 0; i < full.length; i++) {
                if (full[i] == null) {
                    full[i] = ColumnDefaults.of(this, table, i);
                }
            }
            rows.add(List.of(full).stream().toList());
        }
        return new InsertPlan(table, rows, null, conflict, checks);
    }

    /** The position of the first value written in {@code row} (DEFAULT has none), else {@code fallback}. */
    private static Pos firstPos(List<Expr> row, Pos fallback) {
        for (Expr e : row) {
            if (e != null) {
                return e.pos();
            }
        }
        return fallback;
    }

    /**
     * 428C9 for an explicit value (not DEFAULT) for a GENERATED ALWAYS identity column, unless
     * OVERRIDING SYSTEM VALUE (or USER VALUE, which ignores it). {@code row} null: INSERT ... SELECT.
     */
    private void checkIdentityValues(Statement.Insert ins, Table table, List<Integer> targets, List<Expr> row) {
        for (int i = 0; i < targets.size() && (row == null || i < row.size()); i++) {
            Column c = table.columns().get(targets.get(i));
            if (c.generated() && (row != null ? row.get(i) != null : !ins.columns().isEmpty())) {
                GeneratedColumns.rejectInsert(this, c, row == null ? ins.pos() : row.get(i).pos());
            }
        }
        if (ins.overriding() != null) {
            return;
        }
        for (int i = 0; i < targets.size() && (row == null || i < row.size()); i++) {
            Column c = table.columns().get(targets.get(i));
            if (c.identity() == Column.Identity.ALWAYS && (row == null || row.get(i) != null)) {
                throw error(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"" + c.name()
                        + "\": it is an identity column defined as GENERATED ALWAYS (use OVERRIDING SYSTEM VALUE"
                        + " to override)", row == null ? ins.pos() : row.get(i).pos());
            }
        }
    }

    /** INSERT ... SELECT: the query's columns fill the target columns in order, by assignment casts. */
    private Plan insertSelect(Statement.Insert ins, Table table, List<Integer> targets, InsertConflict conflict,
                              List<io.kyrodb.engine.plan.RowCheck> checks) {
        List<SqlType> targetTypes = new ArrayList<>(targets.size());
        for (int target : targets) {
            targetTypes.add(table.columns().get(target).type());
        }
        QueryPlan query = SetOperationBinder.bindForInsert(this, ins.source(), targetTypes);
        int width = query.columns().size();
        if (ins.columns().isEmpty() && width < targets.size()) {
            targets = targets.subList(0, width);
        }
        if (width > targets.size()) {
            throw error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns", ins.source().pos());
        }
        if (width < targets.size()) {
            throw error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions", ins.source().pos());
        }
        for (int target : targets) {
            if (table.columns().get(target).generated()) {
                GeneratedColumns.rejectInsert(this, table.columns().get(target), ins.source().pos());
            }
        }
        ExprBinder binder = expressions(Scope.empty(), "INSERT");
        BoundExpr[] full = new BoundExpr[table.columns().size()];
        for (int i = 0; i < width; i++) {
            ResultColumn rc = query.columns().get(i);
            Column column = table.columns().get(targets.get(i));
            full[targets.get(i)] = assign(binder, new ColumnExpr(i, rc.type(), "", rc.label(), rc.nullable()), column,
                    ins.source().pos());
        }
        for (int i = 0; i < full.length; i++) {
            if (full[i] == null) {
                full[i] = ColumnDefaults.of(this, table, i);
            }
        }
        return new InsertPlan(table, List.of(List.of(full)), query.root(), conflict, checks);
    }

    /** Binds a value stored into {@code column}: the assignment cast, or 42804 when none exists. */
    BoundExpr assign(ExprBinder binder, Expr value, Column column) {
        return assign(binder, binder.bind(value, column.type()), column, value.pos());
    }

    BoundExpr assign(ExprBinder binder, BoundExpr b, Column column, Pos pos) {
        if (!Casts.assignable(b.type(), column.type())) {
            throw error(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                    + column.type().displayName() + " but expression is of type " + b.type().displayName(), pos);
        }
        if (b.type().kind() == TypeKind.VARCHAR && column.type().kind() == TypeKind.VARCHAR
                && b.type().length() == column.type().length()) {
            return b;
        }
        return b.type().equals(column.type()) ? b : binder.coerce(b, column.type(), pos);
    }

    private Plan update(Statement.Update u) {
        View v = view(u.table());
        if (v != null) {   // a simple view passes the change to its table
            return UpdatableViews.update(this, u, v);
        }
        Table table = target(u.table(), "update");
        Scope scope = u.from().isEmpty() ? Scope.of(table, u.alias()) : Scope.empty();
        List<JoinTree> joins = u.from().isEmpty() ? null : joinedTarget(scope, u.table(), u.alias(), u.pos(), u.from());
        return update(u, table, scope, joins, u.alias() != null ? u.alias() : table.name(), null, null);
    }

    /**
     * UPDATE of {@code table} laid out in {@code scope} (joined with the FROM items in {@code joins},
     * null without FROM); {@code target} names the target row for {@code SET c[k] = v}; a view
     * written through adds its condition {@code viewFilter} and checks {@code checks} (both may be null).
     */
    Plan update(Statement.Update u, Table table, Scope scope, List<JoinTree> joins, String target,
                BoundExpr viewFilter, List<io.kyrodb.engine.plan.RowCheck> viewChecks) {
        ExprBinder binder = expressions(scope, "UPDATE");
        List<BoundExpr> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column c = table.columns().get(i);
            values.add(new ColumnExpr(i, c.type(), table.name(), c.name(), !c.notNull()));
        }
        Set<String> assigned = new HashSet<>();
        for (Statement.Assignment a : u.assignments()) {
            int i = table.columnIndex(a.column());
            if (i < 0) {
                String hint = Suggestions.didYouMean(a.column(), table.columns().stream().map(Column::name).toList());
                throw error(SqlState.UNDEFINED_COLUMN, "column \"" + a.column() + "\" of relation \"" + table.name()
                        + "\" does not exist" + hint, a.pos());
            }
            if (!assigned.add(a.column())) {
                throw error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + a.column() + "\"", a.pos());
            }
            Column column = table.columns().get(i);
            if (a.value() == null) {
                values.set(i, ColumnDefaults.of(this, table, i));
            } else if (column.identity() == Column.Identity.ALWAYS) {
                throw error(SqlState.GENERATED_ALWAYS, "column \"" + column.name() + "\" can only be updated to DEFAULT: "
                        + "it is an identity column defined as GENERATED ALWAYS", a.pos());
            } else if (column.generated()) {
                throw error(SqlState.GENERATED_ALWAYS, "column \"" + column.name() + "\" can only be updated to DEFAULT: "
                        + "column \"" + column.name() + "\" is a generated column", a.pos());
            } else {
                values.set(i, assign(binder, SubscriptAssignments.qualified(a.value(), target), column));
            }
        }
        RowTarget rows = joins == null ? target(table, scope, u.where(), viewFilter)
                : joinTarget(scope, joins, u.where(), viewFilter);
        List<io.kyrodb.engine.plan.RowCheck> checks = ColumnDefaults.checks(this, table);
        if (viewChecks != null && !viewChecks.isEmpty()) {
            checks = new ArrayList<>(checks);
            checks.addAll(viewChecks);
        }
        return ReturningBinder.bind(this, new UpdatePlan(table, rows, List.copyOf(values),
                checks, ForeignKeyBinder.referencing(this, table)), scope, u.returning());
    }

    private Plan delete(Statement.Delete d) {
        View v = view(d.table());
        if (v != null) {   // a simple view passes the change to its table
            return UpdatableViews.delete(this, d, v);
        }
        Table table = target(d.table(), "delete from");
        if (d.using().isEmpty()) {
            Scope scope = Scope.of(table, d.alias());
            return ReturningBinder.bind(this, new DeletePlan(table, target(table, scope, d.where(), null),
                    ForeignKeyBinder.referencing(this, table)), scope, d.returning());
        }
        Scope scope = Scope.empty();
        List<JoinTree> joins = joinedTarget(scope, d.table(), d.alias(), d.pos(), d.using());
        return ReturningBinder.bind(this, new DeletePlan(table, joinTarget(scope, joins, d.where(), null),
                ForeignKeyBinder.referencing(this, table)), scope, d.returning());
    }

    /** DELETE of {@code table}'s rows that {@code viewFilter} and {@code where} keep (through a view). */
    Plan delete(Statement.Delete d, Table table, Scope scope, List<JoinTree> joins, BoundExpr viewFilter) {
        RowTarget rows = joins == null ? target(table, scope, d.where(), viewFilter)
                : joinTarget(scope, joins, d.where(), viewFilter);
        return ReturningBinder.bind(this, new DeletePlan(table, rows, ForeignKeyBinder.referencing(this, table)),
                scope, d.returning());
    }

    /**
     * UPDATE ... FROM and DELETE ... USING: the target table joined with the other FROM items (a
     * comma list, the target first, so its columns start the joined row).
     */
    List<JoinTree> joinedTarget(Scope scope, QualifiedName table, String alias, Pos pos, List<FromItem> others) {
        List<FromItem> from = new ArrayList<>();
        from.add(new Statement.TableReference(pos, table, alias));
        from.addAll(others);
        return new FromBinder(this, scope, null).bind(from);
    }

    private RowTarget joinTarget(Scope scope, List<JoinTree> joins, Expr where, BoundExpr viewFilter) {
        BoundExpr filter = and(viewFilter, where == null ? null : expressions(scope, "WHERE").condition(where, "WHERE"));
        return new RowTarget(null, null, null, null, new JoinPlanner(this, scope, joins).plan(joins, filter));
    }

    private RowTarget target(Table table, Scope scope, Expr where, BoundExpr viewFilter) {
        BoundExpr filter = and(viewFilter, where == null ? null : expressions(scope, "WHERE").condition(where, "WHERE"));
        if (filter == null) {
            return new RowTarget(null, null, null);
        }
        KeyLookupNode lookup = KeyLookups.find(table, filter);
        KeyRangeNode range = lookup == null ? KeyLookups.range(table, filter) : null;
        return new RowTarget(filter, lookup, range,
                lookup == null && range == null && options.indexScan() ? IndexLookups.find(catalog, table, filter) : null);
    }

    private static BoundExpr and(BoundExpr a, BoundExpr b) {
        return a == null ? b : b == null ? a : new io.kyrodb.engine.expr.LogicalExpr(true, a, b);
    }
}
