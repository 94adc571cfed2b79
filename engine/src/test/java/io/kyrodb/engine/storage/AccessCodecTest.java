package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.storage.codec.ByteWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's roles, grants and NOT VALID constraints through WAL tag 40 and checkpoint version 17. */
class AccessCodecTest {
    private static final Access ACCESS = new Access(
            Map.of("app", new Access.Role(16_000, "app", false, true, false, true, true, false, false, 5,
                    "SHA-256$c2FsdA==$aGFzaA==", "2030-01-01"),
                    "readers", new Access.Role(16_001, "readers", false, false, false, false, false, false, true, -1,
                            null, null)),
            List.of(new Access.Member("readers", "app", "kyro", true)),
            Map.of(Access.relation("t"), List.of(new Access.Grant("app", "kyro", "arw", "r", null),
                    new Access.Grant("", "kyro", "r", "", null), new Access.Grant("readers", "kyro", "w", "", "v")),
                    Access.defaults("kyro", "app", "tables"), List.of(new Access.Grant("readers", "kyro", "r", "", null))),
            Set.of(Access.constraint("t", "t_check")), 16_002);

    private static void assertSame(Access back) {
        assertThat(back.roles()).isEqualTo(ACCESS.roles());
        assertThat(back.members()).isEqualTo(ACCESS.members());
        assertThat(back.acls()).isEqualTo(ACCESS.acls());
        assertThat(back.notValidated()).isEqualTo(ACCESS.notValidated());
        assertThat(back.nextOid()).isEqualTo(ACCESS.nextOid());
    }

    @Test
    void walChangeRoundTrips() {
        List<Change> back = ChangeCodec.decode(ChangeCodec.encode(List.of(new Change.DefineAccess(ACCESS))), "test");
        assertSame(((Change.DefineAccess) back.get(0)).access());
    }

    @Test
    void checkpointVersion17KeepsItAndOlderVersionsReadWithout() {
        Checkpoint c = new Checkpoint(7, 3, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), Map.of(), List.of(), List.of(), List.of(), List.of(), ACCESS);
        assertSame(Checkpoint.decode(c.encode()).access());
        assertThatThrownBy(() -> c.encode(13)).hasMessageContaining("no roles or privileges");
        Checkpoint old = new Checkpoint(7, 3, Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("public"), Map.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(Checkpoint.decode(old.encode(13)).access().isEmpty()).isTrue();
    }

    @Test
    void anUnknownFormatIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineAccess(ACCESS)));
        payload[5] = 9;   // u32 count | u8 tag 40 | u8 format
        assertThatThrownBy(() -> ChangeCodec.decode(payload, "test")).hasMessageContaining("unknown access format 9");
    }

    @Test
    void aNegativeCountIsCorruption() {
        ByteWriter out = new ByteWriter();
        out.u32(1).u8(40).u8(1).u64(16_000).u32(-1);
        assertThatThrownBy(() -> ChangeCodec.decode(out.toByteArray(), "test")).hasMessageContaining("negative count");
    }

    @Test
    void aCutRecordIsCorruption() {
        byte[] payload = ChangeCodec.encode(List.of(new Change.DefineAccess(ACCESS)));
        byte[] cut = java.util.Arrays.copyOf(payload, payload.length - 3);
        assertThatThrownBy(() -> ChangeCodec.decode(cut, "test")).hasMessageContaining("corrupt change record");
    }

    @Test
    void aclitemTextIsPostgresqls() {
        assertThat(new Access.Grant("app", "kyro", "arw", "r", null).aclitem()).isEqualTo("app=ar*w/kyro");
        assertThat(new Access.Grant("", "kyro", "r", "", null).aclitem()).isEqualTo("=r/kyro");
    }
}
