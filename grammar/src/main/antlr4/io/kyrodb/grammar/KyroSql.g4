/*
 * KyroDB's SQL dialect: PostgreSQL-flavoured. The parse tree is turned into immutable AST records
 * (io.kyrodb.sql.ast) by AstBuilder; nothing outside the grammar module sees ANTLR types.
 * Keywords are case-insensitive; unquoted identifiers fold to lower case in AstBuilder.
 * Type names are identifiers (resolved by the engine), so "text" or "key" stay usable as names.
 */
grammar KyroSql;

options { caseInsensitive = true; }

@lexer::members {
    /**
     * Called once a dollar quote's opening delimiter (two dollar signs, with a tag between them or not) has matched: consumes the body
     * and the closing delimiter, which must be the same text (tags are case-sensitive). Without one
     * it stops at the end of the input and the token lacks its close, which the parser then reports.
     */
    private void dollarBody() {
        String delimiter = getText();
        StringBuilder seen = new StringBuilder();
        int line = getLine();
        int column = getCharPositionInLine();
        while (_input.LA(1) != IntStream.EOF) {
            int c = _input.LA(1);
            _input.consume();
            seen.appendCodePoint(c);
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
            if (c == 0x24 && seen.length() >= delimiter.length()
                    && seen.lastIndexOf(delimiter) == seen.length() - delimiter.length()) {
                getInterpreter().setLine(line);
                getInterpreter().setCharPositionInLine(column);
                return;
            }
        }
        setType(UNEXPECTED);
        getInterpreter().setLine(line);
        getInterpreter().setCharPositionInLine(column);
    }
}

@parser::members {
    /** Whether the next word continues a multi-word type (double precision, character varying, bit varying). */
    private boolean isTypeContinuation() {
        String t = _input.LT(1).getText().toLowerCase(java.util.Locale.ROOT);
        return t.equals("precision") || t.equals("varying");
    }

    /** Whether the next word is INTERVAL (a literal with a typmod: INTERVAL(3) '...', INTERVAL '1' DAY). */
    private boolean isIntervalWord() {
        return _input.LT(1).getType() == IDENTIFIER && _input.LT(1).getText().equalsIgnoreCase("interval");
    }

    /** Whether the next word names an interval field (YEAR ... SECOND), as an interval qualifier starts. */
    private boolean isIntervalField() {
        if (_input.LT(1).getType() != IDENTIFIER) {
            return false;
        }
        return switch (_input.LT(1).getText().toLowerCase(java.util.Locale.ROOT)) {
            case "year", "month", "day", "hour", "minute", "second" -> true;
            default -> false;
        };
    }
}

script
    : SEMI* (statement (SEMI+ statement)* SEMI*)? EOF
    ;

statement
    : createTable
    | dropTable
    | createIndex
    | dropIndex
    | createSequence
    | dropSequence
    | truncate
    | alterTable
    | createView
    | dropView
    | createExtension
    | dropExtension
    | createSchema
    | dropSchema
    | alterSchema
    | alterSetSchema
    | alterViewRename
    | alterViewRenameColumn
    | alterViewOptions
    | alterOwner
    | commentOn
    | alterSequence
    | createType
    | alterType
    | dropType
    | createDomain
    | alterDomain
    | withClause (insert | update | delete | merge)
    | insert
    | merge
    | update
    | delete
    | query
    | transactionStatement
    | setStatement
    | showStatement
    | resetStatement
    | maintenanceStatement
    | indexMaintenance
    | explainStatement
    | copyStatement
    | prepareStatement
    | executeStatement
    | deallocateStatement
    | cursorStatement
    | createFunction
    | dropFunction
    | createTrigger
    | dropTrigger
    | alterTableTrigger
    | doStatement
    | callStatement
    | roleStatement
    | grantStatement
    | revokeStatement
    | alterDefaultPrivileges
    ;

// ---- Roles and privileges (AccessStatements builds them; engine binder AccessDdlBinder) ------------
// The option words (LOGIN, SUPERUSER, CONNECTION LIMIT ...) are identifiers checked by the AST builder.
roleStatement
    : CREATE kind=(ROLE | USER | GROUP) name=identifier WITH? roleOption*                       #createRole
    | ALTER kind=(ROLE | USER | GROUP) name=identifier RENAME TO to=identifier                  #renameRole
    | ALTER kind=(ROLE | USER | GROUP) name=identifier WITH? roleOption*                        #alterRole
    // ALTER ROLE r [IN DATABASE d] SET name = value | RESET name: a role's session defaults (not kept)
    | ALTER kind=(ROLE | USER) (name=identifier | ALL) (IN DATABASE db=identifier)?
      (SET settingName ((EQ | TO) settingValue (COMMA settingValue)* | FROM CURRENT) | RESET (settingName | ALL))
                                                                                                #alterRoleSet
    | DROP kind=(ROLE | USER | GROUP) (IF EXISTS)? identifier (COMMA identifier)*               #dropRole
    ;

roleOption
    : ENCRYPTED? PASSWORD (STRING | NULL)
    | VALID identifier STRING
    | identifier LIMIT signedInteger
    | IN (ROLE | GROUP) identifier (COMMA identifier)*
    | (ROLE | USER) identifier (COMMA identifier)*
    | identifier
    ;

// GRANT privileges ON objects TO roles, or GRANT roles TO roles (no ON).
grantStatement
    : GRANT privilegeList (ON privilegeTarget)? TO grantee (COMMA grantee)*
      (WITH (GRANT | identifier) OPTION)? (GRANTED BY grantee)?
    ;

revokeStatement
    : REVOKE ((GRANT | identifier) OPTION FOR)? privilegeList (ON privilegeTarget)? FROM grantee (COMMA grantee)*
      (GRANTED BY grantee)? (CASCADE | RESTRICT)?
    ;

privilegeList
    : ALL PRIVILEGES? (LPAREN identifier (COMMA identifier)* RPAREN)?
    | privilege (COMMA privilege)*
    ;

privilege
    : (SELECT | INSERT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER | EXECUTE | CREATE | TEMPORARY | TEMP
      | identifier) (LPAREN identifier (COMMA identifier)* RPAREN)?
    ;

privilegeTarget
    : ALL identifier IN SCHEMA identifier (COMMA identifier)*
    | kind=(SEQUENCE | SCHEMA | DATABASE | TYPE | DOMAIN) qualifiedName (COMMA qualifiedName)*
    | kind=(FUNCTION | PROCEDURE) privilegeFunction (COMMA privilegeFunction)*
    | TABLE? qualifiedName (COMMA qualifiedName)*
    ;

privilegeFunction
    : qualifiedName (LPAREN (functionParameter (COMMA functionParameter)*)? RPAREN)?
    ;

grantee
    : GROUP? identifier
    | USER
    ;

// ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT/REVOKE ... ON TABLES | SEQUENCES | FUNCTIONS ...
alterDefaultPrivileges
    : ALTER DEFAULT PRIVILEGES (FOR (ROLE | USER) identifier (COMMA identifier)*)?
      (IN SCHEMA identifier (COMMA identifier)*)? (grantStatement | revokeStatement)
    ;

// ---- Prepared statements and SQL functions (Session's PreparedStatements, engine.function) --------

// PREPARE name [(types)] AS statement: the statement's $1..$n take the types listed, else their context's
prepareStatement
    : PREPARE identifier (LPAREN typeName (COMMA typeName)* RPAREN)? AS statement
    ;

executeStatement
    : EXECUTE identifier (LPAREN expression (COMMA expression)* RPAREN)?
    ;

deallocateStatement
    : DEALLOCATE PREPARE? (identifier | ALL)
    ;

// ---- SQL cursors (CursorStatements builds them; engine SqlCursors and cursor.Portal) ---------------

cursorStatement
    // DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD] FOR query
    : DECLARE identifier cursorOption* CURSOR (hold=(WITH | WITHOUT) HOLD)? FOR query      #declareCursor
    // FETCH | MOVE [direction] [FROM | IN] name
    | kind=(FETCH | MOVE) fetchDirection? (FROM | IN)? identifier                          #fetchCursor
    | CLOSE (identifier | ALL)                                                             #closeCursor
    ;

cursorOption
    : BINARY | ASENSITIVE | INSENSITIVE | NO SCROLL | SCROLL
    ;

fetchDirection
    : NEXT | PRIOR | FIRST | LAST
    | ABSOLUTE signedInteger
    | RELATIVE signedInteger
    | signedInteger
    | ALL
    | FORWARD (signedInteger | ALL)?
    | BACKWARD (signedInteger | ALL)?
    ;

// CREATE [OR REPLACE] FUNCTION f(args) RETURNS t | SETOF t | TABLE (cols) options... with its body as
// AS 'text' / AS $$text$$, RETURN expr or BEGIN ATOMIC statements; END (PostgreSQL 14+). The option
// words (LANGUAGE, IMMUTABLE, STRICT ...) are identifiers checked by the AST builder.
createFunction
    : CREATE (OR REPLACE)? (FUNCTION | PROCEDURE) qualifiedName LPAREN (functionParameter (COMMA functionParameter)*)? RPAREN
      (RETURNS (TABLE LPAREN returnsTableColumn (COMMA returnsTableColumn)* RPAREN | SETOF? functionType))?
      functionOption*
    ;

