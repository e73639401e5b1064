package io.earlywarning.fault;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether a Kafka Streams application has processed everything on the topics it reads — the shared ones and its
 * own repartition topics — by its committed offsets. With exactly-once, a partition's end may lie one offset
 * beyond the last committed position only because of a transaction marker; that is told apart from a real record
 * by looking.
 */
final class GroupProgress implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peek;
    private final String groupId;

    GroupProgress(String bootstrapServers, String groupId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
        this.peek = TopicReader.committedConsumer(bootstrapServers);
        this.groupId = groupId;
    }

    /** Records the application has still to process, over all its source partitions (0 when it has caught up). */
    long backlog(List<String> sharedSources) throws Exception {
        Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<String> sources = topics.stream().filter(t -> sharedSources.contains(t)
                || (t.startsWith(groupId + "-") && t.endsWith("-repartition"))).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(sources).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(d ->
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long backlog = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long position = c == null ? 0 : c.offset();
            long behind = e.getValue() - position;
            if (behind == 1 && onlyMarkerAt(e.getKey(), position)) {
                behind = 0;
            }
            backlog += Math.max(0, behind);
        }
        return backlog;
    }

    private boolean onlyMarkerAt(TopicPartition tp, long offset) {
        peek.assign(List.of(tp));
        peek.seek(tp, offset);
        return peek.poll(Duration.ofMillis(500)).isEmpty() && peek.position(tp, Duration.ofSeconds(5)) > offset;
    }

    @Override
    public void close() {
        peek.close();
        admin.close();
    }
}
