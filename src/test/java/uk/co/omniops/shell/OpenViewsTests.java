package uk.co.omniops.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** At the limit of open views, page loads get a 503 page that retries; open tabs' requests go on. */
class OpenViewsTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OpenViews views = new OpenViews(2, meters);

    private static MockHttpServletRequest page(String path) {
        var request = new MockHttpServletRequest("GET", path);
        request.addHeader("Accept", "text/html,application/xhtml+xml");
        return request;
    }

    private static MockHttpServletRequest vaadin(String method, String type) {
        var request = new MockHttpServletRequest(method, "/");
        request.setParameter("v-r", type);
        return request;
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
        assertThat(status(new MockHttpServletRequest("GET", "/api/v1/conversations"))).isZero();
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
        assertThat(new OpenViews(0, meters).limit()).isEqualTo(OpenViews.fromHeap(Runtime.getRuntime().maxMemory()));
    }
}
