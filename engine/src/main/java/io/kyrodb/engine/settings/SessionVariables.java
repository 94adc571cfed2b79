package io.kyrodb.engine.settings;

/**
 * What {@code current_setting} and {@code set_config} reach from inside an expression: the
 * settings of the session that runs the statement. Called on that session's thread only.
 */
public interface SessionVariables {
    /** The value as SHOW gives it; null when {@code name} is unknown and {@code missingOk}, else 42704. */
    String get(String name, boolean missingOk);

    /**
     * Sets {@code name} as SET (or SET LOCAL when {@code local}) would, {@code value} null
     * resetting it, and returns the value it now has.
     */
    String set(String name, String value, boolean local);

    /** For sessionless binders: knows no settings and refuses changes. */
    SessionVariables NONE = new SessionVariables() {
        @Override
        public String get(String name, boolean missingOk) {
            if (missingOk) {
                return null;
            }
            throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"");
        }

        @Override
        public String set(String name, String value, boolean local) {
            throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + name + "\" cannot be changed without a session");
        }
    };
}