functionParameter
    : argmode=(IN | OUT | INOUT | VARIADIC)? (name=identifier)? functionType ((DEFAULT | EQ) expression)?
    ;

returnsTableColumn
    : identifier functionType
    ;

// A type in a function's signature: typeName's forms, but only the words PostgreSQL's multi-word
// types continue with, so "RETURNS int LANGUAGE sql" does not read "int language sql" as one type.
functionType
    : identifier (DOT identifier)? ({isTypeContinuation()}? identifier)?
      (LPAREN args+=INTEGER_VALUE (COMMA args+=INTEGER_VALUE)? RPAREN)? (zone=(WITH | WITHOUT) identifier identifier)?
      (LBRACKET INTEGER_VALUE? RBRACKET)*
    ;

functionOption
    : AS body=(STRING | DOLLAR_STRING | ESCAPE_STRING)
    | RETURN expression
    | BEGIN atomic=identifier (functionBodyStatement SEMI+)* END
    | RETURNS NULL ON NULL IDENTIFIER
    | IDENTIFIER (IDENTIFIER | QUOTED_IDENTIFIER | STRING | NULL | ON | INTEGER_VALUE | DECIMAL_VALUE)*
    ;

functionBodyStatement
    : withClause? (insert | update | delete)
    | query
    ;

// DROP FUNCTION [IF EXISTS] f[(types)], ... [CASCADE | RESTRICT]
dropFunction
    : DROP (FUNCTION | PROCEDURE) (IF EXISTS)? functionSignature (COMMA functionSignature)* (CASCADE | RESTRICT)?
    ;

functionSignature
    : qualifiedName (LPAREN (functionParameter (COMMA functionParameter)*)? RPAREN)?
    ;

// ---- Triggers and DO blocks (engine.plpgsql) ----------------------------------------------------

// CREATE [OR REPLACE] TRIGGER name {BEFORE | AFTER} event [OR event ...] ON table
// [FOR [EACH] {ROW | STATEMENT}] [WHEN (condition)] EXECUTE {FUNCTION | PROCEDURE} f(args)
createTrigger
    : CREATE (OR REPLACE)? TRIGGER name=identifier timing=(BEFORE | AFTER | INSTEAD) (OF)? triggerEvent (OR triggerEvent)*
      ON qualifiedName (FOR EACH? level=(ROW | STATEMENT))? (WHEN LPAREN when=expression RPAREN)?
      EXECUTE (FUNCTION | PROCEDURE) function=qualifiedName LPAREN (triggerArgument (COMMA triggerArgument)*)? RPAREN
    ;

triggerEvent
    : INSERT
    | UPDATE (OF identifier (COMMA identifier)*)?
    | DELETE
    | TRUNCATE
    ;

triggerArgument
    : STRING | MINUS? INTEGER_VALUE | MINUS? DECIMAL_VALUE | identifier
    ;

dropTrigger
    : DROP TRIGGER (IF EXISTS)? name=identifier ON qualifiedName (CASCADE | RESTRICT)?
    ;

alterTableTrigger
    : ALTER TABLE (IF EXISTS)? ONLY? qualifiedName action=(ENABLE | DISABLE) TRIGGER (ALL | USER | identifier)
    ;

// CALL procedure(args): a call of a CREATE PROCEDURE's procedure (the AST builder checks it is a call)
callStatement
    : CALL expression
    ;

// DO [LANGUAGE name] body: LANGUAGE is a plain word (CREATE FUNCTION's options read it as one),
// checked by the AST builder
doStatement
    : DO (identifier identifier)? body=(STRING | DOLLAR_STRING | ESCAPE_STRING) (identifier identifier)?
    ;

// COPY t [(cols)] FROM 'file' | COPY t [(cols)] | (query) TO 'file', options in PostgreSQL's
// list form (WITH (FORMAT csv, HEADER)) or its older words (CSV HEADER DELIMITER ',')
copyStatement
    : COPY (qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)? | LPAREN query RPAREN)
      direction=(FROM | TO) (file=STRING | stream=identifier)
      (WITH? LPAREN copyOption (COMMA copyOption)* RPAREN | WITH? legacyCopyOption*)
    ;

copyOption
    : (NULL | identifier) explainValue?
    ;

legacyCopyOption
    : NULL AS? STRING
    | identifier (AS? STRING)?
    ;

// EXPLAIN [ANALYZE] [VERBOSE] query, or PostgreSQL's option list: EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) query
explainStatement
    : EXPLAIN (ANALYZE | ANALYSE)? VERBOSE? (query | merge)
    | EXPLAIN LPAREN explainOption (COMMA explainOption)* RPAREN (query | merge)
    ;

explainOption
    : (ANALYZE | ANALYSE | VERBOSE | identifier) explainValue?
    ;

explainValue
    : TRUE | FALSE | ON | INTEGER_VALUE | STRING | identifier
    ;

// ---- Maintenance ------------------------------------------------------------------------------

maintenanceStatement
    : CHECKPOINT                                                                #checkpointStatement
    | BACKUP TO STRING                                                          #backupStatement
    | VACUUM (LPAREN vacuumOption (COMMA vacuumOption)* RPAREN)? FULL? VERBOSE? (ANALYZE | ANALYSE)?
      (qualifiedName (COMMA qualifiedName)*)?                                   #vacuumStatement
    | LOCK TABLE? ONLY? qualifiedName (COMMA qualifiedName)* (IN lockWord+)? NOWAIT? #lockTableStatement
    | REFRESH MATERIALIZED VIEW CONCURRENTLY? qualifiedName (WITH NO? DATA)?    #refreshStatement
    | (ANALYZE | ANALYSE) VERBOSE? (qualifiedName (COMMA qualifiedName)*)?      #analyzeStatement
    ;

// VACUUM (FULL, VERBOSE, ANALYZE, ...): an option's value (TRUE, 1, ON...) as EXPLAIN's
vacuumOption
    : (FULL | VERBOSE | ANALYZE | ANALYSE | identifier) explainValue?
    ;

// LOCK TABLE's mode: ACCESS SHARE ... ACCESS EXCLUSIVE, then MODE (checked by the AST builder)
lockWord
    : SHARE | ROW | UPDATE | identifier
    ;

// ---- Transactions and session settings --------------------------------------------------------

transactionStatement
    : (BEGIN | START TRANSACTION) (WORK | TRANSACTION)? (transactionMode (COMMA? transactionMode)*)?  #beginStatement
    | (COMMIT | END) (WORK | TRANSACTION)?                                      #commitStatement
    | ROLLBACK (WORK | TRANSACTION)? (TO SAVEPOINT? identifier)?                #rollbackStatement
    | SAVEPOINT identifier                                                      #savepointStatement
    | RELEASE SAVEPOINT? identifier                                             #releaseStatement
    ;

transactionMode
    : ISOLATION LEVEL isolationLevel                                            #isolationMode
    | READ (WRITE | ONLY)                                                       #accessMode
    ;

isolationLevel
    : READ COMMITTED
    | READ UNCOMMITTED
    | REPEATABLE READ
    | SERIALIZABLE
    ;

setStatement
    : SET CONSTRAINTS (ALL | qualifiedName (COMMA qualifiedName)*) timing=(DEFERRED | IMMEDIATE)   #setConstraints
    | SET (SESSION | LOCAL)? TRANSACTION transactionMode (COMMA? transactionMode)*        #setTransaction
    | SET (SESSION | LOCAL)? SESSION CHARACTERISTICS AS TRANSACTION transactionMode (COMMA? transactionMode)*  #setSessionCharacteristics
    | SET (SESSION | LOCAL)? settingName (EQ | TO) settingValue (COMMA settingValue)*    #setVariable
    // SET TIME ZONE 'Europe/Berlin' | LOCAL | DEFAULT | +2 (TIME and ZONE are not keywords here)
    | SET (SESSION | LOCAL)? timeWord=identifier zoneWord=identifier (settingValue | LOCAL)  #setTimeZone
    ;

settingName
    : identifier (DOT identifier)*
    ;

settingValue
    : STRING
    | MINUS? (INTEGER_VALUE | DECIMAL_VALUE)
    | identifier
    | TRUE
    | FALSE
    | DEFAULT
    | ON
    ;

showStatement
    : SHOW (settingName | TRANSACTION ISOLATION LEVEL | ALL)
    ;

// DISCARD ALL | PLANS | SEQUENCES | TEMP: what a pool runs when it hands a connection back
resetStatement
    : RESET (settingName | ALL)
    | DISCARD (ALL | TEMP | TEMPORARY | identifier)
    ;

// ---- DDL -------------------------------------------------------------------------------------

// One rule for both forms, so that an error before the column list says what was expected there.
// CREATE TABLE ... AS query [WITH [NO] DATA]: the query's columns (or the names listed) and rows.
createTable
    : CREATE tablePersistence? TABLE (IF NOT EXISTS)? qualifiedName
      ( LPAREN tableElement (COMMA tableElement)* RPAREN onCommit?
      | (LPAREN identifier (COMMA identifier)* RPAREN)? onCommit? AS query (WITH NO? DATA)?
      )
    ;

