package uk.co.omniops.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * At the limit of open views, page loads get a 503 page that retries; open tabs' requests go on. Signed-in users and
 * anonymous visitors have separate budgets.
 */
class OpenViewsTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OpenViews views = new OpenViews(2, 3, meters);

    /** A page load of a signed-in user. */
    private static MockHttpServletRequest page(String path) {
        var request = anonymousPage(path);
        request.setUserPrincipal(() -> "agent@techsupport-co");
        return request;
    }

    private static MockHttpServletRequest anonymousPage(String path) {
        var request = new MockHttpServletRequest("GET", path);
        request.addHeader("Accept", "text/html,application/xhtml+xml");
        return request;
    }

    private static MockHttpServletRequest vaadin(String method, String type) {
        var request = new MockHttpServletRequest(method, "/");
        request.setParameter("v-r", type);
        request.setUserPrincipal(() -> "agent@techsupport-co");
        return request;
    }

    @Test
    void anAnonymousFloodNeverLocksASignedInAgentOut() throws Exception {
        for (var i = 0; i < 3; i++) {
            views.opened(true);
        }
        var response = new MockHttpServletResponse();
        views.doFilter(anonymousPage("/chat/techsupport-co"), response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(status(anonymousPage("/login"))).isEqualTo(503);
        assertThat(meters.get("omniops.ui.refused_anonymous_views").counter().count())
                .isEqualTo(2);

        assertThat(status(page("/inbox"))).isZero();
        assertThat(status(vaadin("GET", "init"))).isZero();
        assertThat(meters.get("omniops.ui.refused_views").counter().count()).isZero();
        assertThat(meters.get("omniops.ui.open_anonymous_views").gauge().value())
                .isEqualTo(3);
    }

    private int status(MockHttpServletRequest request) throws Exception {
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        views.doFilter(request, response, chain);
        return chain.getRequest() == null ? response.getStatus() : 0;
    }

    @Test
    void belowTheLimitEverythingPasses() throws Exception {
        views.opened();
        assertThat(status(page("/inbox"))).isZero();
        assertThat(status(vaadin("GET", "init"))).isZero();
    }

    @Test
    void atTheLimitANewPageIsRefusedAndOpenTabsGoOn() throws Exception {
        views.opened();
        var second = views.opened();

        var response = new MockHttpServletResponse();
        views.doFilter(page("/inbox/42"), response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getContentAsString()).contains("OmniOps is full for a moment", "http-equiv=\"refresh\"");
        assertThat(status(vaadin("GET", "init"))).isEqualTo(503);
        assertThat(meters.get("omniops.ui.refused_views").counter().count()).isEqualTo(2);

        assertThat(status(vaadin("POST", "uidl"))).isZero();
        assertThat(status(vaadin("POST", "heartbeat"))).isZero();
        assertThat(status(new MockHttpServletRequest("GET", "/VAADIN/push"))).isZero();
        assertThat(status(page("/VAADIN/build/index.js"))).isZero();
        assertThat(status(page("/favicon.ico"))).isZero();
        assertThat(status(new MockHttpServletRequest("GET", "/api/v1/conversations")))
                .isZero();
        assertThat(status(new MockHttpServletRequest("GET", "/api/ready"))).isZero();
        assertThat(status(page(SessionCheck.PATH))).isZero();

        second.run();
        second.run();
        assertThat(views.open()).isEqualTo(1);
        assertThat(status(page("/inbox/42"))).isZero();
        assertThat(meters.get("omniops.ui.open_views").gauge().value()).isEqualTo(1);
    }

    @Test
    void theDefaultLimitComesFromTheHeap() {
        assertThat(OpenViews.fromHeap(1024L * 1024 * 1024)).isBetween(1700, 1800);
        assertThat(OpenViews.fromHeap(4096L * 1024 * 1024)).isBetween(7500, 7700);
        assertThat(OpenViews.fromHeap(64L * 1024 * 1024)).isEqualTo(50);
        var budget = OpenViews.fromHeap(Runtime.getRuntime().maxMemory());
        var defaults = new OpenViews(0, 0, meters);
        assertThat(defaults.limit() + defaults.anonymousLimit()).isEqualTo(budget);
        assertThat(defaults.anonymousLimit()).isEqualTo(budget / 5);
    }
}
