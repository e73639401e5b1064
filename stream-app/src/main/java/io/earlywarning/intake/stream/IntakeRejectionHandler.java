package io.earlywarning.intake.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * An intake record that cannot be read goes to {@code intake.rejected} with its reason and original bytes, and
 * processing continues: bad input never stops the pipeline and is never lost.
 */
public final class IntakeRejectionHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeRejectionHandler.class);
    private IntakeMetrics metrics = IntakeMetrics.discarding();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(IntakeMetrics.CONFIG_KEY) instanceof IntakeMetrics m) {
            metrics = m;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String channel = DeadLetters.channelOf(context.topic());
        String reason = DeadLetters.reasonOf(exception).name();
        LOG.info("rejected {}-{}@{} ({}): {}", context.topic(), context.partition(), context.offset(), reason,
                exception.getMessage());
        metrics.rejected(channel, reason);
        return Response.resume(List.of(DeadLetters.of(record.key(), record.value(), context, exception)));
    }
}
