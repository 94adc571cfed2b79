package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.sql.ast.Pos;

import java.util.Map;

/**
 * The languages functions can be written in, by name: {@code sql} and {@code plpgsql}. Any other
 * is 42704, as PostgreSQL says for a language that is not installed.
 */
final class FunctionLanguages {
    private static final Map<String, FunctionLanguage> BY_NAME = Map.of("sql", new SqlFunctionLanguage(),
            "plpgsql", new PlpgsqlFunctionLanguage());

    private FunctionLanguages() {
    }

    static FunctionLanguage find(Binder binder, String name, Pos pos) {
        FunctionLanguage language = BY_NAME.get(name);
        if (language == null) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "language \"" + name + "\" does not exist", pos);
        }
        return language;
    }
}
