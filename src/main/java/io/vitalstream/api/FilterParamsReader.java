package io.vitalstream.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.MethodRegistry;
import io.vitalstream.error.InvalidParameterException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@code filter_params} object and checks it against the method registry: every
 * field must be a parameter of the method (or family) it selects, or one of the selecting
 * fields; vitalDSP's names are accepted and renamed (kalman {@code Q} and {@code R}, LMS
 * {@code mu}, adaptive {@code order}). Anything else is a 400 naming the field and listing
 * what the method takes, so a misspelt parameter is never silently replaced by its default.
 * Arrays are bounded as they are read ({@link JsonLimits#MAX_ITEMS}); ensemble members are
 * read (and checked) by this reader, recursively.
 */
final class FilterParamsReader extends StdDeserializer<FilterParameters> {

    /** Turns the checked, canonical fields into the record (no checks of its own). */
    private static final ObjectMapper PLAIN = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    FilterParamsReader() {
        super(FilterParameters.class);
    }

    @Override
    public FilterParameters deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidParameterException("filter_params", "filter_params must be an object of parameters");
        }
        ObjectNode fields = NODES.objectNode();
        List<FilterParameters> members = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("members") && p.currentToken() == JsonToken.START_ARRAY) {
                members = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (members.size() == JsonLimits.MAX_ITEMS) {
                        throw new InvalidParameterException("members", "members has more than " + JsonLimits.MAX_ITEMS
                                + " items; lists in a request hold at most " + JsonLimits.MAX_ITEMS);
                    }
                    members.add(p.currentToken() == JsonToken.VALUE_NULL ? null : deserialize(p, ctxt));
                }
                fields.putNull("members");
            } else {
                fields.set(name, value(p, name));
            }
        }
        MethodRegistry.Entry entry = MethodRegistry.select(text(fields, "category"), text(fields, "method"), text(fields, "filter_family"));
        ObjectNode canonical = entry == null ? fields : check(fields, entry);
        if (members != null) {
            ArrayNode array = canonical.putArray("members");
            for (FilterParameters m : members) {
                array.add(m == null ? NODES.nullNode() : PLAIN.valueToTree(m));
            }
        }
        try {
            return PLAIN.treeToValue(canonical, FilterParameters.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "filter_params" : e.getPath().get(0).getFieldName();
            throw new InvalidParameterException(field, field + " has the wrong type: " + e.getOriginalMessage());
        }
    }

    /** Unknown fields refused, aliases renamed. */
    private static ObjectNode check(ObjectNode fields, MethodRegistry.Entry entry) {
        Map<String, String> aliases = MethodRegistry.aliases(entry);
        ObjectNode out = NODES.objectNode();
        var it = fields.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            String canonical = aliases.getOrDefault(name, name);
            boolean known = MethodRegistry.SELECTORS.contains(name) || entry.param(canonical) != null;
            if (!known) {
                throw new InvalidParameterException(name, "'" + name + "' is not a parameter of " + entry.category() + " / " + entry.name()
                        + "; it takes " + accepted(entry));
            }
            if (!canonical.equals(name) && fields.has(canonical)) {
                throw new InvalidParameterException(name, name + " and " + canonical + " are the same parameter of " + entry.name() + "; give one");
            }
            out.set(canonical, f.getValue());
        }
        return out;
    }

    private static String accepted(MethodRegistry.Entry entry) {
        return entry.params().stream().map(p -> p.aliases().isEmpty() ? p.name() : p.name() + " (" + String.join(", ", p.aliases()) + ")")
                .collect(Collectors.joining(", ")) + " (and " + String.join(", ", MethodRegistry.SELECTORS) + ")";
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode n = fields.get(name);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /** A value as a tree, arrays bounded as they arrive. */
    private static JsonNode value(JsonParser p, String field) throws IOException {
        switch (p.currentToken()) {
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (a.size() == JsonLimits.MAX_ITEMS) {
                        throw new InvalidParameterException(field, field + " has more than " + JsonLimits.MAX_ITEMS
                                + " items; lists in a request hold at most " + JsonLimits.MAX_ITEMS);
                    }
                    a.add(value(p, field));
                }
                return a;
            }
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, value(p, field));
                }
                return o;
            }
            default -> {
                return p.readValueAsTree();
            }
        }
    }
}
