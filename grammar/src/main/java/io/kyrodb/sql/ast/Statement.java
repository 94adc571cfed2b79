package io.kyrodb.sql.ast;

import java.util.List;

/** The statements of KyroDB's SQL, as written (names case-folded, nothing resolved). */
public sealed interface Statement {
    Pos pos();

    /**
     * A column of CREATE TABLE. {@code defaultValue} (with its source text {@code defaultText}) is
     * null without DEFAULT; {@code identity} is null unless GENERATED ... AS IDENTITY.
     */
    record ColumnDefinition(Pos pos, String name, TypeName type, boolean notNull, boolean primaryKey,
                            Expr defaultValue, String defaultText, Identity identity, Generated generated) {
        public ColumnDefinition(Pos pos, String name, TypeName type, boolean notNull, boolean primaryKey) {
            this(pos, name, type, notNull, primaryKey, null, null, null);
        }

        public ColumnDefinition(Pos pos, String name, TypeName type, boolean notNull, boolean primaryKey,
                                Expr defaultValue, String defaultText, Identity identity) {
            this(pos, name, type, notNull, primaryKey, defaultValue, defaultText, identity, null);
        }
    }

    /** GENERATED ALWAYS AS (expr) STORED: the expression and its source text. */
    record Generated(Pos pos, Expr expr, String text) {
    }

    /** GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)]. */
    record Identity(Pos pos, boolean always, SequenceOptions options) {
    }

    /**
     * CHECK (expr), on a column ({@code column} its name) or on the table ({@code column} null);
     * {@code name} null when not written; {@code text} is the expression's source text.
     */
    record CheckConstraint(Pos pos, String name, Expr expr, String text, String column) {
    }

    /** The options of CREATE SEQUENCE or of an identity column; a null field was not written. */
    /** Sequence options; {@code sequenceName}: an identity column's SEQUENCE NAME (null otherwise). */
    record SequenceOptions(TypeName type, Long increment, Long minValue, boolean noMinValue, Long maxValue,
                           boolean noMaxValue, Long start, Long cache, Boolean cycle, QualifiedName sequenceName) {
        public static final SequenceOptions NONE = new SequenceOptions(null, null, null, false, null, false, null,
                null, null);

        public SequenceOptions(TypeName type, Long increment, Long minValue, boolean noMinValue, Long maxValue,
                               boolean noMaxValue, Long start, Long cache, Boolean cycle) {
            this(type, increment, minValue, noMinValue, maxValue, noMaxValue, start, cache, cycle, null);
        }
    }

    /** CREATE SEQUENCE [IF NOT EXISTS] name [options]. */
    record CreateSequence(Pos pos, QualifiedName name, boolean ifNotExists, SequenceOptions options)
            implements Statement {
    }

    record DropSequence(Pos pos, boolean ifExists, List<QualifiedName> names, boolean cascade) implements Statement {
    }

    /**
     * ALTER SEQUENCE [IF EXISTS] name: {@code options} as CREATE SEQUENCE's (null fields unchanged);
     * {@code restart} with {@code restartWith} (null: the start value); {@code ownedBy} when
     * {@code setOwner}: [schema.]table.column parts, or null for OWNED BY NONE; or {@code renameTo}.
     */
    record AlterSequence(Pos pos, QualifiedName name, boolean ifExists, SequenceOptions options, boolean restart,
                         Long restartWith, boolean setOwner, List<String> ownedBy, String renameTo)
            implements Statement {
    }

    /** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role] (the role is accepted: one role does everything). */
    record CreateSchema(Pos pos, String name, boolean ifNotExists) implements Statement {
    }

    record DropSchema(Pos pos, boolean ifExists, List<String> names, boolean cascade) implements Statement {
    }

    record AlterSchemaRename(Pos pos, String from, String to) implements Statement {
    }

    /** ALTER {TABLE | SEQUENCE | VIEW} [IF EXISTS] name SET SCHEMA schema; {@code kind} is "table", "sequence" or "view". */
    /** ALTER {TABLE | SEQUENCE | VIEW | SCHEMA} [IF EXISTS] name OWNER TO owner ({@code kind} in lower case). */
    record AlterOwner(Pos pos, String kind, QualifiedName name, boolean ifExists, String owner) implements Statement {
    }

    /** ALTER VIEW [IF EXISTS] name RENAME TO to. */
    record RenameView(Pos pos, QualifiedName name, boolean ifExists, String to) implements Statement {
    }

    /**
     * ALTER VIEW [IF EXISTS] name SET (option = value, ...) ({@code set}) or RESET (option, ...):
     * {@code options} as {name, value} (value null when not written).
     */
    record AlterViewOptions(Pos pos, QualifiedName name, boolean ifExists, boolean set, List<String[]> options)
            implements Statement {
    }

    /** ALTER VIEW [IF EXISTS] name RENAME [COLUMN] from TO to. */
    record RenameViewColumn(Pos pos, QualifiedName name, boolean ifExists, String from, String to) implements Statement {
    }

    record SetSchema(Pos pos, String kind, QualifiedName name, boolean ifExists, String schema) implements Statement {
    }

    /**
     * COMMENT ON kind name IS text ({@code text} null: IS NULL, removes it); {@code kind} is table,
     * view, index, sequence, schema or column; for a column {@code name} is its table and
     * {@code column} its name, for a schema {@code name.name()} is the schema.
     */
    record CommentOn(Pos pos, String kind, QualifiedName name, String column, String text) implements Statement {
    }

    /** ALTER TABLE [IF EXISTS] table action (one action per statement). */
    record AlterTable(Pos pos, QualifiedName table, boolean ifExists, AlterAction action) implements Statement {
    }

