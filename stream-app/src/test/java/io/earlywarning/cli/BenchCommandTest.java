package io.earlywarning.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    void theSoakReplacesItsOwnSectionAndLeavesTheOthers() {
        String report = "# Benchmarks\n\n## Intake\n\nfigures\n\n## Soak\n\nold soak\n\n## Surges\n\nsurge figures\n";
        String updated = BenchCommand.replaceSection(report, "## Soak", "\n## Soak\n\nnew soak\n");
        assertThat(updated).contains("## Intake\n\nfigures").contains("## Soak\n\nnew soak\n").contains("## Surges\n\nsurge figures")
                .doesNotContain("old soak");
        assertThat(updated).isEqualTo("# Benchmarks\n\n## Intake\n\nfigures\n\n## Soak\n\nnew soak\n\n## Surges\n\nsurge figures\n");
        assertThat(BenchCommand.section(report, "## Soak")).isEqualTo("## Soak\n\nold soak\n");
        assertThat(BenchCommand.section(report, "## Threats")).isEmpty();
        assertThat(BenchCommand.replaceSection("# Benchmarks\n\n## Intake\n\nx\n", "## Soak", "## Soak\n\ns\n"))
                .isEqualTo("# Benchmarks\n\n## Intake\n\nx\n\n## Soak\n\ns\n");
    }

    @Test
    void soakDurationsAreWrittenShort() {
        var convert = new BenchCommand.ShortDuration();
        assertThat(convert.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(convert.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(convert.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(convert.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }
}
