package io.vitalstream.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vitalstream.error.InvalidParameterException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Bounds what a JSON body can make the service allocate, while it is being read rather than
 * after: every list in a request (ensemble members, chain stages, channel lists...) holds at
 * most {@value #MAX_ITEMS} items, counted as they arrive, and objects nest at most
 * {@value #MAX_DEPTH} deep. A body of twenty million ensemble members is refused at the
 * 1001st with a 400 naming the field, not read into memory. (signal_data has its own
 * streaming reader, bounded by vitalstream.sync-max-samples.)
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    static final int MAX_ITEMS = 1000;
    static final int MAX_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        SimpleModule module = new SimpleModule("vitalstream-bounded-lists");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new BoundedCollection(type, null);
            }
        });
        module.addDeserializer(io.vitalstream.dsp.FilterParameters.class, new FilterParamsReader());
        mapper.registerModule(module);
    }

    /** A list or set read element by element, refused past {@link #MAX_ITEMS}. */
    static final class BoundedCollection extends StdDeserializer<Collection<Object>> implements ContextualDeserializer {

        private final JavaType type;
        private final JsonDeserializer<Object> elements;

        BoundedCollection(JavaType type, JsonDeserializer<Object> elements) {
            super(type);
            this.type = type;
            this.elements = elements;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws com.fasterxml.jackson.databind.JsonMappingException {
            return new BoundedCollection(type, ctxt.findContextualValueDeserializer(type.getContentType(), property));
        }

        @Override
        public Collection<Object> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Collection<Object> out = Set.class.isAssignableFrom(type.getRawClass()) ? new LinkedHashSet<>() : new ArrayList<>();
            if (!p.isExpectedStartArrayToken()) {
                // a single value where a list is expected: one item, as Jackson's own lists accept
                out.add(elements.deserialize(p, ctxt));
                return out;
            }
            String field = fieldName(p);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (out.size() == MAX_ITEMS) {
                    throw new InvalidParameterException(field, (field == null ? "a list" : field) + " has more than " + MAX_ITEMS
                            + " items; lists in a request hold at most " + MAX_ITEMS);
                }
                out.add(t == JsonToken.VALUE_NULL ? null : elements.deserialize(p, ctxt));
            }
            return out;
        }

        private static String fieldName(JsonParser p) {
            JsonStreamContext c = p.getParsingContext();
            JsonStreamContext parent = c == null ? null : c.getParent();
            return parent == null ? null : parent.getCurrentName();
        }
    }
}
