package uk.co.omniops.ops.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import uk.co.omniops.ops.ObservabilitySettings;

/**
 * Sends ERROR log events (with their exception) to Sentry when {@code SENTRY_DSN} is set; does nothing
 * otherwise. Events carry no customer text: log messages never include message bodies.
 */
@Component
class SentryConfiguration implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SentryConfiguration.class);

    private final ObservabilitySettings settings;
    private SentryAppender appender;

    SentryConfiguration(ObservabilitySettings settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        var dsn = settings.sentryDsn();
        if (dsn == null || dsn.isBlank()) {
            return;
        }
        // built without a lambda: javac 25 crashes inferring Sentry.init(OptionsConfiguration) (NPE in
        // UnsharedNameTable)
        var options = new SentryOptions();
        options.setDsn(dsn);
        options.setEnvironment(System.getenv().getOrDefault("OMNIOPS_ENV", "production"));
        options.setSendDefaultPii(false);
        Sentry.init(options);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            appender = new SentryAppender();
            appender.setContext(context);
            appender.setName("SENTRY");
            appender.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }
        log.info("Sentry error reporting is on");
    }

    @Override
    public void destroy() {
        if (appender != null) {
            appender.stop();
            Sentry.close();
        }
    }

    static final class SentryAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                return;
            }
            if (event.getThrowableProxy() instanceof ThrowableProxy proxy) {
                Sentry.captureException(proxy.getThrowable());
            } else {
                Sentry.captureMessage(event.getLoggerName() + ": " + event.getFormattedMessage());
            }
        }
    }
}
