package io.earlywarning.bench;

import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.Replayer;
import io.earlywarning.topology.EarlyWarningTopology;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The soak: the full topology fed generated records at a steady rate for a long time, while consumer lag, heap and
 * end-to-end latency are sampled every ten seconds — do they stay flat, or does something grow? One instance, one
 * JVM with the embedded broker (its heap is counted too). Run by {@code bin/early-warning bench --soak 10m}.
 */
public final class Soak {

    /** One sample: since the start, records sent and cases out, lag of the topology's group, heap, latency in the interval. */
    public record Sample(double atSeconds, long sent, long casesOut, long lag, double oldGenAfterGcMiB, double heapUsedMiB,
                         double p50Ms, double p99Ms, int latencySamples) {
    }

    /**
     * The whole run: the samples while sending, the lag when sending stopped, and how long the rest took to drain
     * ({@code lagLeft} is what was still there when the drain was given up, 0 when it finished).
     */
    public record Result(double rate, Duration duration, List<Sample> samples, double drainSeconds, long lagAtStop,
                         long lagLeft) {
    }

    /** How long the drain after sending may take before it is given up and the lag left is reported. */
    static final Duration DRAIN_AT_MOST = Duration.ofMinutes(5);

    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    /** One record in this many is followed to the cases topic for latency. */
    private static final int LATENCY_EVERY = 10;
    private static final int CHUNK_DAYS = 10;
    private static final int PER_DAY = 2000;

    private final Benchmark benchmark;
    private final String bootstrap;

    public Soak(Benchmark benchmark, String bootstrap) {
        this.benchmark = benchmark;
        this.bootstrap = bootstrap;
    }

