package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void convertsTheSeedsLibpqUriToJdbc() {
        var url = DatabaseUrl.parse(
                "postgresql://omni:s%40cret@db.example.com:6543/omniops?sslmode=require", "DATABASE_URL");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/omniops?sslmode=require");
        assertThat(url.username()).isEqualTo("omni");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void defaultsThePortAndAcceptsThePostgresScheme() {
        var url = DatabaseUrl.parse("postgres://u:p@host/db", "DATABASE_URL");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void takesAJdbcUrlAsIs() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:1/d", "DATABASE_URL").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:1/d");
    }

    @Test
    void rejectsOtherSchemesNamingTheSetting() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/d", "DATABASE_URL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL must look like postgresql://");
    }

    @Test
    void rejectsAUriWithoutDatabase() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@host:5432/", "DATABASE_URL"))
                .hasMessageContaining("needs a host and a database name");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:hunter2@h/d", "DATABASE_URL")
                        .toString())
                .doesNotContain("hunter2");
    }
}
