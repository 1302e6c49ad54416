package uk.co.omniops.shell;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Lets a module add its API authentication (e.g. customer API keys) to the stateless {@code /api/**}
 * filter chain without the shell knowing it.
 */
public interface ApiAuthentication {

    void configure(HttpSecurity http) throws Exception;
}
