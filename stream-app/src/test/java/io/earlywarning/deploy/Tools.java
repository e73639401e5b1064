package io.earlywarning.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The real command-line tools the deploy tests run: promtool, prometheus, docker compose. */
final class Tools {

    /** What a tool printed (stdout and stderr together) and its exit code. */
    record Result(int exit, String output) {
    }

    private Tools() {
    }

    /** Requires a tool: CI must have it (.ci/run installs it); a developer machine without it skips the test. */
    static void require(String command, String debianPackage) throws Exception {
        requireThat("command -v " + command, command, debianPackage);
    }

    /** Requires docker compose: the v2 plugin or the standalone docker-compose. */
    static void requireCompose() throws Exception {
        requireThat("docker compose version || command -v docker-compose", "docker compose", "docker-compose");
    }

    private static void requireThat(String shellCheck, String command, String debianPackage) throws Exception {
        boolean present = new ProcessBuilder("sh", "-c", shellCheck + " > /dev/null 2>&1").start().waitFor() == 0;
        if (System.getenv("CI") == null) {
            assumeThat(present).as(command + " installed (apt-get install " + debianPackage + ")").isTrue();
        }
        assertThat(present).as(command + " must be installed in CI (.ci/run installs " + debianPackage + ")").isTrue();
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** {@code promtool check metrics} over a scrape, given on its standard input. */
    static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(1, TimeUnit.MINUTES);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A port nothing listens on now, for a process the test starts. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Compose v2 ({@code docker compose}) where the plugin is installed, else the standalone docker-compose. */
    static List<String> compose() throws IOException, InterruptedException {
        boolean plugin = new ProcessBuilder("docker", "compose", "version").start().waitFor() == 0;
        return plugin ? List.of("docker", "compose") : List.of("docker-compose");
    }
}