// TEMP tables belong to the session; UNLOGGED is accepted and makes an ordinary (logged) table
tablePersistence
    : (LOCAL | GLOBAL)? (TEMP | TEMPORARY)
    | UNLOGGED
    ;

onCommit
    : ON COMMIT (PRESERVE ROWS | DELETE ROWS | DROP)
    ;

tableElement
    : columnDefinition
    | tableConstraint
    | likeClause
    ;

// LIKE source [INCLUDING | EXCLUDING option]...: the option words are checked by the AST builder
likeClause
    : LIKE qualifiedName likeOption*
    ;

likeOption
    : likeMode=identifier (ALL | IDENTITY | GENERATED | COMMENT | option=identifier)
    ;

columnDefinition
    : identifier typeName columnConstraint*
    ;

columnConstraint
    : (CONSTRAINT identifier)? PRIMARY KEY    #primaryKeyColumnConstraint
    | (CONSTRAINT identifier)? NOT NULL       #notNullColumnConstraint
    | (CONSTRAINT identifier)? NULL           #nullColumnConstraint
    | (CONSTRAINT identifier)? UNIQUE         #uniqueColumnConstraint
    | (CONSTRAINT identifier)? DEFAULT boundExpression                    #defaultColumnConstraint
    | (CONSTRAINT identifier)? CHECK LPAREN expression RPAREN             #checkColumnConstraint
    | (CONSTRAINT identifier)? GENERATED (ALWAYS | BY DEFAULT) AS IDENTITY
      (LPAREN sequenceOption+ RPAREN)?                                    #identityColumnConstraint
    | (CONSTRAINT identifier)? GENERATED ALWAYS AS LPAREN expression RPAREN STORED  #generatedColumnConstraint
    | (CONSTRAINT identifier)? REFERENCES qualifiedName (LPAREN ref=identifier RPAREN)? referentialAction*
                                                                          #referencesColumnConstraint
    | COLLATE qualifiedName                                               #collateColumnConstraint
    | constraintTiming                                                    #timingColumnConstraint
    ;

// [NOT] DEFERRABLE | INITIALLY {DEFERRED | IMMEDIATE}: of the UNIQUE, PRIMARY KEY or REFERENCES
// constraint before it (the AST builder rejects it after any other, as PostgreSQL does)
constraintTiming
    : NOT? DEFERRABLE
    | INITIALLY (DEFERRED | IMMEDIATE)
    ;

referentialAction
    : ON event=(DELETE | UPDATE) (CASCADE | RESTRICT | SET NULL | SET DEFAULT | NO ACTION)
    ;

tableConstraint
    : (CONSTRAINT identifier)? (PRIMARY KEY | UNIQUE) LPAREN identifier (COMMA identifier)* RPAREN constraintTiming*
    | (CONSTRAINT identifier)? CHECK LPAREN expression RPAREN constraintTiming* (NOT VALID)?
    | (CONSTRAINT cname=identifier)? FOREIGN KEY LPAREN fk+=identifier (COMMA fk+=identifier)* RPAREN
      REFERENCES qualifiedName (LPAREN ref+=identifier (COMMA ref+=identifier)* RPAREN)? referentialAction*
      constraintTiming* (NOT VALID)?
    | (CONSTRAINT xname=identifier)? EXCLUDE (USING method=identifier)? LPAREN exclusionElement (COMMA exclusionElement)* RPAREN
      (WHERE LPAREN where=expression RPAREN)? constraintTiming*
    ;

// column WITH operator of an EXCLUDE constraint (the binder checks the operator is one it can use)
exclusionElement
    : identifier WITH op=(EQ | OVERLAPS | NEQ | ADJACENT | CONTAINS | CONTAINED_BY | LT | GT | LTE | GTE)
    ;

// ALTER TABLE: one action per statement.
alterTable
    : ALTER TABLE (IF EXISTS)? ONLY? qualifiedName alterAction (COMMA alterAction)*
    ;

alterAction
    : ADD COLUMN? (IF NOT EXISTS)? columnDefinition                                  #addColumnAction
    | DROP COLUMN? (IF EXISTS)? identifier (CASCADE | RESTRICT)?                     #dropColumnAction
    | RENAME COLUMN? from=identifier TO to=identifier                                #renameColumnAction
    | RENAME TO identifier                                                           #renameTableAction
    | ALTER COLUMN? identifier (SET DATA)? TYPE typeName (USING expression)?         #alterColumnTypeAction
    | ADD tableConstraint                                                            #addConstraintAction
    | DROP CONSTRAINT (IF EXISTS)? identifier (CASCADE | RESTRICT)?                  #dropConstraintAction
    | VALIDATE CONSTRAINT identifier                                                 #validateConstraintAction
    | ALTER COLUMN? identifier (SET DEFAULT boundExpression | DROP DEFAULT | SET NOT NULL | DROP NOT NULL)
                                                                                     #alterColumnAction
    | ALTER COLUMN? identifier ADD GENERATED (ALWAYS | BY DEFAULT) AS IDENTITY (LPAREN sequenceOption+ RPAREN)?
                                                                                     #addIdentityAction
    | ALTER COLUMN? identifier SET GENERATED (ALWAYS | BY DEFAULT)                   #setGeneratedAction
    | ALTER COLUMN? identifier DROP IDENTITY (IF EXISTS)?                            #dropIdentityAction
    | ALTER COLUMN? identifier RESTART (WITH? signedInteger)?                        #restartIdentityAction
    | ALTER COLUMN? identifier DROP EXPRESSION (IF EXISTS)?                          #dropExpressionAction
    | ALTER COLUMN? identifier SET STATISTICS signedInteger                          #setStatisticsAction
    | RENAME CONSTRAINT from=identifier TO to=identifier                             #renameConstraintAction
    | (SET | RESET) LPAREN storageParameter (COMMA storageParameter)* RPAREN         #storageParametersAction
    | SET (LOGGED | UNLOGGED)                                                        #setLoggedAction
    | CLUSTER ON identifier                                                          #clusterOnAction
    | SET WITHOUT CLUSTER                                                            #setWithoutClusterAction
    ;

// A storage parameter of SET (...) / RESET (...): fillfactor = 70, autovacuum_enabled = false, ...
storageParameter
    : settingName (EQ settingValue)?
    ;

// ALTER INDEX, REINDEX and CLUSTER: what the engine's IndexMaintenance statements run.
indexMaintenance
    : ALTER INDEX (IF EXISTS)? qualifiedName RENAME TO identifier                    #alterIndexRename
    | ALTER INDEX (IF EXISTS)? qualifiedName (SET | RESET) LPAREN storageParameter (COMMA storageParameter)* RPAREN
                                                                                     #alterIndexParameters
    | REINDEX (LPAREN vacuumOption (COMMA vacuumOption)* RPAREN)?
      kind=(INDEX | TABLE | SCHEMA | DATABASE | SYSTEM) CONCURRENTLY? qualifiedName?  #reindexStatement
    | CLUSTER VERBOSE? (qualifiedName (USING identifier)?)?                          #clusterStatement
    ;

// CREATE SEQUENCE and the options of an identity column's sequence (PostgreSQL's SeqOptElem).
createSequence
    : CREATE SEQUENCE (IF NOT EXISTS)? qualifiedName sequenceOption*
    ;

sequenceOption
    : AS typeName                                  #sequenceType
    | INCREMENT BY? signedInteger                  #sequenceIncrement
    | MINVALUE signedInteger                       #sequenceMinValue
    | NO MINVALUE                                  #sequenceNoMinValue
    | MAXVALUE signedInteger                       #sequenceMaxValue
    | NO MAXVALUE                                  #sequenceNoMaxValue
    | START WITH? signedInteger                    #sequenceStart
    | CACHE signedInteger                          #sequenceCache
    | NO? CYCLE                                    #sequenceCycle
    | SEQUENCE nameWord=identifier qualifiedName   #sequenceNameOption
    ;

signedInteger
    : (MINUS | PLUS)? INTEGER_VALUE
    ;

// ALTER SEQUENCE: CREATE SEQUENCE's options, RESTART, OWNED BY, or RENAME TO.
alterSequence
    : ALTER SEQUENCE (IF EXISTS)? qualifiedName (RENAME TO identifier | alterSequenceOption+)
    ;

alterSequenceOption
    : sequenceOption                               #alterSequenceCommon
    | RESTART (WITH? signedInteger)?               #sequenceRestart
    | OWNED BY (NONE | identifier (DOT identifier)+)  #sequenceOwnedBy
    ;

// Schemas: CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role] | AUTHORIZATION role.
createSchema
    : CREATE SCHEMA (IF NOT EXISTS)? (name=identifier (AUTHORIZATION owner=identifier)? | AUTHORIZATION owner=identifier)
    ;

dropSchema
    : DROP SCHEMA (IF EXISTS)? identifier (COMMA identifier)* (CASCADE | RESTRICT)?
    ;

alterSchema
    : ALTER SCHEMA from=identifier RENAME TO to=identifier
    ;

