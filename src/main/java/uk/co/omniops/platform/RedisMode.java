package uk.co.omniops.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Marks beans that need Redis: registered unless {@code omniops.redis.mode=none}, in which case the
 * in-process alternatives (executor queue, local event fan-out) take over.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(RedisMode.Enabled.class)
public @interface RedisMode {

    /** Reads the mode from the environment. */
    final class Redis {
        private Redis() {}

        /** True unless Redis is switched off. */
        public static boolean enabled(org.springframework.core.env.Environment env) {
            return !"none".equalsIgnoreCase(env.getProperty("omniops.redis.mode", "embedded"));
        }
    }

    final class Enabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Redis.enabled(context.getEnvironment());
        }
    }

    final class Disabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !Redis.enabled(context.getEnvironment());
        }
    }
}
