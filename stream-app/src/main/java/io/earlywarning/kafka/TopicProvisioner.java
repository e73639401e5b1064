package io.earlywarning.kafka;

import io.earlywarning.app.AppConfig;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the application's topics when they do not exist, with the settings each needs: intake and dead letters
 * take large records and keep personal data only for the intake retention; derived topics keep what they hold
 * (they carry event times that may lie far in the past, which time-based retention would delete at once).
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, AppConfig config) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    // One partition for rule sets: every instance reads them all, in publishing order.
                    int partitions = Topics.RULES.equals(topic) ? 1 : config.topicPartitions();
                    missing.add(new NewTopic(topic, partitions, config.topicReplication())
                            .configs(configsFor(topic, config)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    static Map<String, String> configsFor(String topic, AppConfig config) {
        Map<String, String> c = new HashMap<>();
        if (Topics.holdsRawPersonalData(topic)) {
            c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.LARGE_MESSAGE_BYTES));
            c.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(config.intakeRetention().toMillis()));
            // Intake retention counts from arrival, whatever event time a replayed record carries.
            c.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        } else {
            c.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        }
        if (Topics.RULES.equals(topic)) {
            c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (Topics.WARNINGS.equals(topic)) {
            // The record time of a warning is when the pipeline published it (updatedAt is in the value): the alert
            // gateway counts acknowledgement deadlines from it, and it survives a gateway restart.
            c.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        }
        if (config.topicReplication() > 1) {
            c.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return c;
    }
}