    /**
     * ALTER TABLE t action, action, ...: the actions as one AlterTable each, applied in order in one
     * statement (each sees the ones before; a failure in any leaves none).
     */
    record AlterTableSteps(Pos pos, List<AlterTable> steps) implements Statement {
    }

    /** What ALTER TABLE does. */
    sealed interface AlterAction {
        Pos pos();
    }

    /**
     * ALTER COLUMN c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)] ({@code operation}
     * "add"), SET GENERATED ... ("set"), DROP IDENTITY [IF EXISTS] ("drop"), RESTART [[WITH] n]
     * ("restart"); {@code always} for add and set, {@code restartWith} null: the sequence's start.
     */
    record AlterIdentity(Pos pos, String column, String operation, boolean always, SequenceOptions options,
                         boolean ifExists, Long restartWith) implements AlterAction {
    }

    /** ADD COLUMN: {@code table} holds the new column and the constraints written on it (as CREATE TABLE would). */
    record AddColumn(Pos pos, boolean ifNotExists, CreateTable table) implements AlterAction {
    }

    /** DROP COLUMN [IF EXISTS] name [CASCADE]: {@code cascade} also drops the generated columns that read it. */
    record DropColumn(Pos pos, String name, boolean ifExists, boolean cascade) implements AlterAction {
        public DropColumn(Pos pos, String name, boolean ifExists) {
            this(pos, name, ifExists, false);
        }
    }

    record RenameColumn(Pos pos, String from, String to) implements AlterAction {
    }

    record RenameTable(Pos pos, String to) implements AlterAction {
    }

    /** RENAME CONSTRAINT from TO to. */
    record RenameConstraint(Pos pos, String from, String to) implements AlterAction {
    }

    /**
     * An ALTER TABLE action that changes only storage or planner hints KyroDB has no use for:
     * SET/RESET (storage parameters), SET LOGGED/UNLOGGED, CLUSTER ON, SET WITHOUT CLUSTER, and
     * ALTER COLUMN c SET STATISTICS n ({@code column} non-null). {@code parameters}: the names and
     * values (null when none) of SET (...), checked by the binder.
     */
    record TableStorage(Pos pos, String what, String column, List<String[]> parameters) implements AlterAction {
    }

    /** ALTER COLUMN ... [SET DATA] TYPE: the values converted by assignment casts. */
    /** ALTER COLUMN c TYPE t [USING expr]: {@code using} (over the old row) null when not written. */
    record AlterColumnType(Pos pos, String column, TypeName type, Expr using) implements AlterAction {
    }

    /** ADD CONSTRAINT: {@code table} holds the one table constraint (as CREATE TABLE would, with no columns). */
    record AddConstraint(Pos pos, CreateTable table, boolean notValid) implements AlterAction {
        public AddConstraint(Pos pos, CreateTable table) {
            this(pos, table, false);
        }
    }

    record DropConstraint(Pos pos, String name, boolean ifExists) implements AlterAction {
    }

    /**
     * ALTER COLUMN: {@code operation} is "set default" (with {@code defaultValue} and its text),
     * "drop default", "set not null" or "drop not null".
     */
    record AlterColumn(Pos pos, String column, String operation, Expr defaultValue, String defaultText)
            implements AlterAction {
    }

    /** TRUNCATE [TABLE] names [RESTART IDENTITY] [CASCADE]. */
    record Truncate(Pos pos, List<QualifiedName> names, boolean restartIdentity, boolean cascade)
            implements Statement {
    }

    /** {@code primaryKey} holds the columns of a table-level PRIMARY KEY, empty when there is none. */
    /** {@code unique}: the UNIQUE constraints, written on a column or on the table. */
    /** {@code checks}: the CHECK constraints, written on a column or on the table, in order. */
    /** CREATE EXTENSION [IF NOT EXISTS] name [[WITH] SCHEMA s] [VERSION v] [CASCADE]. */
    record CreateExtension(Pos pos, String name, boolean ifNotExists) implements Statement {
    }

    /** DROP EXTENSION [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropExtension(Pos pos, List<String> names, boolean ifExists) implements Statement {
    }

    /** CREATE TABLE name [(columns)] AS query [WITH [NO] DATA]; {@code columns} empty: the query's names. */
    record CreateTableAs(Pos pos, QualifiedName name, boolean ifNotExists, List<String> columns, Query query,
                         boolean withData, boolean temporary, OnCommit onCommit) implements Statement {
    }

    /** What a temporary table does at the end of each transaction ({@code ON COMMIT ...}). */
    enum OnCommit { PRESERVE_ROWS, DELETE_ROWS, DROP }