// ALTER TABLE | SEQUENCE | VIEW [IF EXISTS] name SET SCHEMA s: the relation moves to schema s.
alterSetSchema
    : ALTER kind=(TABLE | SEQUENCE | VIEW) (IF EXISTS)? qualifiedName SET SCHEMA identifier
    ;

// User-defined types (engine UserTypeDdl): CREATE TYPE name AS ENUM ('a', ...), ALTER TYPE, DROP TYPE.
createType
    : CREATE TYPE qualifiedName AS ENUM LPAREN (STRING (COMMA STRING)*)? RPAREN
    ;

alterType
    : ALTER TYPE qualifiedName ADD VALUE (IF NOT EXISTS)? label=STRING (place=(BEFORE | AFTER) neighbour=STRING)?  #alterTypeAddValue
    | ALTER TYPE qualifiedName RENAME VALUE from=STRING TO to=STRING                                          #alterTypeRenameValue
    | ALTER TYPE qualifiedName RENAME TO identifier                                                           #alterTypeRename
    ;

// DROP TYPE and DROP DOMAIN (both drop a type: a domain is one).
dropType
    : DROP kind=(TYPE | DOMAIN) (IF EXISTS)? qualifiedName (COMMA qualifiedName)* (CASCADE | RESTRICT)?
    ;

// CREATE DOMAIN name [AS] type [DEFAULT expr] [[CONSTRAINT name] {NOT NULL | NULL | CHECK (expr)}]...
createDomain
    : CREATE DOMAIN qualifiedName AS? typeName (COLLATE identifier)? domainConstraint*
    ;

domainConstraint
    : DEFAULT expression                                                          #domainDefault
    | (CONSTRAINT name=identifier)? NOT NULL                                      #domainNotNull
    | (CONSTRAINT name=identifier)? NULL                                          #domainNull
    | (CONSTRAINT name=identifier)? CHECK LPAREN expression RPAREN                #domainCheck
    ;

alterDomain
    : ALTER DOMAIN qualifiedName SET DEFAULT expression                           #alterDomainSetDefault
    | ALTER DOMAIN qualifiedName DROP DEFAULT                                     #alterDomainDropDefault
    | ALTER DOMAIN qualifiedName SET NOT NULL                                     #alterDomainSetNotNull
    | ALTER DOMAIN qualifiedName DROP NOT NULL                                    #alterDomainDropNotNull
    | ALTER DOMAIN qualifiedName ADD (CONSTRAINT name=identifier)? CHECK LPAREN expression RPAREN (NOT VALID)? #alterDomainAddCheck
    | ALTER DOMAIN qualifiedName DROP CONSTRAINT (IF EXISTS)? name=identifier (CASCADE | RESTRICT)?  #alterDomainDropConstraint
    | ALTER DOMAIN qualifiedName RENAME TO identifier                             #alterDomainRename
    ;

// ALTER {TABLE | SEQUENCE | VIEW | SCHEMA} [IF EXISTS] name OWNER TO role: pg_dump writes one per
// object; KyroDB is embedded and has no roles, so it checks the object and changes nothing.
alterOwner
    : ALTER kind=(TABLE | SEQUENCE | VIEW | SCHEMA | TYPE | DOMAIN) (IF EXISTS)? ONLY? qualifiedName OWNER TO identifier
    | ALTER kind=(FUNCTION | PROCEDURE) qualifiedName (LPAREN (~RPAREN)* RPAREN)? OWNER TO identifier
    ;

// ALTER VIEW [IF EXISTS] name RENAME TO new: the view keeps its schema; views reading it follow.
alterViewRename
    : ALTER VIEW (IF EXISTS)? qualifiedName RENAME TO identifier
    ;

// ALTER VIEW [IF EXISTS] v SET (check_option = local | cascaded, ...) | RESET (check_option, ...)
alterViewOptions
    : ALTER VIEW (IF EXISTS)? qualifiedName (SET | RESET) LPAREN storageParameter (COMMA storageParameter)* RPAREN
    ;

// ALTER VIEW [IF EXISTS] v RENAME [COLUMN] a TO b
alterViewRenameColumn
    : ALTER VIEW (IF EXISTS)? qualifiedName RENAME COLUMN? identifier TO identifier
    ;

// COMMENT ON {TABLE | VIEW | INDEX | SEQUENCE | SCHEMA} name | COLUMN [schema.]table.column IS 'text' | NULL
commentOn
    : COMMENT ON kind=(TABLE | VIEW | INDEX | SEQUENCE | SCHEMA) qualifiedName IS (STRING | NULL)
    | COMMENT ON COLUMN identifier DOT identifier (DOT identifier)? IS (STRING | NULL)
    ;

dropSequence
    : DROP SEQUENCE (IF EXISTS)? qualifiedName (COMMA qualifiedName)* (CASCADE | RESTRICT)?
    ;

truncate
    : TRUNCATE TABLE? qualifiedName (COMMA qualifiedName)* ((RESTART | CONTINUE) IDENTITY)? (CASCADE | RESTRICT)?
    ;

// interval day to second(3): the field after TO (and its precision) ends the words, as in PostgreSQL.
typeName
    : (schema=identifier DOT)? identifier+ (LPAREN args+=(INTEGER_VALUE | STRING) (COMMA args+=(INTEGER_VALUE | STRING))? RPAREN)?
      (TO toField=identifier (LPAREN toArgs+=INTEGER_VALUE RPAREN)?)? (zone=(WITH | WITHOUT) identifier identifier)?
      (LBRACKET INTEGER_VALUE? RBRACKET)*
    ;

// An interval literal's qualifier (INTERVAL '1' DAY, INTERVAL '1.5' SECOND(2), INTERVAL '1-2' YEAR TO MONTH):
// only a field word starts one, so INTERVAL '1 day' day_count is still a column alias.
intervalQualifier
    : {isIntervalField()}? from=identifier (LPAREN args+=INTEGER_VALUE RPAREN)?
      (TO to=identifier (LPAREN toArgs+=INTEGER_VALUE RPAREN)?)?
    ;

// The type of a typed literal (DATE '2024-01-02', double precision '1.5', timestamp with time zone
// '...'): at most two words before the string, so a misspelt keyword still errs where it stands.
literalType
    : identifier identifier? (zone=(WITH | WITHOUT) identifier identifier)?
    ;

dropTable
    : DROP TABLE (IF EXISTS)? qualifiedName (COMMA qualifiedName)* (CASCADE | RESTRICT)?
    ;

// CREATE INDEX and DROP INDEX: secondary ordered indexes (see the engine's catalog.Index).
// USING hnsw (col vector_l2_ops) WITH (m = 16, ef_construction = 64): a vector index (engine vector/).
createIndex
    : CREATE UNIQUE? INDEX CONCURRENTLY? (IF NOT EXISTS)? name=identifier? ON qualifiedName (USING method=identifier)?
      LPAREN indexColumn (COMMA indexColumn)* RPAREN
      (INCLUDE LPAREN include+=identifier (COMMA include+=identifier)* RPAREN)?
      (WITH LPAREN indexOption (COMMA indexOption)* RPAREN)?
      (WHERE predicate=expression)?
    ;

// A column, a parenthesized expression or a function call (an expression index)
indexColumn
    : (identifier | LPAREN parenthesized=expression RPAREN | call=expression) opclass=identifier?
      ordering=(ASC | DESC)? (NULLS nullsOrder=(FIRST | LAST))?
    ;

indexOption
    : identifier EQ settingValue
    ;

dropIndex
    : DROP INDEX CONCURRENTLY? (IF EXISTS)? qualifiedName (COMMA qualifiedName)*
    ;

// Views: stored as the text of their query, expanded where they are named.
createView
    : CREATE (OR REPLACE)? VIEW qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)?
      (WITH LPAREN storageParameter (COMMA storageParameter)* RPAREN)? AS query
      (WITH checkOption=(CASCADED | LOCAL)? CHECK OPTION)?
    | CREATE MATERIALIZED VIEW (IF NOT EXISTS)? qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)?
      AS query (WITH NO? DATA)?
    ;

dropView
    : DROP MATERIALIZED? VIEW (IF EXISTS)? qualifiedName (COMMA qualifiedName)* (CASCADE | RESTRICT)?
    ;

// Extensions: KyroDB's are built in (vector, uuid-ossp, ...); CREATE EXTENSION names one of them
createExtension
    : CREATE EXTENSION (IF NOT EXISTS)? identifier WITH? (SCHEMA identifier)? (VERSION (STRING | identifier))? CASCADE?
    ;

dropExtension
    : DROP EXTENSION (IF EXISTS)? identifier (COMMA identifier)* (CASCADE | RESTRICT)?
    ;

// ---- DML -------------------------------------------------------------------------------------

insert
    : INSERT INTO qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)?
      (OVERRIDING (SYSTEM | USER) VALUE)?
      (DEFAULT VALUES | VALUES valuesRow (COMMA valuesRow)* | query) onConflict? returning?
    ;

