package io.earlywarning.topology;

import io.earlywarning.gateway.kafka.GatewayTopics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway (its own module, without the stream app) names the topics it shares with the stream app alike. */
class TopicsTest {

    @Test
    void theGatewayReadsTheTopicsTheStreamAppWrites() {
        assertThat(GatewayTopics.WARNINGS).isEqualTo(Topics.WARNINGS);
        assertThat(GatewayTopics.RULES).isEqualTo(Topics.RULES);
        assertThat(GatewayTopics.CASES).isEqualTo(Topics.CASES);
        assertThat(Topics.ALL).contains(GatewayTopics.WARNING_ACTIONS);
    }
}
