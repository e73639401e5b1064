package io.earlywarning.intake.stream;

import io.earlywarning.intake.RejectedRecordException;
import io.earlywarning.intake.RejectionReason;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Logs, counts and builds the record for {@code intake.rejected}: the original key and value bytes untouched, and headers that say
 * why and where from. The {@code __streams.errors.*} headers are the ones Kafka Streams' built-in dead-letter
 * queue writes (KIP-1034), so one reader understands both; {@code ew.reject.*} add the reason code and channel.
 */
public final class DeadLetters {

    public static final String HEADER_REASON = "ew.reject.reason";
    public static final String HEADER_CHANNEL = "ew.reject.channel";
    public static final String HEADER_EXCEPTION = "__streams.errors.exception";
    public static final String HEADER_MESSAGE = "__streams.errors.message";
    public static final String HEADER_TOPIC = "__streams.errors.topic";
    public static final String HEADER_PARTITION = "__streams.errors.partition";
    public static final String HEADER_OFFSET = "__streams.errors.offset";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    public static RejectionReason reasonOf(Exception e) {
        return e instanceof RejectedRecordException r ? r.reason() : RejectionReason.PROCESSING_ERROR;
    }

    /** The channel id of the intake topic a record came from, or {@code unknown}. */
    public static String channelOf(String topic) {
        return topic == null ? "unknown" : Topics.formatOf(topic).map(f -> f.channel().id()).orElse("unknown");
    }

    /** The metrics object the topology put into the Streams configuration, or one that discards. */
    static IntakeMetrics metricsIn(Map<String, ?> configs) {
        return configs.get(IntakeMetrics.CONFIG_KEY) instanceof IntakeMetrics m ? m : IntakeMetrics.discarding();
    }

    /** Logs and counts a rejection, and returns the dead letter to write for it. */
    static List<ProducerRecord<byte[], byte[]>> reject(byte[] key, byte[] value, ErrorHandlerContext context,
                                                      Exception e, IntakeMetrics metrics) {
        String reason = reasonOf(e).name();
        if (e instanceof RejectedRecordException) {
            LOG.info("rejected {}-{}@{} ({}): {}", context.topic(), context.partition(), context.offset(), reason,
                    e.getMessage());
        } else {
            LOG.error("processing failed at {} for {}-{}@{}", context.processorNodeId(), context.topic(),
                    context.partition(), context.offset(), e);
        }
        metrics.rejected(channelOf(context.topic()), reason);
        return List.of(of(key, value, context, e));
    }

    public static ProducerRecord<byte[], byte[]> of(byte[] key, byte[] value, ErrorHandlerContext context, Exception e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_REASON, utf8(reasonOf(e).name()));
        headers.add(HEADER_CHANNEL, utf8(channelOf(context.topic())));
        headers.add(HEADER_EXCEPTION, utf8(e.getClass().getName()));
        headers.add(HEADER_MESSAGE, utf8(String.valueOf(e.getMessage())));
        headers.add(HEADER_TOPIC, utf8(String.valueOf(context.topic())));
        headers.add(HEADER_PARTITION, utf8(String.valueOf(context.partition())));
        headers.add(HEADER_OFFSET, utf8(String.valueOf(context.offset())));
        return new ProducerRecord<>(Topics.INTAKE_REJECTED, null, key, value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
