package dev.tokenomics.mcp;

import dev.tokenomics.http.HttpOptions;
import dev.tokenomics.http.HttpServer;
import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Every tool over Streamable HTTP: Jetty on a free port, the SDK's HTTP client. */
class StreamableHttpToolsTest extends ToolContractTests {
    @TempDir
    Path dir;

    TokenLedger ledger;
    HttpServer server;
    McpSyncClient client;

    @BeforeEach
    void start() throws Exception {
        ledger = LedgerTestSupport.open(dir);
        server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null));
        client = connect(server.port());
    }

    McpSyncClient connect(int port) {
        return Clients.streamable(port, null);
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
        server.close();
        ledger.close();
    }

    @Override
    McpSyncClient client() {
        return client;
    }
}
