package io.kyrodb.jdbc;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.Session;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.TableInfo;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.List;

/**
 * What KyroDB is and supports, for tools and ORMs. The answers describe this version truthfully:
 * SQL with inner and outer joins, subqueries (IN, EXISTS, scalar, correlated), UNION/INTERSECT/EXCEPT; autocommit or
 * manual transactions (transactional DDL, savepoints); forward-only read-only result sets. Identifiers are stored in lower case
 * unless quoted, as in Postgres. There are no catalogs (TABLE_CAT is null); tables live in schemas,
 * {@code public} by default. Catalog results come from {@code Session.tables()} via
 * {@link CatalogRows}; the shapes are in {@link MetadataShapes}.
 */
public final class KyroDatabaseMetaData implements DatabaseMetaData {
    /** The schema every table is in unless it names another. */
    public static final String SCHEMA = "public";
    public static final String PRODUCT_NAME = "KyroDB";
    public static final String DRIVER_NAME = "KyroDB JDBC Driver";

    private final KyroJdbcConnection connection;

    KyroDatabaseMetaData(KyroJdbcConnection connection) {
        this.connection = connection;
    }

    private List<TableInfo> tables() throws SQLException {
        return connection.call(Session::tables);
    }

    private static ResultSet result(ExecResult.Rows rows) {
        return KyroResultSet.of(rows);
    }

    // ---- catalog ------------------------------------------------------------------------------

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        java.util.Set<String> materialized = connection.call(Session::materializedViews);
        List<TableInfo> tables = new java.util.ArrayList<>();
        List<TableInfo> matviews = new java.util.ArrayList<>();
        for (TableInfo t : tables()) {   // a materialized view is a table underneath; pgjdbc lists it apart
            (materialized.contains(SchemaNames.key(t.schema(), t.name())) ? matviews : tables).add(t);
        }
        return result(CatalogRows.tables(tables, connection.call(Session::views), matviews,
                connection.call(Session::sequences), connection.call(Session::comments), catalog, schemaPattern,
                tableNamePattern, types));
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        List<TableInfo> relations = new java.util.ArrayList<>(tables());
        relations.addAll(connection.call(Session::views));   // a view's columns too, as pgjdbc lists them
        return result(CatalogRows.columns(relations, connection.call(Session::comments), catalog, schemaPattern,
                tableNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return result(CatalogRows.primaryKeys(tables(), catalog, schema, table));
    }

    /** The primary key ({@code <table>_pkey}) and the secondary indexes; {@code unique}: only UNIQUE ones. */
    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException {
        return result(CatalogRows.indexInfo(tables(), catalog, schema, table, unique));
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException {
        return result(CatalogRows.bestRowIdentifier(tables(), catalog, schema, table));
    }

    /** The functions made with CREATE FUNCTION ({@link FunctionRows}). */
    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
        return result(FunctionRows.functions(connection.call(Session::userFunctions), catalog, schemaPattern,
                functionNamePattern));
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        return result(FunctionRows.functionColumns(connection.call(Session::userFunctions), catalog, schemaPattern,
                functionNamePattern, columnNamePattern));
    }

    /** Foreign keys, from {@code Session.foreignKeys()}. */
    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return result(CatalogRows.importedKeys(connection.call(Session::foreignKeys), catalog, schema, table));
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return result(CatalogRows.exportedKeys(connection.call(Session::foreignKeys), catalog, schema, table));
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        return result(CatalogRows.crossReference(connection.call(Session::foreignKeys), parentCatalog, parentSchema,
                parentTable, foreignCatalog, foreignSchema, foreignTable));
    }

    @Override public ResultSet getSchemas() throws SQLException { return getSchemas(null, null); }
    @Override public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException { return result(CatalogRows.schemas(connection.call(Session::schemas), catalog, schemaPattern)); }
    @Override public ResultSet getCatalogs() throws SQLException { connection.checkOpen(); return empty(MetadataShapes.CATALOGS); }
    @Override public ResultSet getTableTypes() throws SQLException { connection.checkOpen(); return result(CatalogRows.tableTypes()); }
    @Override public ResultSet getTypeInfo() throws SQLException { connection.checkOpen(); return result(CatalogRows.typeInfo()); }