// ON CONFLICT: the conflict target is a column list or a named constraint (PostgreSQL).
onConflict
    : ON CONFLICT (LPAREN conflictTarget (COMMA conflictTarget)* RPAREN (WHERE arbiterWhere=expression)?
                  | ON CONSTRAINT identifier)?
      DO (NOTHING | UPDATE SET assignment (COMMA assignment)* (WHERE expression)?)
    ;

// A column, or the expression of an expression index (in parentheses, or a function call)
conflictTarget
    : identifier
    | LPAREN parenthesized=expression RPAREN
    | call=expression
    ;

valuesRow
    : LPAREN valueItem (COMMA valueItem)* RPAREN
    ;

// DEFAULT in a VALUES row of INSERT or on the right of an UPDATE's SET: the column's default.
valueItem
    : DEFAULT
    | expression
    ;

update
    : UPDATE qualifiedName (AS? identifier)? SET assignment (COMMA assignment)* (FROM fromItem (COMMA fromItem)*)?
      (WHERE expression)? returning?
    ;

// SET a = v, an element of one, or several columns at once: SET (a, b) = (v, w) | ROW(v, w) | (SELECT x, y ...)
assignment
    : identifier EQ (DEFAULT | expression)
    | identifier (LBRACKET subscripts+=expression RBRACKET)+ EQ value=expression   // SET doc['a'][0] = v, a[2] = v
    | LPAREN identifier (COMMA identifier)* RPAREN EQ ROW? LPAREN valueItem (COMMA valueItem)* RPAREN
    | LPAREN identifier (COMMA identifier)* RPAREN EQ LPAREN query RPAREN
    ;

// MERGE INTO target [AS t] USING source ON cond WHEN [NOT] MATCHED [AND cond] THEN action ... (PostgreSQL 15)
merge
    : MERGE INTO qualifiedName (AS? alias=identifier)? USING fromPrimary ON expression mergeWhen+
    ;

mergeWhen
    : WHEN MATCHED (AND expression)? THEN (UPDATE SET assignment (COMMA assignment)* | DELETE | DO NOTHING)
      #mergeWhenMatched
    | WHEN NOT MATCHED (AND expression)? THEN
      (INSERT (LPAREN identifier (COMMA identifier)* RPAREN)? (OVERRIDING (SYSTEM | USER) VALUE)?
       (VALUES valuesRow | DEFAULT VALUES) | DO NOTHING)
      #mergeWhenNotMatched
    ;

delete
    : DELETE FROM qualifiedName (AS? identifier)? (USING fromItem (COMMA fromItem)*)? (WHERE expression)? returning?
    ;

// RETURNING: a select list over the rows the statement inserted, updated (new values) or deleted.
returning
    : RETURNING selectItem (COMMA selectItem)*
    ;

// ---- Queries ---------------------------------------------------------------------------------

// A query is a set operation tree; INTERSECT binds tighter than UNION and EXCEPT (PostgreSQL), and
// ORDER BY / LIMIT after the last operand apply to the whole tree. Locking clauses may come before
// or after LIMIT, as PostgreSQL allows (... FOR UPDATE SKIP LOCKED LIMIT 1: a job queue's query).
query
    : withClause? queryTerm orderBy? lockingClause* limitClause? lockingClause*
    ;

// WITH [RECURSIVE] name [(columns)] AS (query), ...
withClause
    : WITH RECURSIVE? commonTableExpression (COMMA commonTableExpression)*
    ;

commonTableExpression
    : identifier (LPAREN identifier (COMMA identifier)* RPAREN)? AS (NOT? MATERIALIZED)?
      LPAREN (query | insert | update | delete) RPAREN searchClause? cycleClause?
    ;

// SEARCH {DEPTH | BREADTH} FIRST BY col, ... SET seq_col (PostgreSQL 14+): rewritten by SearchCycleRewrite
searchClause
    : SEARCH (DEPTH | BREADTH) FIRST BY identifier (COMMA identifier)* SET seqColumn=identifier
    ;

// CYCLE col, ... SET mark_col [TO value DEFAULT value] USING path_col (PostgreSQL 14+)
cycleClause
    : CYCLE identifier (COMMA identifier)* SET markColumn=identifier
      (TO markValue=boundExpression DEFAULT markDefault=boundExpression)? USING pathColumn=identifier
    ;

// FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED]
lockingClause
    : FOR (UPDATE | NO KEY UPDATE | SHARE | KEY SHARE) (OF qualifiedName (COMMA qualifiedName)*)?
      (NOWAIT | SKIP_ LOCKED)?
    ;

queryTerm
    : querySpecification                                                         #simpleQueryTerm
    | VALUES valuesRow (COMMA valuesRow)*                                        #valuesQueryTerm
    | TABLE qualifiedName                                                        #tableQueryTerm
    | LPAREN query RPAREN                                                        #parenthesizedQueryTerm
    | left=queryTerm INTERSECT setQuantifier? right=queryTerm                    #intersectQueryTerm
    | left=queryTerm op=(UNION | EXCEPT) setQuantifier? right=queryTerm          #unionQueryTerm
    ;

querySpecification
    : SELECT (distinctOn | setQuantifier)? selectItem (COMMA selectItem)*
      selectInto?
      (FROM fromItem (COMMA fromItem)*)?
      (WHERE where=expression)?
      (GROUP BY groupItem (COMMA groupItem)*)?
      (HAVING having=expression)?
      (WINDOW windowDefinition (COMMA windowDefinition)*)?
    ;

// SELECT ... INTO [TEMP | UNLOGGED] [TABLE] name: CREATE TABLE name AS the query (a statement's first SELECT only)
selectInto
    : INTO tablePersistence? TABLE? qualifiedName
    ;

distinctOn
    : DISTINCT ON LPAREN expression (COMMA expression)* RPAREN
    ;

groupItem
    : groupingSpec
    | expression
    ;

// ROLLUP (a, (b, c)), CUBE (...), GROUPING SETS ((a, b), a, ()); a parenthesized list is one element.
groupingSpec
    : kind=(ROLLUP | CUBE) LPAREN expression (COMMA expression)* RPAREN
    | GROUPING SETS LPAREN groupingSet (COMMA groupingSet)* RPAREN
    ;

groupingSet
    : LPAREN RPAREN
    | groupingSpec
    | expression
    ;

windowDefinition
    : identifier AS windowSpecification
    ;

// ( [existing window] [PARTITION BY ...] [ORDER BY ...] [frame] )
windowSpecification
    : LPAREN existing=identifier? (PARTITION BY expression (COMMA expression)*)? orderBy? frameClause? RPAREN
    ;

frameClause
    : unit=(ROWS | RANGE | GROUPS) (start=frameBound | BETWEEN start=frameBound AND end=frameBound) frameExclusion?
    ;

// EXCLUDE CURRENT ROW | GROUP | TIES | NO OTHERS (the default)
frameExclusion
    : EXCLUDE (CURRENT ROW | GROUP | TIES | NO OTHERS)
    ;

frameBound
    : UNBOUNDED PRECEDING                                                   #unboundedPrecedingBound
    | UNBOUNDED FOLLOWING                                                   #unboundedFollowingBound
    | CURRENT ROW                                                           #currentRowBound
    | boundExpression PRECEDING                                             #precedingBound
    | boundExpression FOLLOWING                                             #followingBound
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : STAR                                    #selectAll
    | identifier (DOT identifier)? DOT STAR   #selectAllOfTable
    | expression (AS? identifier)?            #selectExpression
    ;

tableReference
    : qualifiedName (AS? identifier)?
    ;

// Joins bind left to right; the right side of a join is a table or a parenthesized join.
fromItem
    : fromItem CROSS JOIN fromPrimary                                       #crossJoin
    | fromItem NATURAL joinType? JOIN fromPrimary                           #naturalJoin
    | fromItem joinType? JOIN fromPrimary joinCriteria                      #qualifiedJoin
    | fromPrimary                                                           #primaryFromItem
    ;

fromPrimary
    : LATERAL? identifier LPAREN (functionArgument (COMMA functionArgument)*)? RPAREN (WITH ORDINALITY)?
      (AS? alias=identifier (LPAREN identifier (COMMA identifier)* RPAREN)?
      | AS? alias=identifier LPAREN functionColumn (COMMA functionColumn)* RPAREN
      | AS LPAREN functionColumn (COMMA functionColumn)* RPAREN)?  #functionFromPrimary
    | LATERAL? ROWS FROM LPAREN rowsFromFunction (COMMA rowsFromFunction)* RPAREN (WITH ORDINALITY)?
      (AS? alias=identifier (LPAREN identifier (COMMA identifier)* RPAREN)?)?  #rowsFromPrimary
    | tableReference TABLESAMPLE method=identifier LPAREN expression (COMMA expression)* RPAREN
      (REPEATABLE LPAREN seed=expression RPAREN)?                           #sampledTablePrimary
    | tableReference                                                        #tableFromPrimary
    | LATERAL? LPAREN query RPAREN (AS? identifier (LPAREN identifier (COMMA identifier)* RPAREN)?)?  #derivedTablePrimary
    | LPAREN fromItem RPAREN                                                #parenthesizedFromPrimary
    ;

// A column definition list's entry: jsonb_to_record(j) AS x(a int, b text).
functionColumn
    : identifier typeName
    ;

