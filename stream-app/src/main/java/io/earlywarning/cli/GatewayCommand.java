package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.gateway.GatewayConfig;
import io.earlywarning.gateway.access.PasswordHasher;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.warning.RuleBundle;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Runs the alert gateway alone against KAFKA_BOOTSTRAP_SERVERS: delivers warnings to the units' "
                + "channels, serves the duty-officer console and /api/ on EW_GATEWAY_PORT, escalates and sends the "
                + "daily digest (docs/alert-gateway.md).",
        subcommands = GatewayCommand.HashSecret.class)
public final class GatewayCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment();
        String bootstrap = AppConfig.fromEnvironment().clientBootstrap(null);
        RuleBundle bundle = RuleBundle.load(config.warningRules());
        UnitLogins logins = config.loginsFile().isEmpty() ? new UnitLogins(List.of(), bundle.routing(), "none")
                : UnitLogins.load(Path.of(config.loginsFile()), bundle.routing());
        if (logins.units().isEmpty()) {
            System.err.println("No unit log-ins (EW_GATEWAY_LOGINS): the console will refuse everyone.");
        }
        AlertGateway gateway = AlertGateway.start(config, bootstrap, logins, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }));
        System.out.println("Alert gateway on " + config.consoleUrl() + " (port " + gateway.port() + "), Kafka " + bootstrap);
        stopped.await();
        return 0;
    }

    /**
     * Log-ins for the demo: a fresh random secret for each of {@code units}, kept only as a hash, returned so that the
     * demo can print them once.
     */
    static UnitLogins demoLogins(io.earlywarning.routing.RoutingTable table, List<String> units,
                                 java.util.Map<String, String> secrets) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        PasswordHasher hasher = PasswordHasher.owaspMinimum();
        List<UnitLogins.Login> logins = new java.util.ArrayList<>();
        for (String unit : units) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 14; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            secrets.put(unit, b.toString());
            logins.add(new UnitLogins.Login(unit, hasher.hash(b.toString())));
        }
        return new UnitLogins(logins, table, "demo");
    }

    @Command(name = "hash-secret", mixinStandardHelpOptions = true,
            description = "Reads a unit's log-in secret from stdin and prints its Argon2id hash for the log-ins file.")
    static final class HashSecret implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (secret == null || secret.length() < 12) {
                System.err.println("a secret of at least 12 characters, on one line of stdin");
                return 1;
            }
            System.out.println(PasswordHasher.owaspMinimum().hash(secret));
            return 0;
        }
    }
}
