package uk.co.omniops.test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The browser side of a {@link BrowserTest}: before each test a fresh context (fresh cookies) and page from the one
 * Chromium of the JVM ({@link Browser}) go into the test's {@code BrowserContext context} and {@code Page page}
 * fields, and the page's errors (uncaught exceptions, console errors) are collected; when the test fails, a full-page
 * screenshot and those errors are written to {@code target/screenshots/Class.method.png} and {@code .errors.txt} and
 * the errors are printed; after it the context is closed. The base URL comes from the Spring context's port.
 */
public class BrowserExtension implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BrowserExtension.class);

    private static volatile String baseUrl = "";

    /** The application under test, {@code http://localhost:PORT}; tests run one at a time in a JVM. */
    static String baseUrl() {
        return baseUrl;
    }

    @Override
    public void beforeEach(ExtensionContext extension) throws Exception {
        var environment = SpringExtension.getApplicationContext(extension).getEnvironment();
        baseUrl = "http://localhost:" + environment.getProperty("local.server.port");
        var context = Browser.newContext();
        var page = context.newPage();
        List<String> errors = new CopyOnWriteArrayList<>();
        page.onPageError(error -> errors.add("page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add("console error: " + message.text());
            }
        });
        var store = extension.getStore(NAMESPACE);
        store.put("context", context);
        store.put("page", page);
        store.put("errors", errors);
        var test = extension.getRequiredTestInstance();
        set(test, "context", BrowserContext.class, context);
        set(test, "page", Page.class, page);
    }

    @Override
    public void afterTestExecution(ExtensionContext extension) throws IOException {
        if (extension.getExecutionException().isEmpty()) {
            return;
        }
        var store = extension.getStore(NAMESPACE);
        var page = store.get("page", Page.class);
        @SuppressWarnings("unchecked")
        var errors = (List<String>) store.get("errors", List.class);
        var name = extension.getRequiredTestClass().getSimpleName() + "."
                + extension.getRequiredTestMethod().getName();
        var folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        if (page != null && !page.isClosed()) {
            try {
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(folder.resolve(name + ".png"))
                        .setFullPage(true));
            } catch (RuntimeException e) {
                System.err.println("No screenshot of " + name + ": " + e);
            }
        }
        Files.write(folder.resolve(name + ".errors.txt"), errors == null ? List.of() : errors);
        System.err.println(name + " failed; screenshot in " + folder.resolve(name + ".png") + "; page errors: "
                + (errors == null || errors.isEmpty() ? "none" : String.join("\n  ", errors)));
    }

    /** Closes the context it opened and, when the test replaced it (a second sign-in), the test's current one. */
    @Override
    public void afterEach(ExtensionContext extension) throws IllegalAccessException {
        var context = extension.getStore(NAMESPACE).remove("context", BrowserContext.class);
        if (context != null) {
            context.close();
        }
        var current = (BrowserContext) get(extension.getRequiredTestInstance(), "context", BrowserContext.class);
        if (current != null && current != context) {
            current.close();
        }
    }

    private static @org.jspecify.annotations.Nullable Object get(Object test, String name, Class<?> type)
            throws IllegalAccessException {
        var field = field(test, name, type);
        return field == null ? null : field.get(test);
    }

    private static void set(Object test, String name, Class<?> type, Object value) throws IllegalAccessException {
        var field = field(test, name, type);
        if (field != null) {
            field.set(test, value);
        }
    }

    private static @org.jspecify.annotations.Nullable Field field(Object test, String name, Class<?> type) {
        for (Class<?> c = test.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && field.getType() == type) {
                    field.setAccessible(true);
                    return field;
                }
            }
        }
        return null;
    }
}