// One function of ROWS FROM (f(...), g(...)).
rowsFromFunction
    : identifier LPAREN (functionArgument (COMMA functionArgument)*)? RPAREN
    ;

joinType
    : INNER
    | (LEFT | RIGHT | FULL) OUTER?
    ;

joinCriteria
    : ON expression
    | USING LPAREN identifier (COMMA identifier)* RPAREN
    ;

orderBy
    : ORDER BY sortItem (COMMA sortItem)*
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrdering=(FIRST | LAST))?
    ;

limitClause
    : limitPart offsetPart?
    | offsetPart limitPart?
    ;

limitPart
    : LIMIT (limit=expression | ALL)
    | FETCH (FIRST | NEXT) limit=expression? (ROW | ROWS) (ONLY | WITH TIES)
    ;

offsetPart
    : OFFSET offset=expression (ROW | ROWS)?
    ;

// ---- Expressions. In a left-recursive ANTLR rule the earlier alternative binds tighter; the
// order follows PostgreSQL's operator precedence table (:: > unary > * / % > + - > || > BETWEEN IN
// LIKE > comparison > IS > NOT > AND > OR).

expression
    : primary                                                           #primaryExpression
    | expression DOUBLE_COLON typeName                                  #castOperatorExpression
    | expression COLLATE qualifiedName                                  #collateExpression
    | expression LBRACKET index=expression RBRACKET                     #subscriptExpression
    | expression LBRACKET lower=expression? COLON upper=expression? RBRACKET #sliceExpression
    | op=(MINUS | PLUS) expression                                      #unaryExpression
    | expression AT timeWord=identifier zoneWord=identifier zone=expression #atTimeZoneExpression
    | expression CARET expression                                       #powerExpression
    | expression op=(STAR | SLASH | PERCENT) expression                 #multiplicativeExpression
    | expression op=(PLUS | MINUS) expression                           #additiveExpression
    // prefix operators other than - and + bind as PostgreSQL's other operators: |/ 16 + 9 is 5
    | op=(TILDE | AT_SIGN | SQRT_OP | CBRT_OP) expression               #prefixOperatorExpression
    | expression CONCAT expression                                      #concatExpression
    | expression op=(AMP | PIPE | HASH | SHIFT_LEFT | SHIFT_RIGHT | OVER_LEFT | OVER_RIGHT | ADJACENT) expression #bitwiseExpression
    | expression op=(ARROW | DOUBLE_ARROW | HASH_ARROW | HASH_DOUBLE_ARROW | CONTAINS | CONTAINED_BY | OVERLAPS | HASH_MINUS | QUESTION | QUESTION_QUESTION | QUESTION_PIPE | QUESTION_AMP | AT_QUESTION | AT_AT) expression #containerOperatorExpression
    | expression op=(L2_DISTANCE | NEG_INNER_PRODUCT | COSINE_DISTANCE | L1_DISTANCE | HAMMING_DISTANCE | JACCARD_DISTANCE) expression #vectorDistanceExpression
    | expression NOT? BETWEEN low=boundExpression AND high=expression   #betweenExpression
    | expression NOT? IN LPAREN query RPAREN                            #inSubqueryExpression
    | expression NOT? IN LPAREN expression (COMMA expression)* RPAREN   #inListExpression
    | expression NOT? op=(LIKE | ILIKE) expression                      #likeExpression
    | expression NOT? op=(LIKE | ILIKE) pattern=boundExpression ESCAPE escape=boundExpression #likeEscapeExpression
    | expression op=(TILDE | TILDE_STAR | NOT_TILDE | NOT_TILDE_STAR) expression #regexExpression
    | expression NOT? SIMILAR TO expression                             #similarExpression
    | expression NOT? SIMILAR TO pattern=boundExpression ESCAPE escape=boundExpression #similarEscapeExpression
    | expression op=(EQ | NEQ | LT | LTE | GT | GTE) quantifier=(ANY | SOME | ALL) LPAREN query RPAREN #quantifiedSubquery
    | expression op=(EQ | NEQ | LT | LTE | GT | GTE) quantifier=(ANY | SOME | ALL) LPAREN expression RPAREN #quantifiedComparison
    | expression op=(EQ | NEQ | LT | LTE | GT | GTE) expression         #comparisonExpression
    | expression IS NOT? NULL                                           #isNullExpression
    | expression IS NOT? (TRUE | FALSE)                                 #isBooleanExpression
    | expression IS NOT? DISTINCT FROM expression                       #isDistinctFromExpression
    | NOT expression                                                    #notExpression
    | expression AND expression                                         #andExpression
    | expression OR expression                                          #orExpression
    ;

// The lower bound of BETWEEN, like Postgres's b_expr: no AND/OR/NOT/comparison at its top, so
// "x BETWEEN 1 AND 3 AND y" reads as "(x BETWEEN 1 AND 3) AND y".
boundExpression
    : primary                                                           #primaryBound
    | boundExpression DOUBLE_COLON typeName                             #castOperatorBound
    | boundExpression COLLATE qualifiedName                             #collateBound
    | boundExpression LBRACKET index=expression RBRACKET                #subscriptBound
    | boundExpression LBRACKET lower=expression? COLON upper=expression? RBRACKET #sliceBound
    | op=(MINUS | PLUS) boundExpression                                 #unaryBound
    | boundExpression AT timeWord=identifier zoneWord=identifier zone=boundExpression #atTimeZoneBound
    | boundExpression CARET boundExpression                             #powerBound
    | boundExpression op=(STAR | SLASH | PERCENT) boundExpression       #multiplicativeBound
    | boundExpression op=(PLUS | MINUS) boundExpression                 #additiveBound
    | op=(TILDE | AT_SIGN | SQRT_OP | CBRT_OP) boundExpression          #prefixOperatorBound
    | boundExpression CONCAT boundExpression                            #concatBound
    | boundExpression op=(AMP | PIPE | HASH | SHIFT_LEFT | SHIFT_RIGHT | OVER_LEFT | OVER_RIGHT | ADJACENT) boundExpression #bitwiseBound
    | boundExpression op=(ARROW | DOUBLE_ARROW | HASH_ARROW | HASH_DOUBLE_ARROW | CONTAINS | CONTAINED_BY | OVERLAPS | HASH_MINUS | QUESTION | QUESTION_QUESTION | QUESTION_PIPE | QUESTION_AMP | AT_QUESTION | AT_AT) boundExpression #containerOperatorBound
    | boundExpression op=(L2_DISTANCE | NEG_INNER_PRODUCT | COSINE_DISTANCE | L1_DISTANCE | HAMMING_DISTANCE | JACCARD_DISTANCE) boundExpression #vectorDistanceBound
    ;

// ARRAY[[1, 2], [3, 4]]: inside ARRAY[...], a bracketed list is a sub-array without its ARRAY keyword.
subArray
    : LBRACKET (subArray (COMMA subArray)* | expression (COMMA expression)*)? RBRACKET
    ;

primary
    : literal                                                           #literalPrimary
    | QUESTION                                                          #parameterPrimary
    | PARAM                                                             #numberedParameterPrimary
    | USER                                                              #userPrimary
    | CAST LPAREN expression AS typeName RPAREN                         #castPrimary
    | CASE operand=expression? whenClause+ (ELSE elseResult=expression)? END  #casePrimary
    | EXISTS LPAREN query RPAREN                                        #existsPrimary
    | ARRAY LBRACKET (expression (COMMA expression)*)? RBRACKET          #arrayConstructorPrimary
    | ARRAY LBRACKET subArray (COMMA subArray)* RBRACKET                 #nestedArrayConstructorPrimary
    | ARRAY LPAREN query RPAREN                                         #arraySubqueryPrimary
    | SUBSTRING LPAREN expression FROM expression (FOR expression)? RPAREN #substringPrimary
    | SUBSTRING LPAREN expression FOR expression RPAREN                 #substringForPrimary
    | POSITION LPAREN boundExpression IN expression RPAREN              #positionPrimary
    | SUBSTRING LPAREN expression SIMILAR expression ESCAPE expression RPAREN #substringSimilarPrimary
    | OVERLAY LPAREN expression PLACING expression FROM expression (FOR expression)? RPAREN #overlayPrimary
    | TRIM LPAREN trimSide=(BOTH | LEADING | TRAILING)? chars=expression? FROM expression RPAREN #trimFromPrimary
    | side=(LEFT | RIGHT) LPAREN expression (COMMA expression)* RPAREN  #leftRightCall
    | {isIntervalWord()}? identifier LPAREN precision=INTEGER_VALUE RPAREN STRING #intervalPrecisionLiteral
    | {isIntervalWord()}? identifier STRING intervalQualifier           #intervalQualifiedLiteral
    | (schema=identifier DOT)? name=identifier LPAREN STAR RPAREN filterClause? overClause? #starFunctionCall
    | (schema=identifier DOT)? name=identifier LPAREN (setQuantifier? functionArgument (COMMA functionArgument)* orderBy?)? RPAREN withinGroupClause? filterClause? overClause? #functionCall
    | identifier LPAREN field=identifier FROM expression RPAREN         #extractCall
    | literalType STRING                                                #typedLiteral
    | identifier (DOT identifier)*                                      #columnReference
    // (s1, e1) OVERLAPS (s2, e2): one closed construct, as PostgreSQL's row OVERLAPS row
    | left=overlapsRow OVERLAPS_KW right=overlapsRow                    #overlapsPrimary
    | LPAREN query RPAREN                                               #subqueryPrimary
    | LPAREN expression RPAREN DOT (field=identifier | STAR)             #fieldSelection
    | LPAREN expression RPAREN                                          #parenthesized
    | ROW? LPAREN expression (COMMA expression)+ RPAREN                 #rowConstructor
    ;

