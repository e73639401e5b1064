package io.earlywarning.intake.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.util.Map;

/**
 * An intake record that cannot be read goes to {@code intake.rejected} with its reason and original bytes, and
 * processing continues: bad input never stops the pipeline and is never lost.
 */
public final class IntakeRejectionHandler implements DeserializationExceptionHandler {

    private IntakeMetrics metrics = IntakeMetrics.discarding();

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = DeadLetters.metricsIn(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return Response.resume(DeadLetters.reject(record.key(), record.value(), context, exception, metrics));
    }
}
