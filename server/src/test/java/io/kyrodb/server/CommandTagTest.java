package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTagTest {

    @Test
    void dmlCarriesItsCountInsertWithPostgresZero() {
        assertThat(CommandTag.of("insert into t values (1), (2), (3)", 3)).isEqualTo("INSERT 0 3");
        assertThat(CommandTag.of("UPDATE t SET a = 1", 2)).isEqualTo("UPDATE 2");
        assertThat(CommandTag.of("Delete From t", 1)).isEqualTo("DELETE 1");
        assertThat(CommandTag.of("delete from t", 0)).isEqualTo("DELETE 0");
    }

    @Test
    void ddlNamesTheObjectKind() {
        assertThat(CommandTag.of("create table t (id int)", 0)).isEqualTo("CREATE TABLE");
        assertThat(CommandTag.of("CREATE TABLE IF NOT EXISTS t (id int)", 0)).isEqualTo("CREATE TABLE");
        assertThat(CommandTag.of("drop table if exists t", 0)).isEqualTo("DROP TABLE");
        assertThat(CommandTag.of("create unique index i on t (a)", 0)).isEqualTo("CREATE INDEX");
        assertThat(CommandTag.of("create or replace view v as select 1", 0)).isEqualTo("CREATE VIEW");
        assertThat(CommandTag.of("create temp table x (a int)", 0)).isEqualTo("CREATE TABLE");
        assertThat(CommandTag.of("alter table t add column b int", 0)).isEqualTo("ALTER TABLE");
        assertThat(CommandTag.of("create model m ...", 0)).isEqualTo("CREATE MODEL");
    }

    @Test
    void createTableAsCountsLikeSelect() {
        assertThat(CommandTag.of("create table t2 as select * from t", 5)).isEqualTo("SELECT 5");
        assertThat(CommandTag.of("create table t2 (a int, b int)", 0)).isEqualTo("CREATE TABLE");
    }

    @Test
    void withTakesTheCommandAfterItsExpressions() {
        assertThat(CommandTag.of("with x as (select 1 as a) insert into t select a from x", 1)).isEqualTo("INSERT 0 1");
        assertThat(CommandTag.of("WITH d AS (DELETE FROM t RETURNING *) UPDATE u SET n = 0", 4)).isEqualTo("UPDATE 4");
    }

    @Test
    void transactionsAndSettings() {
        assertThat(CommandTag.of("begin", 0)).isEqualTo("BEGIN");
        assertThat(CommandTag.of("start transaction isolation level serializable", 0)).isEqualTo("START TRANSACTION");
        assertThat(CommandTag.of("end", 0)).isEqualTo("COMMIT");
        assertThat(CommandTag.of("rollback to savepoint s", 0)).isEqualTo("ROLLBACK");
        assertThat(CommandTag.of("set hnsw.ef_search = 100", 0)).isEqualTo("SET");
        assertThat(CommandTag.of("truncate t", 0)).isEqualTo("TRUNCATE TABLE");
    }

    @Test
    void cursorStatementsAsPsqlPrintsThem() {
        assertThat(CommandTag.of("declare c scroll cursor with hold for select 1", 0)).isEqualTo("DECLARE CURSOR");
        assertThat(CommandTag.of("MOVE FORWARD 3 IN c", 2)).isEqualTo("MOVE 2");
        assertThat(CommandTag.of("move backward all in c", 0)).isEqualTo("MOVE 0");
        assertThat(CommandTag.of("close c", 0)).isEqualTo("CLOSE CURSOR");
        assertThat(CommandTag.of("CLOSE ALL", 0)).isEqualTo("CLOSE CURSOR ALL");
    }

    @Test
    void commentsQuotesAndCaseDoNotConfuseIt() {
        assertThat(CommandTag.of("/* create table */ -- drop\n  Insert into \"select\" values ('delete')", 1))
                .isEqualTo("INSERT 0 1");
    }

    @Test
    void noCountMeansNoNumber() {
        assertThat(CommandTag.of("update t set a = 1", -1)).isEqualTo("UPDATE");
    }

    @Test
    void dmlIsRecognisedForReturning() {
        assertThat(CommandTag.isDml("insert into t values (1) returning id")).isTrue();
        assertThat(CommandTag.isDml("select 1")).isFalse();
    }
}