overlapsRow
    : ROW? LPAREN expression (COMMA expression)* RPAREN
    ;

// A function's argument, positional or named: make_interval(days => 1), the older days := 1; t.* is
// the whole row of t, as t alone is (count(c.*), row_to_json(t.*)).
functionArgument
    : (name=identifier (EQUALS_GREATER | COLON_EQUALS))? expression
    | VARIADIC expression   // the last argument: an array for a VARIADIC parameter, passed whole
    | rowOf=identifier DOT STAR
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

// An ordered-set aggregate's input order: percentile_cont(0.5) WITHIN GROUP (ORDER BY x).
withinGroupClause
    : WITHIN GROUP LPAREN orderBy RPAREN
    ;

filterClause
    : FILTER LPAREN WHERE expression RPAREN
    ;

overClause
    : OVER (identifier | windowSpecification)
    ;

literal
    : INTEGER_VALUE                                                     #integerLiteral
    | DECIMAL_VALUE                                                     #decimalLiteral
    | STRING                                                            #stringLiteral
    | ESCAPE_STRING                                                     #escapeStringLiteral
    | DOLLAR_STRING                                                     #dollarStringLiteral
    | UNICODE_STRING                                                    #unicodeStringLiteral
    | BIT_STRING                                                        #bitStringLiteral
    | TRUE                                                              #trueLiteral
    | FALSE                                                             #falseLiteral
    | NULL                                                              #nullLiteral
    ;

// [database.]schema.name; more parts are an error the AST builder reports as PostgreSQL does
qualifiedName
    : identifier (DOT identifier)*
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

// Keywords that PostgreSQL also lets users take as names.
nonReserved
    : INDEX | KEY | FIRST | LAST | NULLS | IF | EXISTS | BEGIN | START | TRANSACTION | WORK | COMMIT
    | ROLLBACK | SAVEPOINT | RELEASE | ISOLATION | LEVEL | READ | WRITE | ONLY | COMMITTED | UNCOMMITTED
    | REPEATABLE | SERIALIZABLE | SESSION | LOCAL | CASCADED | CHARACTERISTICS | SHOW | RESET | CHECKPOINT | BACKUP | VACUUM | EXPLAIN
    | CONFLICT | NOTHING | WITHOUT | ESCAPE
    | SEQUENCE | INCREMENT | MINVALUE | MAXVALUE | NO | CACHE | CYCLE | GENERATED | ALWAYS | IDENTITY | OVERRIDING
    | SYSTEM | VALUE | RESTART | CONTINUE | TRUNCATE | CASCADE | RESTRICT | ACTION | ALTER | RENAME | ADD | DATA | TYPE
    | RECURSIVE | MATERIALIZED | PARTITION | ROWS | RANGE | GROUPS | UNBOUNDED | PRECEDING | FOLLOWING | CURRENT
    | ROW | NEXT | TIES | FILTER | OVER | SHARE | NOWAIT | SKIP_ | LOCKED | OF | VIEW | REPLACE
    | SUBSTRING | POSITION | TRIM | LEADING | TRAILING
    | AT
    | SCHEMA | COMMENT | OWNED | OWNER | NONE
    | EXCLUDE | OTHERS | ORDINALITY | LOCK | COPY
    | WITHIN | OVERLAY | ROLLUP | CUBE | GROUPING | SETS
    | TEMP | TEMPORARY | GLOBAL | PRESERVE | UNLOGGED | EXTENSION | VERSION
    | DISCARD | REFRESH
    | MERGE | MATCHED
    | STORED | EXPRESSION | STATISTICS | LOGGED | REINDEX | CLUSTER | DATABASE | INCLUDE
    | DEFERRED | IMMEDIATE | CONSTRAINTS
    | PREPARE | EXECUTE | DEALLOCATE | FUNCTION | RETURNS
    | ENUM | DOMAIN | VALID
    | TRIGGER | BEFORE | AFTER | INSTEAD | EACH | STATEMENT | PROCEDURE | ENABLE | DISABLE
    | OUT | INOUT | CALL
    | ROLE | REVOKE | PRIVILEGES | OPTION | VALIDATE | PASSWORD | ENCRYPTED | GRANTED
    | SEARCH | DEPTH | BREADTH
    | OVERLAPS_KW
    | DECLARE | CURSOR | MOVE | CLOSE | BINARY | ASENSITIVE | INSENSITIVE | SCROLL | HOLD | PRIOR | ABSOLUTE
    | RELATIVE | FORWARD | BACKWARD
    ;

// ---- Lexer -----------------------------------------------------------------------------------

