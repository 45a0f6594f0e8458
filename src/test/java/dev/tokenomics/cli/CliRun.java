package dev.tokenomics.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One CLI run in-process with captured streams. {@code err} leaves out the price table's age
 * warning (see {@link PriceAgeWarning}); {@code rawErr} is stderr as written.
 */
public record CliRun(int code, String out, String err, String rawErr) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), PriceAgeWarning.strip(err.toString()), err.toString());
    }

    /** The arguments with {@code --db db} after them. */
    public static CliRun withDb(Path db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", db.toString()));
        return of(all.toArray(String[]::new));
    }
}
