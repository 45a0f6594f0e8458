package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn package} writes target/tokenomics-VERSION.tar.gz, and what it unpacks to runs with Java
 * alone: the launcher is started with a PATH that holds java and the machine's tools, but no Maven, so a launcher that tried to build would fail here.
 */
class ReleaseArchiveIT {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result run(Path cwd, Path path, Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(cwd.resolve("tokenomics").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", path.toString());
        pb.environment().put("HOME", home.toString());
        Path err = dir.resolve("err.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void theArchiveRunsWithJavaAlone() throws Exception {
        Path target = Path.of(System.getProperty("tokenomics.jar", "target/tokenomics.jar")).toAbsolutePath().getParent();
        Path archive = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, "tokenomics-*.tar.gz")) {
            for (Path p : ds) {
                archive = p;
            }
        }
        assertTrue(archive != null, "mvn package wrote the release archive into " + target);
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        String name = archive.getFileName().toString().replace(".tar.gz", "");
        Path root = unpacked.resolve(name);
        for (String f : List.of("tokenomics", "target/tokenomics.jar", "LICENSE", "README.md", ".claude-plugin/plugin.json",
                ".claude-plugin/marketplace.json", "hooks/hooks.json")) {
            assertTrue(Files.isRegularFile(root.resolve(f)), f + " in the archive");
        }
        assertTrue(Files.isExecutable(root.resolve("tokenomics")), "the launcher keeps its mode");

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        // Every tool of the machine but Maven: the archive must not need it.
        for (String d : List.of("/usr/bin", "/bin")) {
            try (DirectoryStream<Path> tools = Files.newDirectoryStream(Path.of(d))) {
                for (Path t : tools) {
                    String tool = t.getFileName().toString();
                    if (!tool.startsWith("mvn") && !tool.equals("java") && !Files.exists(bin.resolve(tool),
                            java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isExecutable(t)) {
                        Files.createSymbolicLink(bin.resolve(tool), t);
                    }
                }
            }
        }
        assertFalse(Files.exists(bin.resolve("mvn")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Result version = run(root, bin, home, "--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("tokenomics "), version.out());
        assertFalse(version.err().contains("building"), "no build from the archive: " + version.err());
        Result summary = run(root, bin, home, "summary", "all", "--json");
        assertEquals(0, summary.code(), summary.err());
        assertTrue(summary.out().contains("event_count"), summary.out());
        assertTrue(Files.isRegularFile(home.resolve(".tokenomics/ledger.db")), "the ledger under $HOME");
        Result install = run(root, bin, home, "install");
        assertEquals(0, install.code(), install.err());
        assertTrue(install.out().contains("claude mcp add --scope user tokenomics -- " + root.resolve("tokenomics") + " serve"),
                install.out());
        assertTrue(install.out().contains("claude plugin marketplace add " + root), install.out());
    }
}
