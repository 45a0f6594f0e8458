package dev.tokenomics.otlp;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two OTLP/HTTP encodings (OTLP spec, "Binary Protobuf Encoding" and "JSON Protobuf Encoding"):
 * the OpenTelemetry project's generated classes read the binary one, protobuf-java-util's JsonFormat
 * the JSON one. A response goes back in the encoding of its request.
 */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    /**
     * OTLP JSON differs from the canonical protobuf JSON mapping in one point JsonFormat does not know:
     * traceId and spanId (and parentSpanId) are hex, not base64 (OTLP spec, "JSON Protobuf Encoding").
     */
    private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId", "trace_id",
            "span_id", "parent_span_id");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    // "OTLP/JSON receivers MUST ignore message fields with unknown names" (OTLP spec, JSON encoding).
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    /**
     * google.rpc.Status, the body of every OTLP/HTTP 4xx and 5xx answer (OTLP spec, "Failures"). Its
     * generated class lives in another artifact (proto-google-common-protos); its two fields used here
     * are described through protobuf's own descriptor API instead of adding that dependency.
     */
    private static final Descriptors.Descriptor STATUS = statusDescriptor();

    private final String contentType;

    OtlpEncoding(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The encoding of a Content-Type (parameters such as charset ignored); null when it is neither. */
    public static OtlpEncoding ofContentType(String header) {
        if (header == null) {
            return null;
        }
        String media = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (OtlpEncoding e : values()) {
            if (e.contentType.equals(media)) {
                return e;
            }
        }
        return null;
    }

    /** The request of {@code signal} in {@code body}; throws {@link OtlpRejected} for a body that does not decode. */
    Message decode(OtlpSignal signal, byte[] body) {
        Message.Builder b = signal.requestBuilder();
        try {
            if (this == PROTOBUF) {
                return b.mergeFrom(body).build();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            // Only a body that names an id field pays for the rewrite (a second parse): metric and
            // most log exports carry none.
            PARSER.merge(text.contains("panId") || text.contains("traceId") || text.contains("_id")
                    ? hexIdsToBase64(body) : text, b);
            return b.build();
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpRejected("the body is not a " + (this == PROTOBUF ? "protobuf" : "JSON")
                    + "-encoded OTLP " + signal.name().toLowerCase(Locale.ROOT) + " export: " + e.getMessage());
        }
    }

    byte[] encode(Message m) {
        if (this == PROTOBUF) {
            return m.toByteArray();
        }
        try {
            return PRINTER.print(m).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP response did not print as JSON: " + e.getMessage(), e);
        }
    }

    /** A google.rpc.Status with this gRPC code (3 INVALID_ARGUMENT, 14 UNAVAILABLE, ...) and message. */
    public byte[] status(int code, String message) {
        DynamicMessage m = DynamicMessage.newBuilder(STATUS)
                .setField(STATUS.findFieldByName("code"), code)
                .setField(STATUS.findFieldByName("message"), message)
                .build();
        return encode(m);
    }

    private static Descriptors.Descriptor statusDescriptor() {
        DescriptorProtos.FileDescriptorProto file = DescriptorProtos.FileDescriptorProto.newBuilder()
                .setName("google/rpc/status.proto").setPackage("google.rpc").setSyntax("proto3")
                .addMessageType(DescriptorProtos.DescriptorProto.newBuilder().setName("Status")
                        .addField(field("code", 1, DescriptorProtos.FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("message", 2, DescriptorProtos.FieldDescriptorProto.Type.TYPE_STRING)))
                .build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0])
                    .findMessageTypeByName("Status");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("google.rpc.Status does not describe: " + e.getMessage(), e);
        }
    }

    private static DescriptorProtos.FieldDescriptorProto field(String name, int number,
            DescriptorProtos.FieldDescriptorProto.Type type) {
        return DescriptorProtos.FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(DescriptorProtos.FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name).build();
    }

    private static String hexIdsToBase64(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new OtlpRejected("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new OtlpRejected("the body must be a JSON object (an OTLP export request)");
        }
        rewrite(root);
        return MAPPER.writeValueAsString(root);
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String name : List.copyOf(o.propertyNames())) {
                JsonNode v = o.get(name);
                if (HEX_ID_FIELDS.contains(name) && v.isString()) {
                    o.put(name, base64OfHex(name, v.asString()));
                } else {
                    rewrite(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode v : a) {
                rewrite(v);
            }
        }
    }

    private static String base64OfHex(String field, String hex) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new OtlpRejected(field + " must be hex (OTLP JSON), got \"" + hex + "\"");
        }
    }
}
