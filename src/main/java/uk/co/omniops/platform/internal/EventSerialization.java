package uk.co.omniops.platform.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes event publications with the application's {@link JsonMapper}, looked up once. Spring Modulith's own
 * serializer (2.0.5) resolves the mapper through {@code ObjectProvider.getIfAvailable} on every call, a bean-factory
 * dependency resolution per stored publication: 18 % of an analysis worker's CPU samples during the 5,000-message
 * burst (JFR, docs/benchmarks.md section 5a). Same mapper, same JSON, so stored publications stay readable both ways.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    EventSerializer eventSerializer(ObjectProvider<JsonMapper> mapper) {
        return new CachedMapperSerializer(SingletonSupplier.of(mapper::getObject));
    }

    record CachedMapperSerializer(SingletonSupplier<JsonMapper> mapper) implements EventSerializer {

        @Override
        public Object serialize(Object event) {
            return mapper.obtain().writeValueAsString(event);
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            return mapper.obtain().readerFor(type).readValue(serialized.toString());
        }
    }
}
