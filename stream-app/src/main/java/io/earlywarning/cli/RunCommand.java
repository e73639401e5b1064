package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one stream-app instance against KAFKA_BOOTSTRAP_SERVERS (default localhost:9092): topics "
                + "ensured, the topology, /metrics and /health on EW_METRICS_PORT. Several instances with one "
                + "EW_APPLICATION_ID share the work. Exits 0 on SIGTERM after a clean close, 1 when the topology stops "
                + "by itself (so that a supervisor restarts it).")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        String bootstrap = config.clientBootstrap(null);
        StreamApp app = StreamApp.start(config, bootstrap);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            closed.countDown();
        }, "stream-app-shutdown"));
        System.out.println("stream-app " + config.applicationId() + " on " + bootstrap + ", metrics on :"
                + app.metricsPort() + ", pid " + ProcessHandle.current().pid());
        while (!closed.await(1, TimeUnit.SECONDS)) {
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                System.err.println("stream-app: the topology stopped (" + state + "); exiting for a restart");
                return 1;
            }
        }
        return 0;
    }
}
