package io.earlywarning.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The stream app's HTTP endpoints: {@code /metrics} in the Prometheus text format, and {@code /health}, which is
 * 200 while Kafka Streams runs (or rebalances) and 503 otherwise, for load balancers and Kubernetes probes.
 */
public final class MetricsServer implements AutoCloseable {

    /** A health verdict: whether the instance is fit to serve, and a one-word state. */
    public record Health(boolean up, String state) {
    }

    private final HttpServer server;

    public MetricsServer(int port, PrometheusMeterRegistry registry, Supplier<Health> health) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " for /metrics and /health: " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health", exchange -> {
            Health h = health.get();
            respond(exchange, h.up() ? 200 : 503, "application/json",
                    "{\"status\":\"" + (h.up() ? "UP" : "DOWN") + "\",\"streams\":\"" + h.state() + "\"}\n");
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
