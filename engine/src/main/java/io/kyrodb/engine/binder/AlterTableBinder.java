package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.plan.AlterTablePlan;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.plan.CreateTablePlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.RowCheck;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SqlParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ALTER TABLE's actions. Those that keep the rows as they are (RENAME COLUMN, SET/DROP DEFAULT,
 * SET/DROP NOT NULL, ADD/DROP CHECK and FOREIGN KEY constraints) become a new definition over the
 * same rows, checked against every row first; ADD/DROP UNIQUE become an index built or dropped;
 * ADD COLUMN, DROP COLUMN and ADD/DROP PRIMARY KEY rewrite every row (in one transaction, so they
 * count against transaction_memory).
 */
final class AlterTableBinder {
    private AlterTableBinder() {
    }

    static Plan bind(Binder b, Statement.AlterTable a) {
        if (!a.ifExists()) {
            b.checkSchema(a.table());
        }
        Table t = b.catalog().table(b.relationKey(a.table()));
        if (t == null && a.action() instanceof Statement.RenameColumn r && b.catalog().view(b.relationKey(a.table())) != null) {
            // ALTER TABLE on a view renames its column, as ALTER VIEW ... RENAME COLUMN (PostgreSQL)
            return ViewDependencies.renameViewColumn(b, new Statement.RenameViewColumn(a.pos(), a.table(), false,
                    r.from(), r.to()));
        }
        if (t == null) {
            if (a.ifExists()) {
                return AlterTablePlan.nothing(null);
            }
            b.table(a.table());   // 42P01 with a suggestion
        }
        return switch (a.action()) {
            case Statement.AlterColumn c -> alterColumn(b, t, c);
            case Statement.RenameColumn r -> renameColumn(b, t, r);
            case Statement.AddConstraint c when c.notValid() -> ConstraintValidation.addNotValid(b, t, c,
                    (Statement.CreateTable ct) -> addConstraint(b, t, ct));
            case Statement.AddConstraint c -> addConstraint(b, t, c.table());
            case Statement.ValidateConstraint v -> ConstraintValidation.validate(b, t, v);
            case Statement.DropConstraint d -> dropConstraint(b, t, d);
            case Statement.AddColumn c -> addColumn(b, t, c);
            case Statement.DropColumn d -> dropColumn(b, t, d);
            case Statement.RenameTable r -> renameTable(b, t, r);
            case Statement.AlterColumnType c -> alterColumnType(b, t, c);
            case Statement.AlterIdentity i -> IdentityBinder.alter(b, t, i);
            case Statement.RenameConstraint r -> ConstraintDdl.rename(b, t, r);
            case Statement.TableStorage s -> ConstraintDdl.storage(b, t, s);
        };
    }

