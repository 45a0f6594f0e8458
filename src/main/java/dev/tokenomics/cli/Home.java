package dev.tokenomics.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder {@code ~} stands for. Like the shell and every other CLI, {@code $HOME} when it is set;
 * Java's {@code user.home} is the passwd entry, which ignores a HOME changed for one run (a test, a
 * sandbox, a container), so it is only the fallback.
 */
final class Home {
    private Home() {}

    static Path dir(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
