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
 * and in another run the broker killed and restarted. Every intake record comes out exactly once, no warning
 * version is published twice or skipped, and no phone or ID number sent in reaches any derived or internal topic.
 */
class CrashIT {

    @TempDir
    Path work;

    @Test
    void killedStreamAppAndKilledBrokerLoseAndDoubleNothing() throws Exception {
        List<CrashTest.Run> runs = new CrashTest(new CrashTest.Options(2_000, 10, 3, work, "768m", Duration.ofMinutes(10)),
                System.out).execute(List.of(new CrashTest.Scenario(CrashTest.Fault.KILL_STREAM_APP, 3),
                        new CrashTest.Scenario(CrashTest.Fault.KILL_BROKER, 1)));
        System.out.println(CrashTest.table(runs));

        assertThat(runs).hasSize(3);
        assertThat(runs.get(1).faults()).isEqualTo(3);
        assertThat(runs.get(2).faults()).isEqualTo(1);
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
