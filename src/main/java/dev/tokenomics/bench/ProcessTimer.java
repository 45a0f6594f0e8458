package dev.tokenomics.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Whole-process timings: a command run as a user runs it, a new process each time, its median wall time. */
final class ProcessTimer {
    private ProcessTimer() {}

    /** Median wall time in ms of {@code runs} runs of {@code command}, each to its end. */
    static double medianMs(List<String> command, int runs) throws IOException, InterruptedException {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            exec(command);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return BenchReportCommand.median(t);
    }

    /**
     * Runs a command to its end, stdin empty, stderr discarded; its stdout. Exit 1 is a verdict
     * (health's, a budget check's), not a failure; any other non-zero exit is.
     */
    static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0 && code != 1) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + code + ")");
        }
        return stdout;
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
