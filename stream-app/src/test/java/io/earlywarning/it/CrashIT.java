package io.earlywarning.it;

import io.earlywarning.fault.CrashTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test's short version ({@code bin/early-warning crash-test} is the full one): 2,000 generated cases with
 * resends and bad records, on brokers of its own in child processes; the stream-app killed with SIGKILL three times,
 * in another run the broker killed and restarted, and in a third two instances share the work and one is killed for
 * good. Every intake record comes out exactly once, no warning
 * version is published twice or skipped, and no phone or ID number sent in reaches any derived or internal topic.
 */
class CrashIT {

    @TempDir
    Path work;

    @Test
    void killedStreamAppAndKilledBrokerLoseAndDoubleNothing() throws Exception {
        List<CrashTest.Run> runs = new CrashTest(new CrashTest.Options(2_000, 10, 3, work, "768m", Duration.ofMinutes(10)),
                System.out).execute(List.of(new CrashTest.Scenario(CrashTest.Fault.KILL_STREAM_APP, 3),
                        new CrashTest.Scenario(CrashTest.Fault.KILL_BROKER, 1),
                        new CrashTest.Scenario(CrashTest.Fault.KILL_ONE_OF_TWO, 1)));
        System.out.println(CrashTest.table(runs));

        assertThat(runs).hasSize(4);
        assertThat(runs.get(1).faults()).isEqualTo(3);
        assertThat(runs.get(2).faults()).isEqualTo(1);
        // Scale-out (issue 9): two instances both processed; the one left already held every state of the one
        // killed (standby replicas), took over, and the run lost and doubled nothing (the checks below).
        CrashTest.ScaleOut scaleOut = runs.get(3).scaleOut();
        assertThat(runs.get(3).faults()).isEqualTo(1);
        assertThat(scaleOut.processedBeforeKill()).as("records processed per instance before the kill")
                .hasSize(2).allSatisfy((instance, records) -> assertThat(records).isPositive());
        assertThat(scaleOut.killedInstanceTasks()).isNotEmpty();
        assertThat(scaleOut.survivorTasks()).as("the survivor's state").containsAll(scaleOut.killedInstanceTasks());
        for (CrashTest.Run run : runs) {
            assertThat(run.intake().exact()).as("%s: %s", run.label(), run.intake().summary()).isTrue();
            assertThat(run.intake().duplicates()).as(run.label()).isPositive();
            assertThat(run.intake().rejected()).as(run.label()).isPositive();
            assertThat(run.warnings()).as(run.label()).isPositive();
            assertThat(run.warningDefects()).as(run.label()).isEmpty();
            assertThat(run.topicsScanned()).as(run.label()).isGreaterThan(10);
            assertThat(run.leaks()).as(run.label()).isEmpty();
        }
    }
}
