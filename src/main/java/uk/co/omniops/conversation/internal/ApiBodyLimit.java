package uk.co.omniops.conversation.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.co.omniops.shell.ProblemEntryPoint;

/**
 * Refuses ingestion bodies over {@link ApiSettings#maxBodyBytes()} with 413: at once when Content-Length says
 * so, else (chunked) when reading passes the limit ({@link TooLarge}, mapped by {@link ConversationApiErrors}).
 * Runs after Spring Security, so an unauthenticated caller gets 401 first.
 */
@Component
class ApiBodyLimit extends OncePerRequestFilter {

    private final ApiSettings settings;

    ApiBodyLimit(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > settings.maxBodyBytes()) {
            ProblemEntryPoint.write(response, 413, "Content Too Large", message(settings.maxBodyBytes()));
            return;
        }
        chain.doFilter(new Limited(request, settings.maxBodyBytes()), response);
    }

    static String message(int max) {
        return "The request body is larger than " + max + " bytes.";
    }

    /** Reading a body past the limit. */
    static final class TooLarge extends IOException {
        TooLarge(int max) {
            super(message(max));
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final int max;
        private @org.jspecify.annotations.Nullable ServletInputStream stream;

        Limited(HttpServletRequest request, int max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                var in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws TooLarge {
                        read += n;
                        if (read > max) {
                            throw new TooLarge(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
