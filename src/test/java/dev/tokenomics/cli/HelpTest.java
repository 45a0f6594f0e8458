package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's --help, walked through picocli's model: nothing undescribed, nothing cut, no false default. */
class HelpTest {
    private static List<CommandLine> all() {
        List<CommandLine> out = new ArrayList<>();
        walk(Main.fullCommandLine(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(sub -> walk(sub, out));
    }

    private static String name(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }

    /**
     * A sentence ends with a full stop (or ! ?). Example lines show commands and are exempt: they
     * start with "Example", or continue an example block indented, with a command.
     */
    private static boolean complete(String line) {
        String s = line.strip();
        return s.startsWith("Example") || line.startsWith(" ") && s.startsWith("tokenomics ")
                || s.endsWith(".") || s.endsWith("!") || s.endsWith("?");
    }

    @Test
    void everyOptionAndParameterOfEveryCommandIsDescribed() {
        List<String> bad = new ArrayList<>();
        for (CommandLine cl : all()) {
            for (ArgSpec arg : cl.getCommandSpec().args()) {
                String label = arg instanceof OptionSpec o ? o.longestName() : ((PositionalParamSpec) arg).paramLabel();
                String[] d = arg.description();
                if (d.length == 0 || String.join("", d).isBlank()) {
                    bad.add(name(cl.getCommandSpec()) + " " + label + ": no description");
                } else if (!complete(d[d.length - 1])) {
                    bad.add(name(cl.getCommandSpec()) + " " + label + ": '" + d[d.length - 1] + "' is cut");
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void everyCommandDescriptionLineIsAWholeSentence() {
        List<String> bad = new ArrayList<>();
        for (CommandLine cl : all()) {
            String[] d = cl.getCommandSpec().usageMessage().description();
            if (d.length == 0) {
                bad.add(name(cl.getCommandSpec()) + ": no description");
            }
            for (String line : d) {
                if (!complete(line)) {
                    bad.add(name(cl.getCommandSpec()) + ": '" + line + "' stops mid-sentence");
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void aParameterWithADefaultIsShownAsOptional() {
        List<String> bad = new ArrayList<>();
        for (CommandLine cl : all()) {
            for (PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
                if (p.defaultValue() != null && p.arity().min() > 0) {
                    bad.add(name(cl.getCommandSpec()) + " " + p.paramLabel() + " has default " + p.defaultValue()
                            + " but is shown as required");
                }
            }
        }
        assertEquals(List.of(), bad);
        assertTrue(help("summary").contains("[SCOPE [ID]]") || help("summary").contains("[SCOPE] [ID]"),
                help("summary"));
        assertTrue(help("usage").contains("[VIEW]"), help("usage"));
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        String[] args = new String[command.length + 1];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--help";
        assertEquals(0, Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        return out.toString();
    }

    @Test
    void demoHelpNamesTheDemoLedgerAsItsDefault() {
        String demo = help("demo");
        assertTrue(demo.contains("Default: ~/.tokenomics/demo.db"), demo);
        assertTrue(!demo.contains("ledger.db"), demo);
    }
}
