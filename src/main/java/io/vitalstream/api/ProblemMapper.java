package io.vitalstream.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.VitalStreamException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** The one place exceptions become application/problem+json responses. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "https://vitalstream.dev/problems/";

    @ServerExceptionMapper
    public Response domain(VitalStreamException e, UriInfo uri) {
        String field = e instanceof InvalidParameterException ip ? ip.field() : null;
        return problem(status(e.kind()), e.kind().name().toLowerCase().replace('_', '-'), e.getMessage(), uri, field);
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class, JsonParseException.class,
            com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VitalStreamException domain) {
                return domain(domain, uri);
            }
        }
        String path = e instanceof JsonMappingException jm && !jm.getPath().isEmpty()
                ? jm.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : null;
        String detail = "the body is not valid JSON for this call" + (path != null ? " at " + path : "") + ": "
                + e.getOriginalMessage();
        return problem(400, "malformed-json", detail, uri, path);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // the JSON reader wraps what our deserializers throw in a 400 WebApplicationException
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof VitalStreamException domain) {
                return domain(domain, uri);
            }
            if (t instanceof JsonProcessingException json) {
                return json(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "this resource answers application/json";
            case 415 -> "unsupported Content-Type for " + uri.getPath() + "; send application/json";
            default -> e.getMessage();
        };
        return problem(status, "http-" + status, detail, uri, null);
    }

    @ServerExceptionMapper
    public Response range(ByteRange.RangeNotSatisfiable e, UriInfo uri) {
        return problem(416, "range-not-satisfiable", e.getMessage(), uri, "Range");
    }

    /**
     * Errors too (out of memory above all) answer problem+json and leave the thread alive: a
     * request that exhausts the heap is refused, not the service.
     */
    @ServerExceptionMapper
    public Response error(Error e, UriInfo uri) {
        if (e instanceof OutOfMemoryError) {
            LOG.warnf("out of memory serving %s: %s", uri.getPath(), e.getMessage());
            return problem(503, "out-of-memory", "the service ran out of memory for this request; send a smaller one, "
                    + "use the jobs API for large signals, or retry later", uri, null);
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return problem(500, "internal-error", "the service failed unexpectedly; the error is logged. " + e.getClass().getSimpleName(), uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem(500, "internal-error", "the service failed unexpectedly; the error is logged. " + e.getClass().getSimpleName(), uri, null);
    }

    static int status(VitalStreamException.Kind kind) {
        return switch (kind) {
            case INVALID_PARAMETER -> 400;
            case NOT_FOUND -> 404;
            case STATE_CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_FORMAT -> 415;
            case MALFORMED_INPUT -> 422;
            case BUSY -> 503;
        };
    }

    static Response problem(int status, String type, String detail, UriInfo uri, String field) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        Problem body = new Problem(TYPE_BASE + type, title, status, detail, uri == null ? null : uri.getPath(), field);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