    private static int column(Binder b, Table t, String name, io.kyrodb.sql.ast.Pos pos) {
        int i = t.columnIndex(name);
        if (i < 0) {
            throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + t.name()
                    + "\" does not exist", pos);
        }
        return i;
    }

    private static Plan alterColumn(Binder b, Table t, Statement.AlterColumn a) {
        int i = column(b, t, a.column(), a.pos());
        Column c = t.columns().get(i);
        List<Column> columns = new ArrayList<>(t.columns());
        int validateNotNull = -1;
        switch (a.operation()) {
            case "drop expression", "drop expression if exists" -> {
                if (!c.generated()) {
                    if (a.operation().endsWith("if exists")) {
                        return AlterTablePlan.nothing(t);
                    }
                    throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "column \"" + c.name() + "\" of relation \""
                            + t.name() + "\" is not a stored generated column", a.pos());
                }
                columns.set(i, new Column(c.name(), c.type(), c.notNull(), null, null, null));
            }
            case "set default" -> {
                if (c.generated()) {
                    throw b.error(SqlState.SYNTAX_ERROR, "column \"" + c.name() + "\" of relation \"" + t.name()
                            + "\" is a generated column", a.pos());
                }
                b.assign(b.expressions(Scope.empty(), "DEFAULT"), a.defaultValue(), c);
                columns.set(i, new Column(c.name(), c.type(), c.notNull(), a.defaultText(), c.identity()));
            }
            case "drop default" -> columns.set(i, new Column(c.name(), c.type(), c.notNull(), null, c.identity()));
            case "set not null" -> {
                columns.set(i, c.withNotNull(true));
                validateNotNull = i;
            }
            default -> {
                for (int k : t.primaryKey()) {
                    if (k == i) {
                        throw b.error(SqlState.INVALID_TABLE_DEFINITION, "column \"" + c.name()
                                + "\" is in a primary key", a.pos());
                    }
                }
                columns.set(i, c.withNotNull(false));
            }
        }
        return AlterTablePlan.redefine(t, columns, t.checks(), t.foreignKeys(), List.of(), List.of(), validateNotNull);
    }

    private static Plan renameColumn(Binder b, Table t, Statement.RenameColumn r) {
        int i = column(b, t, r.from(), r.pos());
        if (t.columnIndex(r.to()) >= 0) {
            throw b.error(SqlState.DUPLICATE_COLUMN, "column \"" + r.to() + "\" of relation \"" + t.name()
                    + "\" already exists", r.pos());
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(i, t.columns().get(i).withName(r.to()));
        for (int k = 0; k < columns.size(); k++) {   // generation expressions name the column by its new name
            Column g = columns.get(k);
            if (g.generated()) {
                columns.set(k, new Column(g.name(), g.type(), g.notNull(), null, null,
                        SqlParser.renameIdentifier(g.generatedSql(), r.from(), r.to())));
            }
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraint k : t.checks()) {
            checks.add(new CheckConstraint(k.name(), SqlParser.renameIdentifier(k.sql(), r.from(), r.to())));
        }
        List<Sequence> sequences = new ArrayList<>();
        Sequence owned = b.catalog().ownedSequence(t.name(), r.from());
        if (owned != null) {
            sequences.add(owned.ownedAs(SequenceBinder.owner(t.name(), r.to())));
        }
        return ViewDependencies.renameColumn(b, t, r.from(), r.to(), new AlterTablePlan(t, columns, t.primaryKey(),
                checks, t.foreignKeys(), List.of(), List.of(), -1, null, null, Map.of(), sequences, Map.of(), null, null,
                false, null));
    }

    /** Constraint names the table has: CHECK, FOREIGN KEY, its primary key and UNIQUE indexes. */
    private static Set<String> constraintNames(Binder b, Table t) {
        Set<String> names = new HashSet<>();
        t.checks().forEach(k -> names.add(k.name()));
        t.foreignKeys().forEach(f -> names.add(f.name()));
        names.add(io.kyrodb.engine.catalog.SchemaNames.localOf(t.name()) + "_pkey");
        b.catalog().indexesOf(t.name()).forEach(i -> names.add(io.kyrodb.engine.catalog.SchemaNames.localOf(i.name())));
        return names;
    }

    private static Plan addConstraint(Binder b, Table t, Statement.CreateTable c) {
        Set<String> existing = constraintNames(b, t);
        for (Statement.CheckConstraint k : c.checks()) {
            if (k.name() != null && existing.contains(k.name())) {
                throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + k.name() + "\" for relation \"" + t.name()
                        + "\" already exists", k.pos());
            }
        }
        for (Statement.ForeignKeyConstraint f : c.foreignKeys()) {
            if (f.name() != null && existing.contains(f.name())) {
                throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + f.name() + "\" for relation \"" + t.name()
                        + "\" already exists", f.pos());
            }
        }
        List<String> names = t.columns().stream().map(Column::name).toList();
        if (!c.unique().isEmpty()) {
            List<CreateTablePlan.UniqueKey> keys = UniqueConstraints.bind(b, c, names, t.primaryKey());
            if (keys.isEmpty()) {
                return AlterTablePlan.nothing(t);
            }
            CreateTablePlan.UniqueKey k = keys.get(0);
            return new AlterTablePlan(t, null, null, null, null, List.of(), List.of(), -1, null, null, Map.of(),
                    List.of(), Map.of(), new CreateIndexPlan(k.name(), t, k.columns(), new boolean[k.columns().length],
                    true, false, null, null, null, new io.kyrodb.engine.catalog.IndexShape(k.deferrable(),
                    k.initiallyDeferred(), 0, null)), null, false, null);
        }
        if (!c.primaryKey().isEmpty()) {
            if (t.hasPrimaryKey()) {
                throw b.error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + t.name()
                        + "\" are not allowed", c.primaryKeyPos());
            }
            int[] pk = new int[c.primaryKey().size()];
            for (int k = 0; k < pk.length; k++) {
                pk[k] = column(b, t, c.primaryKey().get(k), c.primaryKeyPos());
            }
            List<Column> columns = new ArrayList<>(t.columns());
            for (int k : pk) {
                Column col = columns.get(k);
                columns.set(k, col.withNotNull(true));
            }
            return rewrite(b, t, columns, pk, identity(t.columns().size()), new ArrayList<>(), t.checks(),
                    t.foreignKeys(), List.of());
        }
        List<CheckConstraint> checks = new ArrayList<>(t.checks());
        List<CheckConstraint> added = CheckConstraints.bind(b, c, t.columns(), t.primaryKey(), existing);
        checks.addAll(added);
        List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
        List<CreateTablePlan.UniqueKey> unique = new ArrayList<>();
        for (Index i : b.catalog().indexesOf(t.name())) {
            if (i.unique() && i.plain()) {
                unique.add(new CreateTablePlan.UniqueKey(i.name(), i.columns()));
            }
        }
        List<ForeignKey> newKeys = ForeignKeyBinder.bind(b, c, t.columns(), t.primaryKey(), unique);
        fks.addAll(newKeys);
        return AlterTablePlan.redefine(t, t.columns(), checks, fks, bindChecks(b, t, added), newKeys, -1);
    }

    static List<RowCheck> bindChecks(Binder b, Table shape, List<CheckConstraint> checks) {
        List<RowCheck> out = new ArrayList<>();
        ExprBinder eb = b.expressions(Scope.of(shape, null), "CHECK");
        for (CheckConstraint k : io.kyrodb.engine.catalog.Exclusion.checksOnly(checks)) {
            out.add(new RowCheck(k.name(), eb.condition(ColumnDefaults.parse(k.sql()), "CHECK")));
        }
        return out;
    }

    private static Plan dropConstraint(Binder b, Table t, Statement.DropConstraint d) {
        String name = d.name();
        List<CheckConstraint> checks = new ArrayList<>(t.checks());
        List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
        if (checks.removeIf(k -> k.name().equals(name)) | fks.removeIf(f -> f.name().equals(name))) {
            return AlterTablePlan.redefine(t, t.columns(), checks, fks, List.of(), List.of(), -1);
        }
        Index index = b.catalog().index(io.kyrodb.engine.catalog.SchemaNames.moved(name,
                io.kyrodb.engine.catalog.SchemaNames.schemaOf(t.name())));   // a UNIQUE constraint's index is in its table's schema
        if (index != null && index.table().equals(t.name()) && index.unique()) {
            return new AlterTablePlan(t, null, null, null, null, List.of(), List.of(), -1, null, null, Map.of(),
                    List.of(), Map.of(), null, index.name(), false, null);
        }
        if (name.equals(io.kyrodb.engine.catalog.SchemaNames.localOf(t.name()) + "_pkey") && t.hasPrimaryKey()) {
            return rewrite(b, t, t.columns(), new int[0], identity(t.columns().size()), new ArrayList<>(), t.checks(),
                    t.foreignKeys(), List.of());
        }
        if (d.ifExists()) {
            return AlterTablePlan.nothing(t);
        }
        throw b.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \"" + t.name()
                + "\" does not exist", d.pos());
    }

    private static Plan addColumn(Binder b, Table t, Statement.AddColumn a) {
        Statement.CreateTable c = a.table();
        Statement.ColumnDefinition d = c.columns().get(0);
        if (t.columnIndex(d.name()) >= 0) {
            if (a.ifNotExists()) {
                return AlterTablePlan.nothing(t);
            }
            throw b.error(SqlState.DUPLICATE_COLUMN, "column \"" + d.name() + "\" of relation \"" + t.name()
                    + "\" already exists", d.pos());
        }
        if (t.columns().size() >= Binder.MAX_COLUMNS) {
            throw b.error(SqlState.INVALID_TABLE_DEFINITION, "tables can have at most " + Binder.MAX_COLUMNS
                    + " columns", d.pos());
        }
        boolean pk = d.primaryKey();
        if (pk && t.hasPrimaryKey()) {
            throw b.error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + t.name()
                    + "\" are not allowed", d.pos());
        }
        List<Sequence> sequences = new ArrayList<>();
        Column column = b.bindColumn(d, t.name(), pk, sequences, new ArrayList<>());
        List<Column> columns = new ArrayList<>(t.columns());
        columns.add(column);
        columns = GeneratedColumns.check(b, t.name(), columns, List.of(d));
        int[] primaryKey = pk ? new int[]{columns.size() - 1} : t.primaryKey();
        List<CheckConstraint> checks = new ArrayList<>(t.checks());
        checks.addAll(CheckConstraints.bind(b, c, columns, primaryKey, constraintNames(b, t)));
        List<CreateTablePlan.UniqueKey> unique = new ArrayList<>();
        for (Index i : b.catalog().indexesOf(t.name())) {
            if (i.unique() && i.plain()) {
                unique.add(new CreateTablePlan.UniqueKey(i.name(), i.columns()));
            }
        }
        List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
        fks.addAll(ForeignKeyBinder.bind(b, c, columns, primaryKey, unique));
        int[] source = new int[columns.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = i < t.columns().size() ? i : -1;
        }
        // The new column's values: its default, which may draw from the sequence created with it.
        io.kyrodb.engine.catalog.Catalog withSequences = b.catalog();
        for (Sequence s : sequences) {
            withSequences = withSequences.with(s);
        }
        Table shape = new Table(t.name(), columns, primaryKey, checks, fks, null);
        Binder fillBinder = new Binder(withSequences, b.sql(), b.parameters());
        List<BoundExpr> fill = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fill.add(i == columns.size() - 1 ? ColumnDefaults.of(fillBinder, shape, i) : null);
        }
        List<CreateTablePlan.UniqueKey> newUnique = UniqueConstraints.bind(b, c, columns.stream().map(Column::name)
                .toList(), primaryKey);
        return rewrite(b, t, columns, primaryKey, source, fill, checks, fks, sequences, newUnique);
    }

    private static Plan dropColumn(Binder b, Table t, Statement.DropColumn d) {
        int gone = t.columnIndex(d.name());
        if (gone < 0) {
            if (d.ifExists()) {
                return AlterTablePlan.nothing(t);
            }
            column(b, t, d.name(), d.pos());
        }
        List<Integer> readers = GeneratedColumns.readersOf(b, t, gone);
        if (!readers.isEmpty() && !d.cascade()) {
            throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column " + d.name() + " of table "
                    + t.name() + " because other objects depend on it: column " + t.columns().get(readers.get(0)).name()
                    + " of table " + t.name() + " depends on column " + d.name() + " of table " + t.name()
                    + " (use DROP ... CASCADE to drop the dependent objects too)", d.pos());
        }
        java.util.BitSet dropped = new java.util.BitSet();   // CASCADE: the generated columns that read it go with it
        dropped.set(gone);
        readers.forEach(dropped::set);
        if (t.columns().size() == 1) {
            throw b.error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop column \"" + d.name() + "\": it is the only"
                    + " column of table \"" + t.name() + "\"", d.pos());
        }
        int[] map = new int[t.columns().size()];   // old position -> new, -1 for the dropped one
        List<Column> columns = new ArrayList<>();
        int[] source = new int[t.columns().size() - dropped.cardinality()];
        for (int i = 0, n = 0; i < map.length; i++) {
            map[i] = dropped.get(i) ? -1 : n;
            if (!dropped.get(i)) {
                source[n++] = i;
                columns.add(t.columns().get(i));
            }
        }
        int[] pk = remap(t.primaryKey(), map);
        // CHECK constraints that read the column go with it, as PostgreSQL drops them.
        List<CheckConstraint> checks = new ArrayList<>();
        List<CheckConstraint> plain = io.kyrodb.engine.catalog.Exclusion.checksOnly(t.checks());
        List<RowCheck> bound = bindChecks(b, t, plain);
        for (int k = 0; k < bound.size(); k++) {
            boolean[] reads = {false};
            ExprTree.forEach(bound.get(k).condition(), e -> reads[0] |= e instanceof ColumnExpr c && dropped.get(c.index()));
            if (!reads[0]) {
                checks.add(plain.get(k));
            }
        }
        for (io.kyrodb.engine.catalog.Exclusion x : io.kyrodb.engine.catalog.Exclusion.of(t.checks())) {
            if (java.util.Arrays.stream(x.columnIndexes(t)).noneMatch(dropped::get)) {   // else it goes with the column
                checks.add(x.constraint());
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            int[] cols = remap(f.columns(), map);
            if (cols != null) {
                fks.add(new ForeignKey(f.name(), cols, f.refTable(), f.refTable().equals(t.name())
                        ? remap(f.refColumns(), map) : f.refColumns(), f.onDelete(), f.onUpdate())
                        .timed(f.deferrable(), f.initiallyDeferred()));
            }
        }
        Map<String, List<ForeignKey>> children = new TreeMap<>();
        for (Table other : b.catalog().tables()) {
            if (other.name().equals(t.name())) {
                continue;
            }
            List<ForeignKey> moved = new ArrayList<>();
            boolean changed = false;
            for (ForeignKey f : other.foreignKeys()) {
                if (!f.refTable().equals(t.name())) {
                    moved.add(f);
                    continue;
                }
                int[] refs = remap(f.refColumns(), map);
                if (refs == null) {
                    throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column " + d.name() + " of table "
                            + t.name() + " because other objects depend on it: constraint " + f.name() + " on table "
                            + other.name(), d.pos());
                }
                moved.add(new ForeignKey(f.name(), f.columns(), f.refTable(), refs, f.onDelete(), f.onUpdate())
                        .timed(f.deferrable(), f.initiallyDeferred()));
                changed = true;
            }
            if (changed) {
                children.put(other.name(), moved);
            }
        }
        Map<String, int[]> indexes = new LinkedHashMap<>();
        for (Index i : b.catalog().indexesOf(t.name())) {
            // an index whose key, expressions or predicate read a dropped column goes with it, as in PostgreSQL
            int[] cols = i.columnsRead().stream().allMatch(c -> map[c] >= 0) ? remap(i.columns(), map) : null;
            if (cols != null) {
                indexes.put(i.name(), cols);
            }
        }
        List<BoundExpr> fill = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fill.add(null);
        }
        Table dropShape = new Table(t.name(), columns, pk == null ? new int[0] : pk, null);
        return ViewDependencies.dropColumn(b, t, d.name(), d.cascade(), d.pos(), new AlterTablePlan(t, columns,
                pk == null ? new int[0] : pk, checks, fks,
                GeneratedColumns.withGenerators(b, dropShape, bindChecks(b, dropShape, checks)), List.of(), -1,
                source, fill, indexes, List.of(), children, null, null, false, null));
    }

    /** RENAME TO: the rows rewritten under the new name; references, owned sequences and indexes follow. */
    private static Plan renameTable(Binder b, Table t, Statement.RenameTable r) {
        String to = Binder.sameSchema(t.name(), r.to());   // a table keeps its schema
        if (b.catalog().hasRelation(to)) {
            throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + to + "\" already exists", r.pos());
        }
        if (!b.catalog().viewsOn(t.name()).isEmpty() || ViewDependencies.readByMaterializedView(b, t.name())) {
            // views read it: they are written again naming the new key
            return RelocationBinder.renameTable(b, t.name(), to, r.pos());
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            fks.add(f.refTable().equals(t.name()) ? f.withRefTable(to) : f);
        }
        Map<String, List<ForeignKey>> children = new TreeMap<>();
        for (Table other : b.catalog().tables()) {
            if (!other.name().equals(t.name()) && other.foreignKeys().stream().anyMatch(f -> f.refTable().equals(t.name()))) {
                children.put(other.name(), other.foreignKeys().stream()
                        .map(f -> f.refTable().equals(t.name()) ? f.withRefTable(to) : f).toList());
            }
        }
        List<Sequence> sequences = new ArrayList<>();
        for (Sequence s : b.catalog().sequences()) {
            if (s.ownedBy() != null && s.ownedBy().startsWith(t.name() + ".")) {
                sequences.add(s.ownedAs(to + s.ownedBy().substring(t.name().length())));
            }
        }
        Map<String, int[]> indexes = new LinkedHashMap<>();
        for (Index i : b.catalog().indexesOf(t.name())) {
            indexes.put(i.name(), i.columns());
        }
        List<BoundExpr> fill = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            fill.add(null);
        }
        Table shape = new Table(to, t.columns(), t.primaryKey(), null);
        return new AlterTablePlan(t, t.columns(), t.primaryKey(), t.checks(), fks, bindChecks(b, shape, t.checks()),
                List.of(), -1, identity(t.columns().size()), fill, indexes, sequences, children, null, null, false, to);
    }

    /** ALTER COLUMN TYPE: every row rewritten, the column's values converted by the assignment cast (42804 if none). */
    private static Plan alterColumnType(Binder b, Table t, Statement.AlterColumnType a) {
        int i = column(b, t, a.column(), a.pos());
        Column old = t.columns().get(i);
        if (!GeneratedColumns.readersOf(b, t, i).isEmpty()) {
            throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a generated column: column \""
                    + t.columns().get(GeneratedColumns.readersOf(b, t, i).get(0)).name() + "\" uses column \""
                    + old.name() + "\"", a.pos());
        }
        io.kyrodb.engine.types.SqlType type = b.resolveType(a.type());
        b.requireStorable(type, a.type().pos());
        Column changed = new Column(old.name(), type, old.notNull(), old.defaultSql(), old.identity(), old.generatedSql());
        if (old.identity() != null && !SequenceBinder.isInteger(type)) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or bigint",
                    a.pos());
        }
        for (io.kyrodb.engine.catalog.VectorIndexDef v : b.catalog().vectorIndexesOf(t.name())) {
            // The rewrite builds the index again over the converted column: it must still fit the operator class.
            io.kyrodb.engine.types.TypeKind indexed = t.columns().get(i).type().kind();
            if (v.column() == i && (type.kind() != indexed || type.length() <= 0)) {
                throw b.error(SqlState.DATATYPE_MISMATCH, "operator class \""
                        + io.kyrodb.engine.vector.HnswValues.opclass(v.spec().distance(), indexed) + "\" of index \""
                        + v.name() + "\" does not accept data type " + type.kind().sqlName()
                        + (type.kind() == indexed ? " without dimensions" : ""), a.pos());
            }
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(i, changed);
        int[] source = identity(columns.size());
        source[i] = -1;
        List<BoundExpr> fill = new ArrayList<>();
        ExprBinder overOldRow = b.expressions(Scope.of(t, null), "transform expressions");
        BoundExpr converted = a.using() != null ? b.assign(overOldRow, a.using(), changed)
                : assignOrHint(b, overOldRow, new ColumnExpr(i, old.type(), t.name(), old.name(), !old.notNull()), changed, a);
        for (int k = 0; k < columns.size(); k++) {
            fill.add(k == i ? converted : null);
        }
        if (old.defaultSql() != null) {   // the default must still convert
            b.assign(b.expressions(Scope.empty(), "DEFAULT"), ColumnDefaults.parse(old.defaultSql()), changed);
        }
        return rewrite(b, t, columns, t.primaryKey(), source, fill, t.checks(), t.foreignKeys(), List.of());
    }

    /** The old column converted by the assignment cast; without one, PostgreSQL's 42804 with its USING hint. */
    private static BoundExpr assignOrHint(Binder b, ExprBinder binder, BoundExpr old, Column changed,
                                          Statement.AlterColumnType a) {
        if (!io.kyrodb.engine.types.Casts.assignable(old.type(), changed.type())) {
            throw b.error(SqlState.DATATYPE_MISMATCH, "column \"" + changed.name() + "\" cannot be cast automatically to type "
                    + changed.type().displayName() + " (you might need to specify USING " + changed.name() + "::"
                    + changed.type().displayName() + ")", a.pos());
        }
        return b.assign(binder, old, changed, a.pos());
    }

    private static Plan rewrite(Binder b, Table t, List<Column> columns, int[] pk, int[] source, List<BoundExpr> fill,
                                List<CheckConstraint> checks, List<ForeignKey> fks, List<Sequence> sequences) {
        return rewrite(b, t, columns, pk, source, fill, checks, fks, sequences, List.of());
    }

    private static Plan rewrite(Binder b, Table t, List<Column> columns, int[] pk, int[] source, List<BoundExpr> fill,
                                List<CheckConstraint> checks, List<ForeignKey> fks, List<Sequence> sequences,
                                List<CreateTablePlan.UniqueKey> newUnique) {
        while (fill.size() < columns.size()) {
            fill.add(null);
        }
        Map<String, int[]> indexes = new LinkedHashMap<>();
        for (Index i : b.catalog().indexesOf(t.name())) {
            indexes.put(i.name(), i.columns());
        }
        for (CreateTablePlan.UniqueKey u : newUnique) {
            indexes.put(u.name(), u.columns());
        }
        Table shape = new Table(t.name(), columns, pk, null);
        return new AlterTablePlan(t, columns, pk, checks, fks,
                GeneratedColumns.withGenerators(b, shape, bindChecks(b, shape, checks)), fks, -1, source, fill,
                indexes, sequences, Map.of(), null, null, false, null);
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** {@code columns} at their new positions, or null when one of them is dropped. */
    private static int[] remap(int[] columns, int[] map) {
        int[] out = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = columns[i] < 0 ? -1 : map[columns[i]];
            if (out[i] < 0 && columns[i] >= 0) {
                return null;
            }
        }
        return out;
    }
}
