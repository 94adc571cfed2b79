package io.kyrodb.jdbc;

import io.kyrodb.engine.settings.Setting;
import org.junit.jupiter.api.Test;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KyroDriverTest {
    private final KyroDriver driver = new KyroDriver();

    @Test
    void driverManagerFindsTheDriverThroughTheServiceFile() throws SQLException {
        Driver found = DriverManager.getDriver("jdbc:kyro:mem:");
        assertThat(found).isInstanceOf(KyroDriver.class);
    }

    @Test
    void connectReturnsNullForOtherUrls() throws SQLException {
        assertThat(driver.connect("jdbc:postgresql://localhost/db", new Properties())).isNull();
        assertThat(driver.acceptsURL("jdbc:postgresql://localhost/db")).isFalse();
        assertThat(driver.acceptsURL("jdbc:kyro:file:/tmp/x")).isTrue();
    }

    @Test
    void aMalformedUrlFailsWith08001BeforeTheEngineIsAsked() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:kyro:mem:;sync"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("setting \"sync\" has no value")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void propertyInfoListsEverySettingWithItsValueOrDefault() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "sa");
        DriverPropertyInfo[] props = driver.getPropertyInfo("jdbc:kyro:mem:;sync=off", info);
        assertThat(Arrays.stream(props).map(p -> p.name))
                .containsExactlyElementsOf(Setting.all().stream().map(Setting::key).toList());
        DriverPropertyInfo sync = Arrays.stream(props).filter(p -> p.name.equals("sync")).findFirst().orElseThrow();
        assertThat(sync.value).isEqualTo("off");
        assertThat(sync.description).contains("fsync").endsWith("(engine setting)");
        assertThat(sync.required).isFalse();
        DriverPropertyInfo user = Arrays.stream(props).filter(p -> p.name.equals("user")).findFirst().orElseThrow();
        assertThat(user.value).isEqualTo("sa");
        DriverPropertyInfo app = Arrays.stream(props).filter(p -> p.name.equals("application_name")).findFirst().orElseThrow();
        assertThat(app.value).isEqualTo(Setting.APPLICATION_NAME.defaultValue());
    }

    @Test
    void versionComesFromTheEngine() {
        assertThat(KyroDriver.VERSION).isEqualTo(io.kyrodb.engine.Session.version());
        assertThat(driver.getMajorVersion() + "." + driver.getMinorVersion()).isEqualTo(
                KyroDriver.VERSION.substring(0, KyroDriver.VERSION.lastIndexOf('.')));
        assertThat(driver.jdbcCompliant()).isFalse();
    }
}
