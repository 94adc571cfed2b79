package io.kyrodb.engine.settings;

/** Where a setting lives (ARCHITECTURE.md, "Interfaces"). */
public enum SettingKind {
    /** Stored with the database when it is created; fixed afterwards. */
    DATABASE,
    /** Applies to the engine shared by every connection to one database in the JVM. */
    ENGINE,
    /** Belongs to one connection; {@code SET} changes it. */
    SESSION
}
