package io.earlywarning.cli;

import io.earlywarning.fault.CrashTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "crash-test", mixinStandardHelpOptions = true,
        description = "Feeds generated cases (with resends and bad records) through the whole pipeline on a broker of "
                + "its own, once uninterrupted and then with the stream-app killed (kill -9) at random moments and "
                + "with the broker killed and restarted; checks exactly-once intake accounting, warning versions "
                + "and a privacy scan of every derived and internal topic, and reports how each run's final warnings "
                + "differ from the uninterrupted run's. Exit code 0 when every run passes the checks.")
public final class CrashTestCommand implements Callable<Integer> {

    @Option(names = "--cases", defaultValue = "100000", description = "Generated cases (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--kills", defaultValue = "3", description = "kill -9 of the stream-app in its run (default: ${DEFAULT-VALUE}; 0 skips the run).")
    int kills;

    @Option(names = "--broker-kills", defaultValue = "1", description = "kill -9 and restart of the broker in its run (default: ${DEFAULT-VALUE}; 0 skips the run).")
    int brokerKills;

    // Options true by default are named by their negative form: picocli 4.7 reads "--x" of such an option as
    // "set false" and ignored "--no-x" when the positive form was the name.
    @Option(names = "--no-scale-out", defaultValue = "true", negatable = true,
            description = "A run with two stream-app instances sharing the work, one killed with kill -9 and not restarted: the other takes over from its standbys (default: ${DEFAULT-VALUE}).")
    boolean scaleOut;

    @Option(names = "--no-control", defaultValue = "true", negatable = true,
            description = "Run the uninterrupted pipeline a second time as a control: what differs between two clean runs is not the faults' doing (default: ${DEFAULT-VALUE}).")
    boolean control;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "10", description = "Generator and fault-time seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--app-heap", defaultValue = "1g", description = "Heap of the stream-app process (default: ${DEFAULT-VALUE}).")
    String appHeap;

    @Option(names = "--timeout-minutes", defaultValue = "60", description = "Longest a run may take (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--work-dir", description = "Where brokers, state and process logs go (default: a new temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("early-warning-crash-");
        List<CrashTest.Scenario> scenarios = new ArrayList<>();
        if (control) {
            scenarios.add(new CrashTest.Scenario(CrashTest.Fault.NONE, 0));
        }
        if (kills > 0) {
            scenarios.add(new CrashTest.Scenario(CrashTest.Fault.KILL_STREAM_APP, kills));
        }
        if (brokerKills > 0) {
            scenarios.add(new CrashTest.Scenario(CrashTest.Fault.KILL_BROKER, brokerKills));
        }
        if (scaleOut) {
            scenarios.add(new CrashTest.Scenario(CrashTest.Fault.KILL_ONE_OF_TWO, 1));
        }
        List<CrashTest.Run> runs = new CrashTest(new CrashTest.Options(cases, seed, partitions, dir, appHeap,
                Duration.ofMinutes(timeoutMinutes)), System.out).execute(scenarios);
        System.out.println();
        System.out.println(CrashTest.table(runs));
        return runs.stream().allMatch(CrashTest.Run::passed) ? 0 : 1;
    }
}
