package io.kyrodb.sql.parser;

import io.kyrodb.grammar.KyroSqlParser;
import io.kyrodb.grammar.KyroSqlParser.*;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Expr.BinaryOp;
import io.kyrodb.sql.ast.Expr.LiteralKind;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the immutable AST from one statement's parse tree. Folds unquoted identifiers to lower
 * case and unescapes quoted ones, as Postgres does. One instance per statement: it numbers the
 * {@code ?} parameters in order of appearance.
 */
final class AstBuilder {
    private final String sql;
    private int parameters;

    AstBuilder(String sql) {
        this(sql, CatalogCheck.ACCEPT);
    }

    AstBuilder(String sql, CatalogCheck catalogs) {
        this.sql = sql;
        this.catalogs = catalogs;
    }

    /** Checks the database part of db.schema.table names (see {@link CatalogCheck}). */
    private final CatalogCheck catalogs;

    /**
     * {@code parts} of a dotted name, at most {@code max} (more: 42601, as PostgreSQL says it); one
     * more than {@code max - 1} leads with a database name, which {@link #catalogs} checks and
     * which is then dropped.
     */
    private List<String> dotted(List<IdentifierContext> ids, int max, String kind, ParserRuleContext ctx) {
        List<String> parts = new ArrayList<>(ids.size());
        for (IdentifierContext id : ids) {
            parts.add(identifier(id));
        }
        String text = String.join(".", parts);
        if (parts.size() > max) {
            throw new SqlSyntaxException("improper " + kind + " name (too many dotted names): " + text, sql, pos(ctx));
        }
        if (parts.size() == max) {
            catalogs.check(parts.get(0), text, pos(ctx));
            return parts.subList(1, parts.size());
        }
        return parts;
    }

    /** The SQL text being built from (errors point into it). */
    String sql() {
        return sql;
    }

    int parameterCount() {
        return parameters;
    }

    /** The source offsets of the statement's {@code ?}s, in order: a parameter's index is its place here. */
    private final List<Integer> parameterOffsets = new ArrayList<>();

    /** Numbers the {@code ?}s by where they stand in the text, whatever order the AST is built in. */
    private void collectParameters(org.antlr.v4.runtime.tree.ParseTree tree) {
        if (tree instanceof org.antlr.v4.runtime.tree.TerminalNode t) {
            if (t.getSymbol().getType() == KyroSqlParser.QUESTION && t.getParent() instanceof ParameterPrimaryContext) {
                parameterOffsets.add(t.getSymbol().getStartIndex());
            } else if (t.getSymbol().getType() == KyroSqlParser.PARAM) {
                highestNumbered = Math.max(highestNumbered, numberedParameter(t.getSymbol()) + 1);
            }
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            collectParameters(tree.getChild(i));
        }
    }

    /** The highest $n of the statement (0 without). */
    private int highestNumbered;

