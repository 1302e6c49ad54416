package uk.co.omniops.shell;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.FormLoginConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.shell.ui.LoginView;

/**
 * Two filter chains: a stateless one for {@code /api/**} and {@code /actuator/**} (probes open, actuator only on the
 * management port ({@link ManagementPort}; the public port answers 401), everything else needs an API key:
 * {@link ApiAuthentication}) and Vaadin's for the browser UI (form login, session fixation
 * protection, CSRF for Vaadin's own requests, and an always-on remember-me cookie so that a browser whose session
 * was lost with its instance signs in again by itself on another one; see {@link SessionSettings} and
 * {@code docs/decisions/012-session-recovery.md}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

    /**
     * The page's session check answers about the session the browser presents and must never sign anyone in: under
     * the UI chain, a check fired as sign-out closed the push connection still carried the remember-me cookie (the
     * response deleting it had not arrived), signed the agent in again and handed the browser a new session, so the
     * next page was the inbox instead of the login (CI: ShellBrowserTests, SessionRecoveryBrowserTests).
     */
    /**
     * No Micrometer observation around each security filter, authentication and authorisation: with them, Spring
     * Security spent 14 % of a request thread's CPU on the API's POSTs (bench/jfr-profile.py over a 5,000-message
     * burst, docs/benchmarks.md §2), for spans and timers nobody reads. The request itself stays observed
     * ({@code http.server.requests}), and sign-in failures have their own counters ({@link SignInThrottle}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(0)
    SecurityFilterChain sessionCheckFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(SessionCheck.PATH)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(
            HttpSecurity http, List<ApiAuthentication> apiAuthentications, ManagementPort managementPort)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(new ProblemEntryPoint()))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/health", "/api/ready")
                        .permitAll()
                        // the management port is not routed by the ingress and guarded by a NetworkPolicy
                        // (deploy/k8s/base/networkpolicy.yaml); actuator exposes only health and prometheus there
                        .requestMatchers(managementPort)
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .denyAll()
                        .anyRequest()
                        .authenticated());
        for (var api : apiAuthentications) {
            api.configure(http);
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(
            HttpSecurity http,
            SessionSettings settings,
            UserDetailsService users,
            RateLimits limits,
            @Value("${omniops.security.sign-in-failures-per-account:10}") int failuresPerAccount,
            @Value("${omniops.security.sign-in-failures-per-address:50}") int failuresPerAddress)
            throws Exception {
        var throttle = new SignInThrottle(
                limits, SignInThrottle.perAccount(failuresPerAccount), SignInThrottle.perAddress(failuresPerAddress));
        http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
        http.authorizeHttpRequests(auth -> auth
                // the container's error dispatch renders our 404/403/500 pages; blocking it turns them into empty 403s
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/error", "/themes/**", "/images/**", "/favicon.ico")
                .permitAll());
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        // signed token (user, expiry, password hash) with a key shared by all replicas: any replica accepts it, a
        // password change or logout ends it; HttpOnly, Secure when the request came over HTTPS
        http.rememberMe(r -> r.key(settings.rememberMeKey())
                .userDetailsService(users)
                .alwaysRemember(true)
                .rememberMeCookieName("omniops-remember-me")
                .tokenValiditySeconds(
                        Math.toIntExact(settings.rememberMeValidity().toSeconds())));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"))
                .with(new SignInFailures(throttle), Customizer.withDefaults())
                .build();
    }

    /**
     * Sends failed sign-ins to {@link SignInFailureHandler}. Vaadin's configurer creates the form login in its own
     * {@code init}; configuring the form login before it (a plain {@code http.formLogin(...)}) would make Spring
     * Security's generated login page answer {@code /login}. Added after Vaadin's, this runs after it.
     */
    private static final class SignInFailures extends AbstractHttpConfigurer<SignInFailures, HttpSecurity> {

        private final SignInThrottle throttle;

        SignInFailures(SignInThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        public void init(HttpSecurity http) {
            var form = http.getConfigurer(FormLoginConfigurer.class);
            if (form == null) {
                throw new IllegalStateException("Vaadin's security configurer did not set up the form login");
            }
            form.failureHandler(new SignInFailureHandler(throttle));
        }
    }
}