    /**
     * CREATE [TEMP] TABLE; {@code onCommit} is null when no ON COMMIT clause was written (a
     * temporary table then keeps its rows).
     */
    record CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                       List<String> primaryKey, Pos primaryKeyPos, List<UniqueConstraint> unique,
                       List<CheckConstraint> checks, List<ForeignKeyConstraint> foreignKeys, boolean temporary,
                       OnCommit onCommit, List<LikeClause> likes, List<ExclusionConstraint> exclusions)
            implements Statement {
        public CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<String> primaryKey, Pos primaryKeyPos, List<UniqueConstraint> unique,
                           List<CheckConstraint> checks, List<ForeignKeyConstraint> foreignKeys, boolean temporary,
                           OnCommit onCommit, List<LikeClause> likes) {
            this(pos, name, ifNotExists, columns, primaryKey, primaryKeyPos, unique, checks, foreignKeys, temporary,
                    onCommit, likes, List.of());
        }

        public CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<String> primaryKey, Pos primaryKeyPos, List<UniqueConstraint> unique,
                           List<CheckConstraint> checks, List<ForeignKeyConstraint> foreignKeys, boolean temporary,
                           OnCommit onCommit) {
            this(pos, name, ifNotExists, columns, primaryKey, primaryKeyPos, unique, checks, foreignKeys, temporary,
                    onCommit, List.of());
        }

        public CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<String> primaryKey, Pos primaryKeyPos, List<UniqueConstraint> unique,
                           List<CheckConstraint> checks, List<ForeignKeyConstraint> foreignKeys) {
            this(pos, name, ifNotExists, columns, primaryKey, primaryKeyPos, unique, checks, foreignKeys, false, null);
        }

        public CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<String> primaryKey, Pos primaryKeyPos, List<UniqueConstraint> unique,
                           List<CheckConstraint> checks) {
            this(pos, name, ifNotExists, columns, primaryKey, primaryKeyPos, unique, checks, List.of());
        }

        public CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<String> primaryKey, Pos primaryKeyPos, List<UniqueConstraint> unique) {
            this(pos, name, ifNotExists, columns, primaryKey, primaryKeyPos, unique, List.of());
        }

        public CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                           List<String> primaryKey, Pos primaryKeyPos) {
            this(pos, name, ifNotExists, columns, primaryKey, primaryKeyPos, List.of());
        }
    }

    /**
     * EXCLUDE [USING method] (column WITH operator, ...) [WHERE (predicate)]: {@code method} as
     * written, lower case ("gist" when not written is PostgreSQL's btree: null here); {@code where}
     * null without a predicate, {@code whereText} its source text.
     */
    record ExclusionConstraint(Pos pos, String name, String method, List<String> columns, List<String> operators,
                               Expr where, String whereText, Timing timing) {
    }

    /** UNIQUE (columns), named {@code name} (null: the name PostgreSQL would choose). */
    /** UNIQUE or (for {@code primaryKey}'s timing) PRIMARY KEY; {@code timing} as written ({@link Timing#IMMEDIATE} if not). */
    record UniqueConstraint(Pos pos, String name, List<String> columns, Timing timing) {
        public UniqueConstraint(Pos pos, String name, List<String> columns) {
            this(pos, name, columns, Timing.IMMEDIATE);
        }
    }

    /**
     * When a UNIQUE or FOREIGN KEY constraint is checked: NOT DEFERRABLE (at the end of each
     * statement), DEFERRABLE INITIALLY IMMEDIATE or DEFERRABLE INITIALLY DEFERRED (at COMMIT, unless
     * SET CONSTRAINTS says otherwise).
     */
    record Timing(boolean deferrable, boolean initiallyDeferred) {
        public static final Timing IMMEDIATE = new Timing(false, false);
    }

    /** SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}: {@code names} empty for ALL. */
    record SetConstraints(Pos pos, List<QualifiedName> names, boolean deferred) implements Statement {
    }

    /** {@code cascade}: DROP TABLE ... CASCADE also drops the foreign keys of other tables that reference these. */
    record DropTable(Pos pos, boolean ifExists, List<QualifiedName> names, boolean cascade) implements Statement {
        public DropTable(Pos pos, boolean ifExists, List<QualifiedName> names) {
            this(pos, ifExists, names, false);
        }
    }

    /**
     * FOREIGN KEY (columns) REFERENCES table [(refColumns)] (empty refColumns: its primary key), or
     * REFERENCES on a column; {@code onDelete}/{@code onUpdate} are "no action", "restrict",
     * "cascade", "set null" or "set default".
     */
    record ForeignKeyConstraint(Pos pos, String name, List<String> columns, QualifiedName refTable,
                                List<String> refColumns, String onDelete, String onUpdate, Timing timing) {
        public ForeignKeyConstraint(Pos pos, String name, List<String> columns, QualifiedName refTable,
                                    List<String> refColumns, String onDelete, String onUpdate) {
            this(pos, name, columns, refTable, refColumns, onDelete, onUpdate, Timing.IMMEDIATE);
        }
    }

    /**
     * {@code columns} is empty when no column list was written. The rows come from {@code rows}
     * (VALUES) or, when it is not null, from {@code source} (INSERT ... SELECT, with {@code rows} empty).
     * {@code onConflict} is null without an ON CONFLICT clause. A null element of a row is the
     * keyword DEFAULT. {@code defaultValues}: INSERT ... DEFAULT VALUES (no rows, no source).
     * {@code overriding} is "system" or "user" for OVERRIDING ... VALUE, else null.
     */
    record Insert(Pos pos, QualifiedName table, List<String> columns, List<List<Expr>> rows, Query source,
                  OnConflict onConflict, List<SelectItem> returning, boolean defaultValues, String overriding)
            implements Statement {
        public Insert(Pos pos, QualifiedName table, List<String> columns, List<List<Expr>> rows, Query source,
                      OnConflict onConflict, List<SelectItem> returning) {
            this(pos, table, columns, rows, source, onConflict, returning, false, null);
        }

        public Insert(Pos pos, QualifiedName table, List<String> columns, List<List<Expr>> rows) {
            this(pos, table, columns, rows, null, null, List.of());
        }
    }

    /**
     * ON CONFLICT: the target is {@code columns} (empty: none written) or {@code constraint} (a name,
     * or null). DO NOTHING when {@code assignments} is empty; else DO UPDATE with an optional {@code where}.
     */
    record OnConflict(Pos pos, List<String> columns, String constraint, List<Assignment> assignments, Expr where,
                      Expr arbiterWhere, List<Expr> expressions) {
        /** {@code arbiterWhere}: the WHERE after the conflict target; {@code expressions}: its expression targets. */
        public OnConflict(Pos pos, List<String> columns, String constraint, List<Assignment> assignments, Expr where) {
            this(pos, columns, constraint, assignments, where, null, List.of());
        }

        public boolean doNothing() {
            return assignments.isEmpty();
        }
    }

    /** {@code column = value}; {@code value} null is the keyword DEFAULT. */
    record Assignment(Pos pos, String column, Expr value) {
    }

    /**
     * {@code from} (UPDATE ... FROM) and {@code using} (DELETE ... USING) are empty when not written;
     * {@code returning} is empty without a RETURNING clause (as for Insert).
     */
    record Update(Pos pos, QualifiedName table, String alias, List<Assignment> assignments, List<FromItem> from,
                  Expr where, List<SelectItem> returning) implements Statement {
        public Update(Pos pos, QualifiedName table, String alias, List<Assignment> assignments, Expr where) {
            this(pos, table, alias, assignments, List.of(), where, List.of());
        }
    }

    record Delete(Pos pos, QualifiedName table, String alias, List<FromItem> using, Expr where,
                  List<SelectItem> returning) implements Statement {
        public Delete(Pos pos, QualifiedName table, String alias, Expr where) {
            this(pos, table, alias, List.of(), where, List.of());
        }
    }

    sealed interface SelectItem {
        Pos pos();
    }

    /** {@code *} or {@code t.*} ({@code qualifier} null for a bare star). */
    record AllColumns(Pos pos, String qualifier) implements SelectItem {
    }

    /** {@code expr [AS alias]}; {@code alias} is null when not written. */
    record SelectExpression(Pos pos, Expr expr, String alias) implements SelectItem {
    }

    /** A stored table, view or WITH query in FROM; {@code sample} is null without TABLESAMPLE. */
    record TableReference(Pos pos, QualifiedName name, String alias, TableSample sample) implements FromItem {
        public TableReference(Pos pos, QualifiedName name, String alias) {
            this(pos, name, alias, null);
        }
    }

    /**
     * {@code TABLESAMPLE method (arguments) [REPEATABLE (seed)]}: {@code method} lower-cased as written
     * (system, bernoulli); {@code seed} null without REPEATABLE.
     */
    record TableSample(Pos pos, String method, List<Expr> arguments, Expr seed) {
    }

    /**
     * MERGE INTO table [AS alias] USING source ON on, then the WHEN clauses in the order written
     * ({@code alias} null when not written).
     */
    record Merge(Pos pos, QualifiedName table, String alias, FromItem source, Expr on, List<MergeClause> clauses)
            implements Statement {
    }

    enum MergeAction { UPDATE, DELETE, INSERT, NOTHING }

    /**
     * One WHEN [NOT] MATCHED [AND condition] THEN action of a MERGE ({@code condition} null when not
     * written). UPDATE uses {@code assignments}; INSERT uses {@code columns} (empty: none written),
     * {@code values} (a null element is DEFAULT; the list null for DEFAULT VALUES) and
     * {@code overriding} ("system", "user" or null).
     */
    record MergeClause(Pos pos, boolean matched, Expr condition, MergeAction action, List<Assignment> assignments,
                       List<String> columns, List<Expr> values, String overriding) {
    }

    /** {@code [LATERAL] (query) alias [(columns)]}: a subquery in FROM ({@code columns} empty when not written). */
    record DerivedTable(Pos pos, Query query, String alias, List<String> columns, boolean lateral) implements FromItem {
    }

    /** {@code nullsFirst} is null when not written (then NULLs sort as if larger than any value). */
    record SortItem(Pos pos, Expr expr, boolean descending, Boolean nullsFirst) {
    }

    // ---- Transactions and session settings (names lower-cased; isolation as written, e.g. "repeatable read")

    /** BEGIN / START TRANSACTION; {@code isolation} and {@code readOnly} are null when not written. */
    record Begin(Pos pos, String isolation, Boolean readOnly) implements Statement {
    }

    record Commit(Pos pos) implements Statement {
    }

    /** ROLLBACK, or ROLLBACK TO SAVEPOINT {@code savepoint} when it is not null. */
    record Rollback(Pos pos, String savepoint) implements Statement {
    }

    record Savepoint(Pos pos, String name) implements Statement {
    }

    record ReleaseSavepoint(Pos pos, String name) implements Statement {
    }

    /**
     * EXPLAIN query: the plan the query would run, one line per operator. {@code analyze}: run it and
     * add what each operator did; {@code costs}: show estimated rows; {@code timing}: with analyze,
     * show times; {@code summary}: the planning and execution times at the end (default: with analyze);
     * {@code verbose}: each operator's output columns and relations by schema; {@code format}: {@code text},
     * {@code json}, {@code yaml} or {@code xml}; {@code settings}: list the planner settings that differ
     * from their defaults. BUFFERS is accepted and shows nothing (KyroDB does not count buffers).
     */
    record Explain(Pos pos, Statement query, boolean analyze, boolean costs, boolean timing, boolean summary,
                   boolean verbose, String format, boolean settings) implements Statement {
        public Explain(Pos pos, Statement query, boolean analyze, boolean costs, boolean timing, boolean summary) {
            this(pos, query, analyze, costs, timing, summary, false, "text", false);
        }

        public Explain(Pos pos, Statement query) {
            this(pos, query, false, true, true, false);
        }
    }

    /** ANALYZE [table, ...]: collect planner statistics now ({@code tables} empty: every table). */
    record Analyze(Pos pos, List<QualifiedName> tables) implements Statement {
    }

    /** CHECKPOINT: write what is in memory to runs and record a checkpoint now. */
    record Checkpoint(Pos pos) implements Statement {
    }

    /**
     * VACUUM [(options)] [FULL] [VERBOSE] [ANALYZE] [table, ...]: merge runs so deleted and replaced
     * rows give their disk back ({@code tables} empty: all), then, with ANALYZE, collect statistics.
     */
    record Vacuum(Pos pos, List<QualifiedName> tables, boolean analyze) implements Statement {
    }

    /**
     * COPY table [(columns)] FROM 'file' / COPY table [(columns)] | (query) TO 'file' [options]:
     * {@code query} null for a table; {@code options} by lower-case name (format, header, delimiter,
     * null, quote, escape, encoding) with their values as text ("true" for a bare HEADER).
     */
    record Copy(Pos pos, QualifiedName table, List<String> columns, Query query, boolean from, String file,
                java.util.Map<String, String> options) implements Statement {
    }

    /** LOCK [TABLE] [ONLY] t, ... [IN mode MODE] [NOWAIT]; {@code mode} as PostgreSQL spells it (ACCESS EXCLUSIVE by default). */
    record LockTable(Pos pos, List<QualifiedName> tables, String mode, boolean nowait) implements Statement {
        /** Whether the mode conflicts with a writer's ROW EXCLUSIVE lock or is one: it then takes the writer lock. */
        public boolean excludesWriters() {
            return !mode.equals("ACCESS SHARE") && !mode.equals("ROW SHARE");
        }
    }

    /** BACKUP TO 'directory': a consistent copy of the database, taken while writers go on. */
    record Backup(Pos pos, String directory) implements Statement {
    }

    /** SET TRANSACTION ... ({@code sessionDefault}: SET SESSION CHARACTERISTICS AS TRANSACTION ...). */
    record SetTransaction(Pos pos, String isolation, Boolean readOnly, boolean sessionDefault) implements Statement {
    }

    /** SET name = value; {@code value} is null for DEFAULT. */
    record SetVariable(Pos pos, String name, String value, boolean local) implements Statement {
    }

    /** SHOW name ({@code transaction_isolation} for SHOW TRANSACTION ISOLATION LEVEL, {@code all} for ALL). */
    record Show(Pos pos, String name) implements Statement {
    }

    /** RESET name ({@code all} for ALL). */
    record Reset(Pos pos, String name) implements Statement {
    }

    /** DISCARD ALL | PLANS | SEQUENCES | TEMP ({@code what}: all, plans, sequences or temp). */
    record Discard(Pos pos, String what) implements Statement {
    }

    /**
     * PREPARE name [(types)] AS body: {@code types} the types written for $1, $2 ... (the rest are
     * inferred), {@code parameterCount} the highest $n (or the number of ?s) in the body,
     * {@code text} the body's source text.
     */
    record Prepare(Pos pos, String name, List<TypeName> types, Statement body, int parameterCount, String text)
            implements Statement {
    }

    /** EXECUTE name [(arguments)]. */
    record Execute(Pos pos, String name, List<Expr> arguments) implements Statement {
    }

    /** DEALLOCATE [PREPARE] name | ALL ({@code name} null for ALL). */
    record Deallocate(Pos pos, String name) implements Statement {
    }

    /**
     * DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD]
     * FOR query; {@code scroll} null when neither SCROLL nor NO SCROLL is written.
     */
    record DeclareCursor(Pos pos, String name, boolean binary, boolean insensitive, Boolean scroll, boolean hold,
                         Query query) implements Statement {
    }

    /**
     * FETCH or MOVE ({@code move}) [direction] [FROM | IN] cursor; {@code count} is the direction's
     * count (1 where it takes none; a bare {@code FETCH n} is FORWARD n).
     */
    record FetchCursor(Pos pos, boolean move, FetchDirection direction, long count, String cursor) implements Statement {
    }

    /** CLOSE name | ALL ({@code name} null for ALL). */
    record CloseCursor(Pos pos, String name) implements Statement {
    }

    /**
     * A parameter of CREATE FUNCTION: {@code name} null when not written, {@code defaultText} the
     * DEFAULT expression's source text (null without).
     */
    /** A parameter of CREATE FUNCTION: {@code mode} IN, OUT or INOUT (IN when not written). */
    record FunctionParameter(Pos pos, String name, TypeName type, String defaultText, String mode) {
        public FunctionParameter(Pos pos, String name, TypeName type, String defaultText) {
            this(pos, name, type, defaultText, "IN");
        }

        /** OUT or INOUT: the parameter is a column of the result. */
        public boolean isOut() {
            return mode.equals("OUT") || mode.equals("INOUT");
        }

        /** IN, INOUT or VARIADIC: the parameter is an argument of calls. */
        public boolean isIn() {
            return !mode.equals("OUT");
        }
    }

    /** A column of RETURNS TABLE (...). */
    record FunctionColumn(Pos pos, String name, TypeName type) {
    }

    /**
     * CREATE [OR REPLACE] FUNCTION. {@code returnType} null with RETURNS TABLE ({@code tableColumns}
     * then not empty) or without RETURNS; {@code setof}: RETURNS SETOF. {@code language} lower-cased
     * (null when not written); {@code volatility} "immutable", "stable" or "volatile" (null when not
     * written). {@code body}: the text after AS, or the SQL of a RETURN expr (as "SELECT expr") or
     * BEGIN ATOMIC body (its statements joined by ";"), the latter two with {@code standardBody}.
     */
    record CreateFunction(Pos pos, QualifiedName name, boolean orReplace, List<FunctionParameter> parameters,
                          TypeName returnType, boolean setof, List<FunctionColumn> tableColumns, String language,
                          String volatility, boolean strict, String body, boolean standardBody, boolean procedure)
            implements Statement {
        /** CREATE FUNCTION (not PROCEDURE). */
        public CreateFunction(Pos pos, QualifiedName name, boolean orReplace, List<FunctionParameter> parameters,
                              TypeName returnType, boolean setof, List<FunctionColumn> tableColumns, String language,
                              String volatility, boolean strict, String body, boolean standardBody) {
            this(pos, name, orReplace, parameters, returnType, setof, tableColumns, language, volatility, strict, body,
                    standardBody, false);
        }
    }

    /** CALL procedure(args). */
    record Call(Pos pos, Expr.FunctionCall call) implements Statement {
    }

    /** One function of DROP FUNCTION: {@code argumentTypes} null when no list was written. */
    record FunctionSignature(Pos pos, QualifiedName name, List<TypeName> argumentTypes) {
    }

    /** DROP FUNCTION [IF EXISTS] f[(types)], ... [CASCADE]. */
    record DropFunction(Pos pos, boolean ifExists, List<FunctionSignature> functions, boolean cascade)
            implements Statement {
    }

    /**
     * A query; {@code where}, {@code having}, {@code limit} and {@code offset} may be null.
     * {@code distinctOn}: the DISTINCT ON expressions (empty without). {@code windows}: the WINDOW
     * clause. {@code withTies}: FETCH FIRST n ROWS WITH TIES. {@code locking}: FOR UPDATE/SHARE clauses.
     */
    record Select(Pos pos, boolean distinct, List<SelectItem> items, List<FromItem> from, Expr where,
                  List<Expr> groupBy, Expr having, List<SortItem> orderBy, Expr limit, Expr offset,
                  List<Expr> distinctOn, List<WindowDefinition> windows, boolean withTies, List<Locking> locking)
            implements Query {
        public Select(Pos pos, boolean distinct, List<SelectItem> items, List<FromItem> from, Expr where,
                      List<Expr> groupBy, Expr having, List<SortItem> orderBy, Expr limit, Expr offset) {
            this(pos, distinct, items, from, where, groupBy, having, orderBy, limit, offset, List.of(), List.of(),
                    false, List.of());
        }

        /** This query with another ORDER BY / LIMIT / OFFSET tail. */
        public Select withTail(List<SortItem> newOrderBy, Expr newLimit, Expr newOffset, boolean ties,
                               List<Locking> newLocking) {
            return new Select(pos, distinct, items, from, where, groupBy, having, newOrderBy, newLimit, newOffset,
                    distinctOn, windows, ties, newLocking);
        }
    }

    /** {@code WINDOW name AS (spec)}. */
    record WindowDefinition(Pos pos, String name, Expr.WindowSpec spec) {
    }

    enum LockStrength { UPDATE, NO_KEY_UPDATE, SHARE, KEY_SHARE }

    enum LockWait { WAIT, NOWAIT, SKIP_LOCKED }

    /** {@code FOR UPDATE|NO KEY UPDATE|SHARE|KEY SHARE [OF tables] [NOWAIT|SKIP LOCKED]}. */
    record Locking(Pos pos, LockStrength strength, List<QualifiedName> of, LockWait waitPolicy) {
    }

    /** What returns rows: a SELECT, a set operation of queries, or either after a WITH clause. */
    sealed interface Query extends Statement permits Select, SetOperation, With {
    }

    /**
     * One {@code name [(columns)] AS (query)} of a WITH clause; {@code columns} empty when not written.
     * A data-modifying one ({@code AS (INSERT|UPDATE|DELETE ... RETURNING ...)}) has the statement in
     * {@code modifying} and a null {@code query}.
     */
    record CommonTableExpression(Pos pos, String name, List<String> columns, Query query, Statement modifying) {
        public CommonTableExpression(Pos pos, String name, List<String> columns, Query query) {
            this(pos, name, columns, query, null);
        }
    }

    /** {@code WITH [RECURSIVE] ctes body}: the names of {@code ctes} are visible in {@code body} (and in later ctes). */
    record With(Pos pos, boolean recursive, List<CommonTableExpression> ctes, Query body) implements Query {
        /** Whether a WITH query is a data-modifying statement (then running it writes). */
        public boolean modifies() {
            return ctes.stream().anyMatch(c -> c.modifying() != null);
        }
    }

    /** {@code WITH [RECURSIVE] ctes INSERT | UPDATE | DELETE ...}: the WITH queries are visible in the statement. */
    record WithStatement(Pos pos, boolean recursive, List<CommonTableExpression> ctes, Statement body)
            implements Statement {
    }

    /**
     * CREATE [OR REPLACE] VIEW name [(columns)] AS query; {@code queryText} is the query as written,
     * which is what the catalog stores.
     */
    /**
     * {@code options}: WITH (name = value, ...) as {name, value} (value null when not written);
     * {@code checkOption}: a trailing WITH [CASCADED | LOCAL] CHECK OPTION, "cascaded" or "local", else null.
     */
    record CreateView(Pos pos, QualifiedName name, boolean orReplace, List<String> columns, Query query,
                      String queryText, List<String[]> options, String checkOption) implements Statement {
        public CreateView(Pos pos, QualifiedName name, boolean orReplace, List<String> columns, Query query,
                          String queryText) {
            this(pos, name, orReplace, columns, query, queryText, List.of(), null);
        }
    }

    record DropView(Pos pos, boolean ifExists, List<QualifiedName> names, boolean cascade) implements Statement {
    }

    /**
     * CREATE MATERIALIZED VIEW: {@code table} creates and fills its table as CREATE TABLE AS would
     * (its withData: WITH [NO] DATA); {@code queryText}: the query as written, kept to refresh it.
     */
    record CreateMaterializedView(Pos pos, CreateTableAs table, String queryText) implements Statement {
    }

    /** REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]. */
    record RefreshMaterializedView(Pos pos, QualifiedName name, boolean concurrently, boolean withData)
            implements Statement {
    }

    record DropMaterializedView(Pos pos, boolean ifExists, List<QualifiedName> names, boolean cascade)
            implements Statement {
    }

    enum SetOperator { UNION, INTERSECT, EXCEPT }

    /**
     * {@code left op [ALL] right}, with the ORDER BY / LIMIT / OFFSET written after the last operand
     * (they apply to the whole operation; {@code limit} and {@code offset} may be null).
     */
    record SetOperation(Pos pos, SetOperator operator, boolean all, Query left, Query right,
                        List<SortItem> orderBy, Expr limit, Expr offset, boolean withTies) implements Query {
        public SetOperation(Pos pos, SetOperator operator, boolean all, Query left, Query right,
                            List<SortItem> orderBy, Expr limit, Expr offset) {
            this(pos, operator, all, left, right, orderBy, limit, offset, false);
        }
    }

    /**
     * One column of CREATE INDEX; {@code opclass} (e.g. {@code vector_l2_ops}) null when not written.
     * An expression index's column has {@code expr} and its source {@code text} (name null).
     */
    /** {@code nullsFirst}: NULLS FIRST (TRUE) or LAST (FALSE) as written, null when not (the direction's default). */
    record IndexColumn(Pos pos, String name, boolean descending, String opclass, Expr expr, String text,
                       Boolean nullsFirst) {
        public IndexColumn(Pos pos, String name, boolean descending, String opclass, Expr expr, String text) {
            this(pos, name, descending, opclass, expr, text, null);
        }

        public IndexColumn withNullsFirst(Boolean first) {
            return new IndexColumn(pos, name, descending, opclass, expr, text, first);
        }

        /** Whether NULLs come first: as written, else with DESC (PostgreSQL's default). */
        public boolean nullsFirstOrDefault() {
            return nullsFirst != null ? nullsFirst : descending;
        }

        public IndexColumn(Pos pos, String name, boolean descending, String opclass) {
            this(pos, name, descending, opclass, null, null);
        }

        public IndexColumn(Pos pos, String name, boolean descending) {
            this(pos, name, descending, null);
        }
    }

    /**
     * {@code LIKE source [INCLUDING | EXCLUDING option]...} in CREATE TABLE, before the column at
     * {@code position} of the statement's own columns; {@code including} holds the options in effect
     * (lower case: defaults, constraints, indexes, identity, generated, comments, storage, statistics).
     */
    record LikeClause(Pos pos, QualifiedName source, int position, java.util.Set<String> including) {
    }

    /** One {@code name = value} of CREATE INDEX ... WITH (...); the value as written (a string literal unquoted). */
    record IndexOption(Pos pos, String name, String value) {
    }

    /**
     * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (columns) [WITH (options)];
     * {@code name} and {@code method} null when not written.
     */
    /** CREATE INDEX; {@code concurrently}: CREATE INDEX CONCURRENTLY (refused in a transaction block, as in PostgreSQL). */
    record CreateIndex(Pos pos, String name, boolean unique, boolean ifNotExists, QualifiedName table,
                       List<IndexColumn> columns, String method, List<IndexOption> options, boolean concurrently,
                       Expr where, String whereText, List<String> include) implements Statement {
        /** {@code include}: INCLUDE (columns), stored in the index after its key, not part of it. */
        public CreateIndex(Pos pos, String name, boolean unique, boolean ifNotExists, QualifiedName table,
                           List<IndexColumn> columns, String method, List<IndexOption> options, boolean concurrently,
                           Expr where, String whereText) {
            this(pos, name, unique, ifNotExists, table, columns, method, options, concurrently, where, whereText,
                    List.of());
        }

        /** {@code where}: a partial index's predicate (and its source text), null for a full index. */
        public CreateIndex(Pos pos, String name, boolean unique, boolean ifNotExists, QualifiedName table,
                           List<IndexColumn> columns, String method, List<IndexOption> options, boolean concurrently) {
            this(pos, name, unique, ifNotExists, table, columns, method, options, concurrently, null, null);
        }

        public CreateIndex(Pos pos, String name, boolean unique, boolean ifNotExists, QualifiedName table,
                           List<IndexColumn> columns, String method, List<IndexOption> options) {
            this(pos, name, unique, ifNotExists, table, columns, method, options, false);
        }

        public CreateIndex(Pos pos, String name, boolean unique, boolean ifNotExists, QualifiedName table,
                           List<IndexColumn> columns) {
            this(pos, name, unique, ifNotExists, table, columns, null, List.of());
        }
    }

    /** ALTER INDEX [IF EXISTS] name RENAME TO newName (PostgreSQL has no ALTER INDEX ... SET SCHEMA). */
    record AlterIndex(Pos pos, boolean ifExists, QualifiedName name, String newName) implements Statement {
    }

    /**
     * ALTER INDEX name SET/RESET (storage parameters): accepted, as for tables; {@code parameters}
     * as in {@link TableStorage}.
     */
    record AlterIndexParameters(Pos pos, boolean ifExists, QualifiedName name, List<String[]> parameters)
            implements Statement {
    }

    /** REINDEX {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [name]: {@code kind} lower case. */
    record Reindex(Pos pos, String kind, QualifiedName name) implements Statement {
    }

    /** CLUSTER [table [USING index]]: {@code table} null for every table, {@code index} null for the remembered one. */
    record Cluster(Pos pos, QualifiedName table, String index) implements Statement {
    }

    record DropIndex(Pos pos, boolean ifExists, List<QualifiedName> names, boolean concurrently) implements Statement {
        public DropIndex(Pos pos, boolean ifExists, List<QualifiedName> names) {
            this(pos, ifExists, names, false);
        }
    }

    // ---- User-defined types: enums and domains ---------------------------------------------------

    /** CREATE TYPE name AS ENUM ('label', ...). */
    record CreateEnumType(Pos pos, QualifiedName name, List<String> labels) implements Statement {
    }

    /** ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' [BEFORE | AFTER 'neighbour'] ({@code neighbour} null: last). */
    record AlterEnumAddValue(Pos pos, QualifiedName name, boolean ifNotExists, String label, String neighbour,
                             boolean before) implements Statement {
    }

    /** ALTER TYPE name RENAME VALUE 'from' TO 'to'. */
    record AlterEnumRenameValue(Pos pos, QualifiedName name, String from, String to) implements Statement {
    }

    /** ALTER TYPE | DOMAIN name RENAME TO newName. */
    record AlterTypeRename(Pos pos, boolean domain, QualifiedName name, String newName) implements Statement {
    }

    /** DROP TYPE | DOMAIN [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropType(Pos pos, boolean domain, boolean ifExists, List<QualifiedName> names, boolean cascade)
            implements Statement {
    }

    /** A CHECK constraint of a domain: its name (null: the default, {@code domain_check}), the condition and its text. */
    record DomainCheck(Pos pos, String name, Expr expr, String text) {
    }

    /**
     * CREATE DOMAIN name [AS] type [DEFAULT expr] [NOT NULL | NULL] [CHECK (expr)]...; {@code defaultText}
     * is the DEFAULT's SQL text, null without one.
     */
    record CreateDomain(Pos pos, QualifiedName name, TypeName base, String defaultText, boolean notNull,
                        List<DomainCheck> checks) implements Statement {
    }

    /**
     * ALTER DOMAIN name: {@code action} is one of SET_DEFAULT ({@code text} the expression's SQL),
     * DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL, ADD_CHECK ({@code check}), DROP_CONSTRAINT
     * ({@code constraint}, {@code ifExists}).
     */
    record AlterDomain(Pos pos, QualifiedName name, String action, String text, DomainCheck check,
                       String constraint, boolean ifExists) implements Statement {
    }

    // ---- Functions, triggers and DO (PL/pgSQL) ----------------------------------------------------

    /**
     * CREATE [OR REPLACE] TRIGGER. {@code timing} BEFORE, AFTER or INSTEAD OF; {@code events} some of
     * INSERT, UPDATE, DELETE, TRUNCATE; {@code updateColumns} the columns of UPDATE OF (empty: any);
     * {@code when} (and its source text) null without WHEN; {@code arguments} as text.
     */
    record CreateTrigger(Pos pos, String name, boolean orReplace, String timing, List<String> events,
                         List<String> updateColumns, QualifiedName table, boolean forEachRow, Expr when, String whenText,
                         QualifiedName function, List<String> arguments) implements Statement {
    }

    /** DROP TRIGGER [IF EXISTS] name ON table. */
    record DropTrigger(Pos pos, String name, QualifiedName table, boolean ifExists, boolean cascade) implements Statement {
    }

    /** ALTER TABLE t {ENABLE | DISABLE} TRIGGER {name | ALL | USER}: {@code trigger} null for ALL and USER. */
    record AlterTableTrigger(Pos pos, QualifiedName table, boolean ifExists, boolean enable, String trigger)
            implements Statement {
    }

    /** DO [LANGUAGE name] body: an anonymous PL/pgSQL block run once. */
    record Do(Pos pos, String language, String body, int bodyOffset) implements Statement {
    }

    // ---- Roles and privileges (README "Roles and privileges") ----------------------------------

    /**
     * Role attributes as written in CREATE/ALTER ROLE; a null field was not written. {@code password}:
     * the PASSWORD text ({@code passwordNull}: PASSWORD NULL); {@code inRoles}: IN ROLE, {@code members}: ROLE/USER.
     */
    record RoleOptions(Boolean superuser, Boolean createdb, Boolean createrole, Boolean inherit, Boolean login,
                       Boolean replication, Boolean bypassrls, Integer connectionLimit, String password,
                       boolean passwordNull, String validUntil, List<String> inRoles, List<String> members) {
    }

    /** CREATE ROLE | USER (login defaults to true) | GROUP. */
    record CreateRole(Pos pos, String name, boolean user, RoleOptions options) implements Statement {
    }

    /**
     * ALTER ROLE name [WITH] options, or RENAME TO {@code renameTo} (then {@code options} is null).
     * ALTER ROLE name SET / RESET (a role's session defaults, which KyroDB does not keep) comes with no options.
     */
    record AlterRole(Pos pos, String name, String renameTo, RoleOptions options) implements Statement {
    }

    record DropRole(Pos pos, List<String> names, boolean ifExists) implements Statement {
    }

    /** One privilege word (select, usage, all ...) with its column list (empty: the whole object). */
    record Privilege(String name, List<String> columns) {
    }

    /**
     * GRANT/REVOKE privileges ON objects TO/FROM grantees ("public" for PUBLIC). {@code objectKind}:
     * table, sequence, schema, database, function, procedure, type or domain; {@code allInSchema}:
     * ALL TABLES|SEQUENCES|FUNCTIONS IN SCHEMA (then {@code objects} are the schemas and {@code
     * objectKind} the kind of object); for ALTER DEFAULT PRIVILEGES {@code objectKind} is tables,
     * sequences, functions, routines, types or schemas and {@code objects} empty.
     * {@code grantOption}: WITH GRANT OPTION, or REVOKE GRANT OPTION FOR.
     */
    record GrantPrivileges(Pos pos, boolean grant, List<Privilege> privileges, String objectKind, boolean allInSchema,
                           List<QualifiedName> objects, List<String> grantees, boolean grantOption, boolean cascade)
            implements Statement {
    }

    /** GRANT roles TO grantees [WITH ADMIN OPTION] / REVOKE [ADMIN OPTION FOR] roles FROM grantees. */
    record GrantRoles(Pos pos, boolean grant, List<String> roles, List<String> grantees, boolean adminOption)
            implements Statement {
    }

    /** ALTER DEFAULT PRIVILEGES [FOR ROLE roles] [IN SCHEMA schemas] {@code action}. */
    record AlterDefaultPrivileges(Pos pos, List<String> forRoles, List<String> schemas, GrantPrivileges action)
            implements Statement {
    }

    /** ALTER TABLE ... VALIDATE CONSTRAINT name: checks the rows a NOT VALID constraint skipped. */
    record ValidateConstraint(Pos pos, String name) implements AlterAction {
    }
}