    /** The 0-based index of {@code $n}; 42P02 for $0 or one past any statement's size, as PostgreSQL. */
    private int numberedParameter(Token param) {
        String digits = param.getText().substring(1);
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = Integer.MAX_VALUE;
        }
        if (n < 1 || n > 65535) {
            throw new SqlSyntaxException("there is no parameter " + param.getText(), sql,
                    pos(param), "42P02");
        }
        return n - 1;
    }

    private int parameterIndex(Token question) {
        int i = java.util.Collections.binarySearch(parameterOffsets, question.getStartIndex());
        if (i < 0) {
            throw new IllegalStateException("parameter at offset " + question.getStartIndex() + " was not collected");
        }
        return i;
    }

    Statement statement(StatementContext ctx) {
        selectInto = null;
        parameterOffsets.clear();
        highestNumbered = 0;
        collectParameters(ctx);
        parameters = Math.max(parameterOffsets.size(), highestNumbered);
        Statement built = buildStatement(ctx);
        if (built instanceof Statement.Prepare || built instanceof Statement.CreateFunction) {
            parameters = 0;   // the $n belong to the prepared statement or the function body
        }
        return built;
    }

    /** The statement's first SELECT when it says INTO (made a CREATE TABLE AS); null otherwise. */
    private QuerySpecificationContext selectInto;

    private Statement buildStatement(StatementContext ctx) {
        if (ctx.withClause() != null) {
            Statement body = ctx.insert() != null ? insert(ctx.insert())
                    : ctx.update() != null ? update(ctx.update())
                    : ctx.merge() != null ? merge(ctx.merge()) : delete(ctx.delete());
            return new Statement.WithStatement(pos(ctx), ctx.withClause().RECURSIVE() != null,
                    commonTableExpressions(ctx.withClause()), body);
        }
        if (ctx.createTrigger() != null || ctx.dropTrigger() != null || ctx.alterTableTrigger() != null || ctx.doStatement() != null) {
            return new RoutineStatements(this, sql).build(ctx);
        }
        if (ctx.roleStatement() != null || ctx.grantStatement() != null || ctx.revokeStatement() != null
                || ctx.alterDefaultPrivileges() != null) {
            return new AccessStatements(this, sql).build(ctx);
        }
        if (ctx.createTable() != null) {
            return createTable(ctx.createTable());
        } else if (ctx.dropTable() != null) {
            return dropTable(ctx.dropTable());
        } else if (ctx.createIndex() != null) {
            return createIndex(ctx.createIndex());
        } else if (ctx.dropIndex() != null) {
            return dropIndex(ctx.dropIndex());
        } else if (ctx.createSequence() != null) {
            CreateSequenceContext c = ctx.createSequence();
            return new Statement.CreateSequence(pos(c), qualifiedName(c.qualifiedName()), c.EXISTS() != null,
                    ownSequenceOptions(c.sequenceOption()));
        } else if (ctx.dropSequence() != null) {
            DropSequenceContext d = ctx.dropSequence();
            return new Statement.DropSequence(pos(d), d.EXISTS() != null,
                    d.qualifiedName().stream().map(this::qualifiedName).toList(), d.CASCADE() != null);
        } else if (ctx.alterSequence() != null) {
            return alterSequence(ctx.alterSequence());
        } else if (ctx.createSchema() != null) {
            CreateSchemaContext c = ctx.createSchema();
            return new Statement.CreateSchema(pos(c), identifier(c.name != null ? c.name : c.owner), c.EXISTS() != null);
        } else if (ctx.createExtension() != null) {
            CreateExtensionContext c = ctx.createExtension();
            return new Statement.CreateExtension(pos(c), identifier(c.identifier(0)), c.EXISTS() != null);
        } else if (ctx.dropExtension() != null) {
            DropExtensionContext d = ctx.dropExtension();
            return new Statement.DropExtension(pos(d), d.identifier().stream().map(AstBuilder::identifier).toList(),
                    d.EXISTS() != null);
        } else if (ctx.dropSchema() != null) {
            DropSchemaContext d = ctx.dropSchema();
            return new Statement.DropSchema(pos(d), d.EXISTS() != null,
                    d.identifier().stream().map(AstBuilder::identifier).toList(), d.CASCADE() != null);
        } else if (ctx.alterSchema() != null) {
            AlterSchemaContext a = ctx.alterSchema();
            return new Statement.AlterSchemaRename(pos(a), identifier(a.from), identifier(a.to));
        } else if (ctx.alterSetSchema() != null) {
            AlterSetSchemaContext a = ctx.alterSetSchema();
            return new Statement.SetSchema(pos(a), a.kind.getText().toLowerCase(Locale.ROOT),
                    qualifiedName(a.qualifiedName()), a.EXISTS() != null, identifier(a.identifier()));
        } else if (ctx.alterOwner() != null) {
            AlterOwnerContext a = ctx.alterOwner();
            return new Statement.AlterOwner(pos(a), a.kind.getText().toLowerCase(Locale.ROOT),
                    qualifiedName(a.qualifiedName()), a.EXISTS() != null, identifier(a.identifier()));
        } else if (ctx.alterViewRename() != null) {
            AlterViewRenameContext a = ctx.alterViewRename();
            return new Statement.RenameView(pos(a), qualifiedName(a.qualifiedName()), a.EXISTS() != null,
                    identifier(a.identifier()));
        } else if (ctx.alterViewOptions() != null) {
            AlterViewOptionsContext a = ctx.alterViewOptions();
            return new Statement.AlterViewOptions(pos(a), qualifiedName(a.qualifiedName()), a.EXISTS() != null,
                    a.SET() != null, storageParameters(a.storageParameter()));
        } else if (ctx.alterViewRenameColumn() != null) {
            AlterViewRenameColumnContext a = ctx.alterViewRenameColumn();
            return new Statement.RenameViewColumn(pos(a), qualifiedName(a.qualifiedName()), a.EXISTS() != null,
                    identifier(a.identifier(0)), identifier(a.identifier(1)));
        } else if (ctx.commentOn() != null) {
            return commentOn(ctx.commentOn());
        } else if (ctx.createType() != null) {
            CreateTypeContext c = ctx.createType();
            return new Statement.CreateEnumType(pos(c), qualifiedName(c.qualifiedName()),
                    c.STRING().stream().map(t -> unquote(t.getText(), '\'')).toList());
        } else if (ctx.alterType() != null) {
            return alterType(ctx.alterType());
        } else if (ctx.dropType() != null) {
            DropTypeContext d = ctx.dropType();
            return new Statement.DropType(pos(d), d.kind.getType() == KyroSqlParser.DOMAIN, d.EXISTS() != null,
                    d.qualifiedName().stream().map(this::qualifiedName).toList(), d.CASCADE() != null);
        } else if (ctx.createDomain() != null) {
            return createDomain(ctx.createDomain());
        } else if (ctx.alterDomain() != null) {
            return alterDomain(ctx.alterDomain());
        } else if (ctx.truncate() != null) {
            TruncateContext t = ctx.truncate();
            return new Statement.Truncate(pos(t), t.qualifiedName().stream().map(this::qualifiedName).toList(),
                    t.RESTART() != null, t.CASCADE() != null);
        } else if (ctx.alterTable() != null) {
            return alterTable(ctx.alterTable());
        } else if (ctx.createView() != null) {
            return createView(ctx.createView());

        } else if (ctx.dropView() != null) {
            DropViewContext d = ctx.dropView();
            List<QualifiedName> names = new ArrayList<>();
            for (QualifiedNameContext q : d.qualifiedName()) {
                names.add(qualifiedName(q));
            }
            if (d.MATERIALIZED() != null) {
                return new Statement.DropMaterializedView(pos(d), d.EXISTS() != null, List.copyOf(names),
                        d.CASCADE() != null);
            }
            return new Statement.DropView(pos(d), d.EXISTS() != null, List.copyOf(names), d.CASCADE() != null);
        } else if (ctx.insert() != null) {
            return insert(ctx.insert());
        } else if (ctx.update() != null) {
            return update(ctx.update());
        } else if (ctx.delete() != null) {
            return delete(ctx.delete());
        } else if (ctx.transactionStatement() != null) {
            return transaction(ctx.transactionStatement());
        } else if (ctx.setStatement() != null) {
            return set(ctx.setStatement());
        } else if (ctx.showStatement() != null) {
            ShowStatementContext s = ctx.showStatement();
            String name = s.settingName() != null ? settingName(s.settingName())
                    : s.ALL() != null ? "all" : "transaction_isolation";
            return new Statement.Show(pos(s), name);
        } else if (ctx.resetStatement() != null) {
            ResetStatementContext r = ctx.resetStatement();
            if (r.DISCARD() != null) {
                String what = r.identifier() != null ? identifier(r.identifier())
                        : r.ALL() != null ? "all" : "temp";
                if (!List.of("all", "temp", "plans", "sequences").contains(what)) {
                    throw new SqlSyntaxException("syntax error at or near \"" + r.identifier().getText() + "\"", sql,
                            pos(r.identifier()));
                }
                return new Statement.Discard(pos(r), what);
            }
            return new Statement.Reset(pos(r), r.settingName() != null ? settingName(r.settingName()) : "all");
        } else if (ctx.maintenanceStatement() != null) {
            return maintenance(ctx.maintenanceStatement());
        } else if (ctx.indexMaintenance() != null) {
            return indexMaintenance(ctx.indexMaintenance());
        } else if (ctx.explainStatement() != null) {
            return explain(ctx.explainStatement());
        } else if (ctx.copyStatement() != null) {
            return copy(ctx.copyStatement());
        } else if (ctx.merge() != null) {
            return merge(ctx.merge());
        } else if (ctx.prepareStatement() != null) {
            return prepare(ctx.prepareStatement());
        } else if (ctx.executeStatement() != null) {
            ExecuteStatementContext e = ctx.executeStatement();
            return new Statement.Execute(pos(e), identifier(e.identifier()), e.expression().stream().map(this::expr).toList());
        } else if (ctx.deallocateStatement() != null) {
            DeallocateStatementContext d = ctx.deallocateStatement();
            return new Statement.Deallocate(pos(d), d.ALL() != null ? null : identifier(d.identifier()));
        } else if (ctx.cursorStatement() != null) {
            return new CursorStatements(this, sql).build(ctx.cursorStatement());
        } else if (ctx.createFunction() != null) {
            return FunctionStatements.create(this, ctx.createFunction());
        } else if (ctx.dropFunction() != null) {
            return FunctionStatements.drop(this, ctx.dropFunction());
        } else if (ctx.callStatement() != null) {
            return FunctionStatements.call(this, ctx.callStatement());
        }
        QuerySpecificationContext first = firstSpecification(ctx.query());
        if (first != null && first.selectInto() != null) {
            SelectIntoContext into = first.selectInto();
            selectInto = first;
            return new Statement.CreateTableAs(pos(into), qualifiedName(into.qualifiedName()), false, List.of(),
                    query(ctx.query()), true, temporary(into.tablePersistence()), null);
        }
        return query(ctx.query());
    }

    /**
     * The statement's first SELECT: the leftmost term of its set operations, through parentheses
     * (the one that may say INTO); null when that term is VALUES or TABLE.
     */
    private static QuerySpecificationContext firstSpecification(QueryContext query) {
        QueryTermContext term = query.queryTerm();
        while (true) {
            switch (term) {
                case SimpleQueryTermContext q -> {
                    return q.querySpecification();
                }
                case UnionQueryTermContext u -> term = u.left;
                case IntersectQueryTermContext x -> term = x.left;
                case ParenthesizedQueryTermContext p -> term = p.query().queryTerm();
                default -> {
                    return null;
                }
            }
        }
    }

    /* SELECT ... INTO anywhere but a statement's first SELECT: PostgreSQL's two errors. */
    private void checkInto(QuerySpecificationContext spec) {
        if (spec.selectInto() == null || spec == selectInto) {
            return;
        }
        for (ParserRuleContext c = spec; c != null; c = c.getParent()) {
            if (c.getParent() instanceof UnionQueryTermContext u && u.right == c
                    || c.getParent() instanceof IntersectQueryTermContext x && x.right == c) {
                throw new SqlSyntaxException("INTO is only allowed on first SELECT of UNION/INTERSECT/EXCEPT", sql,
                        pos(spec.selectInto()));
            }
        }
        throw new SqlSyntaxException("SELECT ... INTO is not allowed here", sql, pos(spec.selectInto()));
    }

    /**
     * EXPLAIN's options, as PostgreSQL 15 reads them: an unknown option or a Boolean option's bad
     * value is 42601, a FORMAT other than text/json/yaml/xml and TIMING without ANALYZE 22023.
     */
    private Statement explain(ExplainStatementContext ctx) {
        boolean analyze = ctx.ANALYZE() != null || ctx.ANALYSE() != null;
        boolean verbose = ctx.VERBOSE() != null;
        boolean costs = true;
        Boolean timing = null;
        Boolean summary = null;
        boolean settings = false;
        String format = "text";
        for (ExplainOptionContext o : ctx.explainOption()) {
            String name = o.identifier() != null ? identifier(o.identifier()) : o.getStart().getText().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("format")) {
                String v = o.explainValue() == null ? "" : o.explainValue().getText().toLowerCase(java.util.Locale.ROOT);
                v = v.startsWith("'") ? v.substring(1, v.length() - 1) : v;
                if (!List.of("text", "json", "yaml", "xml").contains(v)) {
                    throw new SqlSyntaxException("unrecognized value for EXPLAIN option \"format\": \"" + v + "\"",
                            sql, pos(o), "22023");
                }
                format = v;
                continue;
            }
            boolean value = booleanOption(name, o.explainValue());
            switch (name) {
                case "analyze", "analyse" -> analyze = value;
                case "costs" -> costs = value;
                case "timing" -> timing = value;
                case "summary" -> summary = value;
                case "verbose" -> verbose = value;
                case "settings" -> settings = value;
                case "buffers", "wal" -> { }
                default -> throw new SqlSyntaxException("unrecognized EXPLAIN option \"" + name + "\"", sql, pos(o));
            }
        }
        if (Boolean.TRUE.equals(timing) && !analyze) {
            throw new SqlSyntaxException("EXPLAIN option TIMING requires ANALYZE", sql, pos(ctx), "22023");
        }
        return new Statement.Explain(pos(ctx), ctx.query() != null ? query(ctx.query()) : merge(ctx.merge()), analyze, costs, timing == null || timing,
                summary != null ? summary : analyze, verbose, format, settings);
    }

    // ---- Transactions and session settings ------------------------------------------------------

    private Statement transaction(TransactionStatementContext ctx) {
        return switch (ctx) {
            case BeginStatementContext b -> {
                String[] isolation = {null};
                Boolean[] readOnly = {null};
                modes(b.transactionMode(), isolation, readOnly);
                yield new Statement.Begin(pos(b), isolation[0], readOnly[0]);
            }
            case CommitStatementContext c -> new Statement.Commit(pos(c));
            case RollbackStatementContext r -> new Statement.Rollback(pos(r),
                    r.identifier() == null ? null : identifier(r.identifier()));
            case SavepointStatementContext s -> new Statement.Savepoint(pos(s), identifier(s.identifier()));
            case ReleaseStatementContext r -> new Statement.ReleaseSavepoint(pos(r), identifier(r.identifier()));
            default -> throw new IllegalStateException("unhandled transaction statement " + ctx.getText());
        };
    }

    private Statement maintenance(MaintenanceStatementContext ctx) {
        return switch (ctx) {
            case CheckpointStatementContext c -> new Statement.Checkpoint(pos(c));
            case BackupStatementContext b -> new Statement.Backup(pos(b), unquote(b.STRING().getText(), '\''));
            case AnalyzeStatementContext a -> new Statement.Analyze(pos(a),
                    a.qualifiedName().stream().map(this::qualifiedName).toList());
            case RefreshStatementContext r -> new Statement.RefreshMaterializedView(pos(r), qualifiedName(r.qualifiedName()),
                    r.CONCURRENTLY() != null, r.NO() == null);
            case VacuumStatementContext v -> {
                boolean analyze = v.ANALYZE() != null || v.ANALYSE() != null;
                for (VacuumOptionContext o : v.vacuumOption()) {
                    String name = o.identifier() != null ? identifier(o.identifier()) : o.getStart().getText().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "analyze", "analyse" -> analyze = booleanOption(name, o.explainValue());
                        case "full", "verbose", "freeze", "skip_locked", "index_cleanup", "process_toast", "truncate",
                             "parallel", "disable_page_skipping", "process_main", "skip_database_stats", "only_database_stats" -> { }
                        default -> throw new SqlSyntaxException("unrecognized VACUUM option \"" + name + "\"", sql, pos(o));
                    }
                }
                yield new Statement.Vacuum(pos(v), v.qualifiedName().stream().map(this::qualifiedName).toList(), analyze);
            }
            case LockTableStatementContext l -> new Statement.LockTable(pos(l),
                    l.qualifiedName().stream().map(this::qualifiedName).toList(), lockMode(l),
                    l.NOWAIT() != null || lockWords(l).contains("NOWAIT"));
            default -> throw new IllegalStateException("unhandled maintenance statement " + ctx.getText());
        };
    }

    private static void modes(List<TransactionModeContext> modes, String[] isolation, Boolean[] readOnly) {
        for (TransactionModeContext m : modes) {
            if (m instanceof IsolationModeContext i) {
                List<String> words = new ArrayList<>();
                for (int c = 0; c < i.isolationLevel().getChildCount(); c++) {
                    words.add(i.isolationLevel().getChild(c).getText().toLowerCase(Locale.ROOT));
                }
                isolation[0] = String.join(" ", words);
            } else {
                readOnly[0] = ((AccessModeContext) m).ONLY() != null;
            }
        }
    }

    private Statement set(SetStatementContext ctx) {
        return switch (ctx) {
            case SetConstraintsContext c -> new Statement.SetConstraints(pos(c),
                    c.qualifiedName().stream().map(this::qualifiedName).toList(), c.timing.getType() == KyroSqlParser.DEFERRED);
            case SetTransactionContext t -> {
                String[] isolation = {null};
                Boolean[] readOnly = {null};
                modes(t.transactionMode(), isolation, readOnly);
                yield new Statement.SetTransaction(pos(t), isolation[0], readOnly[0], false);
            }
            case SetSessionCharacteristicsContext t -> {
                String[] isolation = {null};
                Boolean[] readOnly = {null};
                modes(t.transactionMode(), isolation, readOnly);
                yield new Statement.SetTransaction(pos(t), isolation[0], readOnly[0], true);
            }
            case SetVariableContext v -> {
                List<String> values = new ArrayList<>();
                boolean isDefault = false;
                for (SettingValueContext sv : v.settingValue()) {
                    if (sv.DEFAULT() != null) {
                        isDefault = true;
                    } else if (sv.STRING() != null) {
                        values.add(unquote(sv.STRING().getText(), '\''));
                    } else if (sv.identifier() != null) {
                        values.add(identifier(sv.identifier()));
                    } else {
                        values.add(sv.getText().toLowerCase(Locale.ROOT));
                    }
                }
                String setting = settingName(v.settingName());
                if (setting.equals("search_path")) {
                    // a list of names: each keeps its case and is quoted where it needs it ("$user", "My Schema")
                    values.replaceAll(n -> n.matches("[a-z_][a-z0-9_]*") ? n : "\"" + n.replace("\"", "\"\"") + "\"");
                }
                yield new Statement.SetVariable(pos(v), setting,
                        isDefault ? null : String.join(", ", values), v.LOCAL() != null);
            }
            case SetTimeZoneContext z -> {
                if (!identifier(z.timeWord).equals("time") || !identifier(z.zoneWord).equals("zone")) {
                    throw new SqlSyntaxException("syntax error at or near \"" + z.zoneWord.getText() + "\"", sql,
                            pos(z.zoneWord));
                }
                SettingValueContext sv = z.settingValue();
                String value;
                if (sv == null || sv.DEFAULT() != null) {
                    value = null;   // LOCAL and DEFAULT: back to the default
                } else if (sv.STRING() != null) {
                    value = unquote(sv.STRING().getText(), '\'');
                } else if (sv.identifier() != null) {
                    String word = identifier(sv.identifier());
                    value = word.equals("local") ? null : word;
                } else {
                    value = sv.getText().toLowerCase(Locale.ROOT);
                }
                yield new Statement.SetVariable(pos(z), "timezone", value, z.LOCAL().size() > 1
                        || (z.LOCAL().size() == 1 && z.settingValue() != null));
            }
            default -> throw new IllegalStateException("unhandled SET " + ctx.getText());
        };
    }

    private static String settingName(SettingNameContext ctx) {
        List<String> parts = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            parts.add(identifier(id));
        }
        return String.join(".", parts);
    }

    // ---- DDL ----------------------------------------------------------------------------------

    private Statement createTable(CreateTableContext ctx) {
        if (ctx.AS() != null) {
            return createTableAs(ctx);
        }
        List<ParserRuleContext> elements = new ArrayList<>();
        List<Statement.LikeClause> likes = new ArrayList<>();
        int columnsBefore = 0;
        for (TableElementContext element : ctx.tableElement()) {
            if (element.likeClause() != null) {
                likes.add(likeClause(element.likeClause(), columnsBefore));
                continue;
            }
            if (element.columnDefinition() != null) {
                columnsBefore++;
            }
            elements.add(element.columnDefinition() != null ? element.columnDefinition() : element.tableConstraint());
        }
        Statement.CreateTable t = tableDefinition(pos(ctx), qualifiedName(ctx.qualifiedName()), ctx.EXISTS() != null,
                elements);
        return new Statement.CreateTable(t.pos(), t.name(), t.ifNotExists(), t.columns(), t.primaryKey(),
                t.primaryKeyPos(), t.unique(), t.checks(), t.foreignKeys(), temporary(ctx.tablePersistence()),
                onCommit(ctx.onCommit()), List.copyOf(likes), t.exclusions());
    }

    /** LIKE's options in order, later ones winning, as PostgreSQL applies them. */
    private Statement.LikeClause likeClause(LikeClauseContext ctx, int position) {
        java.util.Set<String> including = new java.util.TreeSet<>();
        List<String> all = List.of("comments", "compression", "constraints", "defaults", "generated", "identity",
                "indexes", "statistics", "storage");
        for (LikeOptionContext o : ctx.likeOption()) {
            String mode = identifier(o.likeMode);
            if (!mode.equals("including") && !mode.equals("excluding")) {
                throw new SqlSyntaxException("syntax error at or near \"" + o.likeMode.getText() + "\"", sql, pos(o));
            }
            String option = o.option != null ? identifier(o.option) : o.getChild(1).getText().toLowerCase(Locale.ROOT);
            List<String> options;
            if (option.equals("all")) {
                options = all;
            } else if (all.contains(option)) {
                options = List.of(option);
            } else {
                throw new SqlSyntaxException("syntax error at or near \"" + o.getChild(1).getText() + "\"", sql,
                        pos(o));
            }
            if (mode.equals("including")) {
                including.addAll(options);
            } else {
                including.removeAll(options);
            }
        }
        return new Statement.LikeClause(pos(ctx), qualifiedName(ctx.qualifiedName()), position,
                java.util.Collections.unmodifiableSet(including));
    }

    private static boolean temporary(TablePersistenceContext ctx) {
        return ctx != null && ctx.UNLOGGED() == null;
    }

    private static Statement.OnCommit onCommit(OnCommitContext ctx) {
        if (ctx == null) {
            return null;
        }
        return ctx.PRESERVE() != null ? Statement.OnCommit.PRESERVE_ROWS
                : ctx.DELETE() != null ? Statement.OnCommit.DELETE_ROWS : Statement.OnCommit.DROP;
    }

    /** CREATE TABLE's columns and constraints ({@code elements}: column definitions and table constraints). */
    private Statement.CreateTable tableDefinition(Pos at, QualifiedName tableName, boolean ifNotExists,
                                                  List<ParserRuleContext> elements) {
        List<Statement.ColumnDefinition> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        Pos primaryKeyPos = Pos.NONE;
        List<Statement.UniqueConstraint> unique = new ArrayList<>();
        List<Statement.CheckConstraint> checks = new ArrayList<>();
        List<Statement.ForeignKeyConstraint> foreignKeys = new ArrayList<>();
        List<Statement.ExclusionConstraint> exclusions = new ArrayList<>();
        for (ParserRuleContext element : elements) {
            if (element instanceof ColumnDefinitionContext c) {
                boolean notNull = false;
                boolean pk = false;
                Expr defaultValue = null;
                String defaultText = null;
                Statement.Identity identity = null;
                Statement.Generated generated = null;
                List<ColumnConstraintContext> all = c.columnConstraint();
                for (int ci = 0; ci < all.size(); ci++) {
                    ColumnConstraintContext constraint = all.get(ci);
                    if (constraint instanceof TimingColumnConstraintContext) {
                        continue;   // read with the constraint before it
                    }
                    List<ConstraintTimingContext> timings = new ArrayList<>();
                    for (int k = ci + 1; k < all.size() && all.get(k) instanceof TimingColumnConstraintContext tc; k++) {
                        timings.add(tc.constraintTiming());
                    }
                    boolean timed = constraint instanceof UniqueColumnConstraintContext
                            || constraint instanceof PrimaryKeyColumnConstraintContext
                            || constraint instanceof ReferencesColumnConstraintContext;
                    if (!timings.isEmpty() && !timed) {
                        throw new SqlSyntaxException("misplaced " + words(timings.get(0)) + " clause", sql, pos(timings.get(0)));
                    }
                    Statement.Timing timing = timing(timings);
                    if (constraint instanceof GeneratedColumnConstraintContext g) {
                        if (generated != null) {
                            throw new SqlSyntaxException("multiple generation clauses specified for column \""
                                    + identifier(c.identifier()) + "\" of table \"" + tableName.name() + "\"", sql, pos(g));
                        }
                        generated = new Statement.Generated(pos(g), expr(g.expression()), text(g.expression()));
                    }
                    if ((constraint instanceof GeneratedColumnConstraintContext && (defaultValue != null || identity != null))
                            || (generated != null && (constraint instanceof DefaultColumnConstraintContext
                                || constraint instanceof IdentityColumnConstraintContext))) {
                        boolean identityToo = identity != null || constraint instanceof IdentityColumnConstraintContext;
                        throw new SqlSyntaxException("both " + (identityToo ? "identity" : "default")
                                + " and generation expression specified for column \"" + identifier(c.identifier())
                                + "\" of table \"" + tableName.name() + "\"", sql, pos(constraint));
                    }
                    if (constraint instanceof DefaultColumnConstraintContext d) {
                        if (defaultValue != null) {
                            throw new SqlSyntaxException("multiple default values specified for column \""
                                    + identifier(c.identifier()) + "\"", sql, pos(d));
                        }
                        defaultValue = bound(d.boundExpression());
                        defaultText = text(d.boundExpression());
                    } else if (constraint instanceof CheckColumnConstraintContext k) {
                        checks.add(new Statement.CheckConstraint(pos(k),
                                k.identifier() == null ? null : identifier(k.identifier()), expr(k.expression()),
                                text(k.expression()), identifier(c.identifier())));
                    } else if (constraint instanceof ReferencesColumnConstraintContext r) {
                        String[] actions = actions(r.referentialAction());
                        foreignKeys.add(new Statement.ForeignKeyConstraint(pos(r),
                                r.CONSTRAINT() == null ? null : identifier(r.identifier(0)),
                                List.of(identifier(c.identifier())), qualifiedName(r.qualifiedName()),
                                r.ref == null ? List.of() : List.of(identifier(r.ref)), actions[0], actions[1], timing));
                    } else if (constraint instanceof IdentityColumnConstraintContext i) {
                        if (identity != null) {
                            throw new SqlSyntaxException("multiple identity specifications for column \""
                                    + identifier(c.identifier()) + "\"", sql, pos(i));
                        }
                        identity = new Statement.Identity(pos(i), i.ALWAYS() != null,
                                sequenceOptions(i.sequenceOption()));
                    } else if (constraint instanceof CollateColumnConstraintContext k) {
                        collation(k.qualifiedName());
                    } else if (constraint instanceof PrimaryKeyColumnConstraintContext) {
                        pk = true;
                    } else if (constraint instanceof NotNullColumnConstraintContext) {
                        notNull = true;
                    } else if (constraint instanceof UniqueColumnConstraintContext u) {
                        unique.add(new Statement.UniqueConstraint(pos(u),
                                u.identifier() == null ? null : identifier(u.identifier()),
                                List.of(identifier(c.identifier())), timing));
                    }
                }
                if (!all.isEmpty() && all.get(0) instanceof TimingColumnConstraintContext first) {
                    throw new SqlSyntaxException("misplaced " + words(first.constraintTiming()) + " clause", sql, pos(first));
                }
                columns.add(new Statement.ColumnDefinition(pos(c), identifier(c.identifier()), typeName(c.typeName()),
                        notNull, pk, defaultValue, defaultText, identity, generated));
            } else {
                TableConstraintContext t = (TableConstraintContext) element;
                if (t.EXCLUDE() != null) {
                    exclusions.add(exclusion(t));
                    continue;
                }
                if (t.FOREIGN() != null) {
                    String[] actions = actions(t.referentialAction());
                    foreignKeys.add(new Statement.ForeignKeyConstraint(pos(t),
                            t.cname == null ? null : identifier(t.cname),
                            t.fk.stream().map(AstBuilder::identifier).toList(), qualifiedName(t.qualifiedName()),
                            t.ref.stream().map(AstBuilder::identifier).toList(), actions[0], actions[1],
                            timing(t.constraintTiming())));
                    continue;
                }
                if (t.CHECK() != null) {
                    if (timing(t.constraintTiming()).deferrable()) {
                        throw new SqlSyntaxException("CHECK constraints cannot be marked DEFERRABLE", sql,
                                pos(t.constraintTiming(0)), "0A000");   // PostgreSQL's SQLSTATE for it
                    }
                    checks.add(new Statement.CheckConstraint(pos(t),
                            t.CONSTRAINT() == null ? null : identifier(t.identifier(0)), expr(t.expression()),
                            text(t.expression()), null));
                    continue;
                }
                List<String> named = new ArrayList<>();
                for (IdentifierContext id : t.identifier().subList(t.CONSTRAINT() == null ? 0 : 1, t.identifier().size())) {
                    named.add(identifier(id));
                }
                if (t.UNIQUE() != null) {
                    unique.add(new Statement.UniqueConstraint(pos(t),
                            t.CONSTRAINT() == null ? null : identifier(t.identifier(0)), List.copyOf(named),
                            timing(t.constraintTiming())));
                    continue;
                }
                if (!primaryKey.isEmpty()) {
                    throw new SqlSyntaxException("multiple primary keys for table \""
                            + tableName.name() + "\" are not allowed", sql, pos(t));
                }
                primaryKeyPos = pos(t);
                for (IdentifierContext id : t.identifier().subList(t.CONSTRAINT() == null ? 0 : 1, t.identifier().size())) {
                    primaryKey.add(identifier(id));
                }
            }
        }
        return new Statement.CreateTable(at, tableName, ifNotExists,
                List.copyOf(columns), List.copyOf(primaryKey), primaryKeyPos, List.copyOf(unique), List.copyOf(checks),
                List.copyOf(foreignKeys), false, null, List.of(), List.copyOf(exclusions));
    }

    /** EXCLUDE [USING method] (column WITH op, ...) [WHERE (predicate)] [timing]. */
    private Statement.ExclusionConstraint exclusion(TableConstraintContext t) {
        List<String> columns = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        for (ExclusionElementContext e : t.exclusionElement()) {
            columns.add(identifier(e.identifier()));
            operators.add(e.op.getText());
        }
        return new Statement.ExclusionConstraint(pos(t), t.xname == null ? null : identifier(t.xname),
                t.method == null ? null : identifier(t.method), List.copyOf(columns), List.copyOf(operators),
                t.where == null ? null : expr(t.where), t.where == null ? null : text(t.where),
                timing(t.constraintTiming()));
    }

    /** [NOT] DEFERRABLE and INITIALLY {DEFERRED | IMMEDIATE} of one constraint, as PostgreSQL combines them. */
    private Statement.Timing timing(List<ConstraintTimingContext> timings) {
        boolean deferrable = false;
        boolean notDeferrable = false;
        boolean deferred = false;
        for (ConstraintTimingContext t : timings) {
            if (t.DEFERRABLE() != null) {
                if (deferrable || notDeferrable) {
                    throw new SqlSyntaxException("multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed", sql, pos(t));
                }
                deferrable = t.NOT() == null;
                notDeferrable = t.NOT() != null;
            } else {
                deferred = t.DEFERRED() != null;
            }
            if (deferred && notDeferrable) {
                throw new SqlSyntaxException("constraint declared INITIALLY DEFERRED must be DEFERRABLE", sql, pos(t));
            }
        }
        return deferrable || deferred ? new Statement.Timing(true, deferred) : Statement.Timing.IMMEDIATE;
    }

    private static String words(ConstraintTimingContext t) {
        return t.DEFERRABLE() != null ? (t.NOT() != null ? "NOT DEFERRABLE" : "DEFERRABLE")
                : t.DEFERRED() != null ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE";
    }

    /** One action is an AlterTable; several (PostgreSQL's comma list) are AlterTableSteps, applied in order. */
    private Statement alterTable(AlterTableContext ctx) {
        QualifiedName table = qualifiedName(ctx.qualifiedName());
        List<Statement.AlterTable> steps = new ArrayList<>();
        for (AlterActionContext a : ctx.alterAction()) {
            Statement.AlterAction action = alterAction(table, a);
            if (ctx.alterAction().size() > 1 && (action instanceof Statement.RenameTable || action instanceof Statement.RenameColumn)) {
                throw new SqlSyntaxException("syntax error at or near \"RENAME\"", sql, pos(a));   // PostgreSQL allows it alone only
            }
            steps.add(new Statement.AlterTable(pos(ctx), table, ctx.EXISTS() != null, action));
        }
        return steps.size() == 1 ? steps.get(0) : new Statement.AlterTableSteps(pos(ctx), List.copyOf(steps));
    }

    private Statement.AlterAction alterAction(QualifiedName table, AlterActionContext action) {
        return switch (action) {
            case AddColumnActionContext a -> new Statement.AddColumn(pos(a), a.EXISTS() != null,
                    tableDefinition(pos(a), table, false, List.of(a.columnDefinition())));
            case DropColumnActionContext d -> new Statement.DropColumn(pos(d), identifier(d.identifier()),
                    d.EXISTS() != null, d.CASCADE() != null);
            case RenameColumnActionContext r -> new Statement.RenameColumn(pos(r), identifier(r.from), identifier(r.to));
            case RenameTableActionContext r -> new Statement.RenameTable(pos(r), identifier(r.identifier()));
            case AlterColumnTypeActionContext a -> new Statement.AlterColumnType(pos(a), identifier(a.identifier()),
                    typeName(a.typeName()), a.expression() == null ? null : expr(a.expression()));
            case AddConstraintActionContext a -> new Statement.AddConstraint(pos(a),
                    tableDefinition(pos(a), table, false, List.of(a.tableConstraint())),
                    a.tableConstraint().VALID() != null);
            case ValidateConstraintActionContext v -> new Statement.ValidateConstraint(pos(v), identifier(v.identifier()));
            case DropConstraintActionContext d -> new Statement.DropConstraint(pos(d), identifier(d.identifier()),
                    d.EXISTS() != null);
            case AlterColumnActionContext a -> new Statement.AlterColumn(pos(a), identifier(a.identifier()),
                    (a.SET() != null ? "set " : "drop ") + (a.DEFAULT() != null ? "default" : "not null"),
                    a.boundExpression() == null ? null : bound(a.boundExpression()),
                    a.boundExpression() == null ? null : text(a.boundExpression()));
            case AddIdentityActionContext a -> new Statement.AlterIdentity(pos(a), identifier(a.identifier()), "add",
                    a.ALWAYS() != null, sequenceOptions(a.sequenceOption()), false, null);
            case SetGeneratedActionContext a -> new Statement.AlterIdentity(pos(a), identifier(a.identifier()), "set",
                    a.ALWAYS() != null, Statement.SequenceOptions.NONE, false, null);
            case DropIdentityActionContext a -> new Statement.AlterIdentity(pos(a), identifier(a.identifier()), "drop",
                    false, Statement.SequenceOptions.NONE, a.EXISTS() != null, null);
            case RestartIdentityActionContext a -> new Statement.AlterIdentity(pos(a), identifier(a.identifier()),
                    "restart", false, Statement.SequenceOptions.NONE, false,
                    a.signedInteger() == null ? null : signedInteger(a.signedInteger()));
            case DropExpressionActionContext d -> new Statement.AlterColumn(pos(d), identifier(d.identifier()),
                    d.EXISTS() != null ? "drop expression if exists" : "drop expression", null, null);
            case RenameConstraintActionContext r -> new Statement.RenameConstraint(pos(r), identifier(r.from),
                    identifier(r.to));
            case SetStatisticsActionContext st -> new Statement.TableStorage(pos(st), "set statistics",
                    identifier(st.identifier()), List.<String[]>of(new String[]{"statistics", st.signedInteger().getText()}));
            case StorageParametersActionContext p -> new Statement.TableStorage(pos(p),
                    p.SET() != null ? "set" : "reset", null, storageParameters(p.storageParameter()));
            case SetLoggedActionContext l -> new Statement.TableStorage(pos(l),
                    l.LOGGED() != null ? "set logged" : "set unlogged", null, List.of());
            case ClusterOnActionContext co -> new Statement.TableStorage(pos(co), "cluster on",
                    identifier(co.identifier()), List.of());
            case SetWithoutClusterActionContext w -> new Statement.TableStorage(pos(w), "set without cluster", null,
                    List.of());
            default -> throw new IllegalStateException("unhandled ALTER TABLE action " + action.getText());
        };
    }

    /** SET (name = value, ...): each parameter's name (lower case, dotted) and value text (null when none). */
    private List<String[]> storageParameters(List<StorageParameterContext> ctxs) {
        List<String[]> out = new ArrayList<>();
        for (StorageParameterContext p : ctxs) {
            String value = p.settingValue() == null ? null : p.settingValue().STRING() != null
                    ? unquote(p.settingValue().getText(), '\'') : p.settingValue().getText().toLowerCase(Locale.ROOT);
            out.add(new String[]{settingName(p.settingName()), value});
        }
        return List.copyOf(out);
    }

    private Statement indexMaintenance(IndexMaintenanceContext ctx) {
        return switch (ctx) {
            case AlterIndexRenameContext r -> new Statement.AlterIndex(pos(r), r.EXISTS() != null,
                    qualifiedName(r.qualifiedName()), identifier(r.identifier()));
            case AlterIndexParametersContext p -> new Statement.AlterIndexParameters(pos(p), p.EXISTS() != null,
                    qualifiedName(p.qualifiedName()), storageParameters(p.storageParameter()));
            case ReindexStatementContext r -> {
                for (VacuumOptionContext o : r.vacuumOption()) {
                    String name = o.identifier() != null ? identifier(o.identifier()) : o.getStart().getText().toLowerCase(Locale.ROOT);
                    if (!List.of("verbose", "concurrently", "tablespace").contains(name)) {
                        throw new SqlSyntaxException("unrecognized REINDEX option \"" + name + "\"", sql, pos(o));
                    }
                }
                String kind = r.kind.getText().toLowerCase(Locale.ROOT);
                if (r.qualifiedName() == null && !kind.equals("database") && !kind.equals("system")) {
                    throw new SqlSyntaxException("syntax error at end of input", sql, pos(r));
                }
                yield new Statement.Reindex(pos(r), kind, r.qualifiedName() == null ? null : qualifiedName(r.qualifiedName()));
            }
            case ClusterStatementContext c -> new Statement.Cluster(pos(c),
                    c.qualifiedName() == null ? null : qualifiedName(c.qualifiedName()),
                    c.identifier() == null ? null : identifier(c.identifier()));
            default -> throw new IllegalStateException("unhandled index statement " + ctx.getText());
        };
    }

    /** ON DELETE and ON UPDATE actions, "no action" when not written; a second of either is an error. */
    private String[] actions(List<ReferentialActionContext> ctxs) {
        String[] out = {null, null};
        for (ReferentialActionContext a : ctxs) {
            int i = a.event.getType() == KyroSqlParser.DELETE ? 0 : 1;
            if (out[i] != null) {
                throw new SqlSyntaxException("conflicting or redundant options", sql, pos(a));
            }
            List<String> words = new ArrayList<>();
            for (int c = 2; c < a.getChildCount(); c++) {
                words.add(a.getChild(c).getText().toLowerCase(Locale.ROOT));
            }
            out[i] = String.join(" ", words);
        }
        out[0] = out[0] == null ? "no action" : out[0];
        out[1] = out[1] == null ? "no action" : out[1];
        return out;
    }

    /** PREPARE name [(types)] AS statement: only what PostgreSQL prepares (a query, INSERT, UPDATE, DELETE). */
    private Statement prepare(PrepareStatementContext p) {
        StatementContext inner = p.statement();
        Statement body = buildStatement(inner);
        if (!(body instanceof Statement.Query || body instanceof Statement.Insert || body instanceof Statement.Update
                || body instanceof Statement.Delete || body instanceof Statement.WithStatement)) {
            throw new SqlSyntaxException("syntax error at or near \"" + inner.getStart().getText() + "\"", sql,
                    pos(inner));
        }
        List<TypeName> types = p.typeName().stream().map(this::typeName).toList();
        return new Statement.Prepare(pos(p), identifier(p.identifier()), types, body,
                Math.max(parameters, types.size()), text(inner));
    }

    private Statement alterType(AlterTypeContext ctx) {
        return switch (ctx) {
            case AlterTypeAddValueContext a -> new Statement.AlterEnumAddValue(pos(a), qualifiedName(a.qualifiedName()),
                    a.EXISTS() != null, unquote(a.label.getText(), '\''),
                    a.neighbour == null ? null : unquote(a.neighbour.getText(), '\''),
                    a.place != null && a.place.getType() == KyroSqlParser.BEFORE);
            case AlterTypeRenameValueContext r -> new Statement.AlterEnumRenameValue(pos(r),
                    qualifiedName(r.qualifiedName()), unquote(r.from.getText(), '\''), unquote(r.to.getText(), '\''));
            case AlterTypeRenameContext r -> new Statement.AlterTypeRename(pos(r), false,
                    qualifiedName(r.qualifiedName()), identifier(r.identifier()));
            default -> throw new IllegalStateException("unknown ALTER TYPE form " + ctx.getClass().getSimpleName());
        };
    }

    private Statement createDomain(CreateDomainContext ctx) {
        String defaultText = null;
        boolean notNull = false;
        List<Statement.DomainCheck> checks = new ArrayList<>();
        for (DomainConstraintContext c : ctx.domainConstraint()) {
            switch (c) {
                case DomainDefaultContext d -> defaultText = text(d.expression());
                case DomainNotNullContext n -> notNull = true;
                case DomainNullContext n -> notNull = false;
                case DomainCheckContext k -> checks.add(new Statement.DomainCheck(pos(k),
                        k.name == null ? null : identifier(k.name), expr(k.expression()), text(k.expression())));
                default -> throw new IllegalStateException("unknown domain constraint " + c.getClass().getSimpleName());
            }
        }
        return new Statement.CreateDomain(pos(ctx), qualifiedName(ctx.qualifiedName()), typeName(ctx.typeName()),
                defaultText, notNull, List.copyOf(checks));
    }

    private Statement alterDomain(AlterDomainContext ctx) {
        return switch (ctx) {
            case AlterDomainSetDefaultContext a -> new Statement.AlterDomain(pos(a), qualifiedName(a.qualifiedName()),
                    "SET_DEFAULT", text(a.expression()), null, null, false);
            case AlterDomainDropDefaultContext a -> new Statement.AlterDomain(pos(a), qualifiedName(a.qualifiedName()),
                    "DROP_DEFAULT", null, null, null, false);
            case AlterDomainSetNotNullContext a -> new Statement.AlterDomain(pos(a), qualifiedName(a.qualifiedName()),
                    "SET_NOT_NULL", null, null, null, false);
            case AlterDomainDropNotNullContext a -> new Statement.AlterDomain(pos(a), qualifiedName(a.qualifiedName()),
                    "DROP_NOT_NULL", null, null, null, false);
            case AlterDomainAddCheckContext a -> new Statement.AlterDomain(pos(a), qualifiedName(a.qualifiedName()),
                    "ADD_CHECK", null, new Statement.DomainCheck(pos(a), a.name == null ? null : identifier(a.name),
                    expr(a.expression()), text(a.expression())), null, false);
            case AlterDomainDropConstraintContext a -> new Statement.AlterDomain(pos(a),
                    qualifiedName(a.qualifiedName()), "DROP_CONSTRAINT", null, null, identifier(a.name), a.EXISTS() != null);
            case AlterDomainRenameContext r -> new Statement.AlterTypeRename(pos(r), true,
                    qualifiedName(r.qualifiedName()), identifier(r.identifier()));
            default -> throw new IllegalStateException("unknown ALTER DOMAIN form " + ctx.getClass().getSimpleName());
        };
    }

    /** The source text of a rule, as written. */
    String text(ParserRuleContext ctx) {
        return sql.substring(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex() + 1);
    }

    private Statement.SequenceOptions sequenceOptions(List<SequenceOptionContext> options) {
        TypeName type = null;
        Long increment = null;
        Long min = null;
        Long max = null;
        Long start = null;
        Long cache = null;
        Boolean cycle = null;
        boolean noMin = false;
        boolean noMax = false;
        QualifiedName sequenceName = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SequenceOptionContext o : options) {
            String kind = o.getClass().getSimpleName();
            if (!seen.add(kind.replace("No", ""))) {
                throw new SqlSyntaxException("conflicting or redundant options", sql, pos(o));
            }
            switch (o) {
                case SequenceTypeContext t -> type = typeName(t.typeName());
                case SequenceIncrementContext i -> increment = signedInteger(i.signedInteger());
                case SequenceMinValueContext m -> min = signedInteger(m.signedInteger());
                case SequenceNoMinValueContext m -> noMin = true;
                case SequenceMaxValueContext m -> max = signedInteger(m.signedInteger());
                case SequenceNoMaxValueContext m -> noMax = true;
                case SequenceStartContext s -> start = signedInteger(s.signedInteger());
                case SequenceCacheContext c -> cache = signedInteger(c.signedInteger());
                case SequenceCycleContext c -> cycle = c.NO() == null;
                case SequenceNameOptionContext n -> {
                    if (!identifier(n.nameWord).equals("name")) {
                        throw new SqlSyntaxException("syntax error at or near \"" + n.nameWord.getText() + "\"", sql,
                                pos(n.nameWord));
                    }
                    sequenceName = qualifiedName(n.qualifiedName());
                }
                default -> throw new IllegalStateException("unhandled sequence option " + o.getText());
            }
        }
        return new Statement.SequenceOptions(type, increment, min, noMin, max, noMax, start, cache, cycle, sequenceName);
    }

    /** CREATE and ALTER SEQUENCE's options: SEQUENCE NAME belongs to identity columns only (42601, as PostgreSQL). */
    private Statement.SequenceOptions ownSequenceOptions(List<SequenceOptionContext> options) {
        for (SequenceOptionContext o : options) {
            if (o instanceof SequenceNameOptionContext) {
                throw new SqlSyntaxException("invalid sequence option SEQUENCE NAME", sql, pos(o));
            }
        }
        return sequenceOptions(options);
    }

    private Statement.AlterSequence alterSequence(AlterSequenceContext ctx) {
        QualifiedName name = qualifiedName(ctx.qualifiedName());
        if (ctx.RENAME() != null) {
            return new Statement.AlterSequence(pos(ctx), name, ctx.EXISTS() != null, Statement.SequenceOptions.NONE,
                    false, null, false, null, identifier(ctx.identifier()));
        }
        List<SequenceOptionContext> common = new ArrayList<>();
        boolean restart = false;
        Long restartWith = null;
        boolean setOwner = false;
        List<String> owner = null;
        for (AlterSequenceOptionContext o : ctx.alterSequenceOption()) {
            switch (o) {
                case AlterSequenceCommonContext c -> common.add(c.sequenceOption());
                case SequenceRestartContext r -> {
                    if (restart) {
                        throw new SqlSyntaxException("conflicting or redundant options", sql, pos(r));
                    }
                    restart = true;
                    restartWith = r.signedInteger() == null ? null : signedInteger(r.signedInteger());
                }
                case SequenceOwnedByContext b -> {
                    if (setOwner) {
                        throw new SqlSyntaxException("conflicting or redundant options", sql, pos(b));
                    }
                    setOwner = true;
                    owner = b.NONE() != null ? null : b.identifier().stream().map(AstBuilder::identifier).toList();
                }
                default -> throw new IllegalStateException("unhandled ALTER SEQUENCE option " + o.getText());
            }
        }
        return new Statement.AlterSequence(pos(ctx), name, ctx.EXISTS() != null, ownSequenceOptions(common), restart,
                restartWith, setOwner, owner, null);
    }

    private Statement.CommentOn commentOn(CommentOnContext ctx) {
        String text = ctx.STRING() == null ? null : unquote(ctx.STRING().getText(), '\'');
        if (ctx.COLUMN() != null) {
            List<IdentifierContext> ids = ctx.identifier();
            int n = ids.size();
            QualifiedName table = new QualifiedName(pos(ids.get(0)), n == 3 ? identifier(ids.get(0)) : null,
                    identifier(ids.get(n - 2)));
            return new Statement.CommentOn(pos(ctx), "column", table, identifier(ids.get(n - 1)), text);
        }
        QualifiedName name = qualifiedName(ctx.qualifiedName());
        return new Statement.CommentOn(pos(ctx), ctx.kind.getText().toLowerCase(Locale.ROOT), name, null, text);
    }

    long signedInteger(SignedIntegerContext ctx) {
        String digits = ctx.INTEGER_VALUE().getText();
        try {
            return Long.parseLong(ctx.MINUS() != null ? "-" + digits : digits);
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException("value \"" + ctx.getText() + "\" is out of range for type bigint", sql, pos(ctx));
        }
    }

    TypeName typeName(TypeNameContext ctx) {
        List<String> words = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            if (id != ctx.schema && id != ctx.toField) {
                words.add(identifier(id));
            }
        }
        if (ctx.toField != null) {   // interval day to second(3): the field after TO and its precision
            if (!ctx.args.isEmpty()) {
                throw new SqlSyntaxException("syntax error at or near \"to\"", sql, pos(ctx.TO().getSymbol()));
            }
            words.add(words.size() - (ctx.zone != null ? 2 : 0), "to " + identifier(ctx.toField));
        }
        if (ctx.schema != null) {   // schema.type: the schema travels with the first word
            words.set(0, identifier(ctx.schema) + "." + words.get(0));
        }
        List<Integer> args = new ArrayList<>();
        for (Token t : ctx.toField != null ? ctx.toArgs : ctx.args) {
            boolean quoted = t.getType() == KyroSqlParser.STRING;
            String text = quoted ? unquote(t.getText(), '\'').strip() : t.getText();
            try {
                args.add(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                if (quoted) {   // Postgres reads a quoted type modifier as integer input: 22P02
                    throw new SqlSyntaxException("invalid input syntax for type integer: \"" + text + "\"", sql,
                            pos(t), "22P02");
                }
                throw new SqlSyntaxException("type modifier " + t.getText() + " is out of range", sql, pos(t));
            }
        }
        if (ctx.zone != null) {
            if (!words.get(words.size() - 2).equals("time") || !words.get(words.size() - 1).equals("zone")) {
                throw new SqlSyntaxException("syntax error: expected TIME ZONE after " + ctx.zone.getText(), sql,
                        pos(ctx.zone));
            }
            words.set(words.size() - 2, ctx.zone.getType() == KyroSqlParser.WITH ? "with" : "without");
            words.set(words.size() - 1, "time zone");
        }
        String name = String.join(" ", words) + (ctx.LBRACKET().isEmpty() ? "" : "[]");   // int[][] is int[], as in Postgres
        return new TypeName(pos(ctx), name, List.copyOf(args));
    }

    /** {@code DAY TO SECOND(3)} after an interval literal: the type {@code interval day to second(3)}. */
    private TypeName intervalQualifier(IntervalQualifierContext ctx) {
        String name = "interval " + identifier(ctx.from) + (ctx.to == null ? "" : " to " + identifier(ctx.to));
        if (ctx.to != null && !ctx.args.isEmpty()) {
            throw new SqlSyntaxException("syntax error at or near \"to\"", sql, pos(ctx.TO().getSymbol()));
        }
        List<Integer> args = new ArrayList<>();
        for (Token t : ctx.to != null ? ctx.toArgs : ctx.args) {
            args.add(typeModifier(t));
        }
        return new TypeName(pos(ctx.from), name, List.copyOf(args));
    }

    private int typeModifier(Token t) {
        try {
            return Integer.parseInt(t.getText());
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException("type modifier " + t.getText() + " is out of range", sql, pos(t));
        }
    }

    private TypeName literalType(LiteralTypeContext ctx) {
        List<String> words = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            words.add(identifier(id));
        }
        if (ctx.zone != null) {
            if (!words.get(words.size() - 2).equals("time") || !words.get(words.size() - 1).equals("zone")) {
                throw new SqlSyntaxException("syntax error: expected TIME ZONE after " + ctx.zone.getText(), sql,
                        pos(ctx.zone));
            }
            words.set(words.size() - 2, ctx.zone.getType() == KyroSqlParser.WITH ? "with" : "without");
            words.set(words.size() - 1, "time zone");
        }
        return new TypeName(pos(ctx), String.join(" ", words), List.of());
    }

    private Statement dropTable(DropTableContext ctx) {
        List<QualifiedName> names = new ArrayList<>();
        for (QualifiedNameContext q : ctx.qualifiedName()) {
            names.add(qualifiedName(q));
        }
        return new Statement.DropTable(pos(ctx), ctx.EXISTS() != null, List.copyOf(names), ctx.CASCADE() != null);
    }

    private Statement createIndex(CreateIndexContext ctx) {
        List<Statement.IndexColumn> columns = new ArrayList<>();
        for (IndexColumnContext c : ctx.indexColumn()) {
            boolean descending = c.ordering != null && c.ordering.getType() == KyroSqlParser.DESC;
            String opclass = c.opclass == null ? null : identifier(c.opclass);
            if (c.parenthesized != null) {
                columns.add(new Statement.IndexColumn(pos(c), null, descending, opclass, expr(c.parenthesized),
                        text(c.parenthesized)));
            } else if (c.call != null) {
                Expr e = expr(c.call);
                if (!(e instanceof Expr.FunctionCall)) {
                    throw new SqlSyntaxException("syntax error at or near \"" + c.call.getStart().getText()
                            + "\": an index expression that is not a function call needs parentheses", sql, pos(c.call));
                }
                columns.add(new Statement.IndexColumn(pos(c), null, descending, opclass, e, text(c.call)));
            } else {
                columns.add(new Statement.IndexColumn(pos(c), identifier(c.identifier(0)), descending, opclass));
            }
            if (c.nullsOrder != null) {
                int last = columns.size() - 1;
                columns.set(last, columns.get(last).withNullsFirst(c.nullsOrder.getType() == KyroSqlParser.FIRST));
            }
        }
        List<Statement.IndexOption> options = new ArrayList<>();
        for (IndexOptionContext o : ctx.indexOption()) {
            SettingValueContext v = o.settingValue();
            String value = v.STRING() != null ? unquote(v.STRING().getText(), '\'')
                    : v.identifier() != null ? identifier(v.identifier()) : v.getText().toLowerCase(Locale.ROOT);
            options.add(new Statement.IndexOption(pos(o), identifier(o.identifier()), value));
        }
        if (ctx.name == null && ctx.EXISTS() != null) {
            throw new SqlSyntaxException("syntax error at or near \"ON\": IF NOT EXISTS needs an index name", sql,
                    pos(ctx.ON().getSymbol()));
        }
        return new Statement.CreateIndex(pos(ctx), ctx.name == null ? null : identifier(ctx.name),
                ctx.UNIQUE() != null, ctx.EXISTS() != null, qualifiedName(ctx.qualifiedName()), List.copyOf(columns),
                ctx.method == null ? null : identifier(ctx.method), List.copyOf(options), ctx.CONCURRENTLY() != null,
                ctx.predicate == null ? null : expr(ctx.predicate), ctx.predicate == null ? null : text(ctx.predicate),
                ctx.include.stream().map(AstBuilder::identifier).toList());
    }

    private Statement dropIndex(DropIndexContext ctx) {
        List<QualifiedName> names = new ArrayList<>();
        for (QualifiedNameContext q : ctx.qualifiedName()) {
            names.add(qualifiedName(q));
        }
        return new Statement.DropIndex(pos(ctx), ctx.EXISTS() != null, List.copyOf(names), ctx.CONCURRENTLY() != null);
    }

    private Statement createTableAs(CreateTableContext ctx) {
        List<String> columns = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            columns.add(identifier(id));
        }
        return new Statement.CreateTableAs(pos(ctx), qualifiedName(ctx.qualifiedName()), ctx.EXISTS() != null,
                List.copyOf(columns), query(ctx.query()), ctx.NO() == null, temporary(ctx.tablePersistence()),
                onCommit(ctx.onCommit()));
    }

    private Statement createView(CreateViewContext ctx) {
        List<String> columns = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            columns.add(identifier(id));
        }
        QueryContext q = ctx.query();
        String text = sql.substring(q.getStart().getStartIndex(), q.getStop().getStopIndex() + 1);
        if (ctx.MATERIALIZED() != null) {
            QualifiedName name = qualifiedName(ctx.qualifiedName());
            return new Statement.CreateMaterializedView(pos(ctx), new Statement.CreateTableAs(pos(ctx), name,
                    ctx.EXISTS() != null, List.copyOf(columns), query(q), ctx.NO() == null, false, null), text);
        }
        String checkOption = ctx.CHECK() == null ? null : ctx.checkOption == null || ctx.checkOption.getType() == KyroSqlParser.CASCADED
                ? "cascaded" : "local";
        return new Statement.CreateView(pos(ctx), qualifiedName(ctx.qualifiedName()), ctx.REPLACE() != null,
                List.copyOf(columns), query(q), text, storageParameters(ctx.storageParameter()), checkOption);
    }

    // ---- DML ----------------------------------------------------------------------------------

    private Statement insert(InsertContext ctx) {
        List<String> columns = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            columns.add(identifier(id));
        }
        List<List<Expr>> rows = new ArrayList<>(ctx.valuesRow().size());
        for (ValuesRowContext row : ctx.valuesRow()) {
            List<Expr> values = new ArrayList<>(row.valueItem().size());   // null: DEFAULT
            for (ValueItemContext v : row.valueItem()) {
                values.add(v.DEFAULT() != null ? null : expr(v.expression()));
            }
            rows.add(java.util.Collections.unmodifiableList(values));
        }
        String overriding = ctx.OVERRIDING() == null ? null : ctx.SYSTEM() != null ? "system" : "user";
        return new Statement.Insert(pos(ctx), qualifiedName(ctx.qualifiedName()), List.copyOf(columns), rows,
                ctx.query() == null ? null : query(ctx.query()),
                ctx.onConflict() == null ? null : onConflict(ctx.onConflict()), returning(ctx.returning()),
                ctx.VALUES() != null && ctx.DEFAULT() != null, overriding);
    }

    private List<Statement.SelectItem> returning(ReturningContext ctx) {
        return ctx == null ? List.of() : selectItems(ctx.selectItem());
    }

    private Statement.OnConflict onConflict(OnConflictContext ctx) {
        List<String> columns = new ArrayList<>();
        String constraint = null;
        List<Expr> expressions = new ArrayList<>();
        if (ctx.CONSTRAINT() != null) {
            constraint = identifier(ctx.identifier());
        } else {
            for (ConflictTargetContext t : ctx.conflictTarget()) {
                if (t.identifier() != null) {
                    columns.add(identifier(t.identifier()));
                } else {
                    expressions.add(expr(t.parenthesized != null ? t.parenthesized : t.call));
                }
            }
        }
        List<Statement.Assignment> assignments = assignments(ctx.assignment());
        ExpressionContext updateWhere = null;
        for (ExpressionContext e : ctx.expression()) {
            if (e != ctx.arbiterWhere) {
                updateWhere = e;
            }
        }
        return new Statement.OnConflict(pos(ctx), List.copyOf(columns), constraint, List.copyOf(assignments),
                updateWhere == null ? null : expr(updateWhere),
                ctx.arbiterWhere == null ? null : expr(ctx.arbiterWhere), List.copyOf(expressions));
    }

    private Statement update(UpdateContext ctx) {
        List<Statement.Assignment> assignments = assignments(ctx.assignment());
        return new Statement.Update(pos(ctx), qualifiedName(ctx.qualifiedName()),
                ctx.identifier() == null ? null : identifier(ctx.identifier()), List.copyOf(assignments),
                fromItems(ctx.fromItem()), ctx.expression() == null ? null : expr(ctx.expression()),
                returning(ctx.returning()));
    }

    /**
     * SET items, each column on its own: {@code (a, b) = (v, w)} / {@code ROW(v, w)} is {@code a = v, b = w};
     * {@code (a, b) = (SELECT x, y ...)} is {@code a = (SELECT x ...), b = (SELECT y ...)}, which gives
     * the same values (NULLs when no row, 21000 when more than one).
     */
    private List<Statement.Assignment> assignments(List<AssignmentContext> ctxs) {
        List<Statement.Assignment> out = new ArrayList<>();
        for (AssignmentContext a : ctxs) {
            List<IdentifierContext> names = a.identifier();
            if (!a.subscripts.isEmpty()) {
                // SET c[i][j] = v is SET c = the value of c with that element replaced (kyro_subscript_set);
                // several elements of one column are set one after the other, as PostgreSQL does
                String column = identifier(names.get(0));
                int earlier = -1;
                for (int k = 0; k < out.size(); k++) {
                    if (out.get(k).column().equals(column) && out.get(k).value() instanceof Expr.FunctionCall f
                            && f.name().equals("kyro_subscript_set")) {
                        earlier = k;
                    }
                }
                List<Expr> args = new ArrayList<>();
                args.add(earlier >= 0 ? out.get(earlier).value() : new Expr.ColumnRef(pos(names.get(0)), null, column));
                args.add(expr(a.value));
                for (ExpressionContext s : a.subscripts) {
                    args.add(expr(s));
                }
                Statement.Assignment assignment = new Statement.Assignment(pos(a), column,
                        new Expr.FunctionCall(pos(a), "kyro_subscript_set", List.copyOf(args), false, false));
                if (earlier >= 0) {
                    out.set(earlier, assignment);
                } else {
                    out.add(assignment);
                }
                continue;
            }
            if (a.LPAREN().isEmpty()) {
                out.add(new Statement.Assignment(pos(a), identifier(names.get(0)),
                        a.DEFAULT() != null ? null : expr(a.expression(0))));
                continue;
            }
            if (a.query() == null) {
                List<ValueItemContext> values = a.valueItem();
                if (values.size() != names.size()) {
                    throw new SqlSyntaxException("number of columns does not match number of values", sql, pos(a));
                }
                for (int i = 0; i < names.size(); i++) {
                    ValueItemContext v = values.get(i);
                    out.add(new Statement.Assignment(pos(names.get(i)), identifier(names.get(i)),
                            v.DEFAULT() != null ? null : expr(v.expression())));
                }
                continue;
            }
            Statement.Query q = query(a.query());
            if (!(q instanceof Statement.Select select)
                    || select.items().stream().anyMatch(item -> !(item instanceof Statement.SelectExpression))) {
                throw new SqlSyntaxException("the sub-SELECT of a multiple-column SET must list its columns"
                        + " (a single SELECT without *)", sql, pos(a.query()));
            }
            if (select.items().size() != names.size()) {
                throw new SqlSyntaxException("number of columns does not match number of values", sql, pos(a.query()));
            }
            for (int i = 0; i < names.size(); i++) {
                Statement.Select one = new Statement.Select(select.pos(), select.distinct(), List.of(select.items().get(i)),
                        select.from(), select.where(), select.groupBy(), select.having(), select.orderBy(),
                        select.limit(), select.offset(), select.distinctOn(), select.windows(), select.withTies(),
                        select.locking());
                out.add(new Statement.Assignment(pos(names.get(i)), identifier(names.get(i)),
                        new Expr.Subquery(pos(a.query()), one)));
            }
        }
        return List.copyOf(out);
    }

    /** MERGE INTO ... USING ... ON ... WHEN ...: the clauses in the order written. */
    private Statement merge(MergeContext ctx) {
        List<Statement.MergeClause> clauses = new ArrayList<>();
        for (MergeWhenContext w : ctx.mergeWhen()) {
            if (w instanceof MergeWhenMatchedContext m) {
                Statement.MergeAction action = m.UPDATE() != null ? Statement.MergeAction.UPDATE
                        : m.DELETE() != null ? Statement.MergeAction.DELETE : Statement.MergeAction.NOTHING;
                clauses.add(new Statement.MergeClause(pos(m), true, m.expression() == null ? null : expr(m.expression()),
                        action, assignments(m.assignment()), List.of(), null, null));
            } else {
                MergeWhenNotMatchedContext n = (MergeWhenNotMatchedContext) w;
                if (n.NOTHING() != null) {
                    clauses.add(new Statement.MergeClause(pos(n), false,
                            n.expression() == null ? null : expr(n.expression()), Statement.MergeAction.NOTHING,
                            List.of(), List.of(), null, null));
                    continue;
                }
                List<String> columns = new ArrayList<>();
                for (IdentifierContext id : n.identifier()) {
                    columns.add(identifier(id));
                }
                List<Expr> values = null;
                if (n.valuesRow() != null) {
                    values = new ArrayList<>();
                    for (ValueItemContext v : n.valuesRow().valueItem()) {
                        values.add(v.DEFAULT() != null ? null : expr(v.expression()));
                    }
                    values = java.util.Collections.unmodifiableList(values);
                }
                String overriding = n.OVERRIDING() == null ? null : n.SYSTEM() != null ? "system" : "user";
                clauses.add(new Statement.MergeClause(pos(n), false, n.expression() == null ? null : expr(n.expression()),
                        Statement.MergeAction.INSERT, List.of(), List.copyOf(columns), values, overriding));
            }
        }
        return new Statement.Merge(pos(ctx), qualifiedName(ctx.qualifiedName()),
                ctx.alias == null ? null : identifier(ctx.alias), fromPrimary(ctx.fromPrimary()), expr(ctx.expression()),
                List.copyOf(clauses));
    }

    private Statement delete(DeleteContext ctx) {
        return new Statement.Delete(pos(ctx), qualifiedName(ctx.qualifiedName()),
                ctx.identifier() == null ? null : identifier(ctx.identifier()), fromItems(ctx.fromItem()),
                ctx.expression() == null ? null : expr(ctx.expression()), returning(ctx.returning()));
    }

    private List<FromItem> fromItems(List<FromItemContext> ctxs) {
        List<FromItem> from = new ArrayList<>();
        for (FromItemContext f : ctxs) {
            from.add(fromItem(f));
        }
        return List.copyOf(from);
    }

    // ---- Queries ------------------------------------------------------------------------------

    /** A query: a SELECT, or a set operation whose ORDER BY / LIMIT apply to the whole of it. */
    Statement.Query query(QueryContext ctx) {
        Statement.Query body = queryBody(ctx);
        if (ctx.withClause() == null) {
            return body;
        }
        return new Statement.With(pos(ctx), ctx.withClause().RECURSIVE() != null,
                commonTableExpressions(ctx.withClause()), body);
    }

    private List<Statement.CommonTableExpression> commonTableExpressions(WithClauseContext ctx) {
        List<Statement.CommonTableExpression> ctes = new ArrayList<>();
        for (CommonTableExpressionContext c : ctx.commonTableExpression()) {
            List<String> columns = new ArrayList<>();
            for (IdentifierContext id : c.identifier().subList(1, c.identifier().size())) {
                columns.add(identifier(id));
            }
            if (c.query() == null) {   // a data-modifying statement
                Statement modifying = c.insert() != null ? insert(c.insert())
                        : c.update() != null ? update(c.update()) : delete(c.delete());
                ctes.add(new Statement.CommonTableExpression(pos(c), identifier(c.identifier(0)), List.copyOf(columns),
                        null, modifying));
                continue;
            }
            Statement.CommonTableExpression cte = new Statement.CommonTableExpression(pos(c), identifier(c.identifier(0)),
                    List.copyOf(columns), query(c.query()));
            if (c.searchClause() != null || c.cycleClause() != null) {
                cte = SearchCycleRewrite.rewrite(cte, ctx.RECURSIVE() != null, search(c.searchClause()),
                        cycle(c.cycleClause()), sql);
            }
            ctes.add(cte);
        }
        return List.copyOf(ctes);
    }

    private SearchCycleRewrite.Search search(SearchClauseContext ctx) {
        if (ctx == null) {
            return null;
        }
        List<SearchCycleRewrite.Name> by = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier().subList(0, ctx.identifier().size() - 1)) {
            by.add(new SearchCycleRewrite.Name(identifier(id), pos(id)));
        }
        return new SearchCycleRewrite.Search(pos(ctx), ctx.BREADTH() != null, by,
                new SearchCycleRewrite.Name(identifier(ctx.seqColumn), pos(ctx.seqColumn)));
    }

    private SearchCycleRewrite.Cycle cycle(CycleClauseContext ctx) {
        if (ctx == null) {
            return null;
        }
        List<SearchCycleRewrite.Name> columns = new ArrayList<>();
        for (IdentifierContext id : ctx.identifier()) {
            if (id != ctx.markColumn && id != ctx.pathColumn) {
                columns.add(new SearchCycleRewrite.Name(identifier(id), pos(id)));
            }
        }
        Expr mark = ctx.markValue == null ? new Expr.Literal(pos(ctx), Expr.LiteralKind.BOOLEAN, Boolean.TRUE) : bound(ctx.markValue);
        Expr otherwise = ctx.markDefault == null ? new Expr.Literal(pos(ctx), Expr.LiteralKind.BOOLEAN, Boolean.FALSE)
                : bound(ctx.markDefault);
        return new SearchCycleRewrite.Cycle(pos(ctx), columns, new SearchCycleRewrite.Name(identifier(ctx.markColumn),
                pos(ctx.markColumn)), mark, otherwise, new SearchCycleRewrite.Name(identifier(ctx.pathColumn), pos(ctx.pathColumn)));
    }

    private List<Statement.SortItem> sortItems(OrderByContext ctx) {
        List<Statement.SortItem> orderBy = new ArrayList<>();
        if (ctx != null) {
            for (SortItemContext s : ctx.sortItem()) {
                Boolean nullsFirst = s.nullOrdering == null ? null : s.nullOrdering.getType() == KyroSqlParser.FIRST;
                orderBy.add(new Statement.SortItem(pos(s), expr(s.expression()),
                        s.ordering != null && s.ordering.getType() == KyroSqlParser.DESC, nullsFirst));
            }
        }
        return List.copyOf(orderBy);
    }

    private Statement.Query queryBody(QueryContext ctx) {
        List<Statement.SortItem> orderBy = sortItems(ctx.orderBy());
        Expr limit = null;
        Expr offset = null;
        boolean ties = false;
        if (ctx.limitClause() != null) {
            LimitPartContext l = ctx.limitClause().limitPart();
            OffsetPartContext o = ctx.limitClause().offsetPart();
            if (l != null && l.FETCH() != null) {
                limit = l.limit == null ? new Expr.Literal(pos(l), LiteralKind.INTEGER, "1") : expr(l.limit);
                ties = l.TIES() != null;
                if (ties && orderBy.isEmpty()) {
                    throw new SqlSyntaxException("WITH TIES cannot be specified without ORDER BY clause", sql, pos(l));
                }
            } else if (l != null && l.limit != null) {
                limit = expr(l.limit);
            }
            offset = o == null ? null : expr(o.offset);
        }
        List<Statement.Locking> locking = new ArrayList<>();
        for (LockingClauseContext lc : ctx.lockingClause()) {
            Statement.LockStrength strength = lc.NO() != null ? Statement.LockStrength.NO_KEY_UPDATE
                    : lc.UPDATE() != null ? Statement.LockStrength.UPDATE
                    : lc.KEY() != null ? Statement.LockStrength.KEY_SHARE : Statement.LockStrength.SHARE;
            List<QualifiedName> of = new ArrayList<>();
            for (QualifiedNameContext q : lc.qualifiedName()) {
                of.add(qualifiedName(q));
            }
            Statement.LockWait wait = lc.NOWAIT() != null ? Statement.LockWait.NOWAIT
                    : lc.SKIP_() != null ? Statement.LockWait.SKIP_LOCKED : Statement.LockWait.WAIT;
            locking.add(new Statement.Locking(pos(lc), strength, List.copyOf(of), wait));
        }
        boolean tail = !orderBy.isEmpty() || limit != null || offset != null || !locking.isEmpty();
        return switch (ctx.queryTerm()) {
            case SimpleQueryTermContext s -> select(ctx, s.querySpecification(), orderBy, limit, offset)
                    .withTail(orderBy, limit, offset, ties, List.copyOf(locking));
            case ParenthesizedQueryTermContext p when !tail -> query(p.query());
            case ParenthesizedQueryTermContext p -> withTail(query(p.query()), orderBy, limit, offset, ties,
                    List.copyOf(locking), p);
            case TableQueryTermContext t -> tableQuery(t).withTail(orderBy, limit, offset, ties, List.copyOf(locking));
            case ValuesQueryTermContext v when !tail -> values(v);
            case ValuesQueryTermContext v -> withTail(values(v), orderBy, limit, offset, ties, List.copyOf(locking), v);
            default -> {
                if (!locking.isEmpty()) {
                    throw new SqlSyntaxException("FOR " + locking.get(0).strength().name().replace('_', ' ')
                            + " is not allowed with UNION/INTERSECT/EXCEPT", sql, locking.get(0).pos());
                }
                Statement.SetOperation op = setOperation(ctx.queryTerm());
                yield new Statement.SetOperation(op.pos(), op.operator(), op.all(), op.left(), op.right(),
                        orderBy, limit, offset, ties);
            }
        };
    }

    /**
     * {@code (q) ORDER BY ... LIMIT ...}: a parenthesized query that has its own ORDER BY or LIMIT
     * keeps them (they apply first), so the outer ones need a level of their own: a UNION ALL with
     * nothing would change nothing, so this is said as an error instead of guessed.
     */
    private Statement.Query withTail(Statement.Query inner, List<Statement.SortItem> orderBy, Expr limit, Expr offset,
                                     boolean ties, List<Statement.Locking> locking, ParserRuleContext where) {
        switch (inner) {
            case Statement.Select s when s.orderBy().isEmpty() && s.limit() == null && s.offset() == null
                    && s.locking().isEmpty() -> {
                return s.withTail(orderBy, limit, offset, ties, locking);
            }
            case Statement.SetOperation o when o.orderBy().isEmpty() && o.limit() == null && o.offset() == null
                    && locking.isEmpty() -> {
                return new Statement.SetOperation(o.pos(), o.operator(), o.all(), o.left(), o.right(), orderBy, limit,
                        offset, ties);
            }
            default -> throw new SqlSyntaxException("multiple ORDER BY or LIMIT clauses not allowed", sql, pos(where));
        }
    }

    /**
     * {@code VALUES (row), ...} as a query: the rows' SELECTs (columns named column1, column2, ...)
     * joined by UNION ALL, in a balanced tree so that a long list does not nest deeply.
     */
    /** {@code TABLE t} is {@code SELECT * FROM t}. */
    private Statement.Select tableQuery(TableQueryTermContext ctx) {
        Pos at = pos(ctx);
        return new Statement.Select(at, false, List.of(new Statement.AllColumns(at, null)),
                List.of(new Statement.TableReference(at, qualifiedName(ctx.qualifiedName()), null)), null, List.of(), null,
                List.of(), null, null);
    }

    private Statement.Query values(ValuesQueryTermContext ctx) {
        List<Statement.Query> rows = new ArrayList<>();
        int width = ctx.valuesRow(0).valueItem().size();
        for (ValuesRowContext row : ctx.valuesRow()) {
            if (row.valueItem().size() != width) {
                throw new SqlSyntaxException("VALUES lists must all be the same length", sql, pos(row));
            }
            List<Statement.SelectItem> items = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                ValueItemContext item = row.valueItem(i);
                ExpressionContext e = item.expression();
                if (e == null) {
                    throw new SqlSyntaxException("DEFAULT is not allowed in this context", sql, pos(item));
                }
                items.add(new Statement.SelectExpression(pos(e), expr(e), "column" + (i + 1)));
            }
            rows.add(new Statement.Select(pos(row), false, List.copyOf(items), List.of(), null, List.of(), null,
                    List.of(), null, null));
        }
        return unionAll(rows, 0, rows.size(), pos(ctx));
    }

    private static Statement.Query unionAll(List<Statement.Query> rows, int from, int to, Pos at) {
        if (to - from == 1) {
            return rows.get(from);
        }
        int mid = (from + to) >>> 1;
        return new Statement.SetOperation(at, Statement.SetOperator.UNION, true, unionAll(rows, from, mid, at),
                unionAll(rows, mid, to, at), List.of(), null, null);
    }

    private Statement.SetOperation setOperation(QueryTermContext ctx) {
        Statement.Query left;
        Statement.Query right;
        Statement.SetOperator operator;
        SetQuantifierContext quantifier;
        Token at;
        if (ctx instanceof IntersectQueryTermContext i) {
            left = term(i.left);
            right = term(i.right);
            operator = Statement.SetOperator.INTERSECT;
            quantifier = i.setQuantifier();
            at = i.INTERSECT().getSymbol();
        } else {
            UnionQueryTermContext u = (UnionQueryTermContext) ctx;
            left = term(u.left);
            right = term(u.right);
            operator = u.op.getType() == KyroSqlParser.UNION ? Statement.SetOperator.UNION : Statement.SetOperator.EXCEPT;
            quantifier = u.setQuantifier();
            at = u.op;
        }
        boolean all = quantifier != null && quantifier.ALL() != null;
        return new Statement.SetOperation(pos(at), operator, all, left, right, List.of(), null, null);
    }

    private Statement.Query term(QueryTermContext ctx) {
        return switch (ctx) {
            case SimpleQueryTermContext s -> select(null, s.querySpecification(), List.of(), null, null);
            case ParenthesizedQueryTermContext p -> query(p.query());
            case ValuesQueryTermContext v -> values(v);
            case TableQueryTermContext t -> tableQuery(t);
            default -> setOperation(ctx);
        };
    }

    /** The grouping sets a ROLLUP, CUBE or GROUPING SETS stands for, each a list of expressions. */
    private List<List<Expr>> groupingSets(GroupingSpecContext g) {
        if (g.kind != null) {
            List<List<Expr>> elements = new ArrayList<>();
            for (ExpressionContext e : g.expression()) {
                elements.add(GroupingSets.members(expr(e)));
            }
            return g.kind.getType() == KyroSqlParser.ROLLUP ? GroupingSets.rollup(elements) : GroupingSets.cube(elements);
        }
        List<List<Expr>> sets = new ArrayList<>();
        for (GroupingSetContext set : g.groupingSet()) {
            if (set.groupingSpec() != null) {
                sets.addAll(groupingSets(set.groupingSpec()));
            } else if (set.expression() != null) {
                sets.add(GroupingSets.members(expr(set.expression())));
            } else {
                sets.add(List.of());
            }
        }
        return sets;
    }

    private Statement.Select select(ParserRuleContext at, QuerySpecificationContext spec, List<Statement.SortItem> orderBy,
                                    Expr limit, Expr offset) {
        checkInto(spec);
        List<Statement.SelectItem> items = selectItems(spec.selectItem());
        List<FromItem> from = new ArrayList<>();
        for (FromItemContext f : spec.fromItem()) {
            from.add(fromItem(f));
        }
        List<Expr> groupBy = new ArrayList<>();
        List<List<List<Expr>>> groupingSets = new ArrayList<>();
        for (GroupItemContext g : spec.groupItem()) {
            if (g.groupingSpec() != null) {
                groupingSets.add(groupingSets(g.groupingSpec()));
            } else {
                Expr e = expr(g.expression());
                groupBy.add(e);
                groupingSets.add(List.of(GroupingSets.members(e)));
            }
        }
        if (spec.groupItem().stream().anyMatch(g -> g.groupingSpec() != null)) {
            groupBy = List.of(GroupingSets.call(pos(spec.groupItem(0)), GroupingSets.product(groupingSets)));
        }
        boolean distinct = spec.setQuantifier() != null && spec.setQuantifier().DISTINCT() != null;
        List<Expr> distinctOn = spec.distinctOn() == null ? List.of() : expressions(spec.distinctOn().expression());
        List<Statement.WindowDefinition> windows = new ArrayList<>();
        for (WindowDefinitionContext w : spec.windowDefinition()) {
            windows.add(new Statement.WindowDefinition(pos(w), identifier(w.identifier()),
                    windowSpec(w.windowSpecification())));
        }
        return new Statement.Select(pos(at != null ? at : spec), distinct || !distinctOn.isEmpty(), List.copyOf(items),
                List.copyOf(from), spec.where == null ? null : expr(spec.where), List.copyOf(groupBy),
                spec.having == null ? null : expr(spec.having), orderBy, limit, offset, List.copyOf(distinctOn),
                List.copyOf(windows), false, List.of());
    }

    private List<Statement.SelectItem> selectItems(List<SelectItemContext> ctxs) {
        List<Statement.SelectItem> items = new ArrayList<>();
        for (SelectItemContext item : ctxs) {
            if (item instanceof SelectAllContext) {
                items.add(new Statement.AllColumns(pos(item), null));
            } else if (item instanceof SelectAllOfTableContext t) {
                items.add(new Statement.AllColumns(pos(item), t.identifier().stream().map(AstBuilder::identifier)
                        .collect(java.util.stream.Collectors.joining("."))));
            } else {
                SelectExpressionContext e = (SelectExpressionContext) item;
                String label = e.identifier() != null ? identifier(e.identifier())
                        : e.expression() instanceof PrimaryExpressionContext p && p.primary() instanceof FunctionCallContext f
                        && (SPLIT_TO_TABLE.containsKey(functionName(f.schema, f.name))
                        || functionName(f.schema, f.name).equals(RegexpMatches.NAME)) ? functionName(f.schema, f.name) : null;
                items.add(new Statement.SelectExpression(pos(item), expr(e.expression()), label));
            }
        }
        return List.copyOf(items);
    }

    /**
     * A called function's name: {@code pg_catalog.f} is the built-in {@code f} (pg_dump and tools
     * qualify calls so), any other schema stays in the name ({@code s.f}) for the binder to resolve.
     */
    private static String functionName(IdentifierContext schema, IdentifierContext name) {
        if (schema == null) {
            return identifier(name);
        }
        String s = identifier(schema);
        return s.equals("pg_catalog") ? identifier(name) : s + "." + identifier(name);
    }

    private FromItem fromItem(FromItemContext ctx) {
        return switch (ctx) {
            case PrimaryFromItemContext p -> fromPrimary(p.fromPrimary());
            case CrossJoinContext c -> new FromItem.Join(pos(c.CROSS().getSymbol()), FromItem.JoinType.CROSS, fromItem(c.fromItem()),
                    fromPrimary(c.fromPrimary()), null, List.of(), false);
            case NaturalJoinContext n -> new FromItem.Join(pos(n.NATURAL().getSymbol()), joinType(n.joinType()), fromItem(n.fromItem()),
                    fromPrimary(n.fromPrimary()), null, List.of(), true);
            case QualifiedJoinContext q -> {
                JoinCriteriaContext c = q.joinCriteria();
                List<String> using = new ArrayList<>();
                for (IdentifierContext id : c.identifier()) {
                    using.add(identifier(id));
                }
                yield new FromItem.Join(pos(q.JOIN().getSymbol()), joinType(q.joinType()), fromItem(q.fromItem()),
                        fromPrimary(q.fromPrimary()), c.expression() == null ? null : expr(c.expression()),
                        List.copyOf(using), false);
            }
            default -> throw new IllegalStateException("unexpected FROM item " + ctx.getText());
        };
    }

    private FromItem fromPrimary(FromPrimaryContext ctx) {
        if (ctx instanceof ParenthesizedFromPrimaryContext p) {
            return fromItem(p.fromItem());
        }
        if (ctx instanceof SampledTablePrimaryContext st) {
            TableReferenceContext t = st.tableReference();
            Statement.TableSample sample = new Statement.TableSample(pos(st.TABLESAMPLE().getSymbol()),
                    identifier(st.method), expressions(st.expression().stream().filter(e -> e != st.seed).toList()),
                    st.seed == null ? null : expr(st.seed));
            return new Statement.TableReference(pos(t), qualifiedName(t.qualifiedName()),
                    t.identifier() == null ? null : identifier(t.identifier()), sample);
        }
        if (ctx instanceof DerivedTablePrimaryContext d) {
            if (d.identifier().isEmpty()) {
                throw new SqlSyntaxException("subquery in FROM must have an alias", sql, pos(d));
            }
            List<String> columns = new ArrayList<>();
            for (IdentifierContext id : d.identifier().subList(1, d.identifier().size())) {
                columns.add(identifier(id));
            }
            return new Statement.DerivedTable(pos(d), query(d.query()), identifier(d.identifier(0)),
                    List.copyOf(columns), d.LATERAL() != null);
        }
        if (ctx instanceof RowsFromPrimaryContext r) {
            List<Expr> functions = new ArrayList<>();
            for (RowsFromFunctionContext f : r.rowsFromFunction()) {
                functions.add(new Expr.FunctionCall(pos(f), identifier(f.identifier()), arguments(f.functionArgument()),
                        false, false));
            }
            List<String> columns = new ArrayList<>();
            for (IdentifierContext id : r.identifier()) {
                if (id != r.alias) {
                    columns.add(identifier(id));
                }
            }
            return new FromItem.FunctionCall(pos(r), FromItem.FunctionCall.ROWS_FROM, List.copyOf(functions),
                    r.alias == null ? null : identifier(r.alias), List.copyOf(columns), r.ORDINALITY() != null);
        }
        if (ctx instanceof FunctionFromPrimaryContext f) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i < f.identifier().size(); i++) {
                if (f.identifier(i) != f.alias) {
                    columns.add(identifier(f.identifier(i)));
                }
            }
            List<TypeName> types = new ArrayList<>();
            for (FunctionColumnContext c : f.functionColumn()) {   // a column definition list: AS x(a int, ...)
                columns.add(identifier(c.identifier()));
                types.add(typeName(c.typeName()));
            }
            String name = identifier(f.identifier(0));
            String alias = f.alias == null ? null : identifier(f.alias);
            List<Expr> arguments = arguments(f.functionArgument());
            FromItem matches = RegexpMatches.fromItem(pos(f), name, arguments, alias, List.copyOf(columns),
                    f.ORDINALITY() != null);
            if (matches != null) {
                return matches;
            }
            String array = SPLIT_TO_TABLE.get(name);
            if (array != null) {   // unnest of the array form, its column named after the function as in PostgreSQL
                arguments = List.of(new Expr.FunctionCall(pos(f), array, arguments, false, false));
                alias = alias == null ? name : alias;
                name = "unnest";
            }
            return new FromItem.FunctionCall(pos(f), name, arguments, alias, List.copyOf(columns), f.ORDINALITY() != null,
                    List.copyOf(types));
        }
        TableReferenceContext t = ((TableFromPrimaryContext) ctx).tableReference();
        return new Statement.TableReference(pos(t), qualifiedName(t.qualifiedName()),
                t.identifier() == null ? null : identifier(t.identifier()));
    }

    private static FromItem.JoinType joinType(JoinTypeContext ctx) {
        if (ctx == null || ctx.INNER() != null) {
            return FromItem.JoinType.INNER;
        }
        return ctx.LEFT() != null ? FromItem.JoinType.LEFT : ctx.RIGHT() != null ? FromItem.JoinType.RIGHT
                : FromItem.JoinType.FULL;
    }

    // ---- Expressions --------------------------------------------------------------------------

    /**
     * A call's arguments; a named one ({@code days => 1}, {@code days := 1}) becomes an
     * {@link Expr.NamedArgument} that the engine matches to the function's parameters. As in
     * PostgreSQL, positional arguments come first (42601) and a name is given once (42601).
     */
    private List<Expr> arguments(List<FunctionArgumentContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (FunctionArgumentContext a : list) {
            Expr value = a.rowOf != null ? new Expr.ColumnRef(pos(a), null, identifier(a.rowOf)) : expr(a.expression());
            if (a.VARIADIC() != null) {
                if (a != list.get(list.size() - 1)) {
                    throw new SqlSyntaxException("syntax error: VARIADIC is the last argument", sql,
                            pos(list.get(out.size() + 1)));
                }
                out.add(new Expr.NamedArgument(pos(a), Expr.NamedArgument.VARIADIC, value));
                continue;
            }
            if (a.name == null) {
                if (!names.isEmpty()) {
                    throw new SqlSyntaxException("positional argument cannot follow named argument", sql, value.pos());
                }
                out.add(value);
                continue;
            }
            String name = identifier(a.name);
            if (!names.add(name)) {
                throw new SqlSyntaxException("argument name \"" + name + "\" used more than once", sql, pos(a));
            }
            out.add(new Expr.NamedArgument(pos(a), name, value));
        }
        return out;
    }

    private List<Expr> expressions(List<ExpressionContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (ExpressionContext e : list) {
            out.add(expr(e));
        }
        return out;
    }

    Expr expr(ExpressionContext ctx) {
        return switch (ctx) {
            case PrimaryExpressionContext p -> primary(p.primary());
            case CastOperatorExpressionContext c ->
                    new Expr.Cast(pos(c.DOUBLE_COLON().getSymbol()), expr(c.expression()), typeName(c.typeName()));
            case UnaryExpressionContext u -> unary(u.op, u.expression(), pos(u));
            case CollateExpressionContext c -> {
                collation(c.qualifiedName());
                yield expr(c.expression());
            }
            case PrefixOperatorExpressionContext u -> prefix(u.op, expr(u.expression()), pos(u));
            case BitwiseExpressionContext b -> binary(b.op, expr(b.expression(0)), expr(b.expression(1)));
            case AtTimeZoneExpressionContext a -> atTimeZone(a.AT().getSymbol(), a.timeWord, a.zoneWord,
                    expr(a.expression(0)), expr(a.zone));
            case MultiplicativeExpressionContext m -> binary(m.op, expr(m.expression(0)), expr(m.expression(1)));
            case PowerExpressionContext p -> new Expr.Binary(pos(p.CARET().getSymbol()), BinaryOp.POWER,
                    expr(p.expression(0)), expr(p.expression(1)));
            case AdditiveExpressionContext a -> binary(a.op, expr(a.expression(0)), expr(a.expression(1)));
            case ConcatExpressionContext c -> new Expr.Binary(pos(c.CONCAT().getSymbol()), BinaryOp.CONCAT,
                    expr(c.expression(0)), expr(c.expression(1)));
            case ContainerOperatorExpressionContext c -> binary(c.op, expr(c.expression(0)), expr(c.expression(1)));
            case SliceExpressionContext s -> new Expr.Subscript(pos(s.LBRACKET().getSymbol()), expr(s.expression(0)),
                    s.lower == null ? null : expr(s.lower), true, s.upper == null ? null : expr(s.upper));
            case SubscriptExpressionContext s -> new Expr.Subscript(pos(s.LBRACKET().getSymbol()), expr(s.expression(0)),
                    expr(s.index));
            case QuantifiedSubqueryContext q -> {
                Expr value = expr(q.expression());
                boolean eq = q.op.getType() == KyroSqlParser.EQ;
                boolean all = q.quantifier.getType() == KyroSqlParser.ALL;
                if (RowValues.isRow(value) && eq != all && (eq || q.op.getType() == KyroSqlParser.NEQ)) {
                    // (a, b) = ANY (SELECT x, y ...) is (a, b) IN (...); (a, b) <> ALL (...) is NOT IN
                    yield RowValues.inSubquery(new Expr.InSubquery(pos(q.op), value, query(q.query()), !eq));
                }
                Expr rows = new Expr.ArraySubquery(pos(q.LPAREN().getSymbol()), query(q.query()));
                yield new Expr.Quantified(pos(q.op), ((Expr.Binary) binary(q.op, value, rows)).op(),
                        all, value, rows);
            }
            case QuantifiedComparisonContext q -> {
                Expr value = expr(q.expression(0));
                Expr array = expr(q.expression(1));   // each once: parameters are numbered as they are visited
                yield new Expr.Quantified(pos(q.op), ((Expr.Binary) binary(q.op, value, array)).op(),
                        q.quantifier.getType() == KyroSqlParser.ALL, value, array);
            }
            case VectorDistanceExpressionContext v -> binary(v.op, expr(v.expression(0)), expr(v.expression(1)));
            case BetweenExpressionContext b -> new Expr.Between(pos(b.BETWEEN().getSymbol()), expr(b.expression(0)),
                    bound(b.low), expr(b.high), b.NOT() != null);
            case InSubqueryExpressionContext i -> RowValues.inSubquery(new Expr.InSubquery(pos(i.IN().getSymbol()),
                    expr(i.expression()), query(i.query()), i.NOT() != null));
            case InListExpressionContext i -> RowValues.inList(new Expr.InList(pos(i.IN().getSymbol()),
                    expr(i.expression(0)), expressions(i.expression().subList(1, i.expression().size())),
                    i.NOT() != null), sql);
            case LikeExpressionContext l -> new Expr.Like(pos(l.op), expr(l.expression(0)), expr(l.expression(1)),
                    l.op.getType() == KyroSqlParser.ILIKE, l.NOT() != null);
            case LikeEscapeExpressionContext l -> new Expr.Like(pos(l.op), expr(l.expression()), bound(l.pattern),
                    l.op.getType() == KyroSqlParser.ILIKE, l.NOT() != null, bound(l.escape));
            case ComparisonExpressionContext c -> RowValues.compare(binary(c.op, expr(c.expression(0)),
                    expr(c.expression(1))), sql);
            case IsNullExpressionContext n -> RowValues.isNull(new Expr.IsNull(pos(n.IS().getSymbol()),
                    expr(n.expression()), n.NOT() != null));
            case IsBooleanExpressionContext b -> new Expr.IsBoolean(pos(b.IS().getSymbol()), expr(b.expression()),
                    b.TRUE() != null, b.NOT() != null);
            case IsDistinctFromExpressionContext d -> new Expr.IsDistinctFrom(pos(d.IS().getSymbol()),
                    expr(d.expression(0)), expr(d.expression(1)), d.NOT() != null);
            case RegexExpressionContext r -> new Expr.RegexMatch(pos(r.op), expr(r.expression(0)), expr(r.expression(1)),
                    r.op.getType() == KyroSqlParser.TILDE_STAR || r.op.getType() == KyroSqlParser.NOT_TILDE_STAR,
                    r.op.getType() == KyroSqlParser.NOT_TILDE || r.op.getType() == KyroSqlParser.NOT_TILDE_STAR);
            case SimilarExpressionContext m -> similar(m.SIMILAR().getSymbol(), m.NOT() != null, expr(m.expression(0)),
                    expr(m.expression(1)), null);
            case SimilarEscapeExpressionContext m -> similar(m.SIMILAR().getSymbol(), m.NOT() != null,
                    expr(m.expression()), bound(m.pattern), bound(m.escape));
            case NotExpressionContext n -> new Expr.Unary(pos(n), Expr.UnaryOp.NOT, expr(n.expression()));
            case AndExpressionContext a -> new Expr.Binary(pos(a.AND().getSymbol()), BinaryOp.AND,
                    expr(a.expression(0)), expr(a.expression(1)));
            case OrExpressionContext o -> new Expr.Binary(pos(o.OR().getSymbol()), BinaryOp.OR,
                    expr(o.expression(0)), expr(o.expression(1)));
            default -> throw new IllegalStateException("unhandled expression " + ctx.getClass().getSimpleName());
        };
    }

    /** The lower bound of BETWEEN: the arithmetic subset of expressions. */
    private Expr bound(BoundExpressionContext ctx) {
        return switch (ctx) {
            case PrimaryBoundContext p -> primary(p.primary());
            case CastOperatorBoundContext c ->
                    new Expr.Cast(pos(c.DOUBLE_COLON().getSymbol()), bound(c.boundExpression()), typeName(c.typeName()));
            case UnaryBoundContext u -> unary(u.op, u.boundExpression(), pos(u));
            case CollateBoundContext c -> {
                collation(c.qualifiedName());
                yield bound(c.boundExpression());
            }
            case PrefixOperatorBoundContext u -> prefix(u.op, bound(u.boundExpression()), pos(u));
            case BitwiseBoundContext b -> binary(b.op, bound(b.boundExpression(0)), bound(b.boundExpression(1)));
            case AtTimeZoneBoundContext a -> atTimeZone(a.AT().getSymbol(), a.timeWord, a.zoneWord,
                    bound(a.boundExpression(0)), bound(a.zone));
            case MultiplicativeBoundContext m -> binary(m.op, bound(m.boundExpression(0)), bound(m.boundExpression(1)));
            case PowerBoundContext p -> new Expr.Binary(pos(p.CARET().getSymbol()), BinaryOp.POWER,
                    bound(p.boundExpression(0)), bound(p.boundExpression(1)));
            case AdditiveBoundContext a -> binary(a.op, bound(a.boundExpression(0)), bound(a.boundExpression(1)));
            case ConcatBoundContext c -> new Expr.Binary(pos(c.CONCAT().getSymbol()), BinaryOp.CONCAT,
                    bound(c.boundExpression(0)), bound(c.boundExpression(1)));
            case ContainerOperatorBoundContext c -> binary(c.op, bound(c.boundExpression(0)), bound(c.boundExpression(1)));
            case SliceBoundContext s -> new Expr.Subscript(pos(s.LBRACKET().getSymbol()), bound(s.boundExpression()),
                    s.lower == null ? null : expr(s.lower), true, s.upper == null ? null : expr(s.upper));
            case SubscriptBoundContext s -> new Expr.Subscript(pos(s.LBRACKET().getSymbol()), bound(s.boundExpression()),
                    expr(s.index));
            case VectorDistanceBoundContext v -> binary(v.op, bound(v.boundExpression(0)), bound(v.boundExpression(1)));
            default -> throw new IllegalStateException("unhandled bound " + ctx.getClass().getSimpleName());
        };
    }

    private Expr unary(Token op, ParserRuleContext operandContext, Pos pos) {
        Expr operand = operandContext instanceof BoundExpressionContext b ? bound(b) : expr((ExpressionContext) operandContext);
        if (op.getType() == KyroSqlParser.PLUS) {
            return new Expr.Unary(pos, Expr.UnaryOp.PLUS, operand);
        }
        // Fold "-<number>" into the literal so that -9223372036854775808 is a valid bigint.
        boolean plainOperand = operandContext instanceof PrimaryExpressionContext || operandContext instanceof PrimaryBoundContext;
        if (operand instanceof Expr.Literal lit && plainOperand
                && (lit.kind() == LiteralKind.INTEGER || lit.kind() == LiteralKind.DECIMAL)
                && !((String) lit.value()).startsWith("-")) {
            return new Expr.Literal(pos, lit.kind(), "-" + lit.value());
        }
        return new Expr.Unary(pos, Expr.UnaryOp.NEGATE, operand);
    }

    private Statement copy(CopyStatementContext ctx) {
        if (ctx.stream != null && !identifier(ctx.stream).equals(ctx.direction.getType() == KyroSqlParser.FROM ? "stdin" : "stdout")) {
            throw new SqlSyntaxException("syntax error at or near \"" + ctx.stream.getText() + "\" (COPY reads FROM STDIN"
                    + " or a file, and writes TO STDOUT or a file)", sql, pos(ctx.stream));
        }
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        for (CopyOptionContext o : ctx.copyOption()) {
            String name = o.NULL() != null ? "null" : identifier(o.identifier());
            String value = o.explainValue() == null ? "true" : o.explainValue().STRING() != null
                    ? unquote(o.explainValue().STRING().getText(), '\'') : o.explainValue().getText().toLowerCase(Locale.ROOT);
            if (options.put(name, value) != null) {
                throw new SqlSyntaxException("conflicting or redundant options", sql, pos(o));
            }
        }
        for (LegacyCopyOptionContext o : ctx.legacyCopyOption()) {
            String word = o.NULL() != null ? "null" : identifier(o.identifier());
            String name = switch (word) {
                case "csv", "binary" -> "format";
                default -> word;
            };
            String value = switch (word) {
                case "csv", "binary" -> word;
                case "header" -> "true";
                default -> {
                    if (o.STRING() == null) {
                        throw new SqlSyntaxException("syntax error at or near \"" + o.getText() + "\"", sql, pos(o));
                    }
                    yield unquote(o.STRING().getText(), '\'');
                }
            };
            if (options.put(name, value) != null) {
                throw new SqlSyntaxException("conflicting or redundant options", sql, pos(o));
            }
        }
        boolean from = ctx.direction.getType() == KyroSqlParser.FROM;
        if (from && ctx.query() != null) {
            throw new SqlSyntaxException("syntax error at or near \"(\"", sql, pos(ctx.LPAREN(0).getSymbol()));
        }
        return new Statement.Copy(pos(ctx), ctx.qualifiedName() == null ? null : qualifiedName(ctx.qualifiedName()),
                ctx.identifier().stream().filter(i -> i != ctx.stream).map(AstBuilder::identifier).toList(),
                ctx.query() == null ? null : query(ctx.query()), from, ctx.file == null ? null : unquote(ctx.file.getText(), '\''),
                java.util.Collections.unmodifiableMap(options));
    }

    /** An EXPLAIN or VACUUM option's Boolean value: true when not written; 42601 for anything but PostgreSQL's spellings. */
    private boolean booleanOption(String name, ExplainValueContext value) {
        if (value == null) {
            return true;
        }
        String v = value.getText().toLowerCase(Locale.ROOT);
        v = v.startsWith("'") ? v.substring(1, v.length() - 1) : v;
        return switch (v) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw new SqlSyntaxException(name + " requires a Boolean value", sql, pos(value));
        };
    }

    /** LOCK TABLE's mode, upper case; ACCESS EXCLUSIVE when not written; 42601 for anything but PostgreSQL's eight. */
    private String lockMode(LockTableStatementContext l) {
        if (l.IN() == null) {
            return "ACCESS EXCLUSIVE";
        }
        List<String> words = lockWords(l);
        if (words.get(words.size() - 1).equals("NOWAIT")) {
            words = words.subList(0, words.size() - 1);   // NOWAIT is also a name, so the words take it
        }
        String mode = words.size() < 2 ? "" : String.join(" ", words.subList(0, words.size() - 1));
        boolean known = words.size() >= 2 && words.get(words.size() - 1).equals("MODE") && List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
                "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE").contains(mode);
        if (!known) {
            throw new SqlSyntaxException("syntax error at or near \"" + l.lockWord(0).getText() + "\"", sql, pos(l.lockWord(0)));
        }
        return mode;
    }

    private static List<String> lockWords(LockTableStatementContext l) {
        return l.lockWord().stream().map(w -> w.getText().toUpperCase(Locale.ROOT)).toList();
    }

    /** The set-returning functions that are unnest of an array function's result, with that function. */
    private static final java.util.Map<String, String> SPLIT_TO_TABLE = java.util.Map.of(
            "string_to_table", "string_to_array", "regexp_split_to_table", "regexp_split_to_array");

    /** {@code string_to_table(s, d)} is {@code unnest(string_to_array(s, d))}; regexp_split_to_table likewise. */
    private static Expr splitToTable(Expr.FunctionCall f) {
        if (f.name().equals(RegexpMatches.NAME)) {
            return RegexpMatches.expression(f);
        }
        String array = SPLIT_TO_TABLE.get(f.name());
        if (array == null || f.over() != null || f.filter() != null || f.distinct() || !f.orderBy().isEmpty()) {
            return f;
        }
        return new Expr.FunctionCall(f.pos(), "unnest", List.of(new Expr.FunctionCall(f.pos(), array, f.arguments(),
                false, false)), false, false);
    }

    /** {@code [..]} inside {@code ARRAY[...]}: the sub-array {@code ARRAY[..]} would build. */
    private Expr subArray(SubArrayContext ctx) {
        List<Expr> elements = !ctx.subArray().isEmpty() ? ctx.subArray().stream().map(this::subArray).toList()
                : expressions(ctx.expression());
        return new Expr.ArrayConstructor(pos(ctx), elements);
    }

    /**
     * {@code COLLATE name}: text compares by code point everywhere (PostgreSQL's "C" collation), so
     * the collations that mean that are accepted and change nothing; any other is 42704.
     */
    private void collation(QualifiedNameContext ctx) {
        QualifiedName name = qualifiedName(ctx);
        boolean known = switch (name.name()) {
            case "C", "POSIX", "default", "ucs_basic" -> true;
            default -> false;
        };
        if (!known || name.schema() != null && !name.schema().equals("pg_catalog")) {
            throw new SqlSyntaxException("collation \"" + (name.schema() == null ? "" : name.schema() + ".") + name.name()
                    + "\" for encoding \"UTF8\" does not exist", sql, pos(ctx), "42704");
        }
    }

    /** {@code ~x} (bit not); {@code @x}, {@code |/x}, {@code ||/x} are PostgreSQL's abs, sqrt and cbrt. */
    private Expr prefix(Token op, Expr operand, Pos pos) {
        return switch (op.getType()) {
            case KyroSqlParser.TILDE -> new Expr.Unary(pos, Expr.UnaryOp.BIT_NOT, operand);
            case KyroSqlParser.AT_SIGN -> new Expr.FunctionCall(pos, "abs", List.of(operand), false, false);
            // |/ and ||/ take double precision only (sqrt of a numeric stays numeric; |/ of one does not)
            case KyroSqlParser.SQRT_OP -> new Expr.FunctionCall(pos, "sqrt", List.of(new Expr.Cast(pos, operand,
                    new TypeName(pos, "double precision", List.of()))), false, false);
            default -> new Expr.FunctionCall(pos, "cbrt", List.of(operand), false, false);
        };
    }

    /** {@code x AT TIME ZONE z} is Postgres's {@code timezone(z, x)}. */
    private Expr atTimeZone(Token at, IdentifierContext time, IdentifierContext zone, Expr value, Expr zoneExpr) {
        for (IdentifierContext word : List.of(time, zone)) {
            String expected = word == time ? "time" : "zone";
            if (!identifier(word).equals(expected)) {
                throw new SqlSyntaxException("syntax error at or near \"" + word.getText() + "\"", sql, pos(word));
            }
        }
        return new Expr.FunctionCall(pos(at), "timezone", List.of(zoneExpr, value), false, false);
    }

    /**
     * {@code x [NOT] SIMILAR TO p [ESCAPE e]} is, as in PostgreSQL, {@code x ~ similar_to_escape(p
     * [, e])}: the SQL pattern translated to an anchored regular expression.
     */
    private Expr similar(Token at, boolean negated, Expr value, Expr pattern, Expr escape) {
        List<Expr> args = escape == null ? List.of(pattern) : List.of(pattern, escape);
        return new Expr.RegexMatch(pos(at), value, new Expr.FunctionCall(pattern.pos(), "similar_to_escape", args,
                false, false), false, negated);
    }

    private Expr binary(Token op, Expr left, Expr right) {
        BinaryOp kind = switch (op.getType()) {
            case KyroSqlParser.STAR -> BinaryOp.MULTIPLY;
            case KyroSqlParser.SLASH -> BinaryOp.DIVIDE;
            case KyroSqlParser.PERCENT -> BinaryOp.MODULO;
            case KyroSqlParser.PLUS -> BinaryOp.ADD;
            case KyroSqlParser.MINUS -> BinaryOp.SUBTRACT;
            case KyroSqlParser.EQ -> BinaryOp.EQ;
            case KyroSqlParser.NEQ -> BinaryOp.NE;
            case KyroSqlParser.LT -> BinaryOp.LT;
            case KyroSqlParser.LTE -> BinaryOp.LE;
            case KyroSqlParser.GT -> BinaryOp.GT;
            case KyroSqlParser.GTE -> BinaryOp.GE;
            case KyroSqlParser.L2_DISTANCE -> BinaryOp.L2_DISTANCE;
            case KyroSqlParser.NEG_INNER_PRODUCT -> BinaryOp.NEG_INNER_PRODUCT;
            case KyroSqlParser.COSINE_DISTANCE -> BinaryOp.COSINE_DISTANCE;
            case KyroSqlParser.L1_DISTANCE -> BinaryOp.L1_DISTANCE;
            case KyroSqlParser.HAMMING_DISTANCE -> BinaryOp.HAMMING_DISTANCE;
            case KyroSqlParser.JACCARD_DISTANCE -> BinaryOp.JACCARD_DISTANCE;
            case KyroSqlParser.ARROW -> BinaryOp.JSON_GET;
            case KyroSqlParser.DOUBLE_ARROW -> BinaryOp.JSON_GET_TEXT;
            case KyroSqlParser.HASH_ARROW -> BinaryOp.JSON_PATH;
            case KyroSqlParser.HASH_DOUBLE_ARROW -> BinaryOp.JSON_PATH_TEXT;
            case KyroSqlParser.CONTAINS -> BinaryOp.CONTAINS;
            case KyroSqlParser.CONTAINED_BY -> BinaryOp.CONTAINED_BY;
            case KyroSqlParser.OVERLAPS -> BinaryOp.OVERLAPS;
            case KyroSqlParser.HASH_MINUS -> BinaryOp.DELETE_PATH;
            case KyroSqlParser.QUESTION, KyroSqlParser.QUESTION_QUESTION -> BinaryOp.EXISTS_KEY;
            case KyroSqlParser.AMP -> BinaryOp.BIT_AND;
            case KyroSqlParser.PIPE -> BinaryOp.BIT_OR;
            case KyroSqlParser.HASH -> BinaryOp.BIT_XOR;
            case KyroSqlParser.SHIFT_LEFT -> BinaryOp.SHIFT_LEFT;
            case KyroSqlParser.SHIFT_RIGHT -> BinaryOp.SHIFT_RIGHT;
            case KyroSqlParser.OVER_LEFT -> BinaryOp.OVER_LEFT;
            case KyroSqlParser.OVER_RIGHT -> BinaryOp.OVER_RIGHT;
            case KyroSqlParser.ADJACENT -> BinaryOp.ADJACENT;
            case KyroSqlParser.QUESTION_PIPE -> BinaryOp.EXISTS_ANY;
            case KyroSqlParser.QUESTION_AMP -> BinaryOp.EXISTS_ALL;
            case KyroSqlParser.AT_QUESTION -> BinaryOp.JSON_PATH_EXISTS;
            case KyroSqlParser.AT_AT -> BinaryOp.JSON_PATH_MATCH;
            default -> throw new IllegalStateException("unhandled operator " + op.getText());
        };
        return new Expr.Binary(pos(op), kind, left, right);
    }

    private Expr primary(PrimaryContext ctx) {
        return switch (ctx) {
            case LiteralPrimaryContext l -> literal(l.literal());
            case ParameterPrimaryContext p -> new Expr.Parameter(pos(p), parameterIndex(p.getStart()));
            case UserPrimaryContext u -> new Expr.FunctionCall(pos(u), "current_user", List.of(), false, false);
            case CastPrimaryContext c -> new Expr.Cast(pos(c), expr(c.expression()), typeName(c.typeName()));
            case CasePrimaryContext c -> {
                List<Expr.When> whens = new ArrayList<>();
                for (WhenClauseContext w : c.whenClause()) {
                    whens.add(new Expr.When(expr(w.condition), expr(w.result)));
                }
                yield new Expr.Case(pos(c), c.operand == null ? null : expr(c.operand), List.copyOf(whens),
                        c.elseResult == null ? null : expr(c.elseResult));
            }
            case StarFunctionCallContext f -> new Expr.FunctionCall(pos(f), functionName(f.schema, f.name), List.of(),
                    false, true, List.of(), filter(f.filterClause()), over(f.overClause()));
            case FunctionCallContext f when f.withinGroupClause() != null -> {
                if (f.orderBy() != null || f.setQuantifier() != null) {
                    throw new SqlSyntaxException("cannot use " + (f.orderBy() != null ? "multiple ORDER BY clauses"
                            : "DISTINCT") + " with WITHIN GROUP", sql, pos(f.withinGroupClause()));
                }
                yield new Expr.FunctionCall(pos(f), functionName(f.schema, f.name), arguments(f.functionArgument()), false,
                        false, sortItems(f.withinGroupClause().orderBy()), filter(f.filterClause()),
                        over(f.overClause()), true);
            }
            case FunctionCallContext f -> splitToTable(new Expr.FunctionCall(pos(f), functionName(f.schema, f.name),
                    arguments(f.functionArgument()),
                    f.setQuantifier() != null && f.setQuantifier().DISTINCT() != null, false,
                    sortItems(f.orderBy()), filter(f.filterClause()), over(f.overClause())));
            case LeftRightCallContext f -> new Expr.FunctionCall(pos(f), f.side.getType() == KyroSqlParser.LEFT ? "left"
                    : "right", expressions(f.expression()), false, false);
            case SubstringPrimaryContext f -> new Expr.FunctionCall(pos(f), "substring", expressions(f.expression()),
                    false, false);
            case SubstringForPrimaryContext f -> new Expr.FunctionCall(pos(f), "substring",
                    List.of(expr(f.expression(0)), new Expr.Literal(pos(f), LiteralKind.INTEGER, "1"), expr(f.expression(1))),
                    false, false);
            case SubstringSimilarPrimaryContext f -> new Expr.FunctionCall(pos(f), "substring",
                    expressions(f.expression()), false, false);   // substring(text, text, text): the SQL regex form
            case OverlayPrimaryContext f -> new Expr.FunctionCall(pos(f), "overlay", expressions(f.expression()),
                    false, false);
            case PositionPrimaryContext f -> new Expr.FunctionCall(pos(f), "position",
                    List.of(expr(f.expression()), bound(f.boundExpression())), false, false);
            case TrimFromPrimaryContext f -> {
                String name = f.trimSide == null || f.trimSide.getType() == KyroSqlParser.BOTH ? "btrim"
                        : f.trimSide.getType() == KyroSqlParser.LEADING ? "ltrim" : "rtrim";
                List<Expr> args = new ArrayList<>();
                args.add(expr(f.expression(f.chars == null ? 0 : 1)));
                if (f.chars != null) {
                    args.add(expr(f.chars));
                }
                yield new Expr.FunctionCall(pos(f), name, List.copyOf(args), false, false);
            }
            case ColumnReferenceContext c -> {
                List<String> parts = dotted(c.identifier(), 4, "qualified", c);   // [database.]schema.table.column
                yield parts.size() == 1
                    ? new Expr.ColumnRef(pos(c), null, parts.get(0))
                    : parts.size() == 2
                    ? new Expr.ColumnRef(pos(c), parts.get(0), parts.get(1))
                    // schema.table.column: the qualifier is "schema.table" (the binder's Scope splits it)
                    : new Expr.ColumnRef(pos(c), parts.get(0) + "." + parts.get(1), parts.get(2));
            }
            case ParenthesizedContext p -> expr(p.expression());
            case FieldSelectionContext f -> new Expr.FieldSelection(pos(f), expr(f.expression()),
                    f.field == null ? null : identifier(f.field));
            case NumberedParameterPrimaryContext n -> new Expr.Parameter(pos(n), numberedParameter(n.PARAM().getSymbol()));
            case RowConstructorContext r -> RowValues.row(pos(r), expressions(r.expression()));
            case OverlapsPrimaryContext o -> RowValues.overlaps(pos(o.OVERLAPS_KW().getSymbol()),
                    RowValues.row(pos(o.left), expressions(o.left.expression())),
                    RowValues.row(pos(o.right), expressions(o.right.expression())), sql);
            case ExtractCallContext x -> {
                if (!identifier(x.identifier(0)).equals("extract")) {
                    throw new SqlSyntaxException("syntax error at or near \"FROM\"", sql, pos(x.FROM().getSymbol()));
                }
                // extract(field FROM x) is date_part's numeric twin; the binder tells them apart by name.
                yield new Expr.FunctionCall(pos(x), "extract", List.of(
                        new Expr.Literal(pos(x.field), LiteralKind.STRING, identifier(x.field)), expr(x.expression())),
                        false, false);
            }
            case TypedLiteralContext t -> new Expr.Cast(pos(t), new Expr.Literal(pos(t.STRING().getSymbol()),
                    LiteralKind.STRING, unquote(t.STRING().getText(), '\'')), literalType(t.literalType()));
            case IntervalPrecisionLiteralContext t -> new Expr.Cast(pos(t), new Expr.Literal(pos(t.STRING().getSymbol()),
                    LiteralKind.STRING, unquote(t.STRING().getText(), '\'')),
                    new TypeName(pos(t), "interval", List.of(typeModifier(t.precision))));
            case IntervalQualifiedLiteralContext t -> new Expr.Cast(pos(t), new Expr.Literal(pos(t.STRING().getSymbol()),
                    LiteralKind.STRING, unquote(t.STRING().getText(), '\'')), intervalQualifier(t.intervalQualifier()));
            case SubqueryPrimaryContext s -> new Expr.Subquery(pos(s), query(s.query()));
            case ExistsPrimaryContext e -> new Expr.Exists(pos(e), query(e.query()));
            case ArrayConstructorPrimaryContext a -> new Expr.ArrayConstructor(pos(a), expressions(a.expression()));
            case ArraySubqueryPrimaryContext a -> new Expr.ArraySubquery(pos(a), query(a.query()));
            case NestedArrayConstructorPrimaryContext a -> new Expr.ArrayConstructor(pos(a),
                    a.subArray().stream().map(this::subArray).toList());
            default -> throw new IllegalStateException("unhandled primary " + ctx.getClass().getSimpleName());
        };
    }

    private Expr filter(FilterClauseContext ctx) {
        return ctx == null ? null : expr(ctx.expression());
    }

    private Expr.WindowSpec over(OverClauseContext ctx) {
        if (ctx == null) {
            return null;
        }
        if (ctx.identifier() != null) {
            return new Expr.WindowSpec(pos(ctx), identifier(ctx.identifier()), List.of(), List.of(), null);
        }
        return windowSpec(ctx.windowSpecification());
    }

    private Expr.WindowSpec windowSpec(WindowSpecificationContext ctx) {
        Expr.Frame frame = null;
        if (ctx.frameClause() != null) {
            FrameClauseContext f = ctx.frameClause();
            Expr.FrameUnit unit = f.unit.getType() == KyroSqlParser.ROWS ? Expr.FrameUnit.ROWS
                    : f.unit.getType() == KyroSqlParser.RANGE ? Expr.FrameUnit.RANGE : Expr.FrameUnit.GROUPS;
            Expr.FrameBound end = f.end == null ? new Expr.FrameBound(Expr.BoundKind.CURRENT_ROW, null) : frameBound(f.end);
            frame = new Expr.Frame(pos(f), unit, frameBound(f.start), end, exclusion(f.frameExclusion()));
        }
        return new Expr.WindowSpec(pos(ctx), ctx.existing == null ? null : identifier(ctx.existing),
                expressions(ctx.expression()), sortItems(ctx.orderBy()), frame);
    }

    private static Expr.FrameExclusion exclusion(FrameExclusionContext ctx) {
        if (ctx == null || ctx.OTHERS() != null) {
            return Expr.FrameExclusion.NO_OTHERS;
        }
        return ctx.ROW() != null ? Expr.FrameExclusion.CURRENT_ROW
                : ctx.GROUP() != null ? Expr.FrameExclusion.GROUP : Expr.FrameExclusion.TIES;
    }

    private Expr.FrameBound frameBound(FrameBoundContext ctx) {
        return switch (ctx) {
            case UnboundedPrecedingBoundContext u -> new Expr.FrameBound(Expr.BoundKind.UNBOUNDED_PRECEDING, null);
            case UnboundedFollowingBoundContext u -> new Expr.FrameBound(Expr.BoundKind.UNBOUNDED_FOLLOWING, null);
            case CurrentRowBoundContext c -> new Expr.FrameBound(Expr.BoundKind.CURRENT_ROW, null);
            case PrecedingBoundContext p -> new Expr.FrameBound(Expr.BoundKind.PRECEDING, bound(p.boundExpression()));
            case FollowingBoundContext p -> new Expr.FrameBound(Expr.BoundKind.FOLLOWING, bound(p.boundExpression()));
            default -> throw new IllegalStateException("unhandled frame bound " + ctx.getText());
        };
    }

    private Expr literal(LiteralContext ctx) {
        Pos pos = pos(ctx);
        return switch (ctx) {
            case IntegerLiteralContext i -> new Expr.Literal(pos, LiteralKind.INTEGER, i.getText());
            case DecimalLiteralContext d -> new Expr.Literal(pos, LiteralKind.DECIMAL, d.getText());
            case StringLiteralContext s -> new Expr.Literal(pos, LiteralKind.STRING, unquote(s.getText(), '\''));
            case EscapeStringLiteralContext e -> new Expr.Literal(pos, LiteralKind.STRING,
                    EscapeStrings.decode(e.getText().substring(2, e.getText().length() - 1), sql, pos));
            case UnicodeStringLiteralContext u -> new Expr.Literal(pos, LiteralKind.STRING,
                    EscapeStrings.decodeUnicode(unquote(u.getText().substring(2), '\''), sql, pos));
            case DollarStringLiteralContext d -> new Expr.Literal(pos, LiteralKind.STRING, dollarBody(d.getText(), pos));
            case BitStringLiteralContext b -> {   // B'0101' is bit(4)
                String bits = unquote(b.getText().substring(1), '\'');
                yield new Expr.Cast(pos, new Expr.Literal(pos, LiteralKind.STRING, bits), bits.isEmpty()
                        ? new TypeName(pos, "bit varying", List.of()) : new TypeName(pos, "bit", List.of(bits.length())));
            }
            case TrueLiteralContext t -> new Expr.Literal(pos, LiteralKind.BOOLEAN, Boolean.TRUE);
            case FalseLiteralContext f -> new Expr.Literal(pos, LiteralKind.BOOLEAN, Boolean.FALSE);
            case NullLiteralContext n -> new Expr.Literal(pos, LiteralKind.NULL, null);
            default -> throw new IllegalStateException("unhandled literal " + ctx.getText());
        };
    }

    // ---- Names --------------------------------------------------------------------------------

    QualifiedName qualifiedName(QualifiedNameContext ctx) {
        List<String> parts = dotted(ctx.identifier(), 3, "qualified", ctx);   // [database.]schema.name
        if (parts.size() == 1) {
            return new QualifiedName(pos(ctx), null, parts.get(0));
        }
        return new QualifiedName(pos(ctx), parts.get(0), parts.get(1));
    }

    static String identifier(IdentifierContext ctx) {
        if (ctx.QUOTED_IDENTIFIER() != null) {
            return unquote(ctx.getText(), '"');
        }
        return ctx.getText().toLowerCase(Locale.ROOT);
    }

    /** The text between a dollar-quoted string's delimiters ({@code $tag$...$tag$}). */
    String dollarBody(String token, Pos pos) {
        int open = token.indexOf('$', 1) + 1;
        String tag = token.substring(0, open);
        if (token.length() < 2 * open || !token.endsWith(tag)) {
            throw new SqlSyntaxException("unterminated dollar-quoted string at or near \"" + tag + "\"", sql, pos);
        }
        return token.substring(open, token.length() - open);
    }

    static String unquote(String text, char quote) {
        String inner = text.substring(1, text.length() - 1);
        String doubled = String.valueOf(quote) + quote;
        return inner.indexOf(doubled) < 0 ? inner : inner.replace(doubled, String.valueOf(quote));
    }

    static Pos pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    static Pos pos(Token t) {
        return new Pos(t.getLine(), t.getCharPositionInLine() + 1, t.getStartIndex());
    }
}
