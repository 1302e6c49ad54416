package uk.co.omniops.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test of the whole application: {@link OmniOpsIntegrationTest} (one shared context on a random port), the
 * JUnit tag {@code browser} (run or skip the tier with {@code -Dgroups=browser} / {@code -DexcludedGroups=browser}),
 * and {@link BrowserExtension}: a fresh Chromium context and page per test in the class's {@code context} and
 * {@code page} fields, closed after it, and on failure a screenshot and the page's errors under
 * {@code target/screenshots/}. Implement {@link BrowserTestSupport} for {@code base()} and sign-in per role.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@OmniOpsIntegrationTest
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {}
