package uk.co.omniops.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The plain page a browser gets when OmniOps cannot serve it for a moment (the database is unavailable, the instance
 * has as many tabs open as it holds): {@code 503} with {@code Retry-After}, and a page that says why and reloads
 * itself after that many seconds. Plain HTML, no Vaadin: it must work when the application cannot build a view.
 */
public final class UnavailablePage {

    private static final String TEMPLATE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%1$s</title>
            <meta http-equiv="refresh" content="%3$d"></head><body style="font-family: sans-serif; margin: 3em">
            <h1>%1$s</h1><p>%2$s This page tries again in %3$d seconds.</p></body></html>
            """;

    private UnavailablePage() {}

    /** The page: {@code title} as title and heading, then {@code text} (HTML) and when it retries. */
    public static String html(String title, String text, int retryAfterSeconds) {
        return TEMPLATE.formatted(title, text, retryAfterSeconds);
    }

    /** Answers {@code 503} with {@code Retry-After} and {@code page} (from {@link #html}); the buffer is replaced. */
    public static void send(HttpServletResponse response, String page, int retryAfterSeconds) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("text/html");
        response.getWriter().write(page);
    }
}
