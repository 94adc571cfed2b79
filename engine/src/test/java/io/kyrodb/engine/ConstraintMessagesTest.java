package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Constraint violations name relations and constraints as PostgreSQL does, without the schema,
 * also for tables outside public (the names a user wrote, not KyroDB's catalog keys).
 */
class ConstraintMessagesTest {
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        session.execute("CREATE SCHEMA crm");
        session.execute("CREATE TABLE crm.account (id integer PRIMARY KEY, email text, balance integer CHECK (balance > -10),"
                + " code text NOT NULL DEFAULT 'x')");
        session.execute("CREATE UNIQUE INDEX account_email ON crm.account (email)");
        session.execute("CREATE TABLE crm.contact (id integer PRIMARY KEY, account_id integer REFERENCES crm.account)");
        session.execute("INSERT INTO crm.account VALUES (1, 'a@x.org', 0, 'a')");
        session.execute("INSERT INTO crm.contact VALUES (1, 1)");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void violationsNameTheRelationWithoutItsSchema() {
        assertThatThrownBy(() -> session.execute("INSERT INTO crm.account VALUES (1, 'b@x.org', 0, 'b')"))
                .hasMessageStartingWith("duplicate key value violates unique constraint \"account_pkey\": Key (id)=(1)");
        assertThatThrownBy(() -> session.execute("INSERT INTO crm.account VALUES (2, 'a@x.org', 0, 'b')"))
                .hasMessageStartingWith("duplicate key value violates unique constraint \"account_email\": Key (email)=");
        assertThatThrownBy(() -> session.execute("INSERT INTO crm.account VALUES (3, 'c@x.org', -20, 'c')"))
                .hasMessageStartingWith("new row for relation \"account\" violates check constraint \"account_balance_check\"");
        assertThatThrownBy(() -> session.execute("INSERT INTO crm.account VALUES (4, 'd@x.org', 0, NULL)"))
                .hasMessageStartingWith("null value in column \"code\" of relation \"account\" violates not-null constraint");
        assertThatThrownBy(() -> session.execute("INSERT INTO crm.contact VALUES (2, 9)"))
                .hasMessageStartingWith("insert or update on table \"contact\" violates foreign key constraint"
                        + " \"contact_account_id_fkey\": Key (account_id)=(9) is not present in table \"account\".");
        assertThatThrownBy(() -> session.execute("DELETE FROM crm.account WHERE id = 1"))
                .hasMessageStartingWith("update or delete on table \"account\" violates foreign key constraint"
                        + " \"contact_account_id_fkey\" on table \"contact\"");
    }
}
