package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE [OR REPLACE] FUNCTION and DROP FUNCTION [IF EXISTS] ... [CASCADE]: the definition is
 * checked (types, parameter names and defaults as PostgreSQL checks them, then the body by its
 * language) and becomes one catalog change; transactional and durable like other DDL.
 */
final class FunctionDdlBinder {
    private FunctionDdlBinder() {
    }

    static CatalogDdlPlan create(Binder binder, Statement.CreateFunction c) {
        FunctionLanguage language = FunctionLanguages.find(binder, c.language(), c.pos());
        String key = binder.createKey(c.name());
        String schema = SchemaNames.schemaOf(key);
        String name = SchemaNames.localOf(key);
        List<UserFunction.Argument> arguments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean defaults = false;
        List<Column> outColumns = new ArrayList<>();
        boolean variadic = false;
        for (Statement.FunctionParameter p : c.parameters()) {
            if (variadic && p.isIn()) {
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "VARIADIC parameter must be the last input"
                        + " parameter", p.pos());
            }
            if (p.mode().equals("VARIADIC")) {
                if (!type(binder, p.type()).isArray()) {
                    throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "VARIADIC parameter must be an array",
                            p.pos());
                }
                variadic = true;
            }
            if (p.name() != null && !names.add(p.name())) {
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "parameter name \"" + p.name()
                        + "\" used more than once", p.pos());
            }
            if (p.isOut()) {   // a column of the result; PostgreSQL names an unnamed one column<n>
                outColumns.add(new Column(p.name() != null ? p.name() : "column" + (outColumns.size() + 1),
                        type(binder, p.type()), false));
            }
            if (!p.isIn()) {
                if (p.defaultText() != null) {
                    throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "only input parameters can have default"
                            + " values", p.pos());
                }
                continue;
            }
            if (p.defaultText() == null && defaults) {
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION,
                        "input parameters after one with a default value must also have defaults", p.pos());
            }
            defaults |= p.defaultText() != null;
            arguments.add(new UserFunction.Argument(p.name(), type(binder, p.type()), p.defaultText()));
        }
        SqlType returnType = null;
        List<Column> columns = new ArrayList<>();
        if (c.returnType() != null && c.returnType().name().equals("trigger") && !c.setof()) {
            if (!language.name().equals("plpgsql")) {   // RETURNS trigger: no return type, no columns
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, language.name().toUpperCase(java.util.Locale.ROOT)
                        + " functions cannot return type trigger", c.pos());
            }
        } else if (c.returnType() != null) {
            returnType = c.returnType().name().equals("void") ? SqlType.TEXT : type(binder, c.returnType());
        } else if (c.procedure()) {
            returnType = outColumnsOf(c) ? null : SqlType.TEXT;   // a procedure's result: none, or its INOUT parameters
        } else if (c.tableColumns().isEmpty() && c.parameters().stream().noneMatch(Statement.FunctionParameter::isOut)) {
            throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be specified", c.pos());
        }
        for (Statement.FunctionColumn col : c.tableColumns()) {
            columns.add(new Column(col.name(), type(binder, col.type()), false));
        }
        char volatility = c.volatility() == null ? 'v' : c.volatility().charAt(0);
        int flags = c.returnType() != null && c.returnType().name().equals("void")
                || c.procedure() && outColumns.isEmpty() ? UserFunction.VOID : 0;
        if (c.procedure()) {
            flags |= UserFunction.PROCEDURE;
        }
        if (variadic) {
            flags |= UserFunction.VARIADIC;
        }
        if (!outColumns.isEmpty()) {
            if (!columns.isEmpty()) {
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "OUT and INOUT arguments aren't allowed in TABLE"
                        + " functions", c.pos());
            }
            SqlType implied = outColumns.size() == 1 ? outColumns.get(0).type() : SqlType.RECORD;
            if (returnType != null && (returnType.kind() != implied.kind() || (flags & UserFunction.VOID) != 0)) {
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be "
                        + (outColumns.size() == 1 ? UserFunction.typeName(implied) : "record")
                        + " because of OUT parameters", c.pos());
            }
            returnType = implied;
            columns.addAll(outColumns);
            flags |= UserFunction.OUT_PARAMETERS;
        }
        UserFunction f = new UserFunction(schema, name, arguments, returnType, c.setof(), columns, language.name(),
                c.body(), c.standardBody(), volatility, c.strict(), flags);
        Catalog catalog = binder.catalog();
        for (UserFunction existing : catalog.functions(key)) {
            if (existing.hasArgumentTypes(f.argumentTypes()) && existing.isProcedure() != f.isProcedure() && c.orReplace()) {
                throw binder.error(SqlState.WRONG_OBJECT_TYPE, "cannot change routine kind (\"" + name + "\" is a "
                        + (existing.isProcedure() ? "procedure" : "function") + ")", c.pos());
            }
            if (existing.hasArgumentTypes(f.argumentTypes())) {
                if (!c.orReplace()) {
                    throw binder.error(SqlState.DUPLICATE_FUNCTION, "function \"" + name
                            + "\" already exists with same argument types", c.name().pos());
                }
                if (existing.returnsSet() != f.returnsSet() || !sameReturn(existing, f)) {
                    throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing"
                            + " function", c.pos());
                }
            }
        }
        language.validate(binder, f, c.pos());
        return new CatalogDdlPlan(List.of(new Change.CreateFunction(f)));
    }

    private static boolean outColumnsOf(Statement.CreateFunction c) {
        return c.parameters().stream().anyMatch(Statement.FunctionParameter::isOut);
    }

    private static boolean sameReturn(UserFunction a, UserFunction b) {
        if (a.returnType() == null || b.returnType() == null) {
            return a.returnType() == b.returnType() && a.tableColumns().stream().map(Column::type).map(SqlType::kind).toList()
                    .equals(b.tableColumns().stream().map(Column::type).map(SqlType::kind).toList());
        }
        return a.returnType().kind() == b.returnType().kind() && a.returnsVoid() == b.returnsVoid();
    }

    static CatalogDdlPlan drop(Binder binder, Statement.DropFunction d) {
        List<Change> changes = new ArrayList<>();
        Catalog catalog = binder.catalog();
        for (Statement.FunctionSignature s : d.functions()) {
            List<SqlType> types = null;
            if (s.argumentTypes() != null) {
                types = new ArrayList<>();
                for (TypeName t : s.argumentTypes()) {
                    types.add(type(binder, t));
                }
            }
            List<UserFunction> found = UserFunctionCalls.named(binder, s.name());
            List<UserFunction> matching = new ArrayList<>();
            for (UserFunction f : found) {
                if (types == null || f.hasArgumentTypes(types)) {
                    matching.add(f);
                }
            }
            if (matching.isEmpty()) {
                if (d.ifExists()) {
                    continue;
                }
                String what = types == null ? s.name().toString() : s.name() + "(" + String.join(", ",
                        types.stream().map(UserFunction::typeName).toList()) + ")";
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + what + " does not exist", s.pos());
            }
            if (matching.size() > 1) {
                throw binder.error(SqlState.AMBIGUOUS_FUNCTION, "function name \"" + s.name() + "\" is not unique",
                        s.pos());
            }
            UserFunction f = matching.get(0);
            if (f.returnsTrigger()) {   // its triggers: CASCADE drops them, else 2BP01
                for (io.kyrodb.engine.catalog.Trigger t : catalog.routines().triggers()) {
                    if (t.function().equals(f.key())) {
                        if (!d.cascade()) {
                            throw binder.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop function "
                                    + f.signature() + " because other objects depend on it", d.pos());
                        }
                        changes.add(new Change.DefineTrigger(t.key(), null));
                    }
                }
            }
            changes.add(new Change.DropFunction(f.key(), f.argumentTypes()));
            catalog = catalog.withoutFunction(f.key(), f.argumentTypes());
        }
        return new CatalogDdlPlan(changes);
    }

    private static SqlType type(Binder binder, TypeName t) {
        try {
            return TypeResolver.resolve(t, binder.sql());
        } catch (io.kyrodb.engine.KyroException e) {
            throw binder.error(e.state(), e.getMessage(), t.pos());
        }
    }
}
