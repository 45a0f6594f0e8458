package dev.tokenomics.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;

/**
 * The SDK's JSON mapper, except that converting a value to the class it already has returns it as
 * it is. The SDK converts every call's params to its request record (CallToolRequest, ...);
 * Jackson 3 does that through a token buffer even when the value already is one, and for a
 * 10,000-event record_token_events call that copy of the arguments was a fifth of the server's
 * work. The stdio transport hands the SDK the record itself, so the copy is skipped.
 */
final class SameTypeMapper implements McpJsonMapper {
    private final McpJsonMapper delegate;

    SameTypeMapper(McpJsonMapper delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        if (type.isInstance(fromValue) && isPlainRecord(type)) {
            return type.cast(fromValue);
        }
        return delegate.convertValue(fromValue, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        if (type.getType() instanceof Class<?> c && c.isInstance(fromValue) && isPlainRecord(c)) {
            return (T) fromValue;
        }
        return delegate.convertValue(fromValue, type);
    }

    /** Only records: immutable, so handing over the same instance cannot let a change leak back. */
    private static boolean isPlainRecord(Class<?> type) {
        return type.isRecord();
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(value);
    }
}
