package io.earlywarning.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/early-warning}: the one entry point of the stream application and its tools. */
@Command(name = "early-warning", mixinStandardHelpOptions = true, version = "early-warning 0.1.0",
        description = "Real-time risk early warning for public-complaint (信访) work.",
        footer = {"", "The launcher also takes `test`: bin/early-warning test runs the whole test suite."},
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, CrashTestCommand.class, GenerateCommand.class, ReplayCommand.class, BenchCommand.class, ThreatsCommand.class, SurgesCommand.class, ClusterCommand.class, RulesCommand.class, GatewayCommand.class,
                CommandLine.HelpCommand.class})
public final class EarlyWarningCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EarlyWarningCommand()).execute(args));
    }
}
