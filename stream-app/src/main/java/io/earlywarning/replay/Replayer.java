package io.earlywarning.replay;

import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Produces records to their intake topics, paced either by their event times on an accelerated clock
 * ({@code speed} simulated seconds per real second) or at a fixed rate, with a progress bar on stderr.
 */
public final class Replayer {

    /** How to pace: by event time accelerated {@code speed} times, or {@code rate} records a second (0 = as fast as possible). */
    public record Pace(double speed, double rate) {
        public static Pace asFastAsPossible() {
            return new Pace(0, 0);
        }
    }

    private final String bootstrapServers;

    public Replayer(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // One request in flight: on a topic created a moment ago the first batch can meet NOT_LEADER while the
                // next ones land; retried afterwards, it is out of sequence for good and its records expire (the crash
                // test lost the first ~200 records of a feed this way). Larger batches make up for part of the lost pipelining.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.LARGE_MESSAGE_BYTES),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends all records; returns how many the broker acknowledged. A record the producer gave up on (after its
     * delivery timeout) is not counted, and the first such error is printed: the count never claims what did not land.
     */
    public long replay(List<ReplayRecord> records, Pace pace, PrintStream progress) {
        long startNanos = System.nanoTime();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        ProgressBar bar = new ProgressBar(progress, "replay", records.size());
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            for (int i = 0; i < records.size(); i++) {
                ReplayRecord r = records.get(i);
                waitUntil(startNanos, dueNanos(records, i, pace));
                // No timestamp: the broker stamps arrival, which is when the office "receives" the record.
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
                bar.step();
            }
            producer.flush();
        }
        bar.done();
        if (firstFailure.get() != null && progress != null) {
            progress.println("replay: " + failed.get() + " record(s) not acknowledged by the broker, first: "
                    + firstFailure.get());
        }
        return records.size() - failed.get();
    }

    private static long dueNanos(List<ReplayRecord> records, int i, Pace pace) {
        if (pace.rate() > 0) {
            return (long) (i / pace.rate() * 1e9);
        }
        if (pace.speed() > 0) {
            Duration simulated = Duration.between(records.get(0).eventTime(), records.get(i).eventTime());
            return (long) (simulated.toNanos() / pace.speed());
        }
        return 0;
    }

    private static void waitUntil(long startNanos, long dueNanos) {
        long wait;
        while ((wait = startNanos + dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 200_000_000L));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
