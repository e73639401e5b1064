package io.earlywarning.gateway;

/**
 * Every configuration key of the alert gateway, with its default and meaning (documented with the stream app's in
 * {@code docs/configuration.md}, which a test keeps in step). Read from environment variables of the same name.
 * The gateway also reads {@code KAFKA_BOOTSTRAP_SERVERS}, {@code EW_WARNING_RULES}, {@code EW_TOPIC_PARTITIONS} and
 * {@code EW_TOPIC_REPLICATION} as the stream app does.
 */
public enum GatewaySetting {
    EW_GATEWAY_PORT("8080", "Port of the alert gateway: the duty-officer console, /api/, /metrics and /health."),
    EW_GATEWAY_URL("http://localhost:8080", "Address of the console as officers reach it: the link in every notice."),
    EW_GATEWAY_LOGINS("", "Unit log-ins file (docs/alert-gateway.md): one Argon2id-hashed secret per unit. Empty: nobody can sign in (the demo makes its own)."),
    EW_GATEWAY_WEBHOOK_SECRET("early-warning-demo-webhook-secret", "HMAC-SHA256 secret of webhooks whose contact names no secret variable of its own. Change it in production."),
    EW_GATEWAY_SMTP_HOST("", "SMTP server for e-mail contacts; empty: e-mail deliveries fail with that reason."),
    EW_GATEWAY_SMTP_PORT("25", "SMTP port."),
    EW_GATEWAY_SMTP_USERNAME("", "SMTP user; empty: no authentication."),
    EW_GATEWAY_SMTP_PASSWORD("", "SMTP password."),
    EW_GATEWAY_SMTP_FROM("early-warning@localhost", "Sender address of warning e-mails."),
    EW_GATEWAY_SMTP_STARTTLS("false", "Require STARTTLS on the SMTP connection (true in production)."),
    EW_GATEWAY_TIME_SCALE("1", "Acknowledgement and escalation deadlines run this many times faster than the rules say: 1 in production; the demo uses 60 (a 4 h deadline passes in 4 min)."),
    EW_GATEWAY_SESSION_HOURS("12", "How long a console log-in lasts."),
    EW_GATEWAY_CASE_DAYS("35", "The gateway reads topic cases from this many days back (event time) and keeps the start of each text, so that a warning's detail shows its evidence cases to read; 0: case ids only."),
    EW_GATEWAY_DEMO_INBOX("false", "Serve /demo-inbox/{unit}: a webhook receiver that checks signatures and keeps what it received, for the demo's routing table.");

    private final String defaultValue;
    private final String description;

    GatewaySetting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