    private ResultSet empty(List<io.kyrodb.engine.ResultColumn> shape) throws SQLException {
        connection.checkOpen();
        return result(ListRows.empty(shape));
    }

    // Things KyroDB does not have yet: empty results of the right shape, so tools can ask.
    @Override public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException { return empty(MetadataShapes.ROW_IDENTIFIER); }
    @Override public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException { return empty(MetadataShapes.PROCEDURES); }
    @Override public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException { return empty(MetadataShapes.PROCEDURE_COLUMNS); }
    @Override public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException { return empty(MetadataShapes.UDTS); }
    @Override public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException { return empty(MetadataShapes.SUPER_TYPES); }
    @Override public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException { return empty(MetadataShapes.SUPER_TABLES); }
    @Override public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException { return empty(MetadataShapes.ATTRIBUTES); }
    @Override public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException { return empty(MetadataShapes.COLUMN_PRIVILEGES); }
    @Override public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException { return empty(MetadataShapes.TABLE_PRIVILEGES); }
    @Override public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException { return empty(MetadataShapes.PSEUDO_COLUMNS); }
    /** Any name is accepted and kept (getClientInfo); ApplicationName is the one tools set, as with Postgres. */
    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        connection.checkOpen();
        return result(new ListRows(MetadataShapes.CLIENT_INFO_PROPERTIES, List.<Object[]>of(new Object[] {
                "ApplicationName", 63, "", "The name of the application using the connection"})));
    }

    // ---- identity -----------------------------------------------------------------------------

    @Override public String getDatabaseProductName() { return PRODUCT_NAME; }
    @Override public String getDatabaseProductVersion() { return Session.version(); }
    @Override public int getDatabaseMajorVersion() { return KyroDriver.versionPart(0); }
    @Override public int getDatabaseMinorVersion() { return KyroDriver.versionPart(1); }
    @Override public String getDriverName() { return DRIVER_NAME; }
    @Override public String getDriverVersion() { return KyroDriver.VERSION; }
    @Override public int getDriverMajorVersion() { return KyroDriver.versionPart(0); }
    @Override public int getDriverMinorVersion() { return KyroDriver.versionPart(1); }
    @Override public int getJDBCMajorVersion() { return 4; }
    @Override public int getJDBCMinorVersion() { return 3; }
    @Override public String getURL() { return connection.url(); }
    @Override public String getUserName() { String user = connection.setting("user"); return user == null ? "" : user; }
    @Override public Connection getConnection() { return connection; }
    @Override public boolean isReadOnly() { return false; }
    @Override public boolean usesLocalFiles() { return connection.isFileDatabase(); }
    @Override public boolean usesLocalFilePerTable() { return false; }
    @Override public int getSQLStateType() { return sqlStateSQL; }
    @Override public RowIdLifetime getRowIdLifetime() { return RowIdLifetime.ROWID_UNSUPPORTED; }

    // ---- names --------------------------------------------------------------------------------

    @Override public boolean supportsMixedCaseIdentifiers() { return false; }
    @Override public boolean storesUpperCaseIdentifiers() { return false; }
    @Override public boolean storesLowerCaseIdentifiers() { return true; }
    @Override public boolean storesMixedCaseIdentifiers() { return false; }
    @Override public boolean supportsMixedCaseQuotedIdentifiers() { return true; }
    @Override public boolean storesUpperCaseQuotedIdentifiers() { return false; }
    @Override public boolean storesLowerCaseQuotedIdentifiers() { return false; }
    @Override public boolean storesMixedCaseQuotedIdentifiers() { return false; }
    @Override public String getIdentifierQuoteString() { return "\""; }
    @Override public String getSearchStringEscape() { return String.valueOf(LikePattern.ESCAPE); }
    @Override public String getExtraNameCharacters() { return "$"; }
    @Override public String getSQLKeywords() { return "ilike,limit,offset"; }
    /** The engine does not list its functions yet. */
    @Override public String getNumericFunctions() { return ""; }
    @Override public String getStringFunctions() { return ""; }
    @Override public String getSystemFunctions() { return ""; }
    @Override public String getTimeDateFunctions() { return ""; }
    @Override public String getSchemaTerm() { return "schema"; }
    @Override public String getProcedureTerm() { return "procedure"; }
    @Override public String getCatalogTerm() { return "database"; }
    @Override public boolean isCatalogAtStart() { return true; }
    @Override public String getCatalogSeparator() { return "."; }
    @Override public boolean supportsSchemasInDataManipulation() { return true; }
    @Override public boolean supportsSchemasInProcedureCalls() { return false; }
    @Override public boolean supportsSchemasInTableDefinitions() { return true; }
    @Override public boolean supportsSchemasInIndexDefinitions() { return false; }
    @Override public boolean supportsSchemasInPrivilegeDefinitions() { return false; }
    @Override public boolean supportsCatalogsInDataManipulation() { return false; }
    @Override public boolean supportsCatalogsInProcedureCalls() { return false; }
    @Override public boolean supportsCatalogsInTableDefinitions() { return false; }
    @Override public boolean supportsCatalogsInIndexDefinitions() { return false; }
    @Override public boolean supportsCatalogsInPrivilegeDefinitions() { return false; }

    // ---- SQL ----------------------------------------------------------------------------------

    @Override public boolean allProceduresAreCallable() { return true; }
    @Override public boolean allTablesAreSelectable() { return true; }
    @Override public boolean nullsAreSortedHigh() { return true; }
    @Override public boolean nullsAreSortedLow() { return false; }
    @Override public boolean nullsAreSortedAtStart() { return false; }
    @Override public boolean nullsAreSortedAtEnd() { return false; }
    @Override public boolean nullPlusNonNullIsNull() { return true; }
    @Override public boolean supportsAlterTableWithAddColumn() { return false; }
    @Override public boolean supportsAlterTableWithDropColumn() { return false; }
    @Override public boolean supportsColumnAliasing() { return true; }
    @Override public boolean supportsConvert() { return false; }
    @Override public boolean supportsConvert(int fromType, int toType) { return false; }
    @Override public boolean supportsTableCorrelationNames() { return true; }
    @Override public boolean supportsDifferentTableCorrelationNames() { return false; }
    @Override public boolean supportsExpressionsInOrderBy() { return true; }
    @Override public boolean supportsOrderByUnrelated() { return true; }
    @Override public boolean supportsGroupBy() { return true; }
    @Override public boolean supportsGroupByUnrelated() { return true; }
    @Override public boolean supportsGroupByBeyondSelect() { return true; }
    @Override public boolean supportsLikeEscapeClause() { return false; }
    @Override public boolean supportsMultipleResultSets() { return false; }
    @Override public boolean supportsMultipleTransactions() { return true; }
    @Override public boolean supportsNonNullableColumns() { return true; }
    @Override public boolean supportsMinimumSQLGrammar() { return true; }
    @Override public boolean supportsCoreSQLGrammar() { return false; }
    @Override public boolean supportsExtendedSQLGrammar() { return false; }
    @Override public boolean supportsANSI92EntryLevelSQL() { return false; }
    @Override public boolean supportsANSI92IntermediateSQL() { return false; }
    @Override public boolean supportsANSI92FullSQL() { return false; }
    @Override public boolean supportsIntegrityEnhancementFacility() { return false; }
    @Override public boolean supportsOuterJoins() { return true; }
    @Override public boolean supportsFullOuterJoins() { return true; }
    @Override public boolean supportsLimitedOuterJoins() { return true; }
    @Override public boolean supportsPositionedDelete() { return false; }
    @Override public boolean supportsPositionedUpdate() { return false; }
    @Override public boolean supportsSelectForUpdate() { return false; }
    @Override public boolean supportsStoredProcedures() { return false; }
    @Override public boolean supportsStoredFunctionsUsingCallSyntax() { return false; }
    @Override public boolean supportsSubqueriesInComparisons() { return true; }
    @Override public boolean supportsSubqueriesInExists() { return true; }
    @Override public boolean supportsSubqueriesInIns() { return true; }
    @Override public boolean supportsSubqueriesInQuantifieds() { return false; }
    @Override public boolean supportsCorrelatedSubqueries() { return true; }
    @Override public boolean supportsUnion() { return true; }
    @Override public boolean supportsUnionAll() { return true; }

    // ---- transactions: MVCC snapshots, one writer at a time, transactional DDL -----------------

    @Override public boolean supportsTransactions() { return true; }
    @Override public int getDefaultTransactionIsolation() { return Connection.TRANSACTION_READ_COMMITTED; }
    @Override public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_READ_UNCOMMITTED || level == Connection.TRANSACTION_READ_COMMITTED
                || level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_SERIALIZABLE;
    }
    @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() { return true; }
    @Override public boolean supportsDataManipulationTransactionsOnly() { return false; }
    @Override public boolean dataDefinitionCausesTransactionCommit() { return false; }
    @Override public boolean dataDefinitionIgnoredInTransactions() { return false; }
    @Override public boolean supportsSavepoints() { return true; }
    @Override public boolean autoCommitFailureClosesAllResultSets() { return false; }
    @Override public boolean supportsOpenCursorsAcrossCommit() { return true; }
    @Override public boolean supportsOpenCursorsAcrossRollback() { return false; }
    @Override public boolean supportsOpenStatementsAcrossCommit() { return true; }
    @Override public boolean supportsOpenStatementsAcrossRollback() { return true; }

    // ---- JDBC features ------------------------------------------------------------------------

    @Override public boolean supportsResultSetType(int type) { return type == ResultSet.TYPE_FORWARD_ONLY; }
    @Override public boolean supportsResultSetConcurrency(int type, int concurrency) { return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY; }
    @Override public boolean supportsResultSetHoldability(int holdability) { return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT; }
    @Override public int getResultSetHoldability() { return ResultSet.HOLD_CURSORS_OVER_COMMIT; }
    @Override public boolean ownUpdatesAreVisible(int type) { return false; }
    @Override public boolean ownDeletesAreVisible(int type) { return false; }
    @Override public boolean ownInsertsAreVisible(int type) { return false; }
    @Override public boolean othersUpdatesAreVisible(int type) { return false; }
    @Override public boolean othersDeletesAreVisible(int type) { return false; }
    @Override public boolean othersInsertsAreVisible(int type) { return false; }
    @Override public boolean updatesAreDetected(int type) { return false; }
    @Override public boolean deletesAreDetected(int type) { return false; }
    @Override public boolean insertsAreDetected(int type) { return false; }
    @Override public boolean supportsBatchUpdates() { return true; }
    @Override public boolean supportsNamedParameters() { return false; }
    @Override public boolean supportsMultipleOpenResults() { return false; }
    @Override public boolean supportsGetGeneratedKeys() { return true; }   // RETURNING, as pgjdbc
    @Override public boolean generatedKeyAlwaysReturned() { return false; }
    @Override public boolean supportsStatementPooling() { return false; }
    @Override public boolean locatorsUpdateCopy() { return false; }
    @Override public boolean doesMaxRowSizeIncludeBlobs() { return false; }

    // ---- limits: 0 means none known ----------------------------------------------------------

    @Override public int getMaxBinaryLiteralLength() { return 0; }
    @Override public int getMaxCharLiteralLength() { return 0; }
    @Override public int getMaxColumnNameLength() { return 0; }
    @Override public int getMaxColumnsInGroupBy() { return 0; }
    @Override public int getMaxColumnsInIndex() { return 0; }
    @Override public int getMaxColumnsInOrderBy() { return 0; }
    @Override public int getMaxColumnsInSelect() { return 0; }
    @Override public int getMaxColumnsInTable() { return 0; }
    @Override public int getMaxConnections() { return 0; }
    @Override public int getMaxCursorNameLength() { return 0; }
    @Override public int getMaxIndexLength() { return 0; }
    @Override public int getMaxSchemaNameLength() { return 0; }
    @Override public int getMaxProcedureNameLength() { return 0; }
    @Override public int getMaxCatalogNameLength() { return 0; }
    @Override public int getMaxRowSize() { return 0; }
    @Override public int getMaxStatementLength() { return 0; }
    @Override public int getMaxStatements() { return 0; }
    @Override public int getMaxTableNameLength() { return 0; }
    @Override public int getMaxTablesInSelect() { return 0; }
    @Override public int getMaxUserNameLength() { return 0; }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "a KyroDatabaseMetaData does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
