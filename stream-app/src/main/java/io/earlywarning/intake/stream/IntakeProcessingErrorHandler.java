package io.earlywarning.intake.stream;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Map;

/**
 * A record whose processing throws (a bug on some unforeseen input) goes to {@code intake.rejected} as
 * {@code PROCESSING_ERROR} with the source record's bytes, so it can be replayed once the bug is fixed; the
 * pipeline goes on with the next record.
 */
public final class IntakeProcessingErrorHandler implements ProcessingExceptionHandler {

    private IntakeMetrics metrics = IntakeMetrics.discarding();

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = DeadLetters.metricsIn(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return Response.resume(DeadLetters.reject(context.sourceRawKey(), context.sourceRawValue(), context, exception,
                metrics));
    }
}
