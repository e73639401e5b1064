package io.earlywarning.warning.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.topology.Topics;
import io.earlywarning.warning.ActiveRules;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Hot reload: every instance reads topic {@code rules} from the beginning (no consumer group: each instance sees
 * every set), offers each set to its {@link ActiveRules}, and reports the outcome on {@code rules.status} — applied,
 * or rejected with the reason while the last good set stays active — and in metrics.
 */
public final class RuleSetWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSetWatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, String> status;
    private final ActiveRules rules;
    private final WarningMetrics metrics;
    private final String instance;
    private final Thread thread;
    private volatile boolean running = true;

    public RuleSetWatcher(String bootstrapServers, String instance, ActiveRules rules, WarningMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
        this.instance = instance;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, instance + "-rules"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.status = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, instance + "-rules-status"),
                new StringSerializer(), new StringSerializer());
        TopicPartition p = new TopicPartition(Topics.RULES, 0);
        consumer.assign(List.of(p));
        consumer.seekToBeginning(List.of(p));
        this.thread = Thread.ofPlatform().name("rule-set-watcher").daemon().start(this::run);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue; // a tombstone removes an old version from the topic; nothing to apply
                    }
                    ActiveRules.Outcome o = rules.offer(r.key(), r.value());
                    metrics.ruleSet(o.status());
                    if (o.applied()) {
                        LOG.info("warning rules version {} applied", o.offeredVersion());
                    } else if ("rejected".equals(o.status())) {
                        LOG.warn("published rule set {} rejected, version {} stays active: {}", r.key(),
                                o.activeVersion(), o.reason());
                    }
                    report(r, o);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("rule-set watcher stopped; the active rules stay as they are", e);
        } finally {
            consumer.close();
        }
    }

    private void report(ConsumerRecord<String, byte[]> r, ActiveRules.Outcome o) {
        ObjectNode s = JSON.createObjectNode();
        s.put("instance", instance).put("offered", r.key()).put("offset", r.offset()).put("status", o.status())
                .put("activeVersion", o.activeVersion()).put("reason", o.reason()).put("at", Instant.now().toString());
        status.send(new ProducerRecord<>(Topics.RULES_STATUS, instance, s.toString()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.close(Duration.ofSeconds(5));
    }
}