ALL: 'ALL';
TRIGGER: 'TRIGGER';
BEFORE: 'BEFORE';
AFTER: 'AFTER';
INSTEAD: 'INSTEAD';
EACH: 'EACH';
STATEMENT: 'STATEMENT';
PROCEDURE: 'PROCEDURE';
ENABLE: 'ENABLE';
DISABLE: 'DISABLE';
COLLATE: 'COLLATE';
TEMP: 'TEMP';
EXTENSION: 'EXTENSION';
VERSION: 'VERSION';
CONCURRENTLY: 'CONCURRENTLY';
STORED: 'STORED';
DEFERRABLE: 'DEFERRABLE';
INITIALLY: 'INITIALLY';
DEFERRED: 'DEFERRED';
IMMEDIATE: 'IMMEDIATE';
CONSTRAINTS: 'CONSTRAINTS';
EXPRESSION: 'EXPRESSION';
STATISTICS: 'STATISTICS';
LOGGED: 'LOGGED';
REINDEX: 'REINDEX';
CLUSTER: 'CLUSTER';
DATABASE: 'DATABASE';
INCLUDE: 'INCLUDE';
TEMPORARY: 'TEMPORARY';
GLOBAL: 'GLOBAL';
PRESERVE: 'PRESERVE';
UNLOGGED: 'UNLOGGED';
WITH: 'WITH';
RECURSIVE: 'RECURSIVE';
MATERIALIZED: 'MATERIALIZED';
LATERAL: 'LATERAL';
WINDOW: 'WINDOW';
PARTITION: 'PARTITION';
ROWS: 'ROWS';
RANGE: 'RANGE';
GROUPS: 'GROUPS';
UNBOUNDED: 'UNBOUNDED';
PRECEDING: 'PRECEDING';
FOLLOWING: 'FOLLOWING';
CURRENT: 'CURRENT';
ROW: 'ROW';
FETCH: 'FETCH';
DECLARE: 'DECLARE';
CURSOR: 'CURSOR';
MOVE: 'MOVE';
CLOSE: 'CLOSE';
BINARY: 'BINARY';
ASENSITIVE: 'ASENSITIVE';
INSENSITIVE: 'INSENSITIVE';
SCROLL: 'SCROLL';
HOLD: 'HOLD';
PRIOR: 'PRIOR';
ABSOLUTE: 'ABSOLUTE';
RELATIVE: 'RELATIVE';
FORWARD: 'FORWARD';
BACKWARD: 'BACKWARD';
NEXT: 'NEXT';
TIES: 'TIES';
EXCLUDE: 'EXCLUDE';
OTHERS: 'OTHERS';
ORDINALITY: 'ORDINALITY';
FILTER: 'FILTER';
OVER: 'OVER';
FOR: 'FOR';
NO: 'NO';
SHARE: 'SHARE';
NOWAIT: 'NOWAIT';
LOCK: 'LOCK';
COPY: 'COPY';
SKIP_: 'SKIP';
LOCKED: 'LOCKED';
OF: 'OF';
VIEW: 'VIEW';
SCHEMA: 'SCHEMA';
COMMENT: 'COMMENT';
OWNED: 'OWNED';
OWNER: 'OWNER';
NONE: 'NONE';
AUTHORIZATION: 'AUTHORIZATION';
REPLACE: 'REPLACE';
CASCADE: 'CASCADE';
CASCADED: 'CASCADED';
RESTRICT: 'RESTRICT';
SUBSTRING: 'SUBSTRING';
POSITION: 'POSITION';
TRIM: 'TRIM';
BOTH: 'BOTH';
LEADING: 'LEADING';
TRAILING: 'TRAILING';
ANY: 'ANY';
ARRAY: 'ARRAY';
SOME: 'SOME';
CROSS: 'CROSS';
INNER: 'INNER';
JOIN: 'JOIN';
LEFT: 'LEFT';
NATURAL: 'NATURAL';
OUTER: 'OUTER';
RIGHT: 'RIGHT';
USING: 'USING';
MERGE: 'MERGE';
MATCHED: 'MATCHED';
TABLESAMPLE: 'TABLESAMPLE';
BACKUP: 'BACKUP';
BEGIN: 'BEGIN';
CHARACTERISTICS: 'CHARACTERISTICS';
CHECKPOINT: 'CHECKPOINT';
COMMIT: 'COMMIT';
COMMITTED: 'COMMITTED';
DEFAULT: 'DEFAULT';
EXPLAIN: 'EXPLAIN';
ANALYZE: 'ANALYZE';
ANALYSE: 'ANALYSE';
VERBOSE: 'VERBOSE';
ISOLATION: 'ISOLATION';
LEVEL: 'LEVEL';
LOCAL: 'LOCAL';
ON: 'ON';
ONLY: 'ONLY';
READ: 'READ';
RELEASE: 'RELEASE';
REPEATABLE: 'REPEATABLE';
RESET: 'RESET';
DISCARD: 'DISCARD';
PREPARE: 'PREPARE';
EXECUTE: 'EXECUTE';
DEALLOCATE: 'DEALLOCATE';
FUNCTION: 'FUNCTION';
RETURNS: 'RETURNS';
RETURN: 'RETURN';
SETOF: 'SETOF';
REFRESH: 'REFRESH';
ROLLBACK: 'ROLLBACK';
SAVEPOINT: 'SAVEPOINT';
SERIALIZABLE: 'SERIALIZABLE';
SESSION: 'SESSION';
SHOW: 'SHOW';
START: 'START';
TO: 'TO';
TRANSACTION: 'TRANSACTION';
UNCOMMITTED: 'UNCOMMITTED';
VACUUM: 'VACUUM';
WORK: 'WORK';
WRITE: 'WRITE';
AND: 'AND';
AS: 'AS';
ASC: 'ASC';
BETWEEN: 'BETWEEN';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
CONSTRAINT: 'CONSTRAINT';
CONFLICT: 'CONFLICT';
DO: 'DO';
CALL: 'CALL';
NOTHING: 'NOTHING';
RETURNING: 'RETURNING';
CREATE: 'CREATE';
DELETE: 'DELETE';
DESC: 'DESC';
DISTINCT: 'DISTINCT';
DROP: 'DROP';
ELSE: 'ELSE';
EXCEPT: 'EXCEPT';
INDEX: 'INDEX';
INTERSECT: 'INTERSECT';
UNION: 'UNION';
UNIQUE: 'UNIQUE';
END: 'END';
EXISTS: 'EXISTS';
FALSE: 'FALSE';
FIRST: 'FIRST';
FULL: 'FULL';
FROM: 'FROM';
GROUP: 'GROUP';
HAVING: 'HAVING';
IF: 'IF';
ILIKE: 'ILIKE';
IN: 'IN';
INOUT: 'INOUT';
VARIADIC: 'VARIADIC';
OUT: 'OUT';
INSERT: 'INSERT';
INTO: 'INTO';
IS: 'IS';
KEY: 'KEY';
LAST: 'LAST';
LIKE: 'LIKE';
ESCAPE: 'ESCAPE';
LIMIT: 'LIMIT';
NOT: 'NOT';
NULL: 'NULL';
NULLS: 'NULLS';
OFFSET: 'OFFSET';
OR: 'OR';
ORDER: 'ORDER';
PRIMARY: 'PRIMARY';
SELECT: 'SELECT';
SET: 'SET';
TABLE: 'TABLE';
THEN: 'THEN';
TRUE: 'TRUE';
UPDATE: 'UPDATE';
VALUES: 'VALUES';
WHEN: 'WHEN';
WHERE: 'WHERE';
ACTION: 'ACTION';
ADD: 'ADD';
DATA: 'DATA';
TYPE: 'TYPE';
ALTER: 'ALTER';
COLUMN: 'COLUMN';
RENAME: 'RENAME';
ALWAYS: 'ALWAYS';
FOREIGN: 'FOREIGN';
REFERENCES: 'REFERENCES';
CACHE: 'CACHE';
CHECK: 'CHECK';
CONTINUE: 'CONTINUE';
CYCLE: 'CYCLE';
SEARCH: 'SEARCH';
DEPTH: 'DEPTH';
BREADTH: 'BREADTH';
GENERATED: 'GENERATED';
IDENTITY: 'IDENTITY';
INCREMENT: 'INCREMENT';
MAXVALUE: 'MAXVALUE';
MINVALUE: 'MINVALUE';
OVERRIDING: 'OVERRIDING';
RESTART: 'RESTART';
SEQUENCE: 'SEQUENCE';
SYSTEM: 'SYSTEM';
TRUNCATE: 'TRUNCATE';
USER: 'USER';
ROLE: 'ROLE';
GRANT: 'GRANT';
GRANTED: 'GRANTED';
REVOKE: 'REVOKE';
PRIVILEGES: 'PRIVILEGES';
OPTION: 'OPTION';
VALIDATE: 'VALIDATE';
PASSWORD: 'PASSWORD';
ENCRYPTED: 'ENCRYPTED';
VALUE: 'VALUE';
ENUM: 'ENUM';
DOMAIN: 'DOMAIN';
VALID: 'VALID';
WITHOUT: 'WITHOUT';
AT: 'AT';
SIMILAR: 'SIMILAR';
ROLLUP: 'ROLLUP';
CUBE: 'CUBE';
GROUPING: 'GROUPING';
SETS: 'SETS';
OVERLAY: 'OVERLAY';
PLACING: 'PLACING';
WITHIN: 'WITHIN';

EQUALS_GREATER: '=>';
COLON_EQUALS: ':=';
EQ: '=';
// pgvector's distance operators; longest match keeps them apart from <= and <.
L2_DISTANCE: '<->';
NEG_INNER_PRODUCT: '<#>';
COSINE_DISTANCE: '<=>';
L1_DISTANCE: '<+>';
// pgvector's bit distances: hamming and jaccard.
HAMMING_DISTANCE: '<~>';
JACCARD_DISTANCE: '<%>';
NEQ: '<>' | '!=';
LTE: '<=';
GTE: '>=';
LT: '<';
GT: '>';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';
CARET: '^';
CONCAT: '||';
// integer bit operators and PostgreSQL's prefix operators @ (abs), |/ (square root), ||/ (cube root)
AMP: '&';
PIPE: '|';
HASH: '#';
SHIFT_LEFT: '<<';
SHIFT_RIGHT: '>>';
// range operators: does not extend to the right of / to the left of, is adjacent to
OVER_LEFT: '&<';
OVER_RIGHT: '&>';
ADJACENT: '-|-';
AT_SIGN: '@';
SQRT_OP: '|/';
CBRT_OP: '||/';
TILDE: '~';
TILDE_STAR: '~*';
NOT_TILDE: '!~';
NOT_TILDE_STAR: '!~*';
// jsonb and array operators
DOUBLE_ARROW: '->>';
ARROW: '->';
HASH_DOUBLE_ARROW: '#>>';
HASH_ARROW: '#>';
CONTAINS: '@>';
CONTAINED_BY: '<@';
OVERLAPS: '&&';
OVERLAPS_KW: 'OVERLAPS';
HASH_MINUS: '#-';
QUESTION_PIPE: '?|';
// jsonb's key-exists operator as pgjdbc spells it in a statement with parameters ('?' alone is one).
QUESTION_QUESTION: '??';
QUESTION_AMP: '?&';
// jsonb @? jsonpath (a path selects an item), jsonb @@ jsonpath (a path predicate holds)
AT_QUESTION: '@?';
AT_AT: '@@';
LBRACKET: '[';
RBRACKET: ']';
DOUBLE_COLON: '::';
COLON: ':';
LPAREN: '(';
RPAREN: ')';
COMMA: ',';
DOT: '.';
SEMI: ';';
QUESTION: '?';
// $1, $2 ...: a numbered parameter (PREPARE, SQL function bodies, pgjdbc's own protocol)
PARAM: '$' DIGIT+;

INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;
STRING: '\'' ( ~'\'' | '\'\'' )* '\'';
// E'...': backslash escapes (\n, \t, \', \\, \ooo, \xhh, \uXXXX), decoded in AstBuilder.
ESCAPE_STRING: 'E\'' ( ~['\\] | '\'\'' | '\\' . )* '\'';
// U&'d\0061t\+000061': Unicode escapes with backslash (UESCAPE is not supported), decoded in AstBuilder.
UNICODE_STRING: 'U&\'' ( ~'\'' | '\'\'' )* '\'';
// $$...$$ and $tag$...$tag$: the opening delimiter here, the body up to the same closing one in dollarBody().
DOLLAR_STRING: '$' ([A-Z_] [A-Z_0-9]*)? '$' { dollarBody(); };
// B'0101': a bit string constant (its digits are checked when it is bound).
BIT_STRING: 'B\'' ~'\''* '\'';
IDENTIFIER: [A-Z_] [A-Z_0-9$]*;
QUOTED_IDENTIFIER: '"' ( ~'"' | '""' )+ '"';

fragment DIGIT: [0-9];
fragment EXPONENT: 'E' [+-]? DIGIT+;

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else is an error the parser reports with its position.
UNEXPECTED: .;
