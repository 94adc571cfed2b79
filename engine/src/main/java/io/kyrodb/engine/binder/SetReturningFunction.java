package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.GenerateSeriesNode;
import io.kyrodb.engine.exec.OrdinalityNode;
import io.kyrodb.engine.exec.UnnestNode;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.SeriesFunction;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.ContainerFunction;
import io.kyrodb.engine.expr.ContainerFunctionExpr;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds a set-returning function in FROM: {@code unnest(array [, array ...]) [AS] alias [(columns)]}
 * and jsonb's {@code jsonb_array_elements[_text]}, {@code jsonb_each[_text]}, {@code jsonb_object_keys}.
 * Its arguments may read parameters, enclosing queries and, in a comma list, the FROM items before
 * it (Postgres's implicit LATERAL). One array gives one column named after the alias (else
 * {@code unnest}); several give one column each.
 */
final class SetReturningFunction {
    /** {@code lateral}: the arrays read other FROM items' columns (the plan is then unused: see JoinTree.Lateral). */
    record Bound(Table table, PlanNode plan, List<BoundExpr> arrays, boolean lateral) {
        /** WITH ORDINALITY: the function's columns and a last bigint column numbering its rows. */
        Bound withOrdinality(FromItem.FunctionCall call) {
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                Column c = table.columns().get(i);
                columns.add(i < call.columns().size() ? new Column(call.columns().get(i), c.type(), c.notNull()) : c);
            }
            int n = columns.size();
            columns.add(new Column(n < call.columns().size() ? call.columns().get(n) : "ordinality", SqlType.BIGINT,
                    true));
            return new Bound(Table.virtual(table.name(), columns), new OrdinalityNode(plan), arrays, lateral);
        }
    }

    /** The functions whose rows are JSON objects read as records ({@link #jsonRecords}). */
    private static final java.util.Set<String> JSON_RECORDS = java.util.Set.of("jsonb_to_record", "jsonb_to_recordset",
            "json_to_record", "json_to_recordset", "jsonb_populate_record", "jsonb_populate_recordset",
            "json_populate_record", "json_populate_recordset");

    private SetReturningFunction() {
    }

    /**
     * {@code jsonb_to_record[set](j) AS x(a int, b text)} (the column definition list is required,
     * 42601) and {@code jsonb_populate_record[set](NULL::t, j)} (the columns of table {@code t}),
     * and their json forms: one column per field, each the array of its values ({@link JsonToRecord}).
     */
    private static Bound jsonRecords(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        boolean populate = call.name().contains("populate");
        boolean json = call.name().startsWith("json_");
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        Expr docArg;
        if (populate) {
            if (call.arguments().size() != 2) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name() + " takes a base row"
                        + " (NULL::table) and a " + (json ? "json" : "jsonb") + " value", call.pos());
            }
            Table table = populateBase(binder, call.arguments().get(0));
            for (Column c : table.columns()) {
                names.add(c.name());
                types.add(c.type());
            }
            docArg = call.arguments().get(1);
        } else {
            if (call.arguments().size() != 1) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name() + " takes one "
                        + (json ? "json" : "jsonb") + " argument", call.pos());
            }
            if (call.columnTypes().isEmpty()) {
                throw binder.error(SqlState.SYNTAX_ERROR, "a column definition list is required for functions returning"
                        + " \"record\" (write " + call.name() + "(...) AS x(a integer, b text))", call.pos());
            }
            names.addAll(call.columns());
            for (io.kyrodb.sql.ast.TypeName t : call.columnTypes()) {
                SqlType type = binder.resolveType(t);
                binder.requireStorable(type, t.pos());
                types.add(type);
            }
            docArg = call.arguments().get(0);
        }
        SqlType docType = json ? SqlType.JSON : SqlType.JSONB;
        BoundExpr doc = exprs.bind(docArg, docType);
        if (doc.type().kind() != docType.kind() && doc.type().kind() != TypeKind.UNKNOWN) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name() + "(" + (populate ? "record, " : "")
                    + doc.type().displayName() + ") does not exist", call.pos());
        }
        doc = exprs.coerce(doc, docType, docArg.pos());
        boolean set = call.name().endsWith("set");
        List<Column> columns = new ArrayList<>();
        List<BoundExpr> arrays = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            SqlType type = types.get(i);
            arrays.add(new BuiltinExpr(new io.kyrodb.engine.expr.JsonToRecord(call.name(), names.get(i), type, set, false),
                    List.of(doc), SqlType.arrayOf(type)));
            String name = populate && i < call.columns().size() ? call.columns().get(i) : names.get(i);
            columns.add(new Column(name, type, false));
        }
        if (populate && call.columns().size() > names.size()) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + (call.alias() != null ? call.alias()
                    : call.name()) + "\" has " + names.size() + " columns available but " + call.columns().size()
                    + " columns specified", call.pos());
        }
        return bound(call, columns, arrays);
    }

    /** jsonb_populate_record's base: {@code NULL::t} for a table (or view) {@code t}, whose columns it takes. */
    static Table populateBase(Binder binder, Expr base) {
        if (base instanceof Expr.Cast c && c.operand() instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.NULL
                && c.type().arguments().isEmpty() && !c.type().name().contains(" ")) {
            return binder.relation(new io.kyrodb.sql.ast.QualifiedName(c.type().pos(), null, c.type().name()));
        }
        throw binder.error(SqlState.DATATYPE_MISMATCH, "KyroDB takes the base row of jsonb_populate_record as"
                + " NULL::table_name", base.pos());
    }

    static Bound bind(Binder binder, FromItem.FunctionCall written, Scope visible, ExprBinder outer) {
        FromItem.FunctionCall call = written;
        if (written.arguments().stream().anyMatch(a -> a instanceof Expr.NamedArgument)) {
            // jsonb_each(from_json => ...): as the same call in parameter order
            Expr.FunctionCall asCall = NamedArguments.positional(binder.expressions(visible, "functions in FROM", outer),
                    new Expr.FunctionCall(written.pos(), written.name(), written.arguments(), false, false));
            call = new FromItem.FunctionCall(written.pos(), written.name(), asCall.arguments(), written.alias(),
                    written.columns(), written.ordinality(), written.columnTypes());
        }
        if (!call.columnTypes().isEmpty()) {
            if (!JSON_RECORDS.contains(call.name()) || call.name().contains("populate")) {
                throw binder.error(SqlState.SYNTAX_ERROR, "a column definition list is only allowed for functions"
                        + " returning \"record\"", call.pos());
            }
            if (call.ordinality()) {
                throw binder.error(SqlState.SYNTAX_ERROR, "WITH ORDINALITY cannot be used with a column definition list",
                        call.pos());
            }
        }
        if (call.ordinality()) {
            // bound without it and without column aliases, then numbered and named
            List<String> columns = call.columns();
            FromItem.FunctionCall plain = new FromItem.FunctionCall(call.pos(), call.name(), call.arguments(),
                    call.alias(), List.of());
            Bound b = bind(binder, plain, visible, outer);
            if (columns.size() > b.table().columns().size() + 1) {
                throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + (call.alias() != null ? call.alias()
                        : call.name()) + "\" has " + (b.table().columns().size() + 1) + " columns available but "
                        + columns.size() + " columns specified", call.pos());
            }
            return b.withOrdinality(call);
        }
        if (JSON_RECORDS.contains(call.name())) {
            return jsonRecords(binder, call, visible, outer);
        }
        switch (call.name()) {
            case FromItem.FunctionCall.ROWS_FROM -> {
                return rowsFrom(binder, call, visible, outer);
            }
            case "jsonb_array_elements", "jsonb_array_elements_text", "jsonb_each", "jsonb_each_text",
                 "jsonb_object_keys" -> {
                return jsonb(binder, call, visible, outer);
            }
            case "jsonb_path_query" -> {
                return pathQuery(binder, call, visible, outer);
            }
            case "unnest" -> { }
            case "to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "to_tsvector" -> {
                return scalar(binder, call, visible, outer);
            }
            case "generate_series" -> {
                return series(binder, call, visible, outer);
            }
            default -> throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name()
                    + " is not a set-returning function KyroDB knows in FROM (unnest, generate_series, jsonb_array_elements[_text],"
                    + " jsonb_each[_text], jsonb_object_keys, jsonb_path_query)", call.pos());
        }
        if (call.arguments().isEmpty()) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function unnest() does not exist", call.pos());
        }
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        List<BoundExpr> arrays = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < call.arguments().size(); i++) {
            Expr a = call.arguments().get(i);
            // a select-list generate_series reaches here as an argument of the rewrite's unnest
            BoundExpr b = SeriesBinding.isSeries(a) ? SeriesBinding.series(exprs, (Expr.FunctionCall) a)
                    : isJsonbSelectItem(a) ? jsonbArray(exprs, (Expr.FunctionCall) a) : exprs.bind(a, null);
            if (b.type().kind() == TypeKind.UNKNOWN) {
                throw binder.error(SqlState.INDETERMINATE_DATATYPE, "could not determine polymorphic type because input"
                        + " has type unknown", a.pos());
            }
            if (!b.type().isArray()) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "function unnest(" + b.type().displayName()
                        + ") does not exist", call.pos());
            }
            arrays.add(b);
            String name = i < call.columns().size() ? call.columns().get(i)
                    : call.arguments().size() == 1 && call.alias() != null ? call.alias() : "unnest";
            columns.add(new Column(name, b.type().element(), false));
        }
        if (call.columns().size() > columns.size()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "too many column aliases specified for function unnest",
                    call.pos());
        }
        return bound(call, columns, arrays);
    }

    /**
     * {@code ROWS FROM (f(...), g(...))}: each function's columns side by side, as it names them
     * alone; its rows zipped with the others', the shorter padded with NULLs (the same arrays that
     * unnest's nodes zip). Renamed by the alias's column list.
     */
    private static Bound rowsFrom(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        List<Column> columns = new ArrayList<>();
        List<BoundExpr> arrays = new ArrayList<>();
        for (Expr e : call.arguments()) {
            Expr.FunctionCall f = (Expr.FunctionCall) e;
            Bound b = bind(binder, new FromItem.FunctionCall(f.pos(), f.name(), f.arguments(), null, List.of()), visible,
                    outer);
            columns.addAll(b.table().columns());
            arrays.addAll(b.arrays());
        }
        if (call.columns().size() > columns.size()) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + (call.alias() != null ? call.alias()
                    : "rows from") + "\" has " + columns.size() + " columns available but " + call.columns().size()
                    + " columns specified", call.pos());
        }
        for (int i = 0; i < call.columns().size(); i++) {
            Column c = columns.get(i);
            columns.set(i, new Column(call.columns().get(i), c.type(), c.notNull()));
        }
        return bound(call, columns, arrays);
    }

    /** {@code generate_series(start, stop [, step])}: one column named after the alias, else generate_series. */
    private static Bound series(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        Expr.FunctionCall f = new Expr.FunctionCall(call.pos(), call.name(), call.arguments(), false, false);
        if (!SeriesBinding.isSeries(f)) {
            ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
            List<BoundExpr> args = new ArrayList<>();
            for (Expr a : call.arguments()) {
                args.add(exprs.bind(a, null));
            }
            throw exprs.noSuchFunction(f, args);
        }
        BoundExpr values = SeriesBinding.series(binder.expressions(visible, "functions in FROM", outer), f);
        if (call.columns().size() > 1) {
            throw binder.error(SqlState.SYNTAX_ERROR, "too many column aliases specified for function generate_series",
                    call.pos());
        }
        String name = !call.columns().isEmpty() ? call.columns().get(0)
                : call.alias() != null ? call.alias() : "generate_series";
        return bound(call, List.of(new Column(name, values.type().element(), false)), List.of(values));
    }

    /** {@code jsonb_path_query(target, path [, vars [, silent]])}: one jsonb column named after the alias. */
    private static Bound pathQuery(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        BoundExpr items = jsonbArray(exprs, new Expr.FunctionCall(call.pos(), call.name(), call.arguments(), false, false));
        if (call.columns().size() > 1) {
            throw binder.error(SqlState.SYNTAX_ERROR, "too many column aliases specified for function " + call.name(),
                    call.pos());
        }
        String name = !call.columns().isEmpty() ? call.columns().get(0)
                : call.alias() != null ? call.alias() : call.name();
        return bound(call, List.of(new Column(name, SqlType.JSONB, false)), List.of(items));
    }

    /**
     * The jsonb set-returning functions of one column that may stand as a whole select-list item
     * ({@link SelectListUnnest} turns them into an unnest of the array {@link #jsonbArray} gives):
     * {@code jsonb_array_elements[_text]}, {@code jsonb_object_keys}, {@code jsonb_path_query}.
     */
    static boolean isJsonbSelectItem(Expr e) {
        return e instanceof Expr.FunctionCall f && !f.distinct() && !f.star()
                && switch (f.name()) {
                    case "jsonb_array_elements", "jsonb_array_elements_text", "jsonb_object_keys", "jsonb_path_query",
                         "jsonb_each", "jsonb_each_text" -> true;
                    default -> false;
                };
    }

    /** One of {@link #isJsonbSelectItem}'s functions as the array of its rows. */
    static BoundExpr jsonbArray(ExprBinder exprs, Expr.FunctionCall f) {
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.arguments()) {
            args.add(exprs.bind(a, null));
        }
        if (f.name().equals("jsonb_path_query")) {
            return JsonPathBinding.query(exprs, f, args);
        }
        if (args.size() != 1 || args.get(0).type().kind() != TypeKind.JSONB && args.get(0).type().kind() != TypeKind.UNKNOWN) {
            throw exprs.noSuchFunction(f, args);
        }
        List<BoundExpr> call = List.of(exprs.coerce(args.get(0), SqlType.JSONB, f.pos()), new ConstExpr(f.name(), SqlType.TEXT));
        return switch (f.name()) {
            case "jsonb_array_elements" -> new ContainerFunctionExpr(ContainerFunction.JSONB_ELEMENTS, call,
                    SqlType.arrayOf(SqlType.JSONB));
            case "jsonb_array_elements_text" -> new ContainerFunctionExpr(ContainerFunction.JSONB_ELEMENTS_TEXT, call,
                    SqlType.arrayOf(SqlType.TEXT));
            case "jsonb_each" -> new ContainerFunctionExpr(ContainerFunction.JSONB_EACH_RECORDS, call,
                    SqlType.arrayOf(SqlType.RECORD));   // (key,value) records, as PostgreSQL's select-list jsonb_each
            case "jsonb_each_text" -> new ContainerFunctionExpr(ContainerFunction.JSONB_EACH_TEXT_RECORDS, call,
                    SqlType.arrayOf(SqlType.RECORD));
            default -> new ContainerFunctionExpr(ContainerFunction.JSONB_KEYS, call, SqlType.arrayOf(SqlType.TEXT));
        };
    }

    /**
     * A function returning one value, in FROM ({@code FROM docs, websearch_to_tsquery('english', 'x') q}):
     * one row whose one column is named after the alias (else the function), as in PostgreSQL.
     */
    private static Bound scalar(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        BoundExpr value = exprs.bind(new Expr.FunctionCall(call.pos(), call.name(), call.arguments(), false, false), null);
        String name = !call.columns().isEmpty() ? call.columns().get(0) : call.alias() != null ? call.alias() : call.name();
        if (call.columns().size() > 1) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + (call.alias() != null ? call.alias()
                    : call.name()) + "\" has 1 columns available but " + call.columns().size() + " columns specified", call.pos());
        }
        BoundExpr one = new BuiltinExpr(new OneValue(), List.of(value), SqlType.arrayOf(value.type()));
        return bound(call, List.of(new Column(name, value.type(), false)), List.of(one));
    }

    /**
     * {@code column} itself, or, when it is the column of a scalar function in FROM whose value reads
     * no row ({@code websearch_to_tsquery('english', 'x') q}), that value: the item has exactly one row,
     * so {@code WHERE tsv @@ q} is a condition on {@code tsv} alone, which an index can answer.
     */
    static BoundExpr scalarValue(Scope scope, ColumnExpr column) {
        for (Scope.Entry e : scope.entries()) {
            if (column.index() < e.offset() || column.index() >= e.offset() + e.table().columns().size()) {
                continue;
            }
            if (e.source() instanceof UnnestNode u && u.arrays().size() == 1 && u.arrays().get(0) instanceof BuiltinExpr b
                    && b.function() instanceof OneValue) {
                BoundExpr value = b.arguments().get(0);
                boolean[] reads = {false};
                ExprTree.forEach(value, x -> reads[0] |= x instanceof ColumnExpr
                        || x instanceof io.kyrodb.engine.expr.OuterColumnExpr || !ExprTree.subPlans(x).isEmpty());
                return reads[0] ? column : value;
            }
            return column;
        }
        return column;
    }

    /** The one-element array of a scalar function's value in FROM (its one row). */
    private record OneValue() implements io.kyrodb.engine.expr.Builtin {
        @Override
        public boolean strict() {
            return false;
        }

        @Override
        public Object apply(Object[] args, SqlType type) {
            return io.kyrodb.engine.types.SqlArray.of(new Object[]{args[0]});
        }
    }

    static Bound bound(FromItem.FunctionCall call, List<Column> columns, List<BoundExpr> arrays) {
        boolean lateral = false;
        for (BoundExpr a : arrays) {
            boolean[] reads = {false};
            ExprTree.forEach(a, e -> reads[0] |= e instanceof ColumnExpr);
            lateral |= reads[0];
        }
        PlanNode plan = arrays.size() == 1 && arrays.get(0) instanceof BuiltinExpr b
                && b.function() == SeriesFunction.GENERATE_SERIES
                ? new GenerateSeriesNode(b.arguments())   // streams the series instead of making its array
                : new UnnestNode(List.copyOf(arrays));
        return new Bound(Table.virtual(call.alias() != null ? call.alias() : call.name(), columns),
                plan, List.copyOf(arrays), lateral);
    }

    /**
     * jsonb's set-returning functions, as arrays of their columns that unnest's nodes zip into rows:
     * {@code jsonb_array_elements[_text](j)} gives {@code value}, {@code jsonb_each[_text](j)}
     * {@code key, value}, {@code jsonb_object_keys(j)} one text column (named after the alias).
     */
    private static Bound jsonb(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        if (call.arguments().size() != 1) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name() + " takes one jsonb argument",
                    call.pos());
        }
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        Expr arg = call.arguments().get(0);
        BoundExpr doc = exprs.bind(arg, SqlType.JSONB);
        if (doc.type().kind() != TypeKind.JSONB && doc.type().kind() != TypeKind.UNKNOWN) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name() + "(" + doc.type().displayName()
                    + ") does not exist", call.pos());
        }
        doc = exprs.coerce(doc, SqlType.JSONB, arg.pos());
        List<BoundExpr> args = List.of(doc, new ConstExpr(call.name(), SqlType.TEXT));
        List<String> names;
        List<BoundExpr> arrays;
        SqlType jsonbArray = SqlType.arrayOf(SqlType.JSONB);
        SqlType textArray = SqlType.arrayOf(SqlType.TEXT);
        switch (call.name()) {
            case "jsonb_array_elements" -> {
                names = List.of("value");
                arrays = List.of(new ContainerFunctionExpr(ContainerFunction.JSONB_ELEMENTS, args, jsonbArray));
            }
            case "jsonb_array_elements_text" -> {
                names = List.of("value");
                arrays = List.of(new ContainerFunctionExpr(ContainerFunction.JSONB_ELEMENTS_TEXT, args, textArray));
            }
            case "jsonb_each", "jsonb_each_text" -> {
                names = List.of("key", "value");
                boolean text = call.name().endsWith("_text");
                arrays = List.of(new ContainerFunctionExpr(ContainerFunction.JSONB_KEYS, args, textArray),
                        new ContainerFunctionExpr(text ? ContainerFunction.JSONB_VALUES_TEXT : ContainerFunction.JSONB_VALUES,
                                args, text ? textArray : jsonbArray));
            }
            default -> {
                names = List.of(call.alias() != null ? call.alias() : call.name());
                arrays = List.of(new ContainerFunctionExpr(ContainerFunction.JSONB_KEYS, args, textArray));
            }
        }
        if (call.columns().size() > names.size()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "too many column aliases specified for function " + call.name(),
                    call.pos());
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = i < call.columns().size() ? call.columns().get(i) : names.get(i);
            columns.add(new Column(name, arrays.get(i).type().element(), false));
        }
        return bound(call, columns, arrays);
    }
}
