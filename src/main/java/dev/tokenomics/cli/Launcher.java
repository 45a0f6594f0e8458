package dev.tokenomics.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmarks need to run tokenomics as a user does: the launcher, npm, a scratch dir. */
public final class Launcher {
    private Launcher() {}

    /** {@code ./tokenomics} beside the jar's target folder when it is there, else java -jar on the jar. */
    public static List<String> command() throws Exception {
        Path jar = Launcher.jarPath().toAbsolutePath();
        Path script = jar.getParent().getParent().resolve("tokenomics");
        if (Files.isExecutable(script)) {
            return List.of(script.toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    /** Installs {@code spec} with npm into {@code dir} (once); false when npm is missing or fails. */
    public static boolean npmInstall(Path dir, String spec) throws IOException, InterruptedException {
        String name = spec.substring(0, spec.lastIndexOf('@'));
        if (Files.isDirectory(dir.resolve("node_modules").resolve(name))) {
            return true;
        }
        Files.createDirectories(dir);
        try {
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", spec)
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no npm on this machine
        }
    }

    public static void copyResource(String resource, Path to) throws IOException {
        try (InputStream in = Launcher.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the jar");
            }
            Files.write(to, in.readAllBytes());
        }
    }

    /** The ledger's event count, asked of {@code tokenomics summary all --json} as a user would. */
    public static long eventCount(List<String> launcher, Path db) throws Exception {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("summary", "all", "--json", "--db", db.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("summary all failed on " + db);
        }
        return JsonMapper.builder().build().readTree(json).get("event_count").asLong();
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The shaded jar this runs from, or target/tokenomics.jar when run from classes (tests). */
    public static Path jarPath() throws Exception {
        Path self = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
            return self;
        }
        Path built = Path.of("target", "tokenomics.jar");
        if (Files.isRegularFile(built)) {
            return built.toAbsolutePath();
        }
        throw new IllegalStateException("run from the shaded jar (./tokenomics ...), or build it first: "
                + "mvn -DskipTests package");
    }
}
