package io.earlywarning.gateway;

import io.earlywarning.gateway.delivery.EmailChannel;

import java.time.Duration;
import java.util.Map;

/**
 * The gateway's typed configuration, from the environment ({@link GatewaySetting}); every default runs the demo.
 *
 * @param caseWindow   how far back (event time) the gateway keeps the evidence cases' text for the detail view
 * @param warningRules the rule set to start with (until topic {@code rules} brings a newer one): its routing table
 *                     names each unit's contacts, its {@code zeroReport} the digest time
 */
public record GatewayConfig(int port, String consoleUrl, String loginsFile, String webhookSecret, EmailChannel.Smtp smtp,
                            double timeScale, Duration sessionLifetime, Duration caseWindow, boolean demoInbox,
                            String warningRules,
                            int topicPartitions, short topicReplication) {

    public static GatewayConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static GatewayConfig from(Map<String, String> env) {
        java.util.function.Function<GatewaySetting, String> v = s -> {
            String x = env.get(s.name());
            return x == null || x.isBlank() ? s.defaultValue() : x.strip();
        };
        double scale = Double.parseDouble(v.apply(GatewaySetting.EW_GATEWAY_TIME_SCALE));
        if (!(scale > 0)) {
            throw new IllegalArgumentException("EW_GATEWAY_TIME_SCALE must be above 0, not " + scale);
        }
        return new GatewayConfig(Integer.parseInt(v.apply(GatewaySetting.EW_GATEWAY_PORT)),
                v.apply(GatewaySetting.EW_GATEWAY_URL), v.apply(GatewaySetting.EW_GATEWAY_LOGINS),
                v.apply(GatewaySetting.EW_GATEWAY_WEBHOOK_SECRET),
                new EmailChannel.Smtp(v.apply(GatewaySetting.EW_GATEWAY_SMTP_HOST),
                        Integer.parseInt(v.apply(GatewaySetting.EW_GATEWAY_SMTP_PORT)),
                        v.apply(GatewaySetting.EW_GATEWAY_SMTP_USERNAME), v.apply(GatewaySetting.EW_GATEWAY_SMTP_PASSWORD),
                        v.apply(GatewaySetting.EW_GATEWAY_SMTP_FROM),
                        Boolean.parseBoolean(v.apply(GatewaySetting.EW_GATEWAY_SMTP_STARTTLS))),
                scale, Duration.ofHours(Long.parseLong(v.apply(GatewaySetting.EW_GATEWAY_SESSION_HOURS))),
                Duration.ofDays(Long.parseLong(v.apply(GatewaySetting.EW_GATEWAY_CASE_DAYS))),
                Boolean.parseBoolean(v.apply(GatewaySetting.EW_GATEWAY_DEMO_INBOX)),
                orDefault(env.get("EW_WARNING_RULES"), "demo-city"),
                Integer.parseInt(orDefault(env.get("EW_TOPIC_PARTITIONS"), "3")),
                Short.parseShort(orDefault(env.get("EW_TOPIC_REPLICATION"), "1")));
    }

    private static String orDefault(String s, String d) {
        return s == null || s.isBlank() ? d : s.strip();
    }
}
