package uk.co.omniops.platform.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or malformed setting into one clear startup line instead of a stack trace. */
public class StartupFailureAnalyzer extends AbstractFailureAnalyzer<RuntimeException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuntimeException cause) {
        for (Throwable t = rootFailure; t != null; t = t.getCause()) {
            if (t instanceof MissingSettingException missing) {
                return new FailureAnalysis(
                        "OmniOps cannot start: " + missing.getMessage(),
                        "Set " + missing.setting() + " (see the configuration table in README.md).",
                        missing);
            }
            if (t instanceof IllegalArgumentException bad
                    && bad.getMessage() != null
                    && bad.getMessage().startsWith("DATABASE_")) {
                return new FailureAnalysis(
                        "OmniOps cannot start: " + bad.getMessage(),
                        "Fix the value (see the configuration table in README.md).",
                        bad);
            }
            if (t instanceof java.sql.SQLException sql) {
                return new FailureAnalysis(
                        "OmniOps cannot start: PostgreSQL is unreachable or refused the login (" + sql.getMessage()
                                + ")",
                        "Check DATABASE_URL (postgresql://user:password@host:5432/database) and that the server is up.",
                        sql);
            }
        }
        return null;
    }
}
