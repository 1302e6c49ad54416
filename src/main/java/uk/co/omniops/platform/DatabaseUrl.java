package uk.co.omniops.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL connection in JDBC form, converted from the seed's libpq URI
 * ({@code postgresql://user:pass@host:5432/db?sslmode=require}) or taken as a JDBC URL as is.
 */
public record DatabaseUrl(
        String jdbcUrl, @Nullable String username, @Nullable String password) {

    /**
     * @throws IllegalArgumentException with a message naming {@code setting} when the value cannot be read
     */
    public static DatabaseUrl parse(String value, String setting) {
        var trimmed = value.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException(setting
                    + " must look like postgresql://user:password@host:5432/database (got a value starting with '"
                    + trimmed.substring(0, Math.min(12, trimmed.length())) + "')");
        }
        try {
            var uri = new URI(trimmed);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException(setting + " needs a host and a database name, as in "
                        + "postgresql://user:password@host:5432/database");
            }
            var port = uri.getPort() > 0 ? uri.getPort() : 5432;
            var jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                var info = uri.getRawUserInfo();
                var colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            return new DatabaseUrl(jdbc, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URI: " + e.getReason());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username + "]";
    }
}
