package dev.tokenomics.ledger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine an event was recorded on: every event carries one, so a team ledger can say whose
 * laptop, desktop or CI runner spent what. {@code TOKENOMICS_MACHINE} (or {@code --machine})
 * names it; otherwise the host name, read from the environment or the kernel before any network
 * look-up (InetAddress.getLocalHost() can wait seconds on DNS, and every CLI call would pay).
 */
public final class Machines {
    /** Longest machine name kept; a longer one is refused with its length. */
    public static final int MAX_LENGTH = 200;

    private static volatile String local;

    private Machines() {}

    /** This machine's name for {@code env}: TOKENOMICS_MACHINE, else the host name, else "unknown". */
    public static String local(Map<String, String> env) {
        String named = env.get("TOKENOMICS_MACHINE");
        if (named != null && !named.isBlank()) {
            return check(named.strip());
        }
        String cached = local;
        if (cached == null) {
            cached = hostName(env);
            local = cached;
        }
        return cached;
    }

    /** This process's machine name (see {@link #local(Map)}). */
    public static String local() {
        return local(System.getenv());
    }

    /** {@code name} if it can name a machine; else an error that names the bad value. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("machine must not be blank");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("machine must be at most " + MAX_LENGTH + " characters, got "
                    + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("machine must not hold control characters, got "
                        + Times.quote(name));
            }
        }
        return name;
    }

    private static String hostName(Map<String, String> env) {
        for (String var : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String v = Files.readString(kernel).strip();
                if (!v.isEmpty()) {
                    return v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the network look-up
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
