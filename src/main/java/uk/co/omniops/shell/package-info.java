/**
 * The UI shell every view sits in: main layout with role-based navigation, login, landing per role,
 * light/dark mode, error pages, Spring Security set-up for browser and API traffic. Publishes and
 * consumes no events.
 */
@NullMarked
package uk.co.omniops.shell;

import org.jspecify.annotations.NullMarked;
