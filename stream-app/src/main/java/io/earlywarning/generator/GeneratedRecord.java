package io.earlywarning.generator;

import io.earlywarning.domain.Channel;

import java.time.OffsetDateTime;

/** One generated source record: the channel it goes to, its event time, and its JSON in the channel's format. */
public record GeneratedRecord(Channel channel, OffsetDateTime at, String caseId, String json) {
}
