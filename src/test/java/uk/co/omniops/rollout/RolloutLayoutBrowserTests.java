package uk.co.omniops.rollout;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The rollout page at 1280×800 as an admin reads it: a whitelist of three customers shows all three by name (no "2"
 * overflow chip hiding two of them), and the customers × features matrix fits its grid, last column included.
 */
@BrowserTest
class RolloutLayoutBrowserTests implements BrowserTestSupport {

    static final Feature FEATURE = Feature.AUTO_CATEGORIZATION;
    static final Set<String> THREE = Set.of("fooddelivery-inc", "techsupport-co", "thompson-engineering");

    @LocalServerPort
    int port;

    @Autowired
    RolloutManagement rollout;

    BrowserContext context;
    Page page;
    List<FlagDefinition> saved;

    @BeforeEach
    void setUp() {
        saved = RolloutTestSupport.snapshot(rollout);
        rollout.setWhitelist(FEATURE, THREE, RolloutTestSupport.ACTOR, "layout test: three beta customers");
    }

    @AfterEach
    void tearDown() {
        RolloutTestSupport.restore(rollout, saved);
    }

    @Test
    void everyWhitelistedCustomerIsShownByNameAndTheMatrixFitsAt1280() {
        page.setViewportSize(1280, 800);
        Browser.signIn(page, "http://localhost:" + port, "admin@omniops", "demo");
        page.waitForURL("**/admin/rollout");
        assertThat(page.locator("#rollout-matrix")).isVisible();

        var whitelist = page.locator("#whitelist-" + FEATURE.key());
        whitelist.scrollIntoViewIfNeeded();
        for (var slug : THREE) {
            assertThat(whitelist
                            .locator("vaadin-multi-select-combo-box-chip:not([slot=overflow])")
                            .filter(new Locator.FilterOptions().setHasText(slug)))
                    .isVisible();
        }
        assertThat(whitelist.locator("vaadin-multi-select-combo-box-chip[slot=overflow]"))
                .isHidden();
        Browser.screenshot(page, "rollout-whitelist-1280");

        @SuppressWarnings("unchecked")
        var fit = (Map<String, Object>) page.evaluate("""
                () => {
                  const grid = document.getElementById('rollout-matrix');
                  const table = grid.shadowRoot.querySelector('#table');
                  const headers = [...grid.querySelectorAll('vaadin-grid-cell-content')]
                      .filter(c => c.textContent.trim() === 'conversation-insights');
                  const header = headers[0];
                  return { overflow: table.scrollWidth - table.clientWidth,
                           right: header ? header.getBoundingClientRect().right : 1e9,
                           gridRight: grid.getBoundingClientRect().right,
                           clipped: header ? header.scrollWidth - header.clientWidth : 1e9 };
                }""");
        assertThat(((Number) fit.get("overflow")).intValue())
                .as("horizontal overflow of the matrix %s", fit)
                .isLessThanOrEqualTo(0);
        assertThat(((Number) fit.get("right")).doubleValue())
                .as("the last column's header ends inside the grid %s", fit)
                .isLessThanOrEqualTo(((Number) fit.get("gridRight")).doubleValue() + 0.5);
        assertThat(((Number) fit.get("clipped")).intValue())
                .as("the last header is not cut %s", fit)
                .isLessThanOrEqualTo(0);
    }
}