    public Result run(DemoStreamGenerator generator, double rate, Duration duration) throws Exception {
        String appId = "soak-" + UUID.randomUUID().toString().substring(0, 8);
        BlockingQueue<ReplayRecord> feed = new ArrayBlockingQueue<>(50_000);
        AtomicBoolean stop = new AtomicBoolean();
        Thread producerOfRecords = Thread.ofPlatform().daemon().name("soak-generator").start(() -> generate(generator, feed, stop));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong casesOut = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        List<Sample> samples = new ArrayList<>();
        try (KafkaStreams streams = benchmark.start(appId, benchmark.fullTopology(), true); // only what the soak sends
             KafkaConsumer<byte[], byte[]> cases = benchmark.latestConsumer(Topics.CASES);
             KafkaProducer<byte[], byte[]> producer = Replayer.producer(bootstrap);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Thread reader = Thread.ofPlatform().daemon().name("soak-reader").start(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : cases.poll(Duration.ofMillis(50))) {
                        casesOut.incrementAndGet();
                        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                        Long at = sentAt.remove(key.substring(key.indexOf(':') + 1));
                        if (at != null) {
                            latencies.add((System.nanoTime() - at) / 1e6);
                        }
                    }
                }
            });
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long nextSample = start + SAMPLE_EVERY.toNanos();
            long i = 0;
            while (System.nanoTime() < end) {
                long due = start + (long) (i / rate * 1e9);
                long now = System.nanoTime();
                if (now >= nextSample) {
                    samples.add(sample(admin, appId, start, sent.get(), casesOut.get(), latencies));
                    nextSample += SAMPLE_EVERY.toNanos();
                    continue;
                }
                if (now < due) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(due - now, 1_000_000));
                    continue;
                }
                ReplayRecord r = feed.poll(1, TimeUnit.SECONDS);
                if (r == null) {
                    continue;
                }
                if (i % LATENCY_EVERY == 0) {
                    sentAt.put(new String(r.key(), StandardCharsets.UTF_8), System.nanoTime());
                }
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                sent.incrementAndGet();
                i++;
            }
            producer.flush();
            samples.add(sample(admin, appId, start, sent.get(), casesOut.get(), latencies));
            long lagAtStop = lag(admin, appId);
            long stopped = System.nanoTime();
            long deadline = stopped + DRAIN_AT_MOST.toNanos();
            long left = lagAtStop;
            while (left > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(500);
                left = lag(admin, appId);
            }
            double drain = (System.nanoTime() - stopped) / 1e9;
            stop.set(true);
            reader.join();
            producerOfRecords.interrupt();
            return new Result(rate, duration, samples, drain, lagAtStop, left);
        } finally {
            stop.set(true);
        }
    }

    /** Generated days, chunk after chunk, continuing in event time, until told to stop. */
    private static void generate(DemoStreamGenerator generator, BlockingQueue<ReplayRecord> feed, AtomicBoolean stop) {
        OffsetDateTime start = DemoStreamGenerator.DEFAULT_START.plusYears(3);
        for (long seed = 1000; !stop.get(); seed++) {
            for (var record : generator.generate(seed, CHUNK_DAYS, start, PER_DAY).records()) {
                try {
                    while (!feed.offer(ReplayRecord.of(record), 100, TimeUnit.MILLISECONDS)) {
                        if (stop.get()) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            start = start.plusDays(CHUNK_DAYS);
        }
    }

    private static Sample sample(Admin admin, String appId, long start, long sent, long casesOut, List<Double> latencies)
            throws Exception {
        List<Double> window;
        synchronized (latencies) {
            window = new ArrayList<>(latencies);
            latencies.clear();
        }
        Collections.sort(window);
        double oldGen = 0;
        double used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            used += pool.getUsage().getUsed();
            if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                var afterGc = pool.getCollectionUsage();
                oldGen += afterGc == null ? 0 : afterGc.getUsed();
            }
        }
        return new Sample((System.nanoTime() - start) / 1e9, sent, casesOut, lag(admin, appId), oldGen / (1 << 20),
                used / (1 << 20), Benchmark.percentile(window, 0.50), Benchmark.percentile(window, 0.99), window.size());
    }

    /** Records the topology's group has not yet committed, over every topic it reads (intake and its own repartitions). */
    static long lag(Admin admin, String appId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var e : committed.entrySet()) {
            if (e.getValue() != null) {
                // Under exactly-once the end offset counts a transaction marker the group never consumes: at most one
                // per partition is left over when nothing waits.
                lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset() - 1);
            }
        }
        return lag;
    }

    /** The report: one row a minute, the trend over the second half, and the drain after sending stopped. */
    public static String markdown(List<Result> results, String how) {
        StringBuilder s = new StringBuilder("\n## Soak\n\n");
        s.append(how).append(String.format(Locale.ROOT, " Generated records (demo city, %d a day of event time) sent at a "
                + "steady rate for %d s to the full topology (one instance, 3 partitions, exactly_once_v2, embedded broker in "
                + "the same JVM: the heap figures include the broker); every %d s: lag of the topology's consumer group over "
                + "every topic it reads (intake and its own repartition topics), the old generation after the last collection "
                + "(what stays live), heap in use, and the latency from send to the case being readable (read_committed) of one "
                + "record in %d sent in that interval. Then sending stops and the rest drains (given up after %d s).%n",
                PER_DAY, results.get(0).duration().toSeconds(), SAMPLE_EVERY.toSeconds(), LATENCY_EVERY, DRAIN_AT_MOST.toSeconds()));
        for (Result r : results) {
            s.append(table(r));
        }
        return s.toString();
    }

    private static String table(Result r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%n### %.0f records a second%n%n", r.rate()));
        s.append("| minute | sent /s | cases out /s | lag at the end (records) | old gen after GC (MiB) | heap in use (MiB) | p50 latency (ms) | p99 latency (ms) |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<Integer, List<Sample>> byMinute = r.samples().stream()
                .collect(Collectors.groupingBy(x -> (int) Math.min(Math.ceil(x.atSeconds() / 60.0 - 1e-9),
                        Math.ceil(r.duration().toSeconds() / 60.0)), java.util.TreeMap::new, Collectors.toList()));
        Sample previous = null;
        for (var e : byMinute.entrySet()) {
            List<Sample> m = e.getValue();
            Sample last = m.get(m.size() - 1);
            double from = previous == null ? 0 : previous.atSeconds();
            long sentBefore = previous == null ? 0 : previous.sent();
            long outBefore = previous == null ? 0 : previous.casesOut();
            double seconds = last.atSeconds() - from;
            s.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %d | %.0f | %.0f | %s | %s |%n", e.getKey(),
                    (last.sent() - sentBefore) / seconds, (last.casesOut() - outBefore) / seconds, last.lag(),
                    m.stream().mapToDouble(Sample::oldGenAfterGcMiB).max().orElse(0),
                    m.stream().mapToDouble(Sample::heapUsedMiB).max().orElse(0),
                    millis(median(m.stream().map(Sample::p50Ms).toList())), millis(median(m.stream().map(Sample::p99Ms).toList()))));
            previous = last;
        }
        List<Sample> secondHalf = r.samples().stream().filter(x -> x.atSeconds() > r.duration().toSeconds() / 2.0).toList();
        s.append(String.format(Locale.ROOT, "%nTrend over the second half (least squares, per minute): lag %+.0f records, old "
                        + "generation %+.1f MiB, p99 latency %+.0f ms. Lag when sending stopped: %d records; %s.%n",
                slope(secondHalf, Sample::lag), slope(secondHalf, Sample::oldGenAfterGcMiB), slope(secondHalf, Sample::p99Ms),
                r.lagAtStop(), r.lagLeft() == 0 ? String.format(Locale.ROOT, "drained in %.1f s", r.drainSeconds())
                        : String.format(Locale.ROOT, "**not drained**: %d records still behind after %.0f s", r.lagLeft(), r.drainSeconds())));
        return s.toString();
    }

    /** No case came out in the interval: no latency to tell. */
    private static String millis(double ms) {
        return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, "%.0f", ms);
    }

    private static double median(List<Double> values) {
        List<Double> finite = values.stream().filter(v -> !v.isNaN()).toList();
        return finite.isEmpty() ? Double.NaN : Benchmark.median(finite);
    }

    /** Slope per minute of {@code y} against time. */
    static double slope(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> y) {
        List<Sample> points = samples.stream().filter(x -> !Double.isNaN(y.applyAsDouble(x))).toList();
        if (points.size() < 2) {
            return Double.NaN;
        }
        double n = points.size();
        double mx = points.stream().mapToDouble(Sample::atSeconds).sum() / n;
        double my = points.stream().mapToDouble(y).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (Sample p : points) {
            sxy += (p.atSeconds() - mx) * (y.applyAsDouble(p) - my);
            sxx += (p.atSeconds() - mx) * (p.atSeconds() - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 60;
    }
}
