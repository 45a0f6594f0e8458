package dev.tokenomics.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude Code plugin and marketplace in the repository, checked against what Claude Code's
 * plugin reference requires (https://code.claude.com/docs/en/plugins-reference,
 * https://code.claude.com/docs/en/plugins/marketplace-reference): the files parse, the names agree,
 * every path they name exists in the repository, and every hook runs a command tokenomics has.
 */
class PluginFilesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Hook events Claude Code documents; a misspelt one would silently never fire. */
    private static final Set<String> EVENTS = Set.of("PreToolUse", "PostToolUse", "UserPromptSubmit", "Stop",
            "SubagentStop", "SessionStart", "SessionEnd", "PreCompact", "Notification");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static JsonNode read(String path) throws IOException {
        return JSON.readTree(Files.readString(ROOT.resolve(path)));
    }

    /** The plugin root stands for ${CLAUDE_PLUGIN_ROOT}; the path named must exist and, for a command, run. */
    private static Path resolve(String command) {
        assertTrue(command.contains("${CLAUDE_PLUGIN_ROOT}/"), "plugin paths go through CLAUDE_PLUGIN_ROOT: " + command);
        String path = command.replace("\"", "").replace("${CLAUDE_PLUGIN_ROOT}", ROOT.toString()).split(" ")[0];
        return Path.of(path);
    }

    @Test
    void manifestNamesAServerThatIsHere() throws IOException {
        JsonNode plugin = read(".claude-plugin/plugin.json");
        assertTrue(plugin.path("name").asString().matches("[a-z0-9]+(-[a-z0-9]+)*"), "name is kebab-case");
        assertTrue(plugin.path("version").asString().matches("\\d+\\.\\d+\\.\\d+"), "semantic version");
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>tokenomics</artifactId>\\s*<version>([^<-]+)").matcher(pom);
        assertTrue(m.find(), "the pom's version");
        assertEquals(m.group(1), plugin.path("version").asString(), "the plugin's version is the build's");
        JsonNode server = plugin.path("mcpServers").path("tokenomics");
        Path launcher = resolve(server.path("command").asString());
        assertTrue(Files.isExecutable(launcher), launcher + " runs");
        assertEquals("serve", server.path("args").get(0).asString());
    }

    @Test
    void marketplaceListsThisPlugin() throws IOException {
        JsonNode market = read(".claude-plugin/marketplace.json");
        assertFalse(market.path("name").asString().isBlank());
        assertFalse(market.path("owner").path("name").asString().isBlank(), "owner.name is required");
        JsonNode entry = market.path("plugins").get(0);
        assertEquals(read(".claude-plugin/plugin.json").path("name").asString(), entry.path("name").asString());
        Path source = ROOT.resolve(entry.path("source").asString()).normalize();
        assertTrue(Files.isRegularFile(source.resolve(".claude-plugin/plugin.json")), "source holds the plugin");
    }

    @Test
    void hooksRunTheHookCommand() throws IOException {
        JsonNode hooks = read("hooks/hooks.json").path("hooks");
        assertTrue(hooks.isObject(), "hooks/hooks.json wraps its events in \"hooks\"");
        List<String> events = new ArrayList<>();
        for (var e : hooks.properties()) {
            assertTrue(EVENTS.contains(e.getKey()), "a documented hook event: " + e.getKey());
            events.add(e.getKey());
            for (JsonNode group : e.getValue()) {
                for (JsonNode h : group.path("hooks")) {
                    assertEquals("command", h.path("type").asString());
                    String command = h.path("command").asString();
                    assertTrue(Files.isExecutable(resolve(command)), command);
                    assertTrue(command.endsWith(" hook"), "runs `tokenomics hook`: " + command);
                    assertTrue(h.path("timeout").asInt() > 0, "a timeout in seconds");
                }
            }
        }
        assertTrue(events.containsAll(List.of("Stop", "SessionEnd")), events.toString());
    }
}
