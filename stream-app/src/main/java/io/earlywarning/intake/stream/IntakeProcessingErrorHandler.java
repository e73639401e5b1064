package io.earlywarning.intake.stream;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A record whose processing throws (a bug on some unforeseen input) goes to {@code intake.rejected} as
 * {@code PROCESSING_ERROR} with the source record's bytes, so it can be replayed once the bug is fixed; the
 * pipeline goes on with the next record.
 */
public final class IntakeProcessingErrorHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeProcessingErrorHandler.class);
    private IntakeMetrics metrics = IntakeMetrics.discarding();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(IntakeMetrics.CONFIG_KEY) instanceof IntakeMetrics m) {
            metrics = m;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("processing failed at {} for {}-{}@{}", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), exception);
        metrics.rejected(DeadLetters.channelOf(context.topic()), DeadLetters.reasonOf(exception).name());
        return Response.resume(List.of(DeadLetters.of(context.sourceRawKey(), context.sourceRawValue(), context,
                exception)));
    }
}
