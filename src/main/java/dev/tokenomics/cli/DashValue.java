package dev.tokenomics.cli;

import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For an option whose values start with a dash: Claude Code names a project folder after its path
 * ({@code -home-me-src-app}), which picocli takes for the short options {@code -h -o -m -e ...} and
 * refuses, even after {@code =}. This takes the next argument as the value unless it is one of the
 * command's own option names, so {@code --project -home-me-src-app} and {@code --project=-home-...}
 * both work and {@code --project --json} still says the value is missing.
 */
final class DashValue implements IParameterPreprocessor {
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec arg, Map<String, Object> info) {
        if (args.isEmpty()) {
            return false; // picocli says the value is missing
        }
        String next = args.peek();
        int eq = next.indexOf('=');
        String name = eq > 0 ? next.substring(0, eq) : next;
        // picocli puts the separator it saw in info: "=" for --project=VALUE, " " for two arguments.
        boolean attached = arg.command().parser().separator().equals(info.get("separator"));
        if (!attached && (next.equals("--") || arg.command().optionsMap().containsKey(name))) {
            return false;
        }
        arg.setValue(args.pop());
        return true;
    }
}
