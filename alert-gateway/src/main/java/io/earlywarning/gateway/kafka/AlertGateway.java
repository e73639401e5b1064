package io.earlywarning.gateway.kafka;

import io.earlywarning.gateway.GatewayConfig;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.GatewayMetrics;
import io.earlywarning.gateway.access.Sessions;
import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.domain.Case;
import io.earlywarning.gateway.board.CaseExcerpts;
import io.earlywarning.gateway.board.DutyDesk;
import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.gateway.board.WarningAction;
import io.earlywarning.gateway.board.WarningBoard;
import io.earlywarning.gateway.console.ConsoleServer;
import io.earlywarning.gateway.console.DemoInbox;
import io.earlywarning.gateway.delivery.Channel;
import io.earlywarning.gateway.delivery.Delivery;
import io.earlywarning.gateway.delivery.DeliveryPlanner;
import io.earlywarning.gateway.delivery.EmailChannel;
import io.earlywarning.gateway.delivery.Outbox;
import io.earlywarning.gateway.delivery.RetryPolicy;
import io.earlywarning.gateway.delivery.RobotChannel;
import io.earlywarning.gateway.delivery.WarningMessages;
import io.earlywarning.gateway.delivery.WebhookChannel;
import io.earlywarning.gateway.digest.DailyDigest;
import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.warning.ActiveRules;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Warning;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The alert gateway at its Kafka edge. One loop thread reads {@code rules}, {@code warnings},
 * {@code warnings.actions} and the outbox {@code gateway.deliveries} from the beginning (the board and the outbox
 * are rebuilt from them on every start), and {@code cases} of the last weeks (the evidence cases' text), and once it has caught up it plans deliveries, hands due ones to sender
 * threads, records their outcomes, takes due escalation steps and plans the daily digests. Console actions are
 * written to {@code warnings.actions} before they count.
 *
 * <p>One instance per cluster: it assigns itself every partition, it does not join a consumer group. Delivery is
 * at least once with an idempotency key: a crash between a send and its {@code sent} record sends once more with the
 * same key, which the receiver drops; anything marked sent is never sent again.
 */
public final class AlertGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertGateway.class);
    /** How far back a starting gateway still delivers warnings it finds undelivered. */
    static final Duration CATCH_UP_DELIVERY = Duration.ofHours(24);
    /** At most this many cases' excerpts in memory (about 1 KB each), whatever the window. */
    static final int MAX_CASES = 300_000;

    private final GatewayConfig config;
    private final Clock clock;
    private final ActiveRules rules;
    private final WarningBoard board = new WarningBoard();
    private final Outbox outbox = new Outbox();
    private final CaseExcerpts cases;
    private final GatewayMetrics metrics;
    private final Map<String, Channel> channels;
    private final WarningMessages messages;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, String> producer;
    private final ConsoleServer console;
    private final DemoInbox demoInbox;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Sent> outcomes = new ConcurrentLinkedQueue<>();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final RetryPolicy retry;
    private final Thread loop;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean caughtUp;
    private volatile Map<TopicPartition, Long> catchUpTo;
    private final Set<String> toPlan = new LinkedHashSet<>();

    private record Sent(Delivery delivery, Channel.Outcome outcome, Instant at) {
    }

    private AlertGateway(GatewayConfig config, String bootstrap, UnitLogins logins, Clock clock, RetryPolicy retry,
                         Map<String, Channel> channels) {
        this.config = config;
        this.clock = clock;
        this.retry = retry;
        this.rules = new ActiveRules(RuleBundle.load(config.warningRules()));
        this.cases = new CaseExcerpts(config.caseWindow(), MAX_CASES);
        this.metrics = new GatewayMetrics(board, outbox, clock, config.timeScale());
        this.channels = channels;
        this.messages = new WarningMessages(config.consoleUrl());
        createTopics(bootstrap, config);
        this.consumer = new KafkaConsumer<>(consumerProps(bootstrap), new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(), new StringSerializer());
        this.demoInbox = config.demoInbox() ? new DemoInbox(config.webhookSecret(), clock) : null;
        DutyDesk desk = new DutyDesk(board, this::access, clock, this::record);
        this.console = new ConsoleServer(new ConsoleServer.Parts(board, outbox, cases, desk, this::access, logins,
                new Sessions(clock, config.sessionLifetime()), metrics.registry(), clock, config.timeScale(),
                () -> caughtUp && loopAlive(), demoInbox), config.port());
        this.loop = Thread.ofPlatform().name("alert-gateway").start(this::run);
    }

    /** Starts the gateway with the standard channels (webhook, WeCom, DingTalk, e-mail). */
    public static AlertGateway start(GatewayConfig config, String bootstrap, UnitLogins logins, Clock clock) {
        return start(config, bootstrap, logins, clock, RetryPolicy.DEFAULT);
    }

    public static AlertGateway start(GatewayConfig config, String bootstrap, UnitLogins logins, Clock clock,
                                     RetryPolicy retry) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Channel> channels = new HashMap<>();
        for (Channel c : List.<Channel>of(new WebhookChannel(http, clock), RobotChannel.weCom(http),
                RobotChannel.dingTalk(http, clock), new EmailChannel(config.smtp()))) {
            channels.put(c.id(), c);
        }
        return new AlertGateway(config, bootstrap, logins, clock, retry, channels);
    }

    public int port() {
        return console.port();
    }

    public WarningBoard board() {
        return board;
    }

    public Outbox outbox() {
        return outbox;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public DemoInbox demoInbox() {
        return demoInbox;
    }

    private UnitAccess access() {
        return new UnitAccess(rules.get().routing());
    }

    private boolean loopAlive() {
        return loop.isAlive();
    }

    // --- the loop -----------------------------------------------------------------------------------------------

    private void run() {
        try {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : GatewayTopics.READ) {
                for (PartitionInfo pi : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(topic, pi.partition()));
                }
            }
            List<TopicPartition> caseParts = new ArrayList<>();
            if (config.caseWindow().toMillis() > 0) {
                for (PartitionInfo pi : consumer.partitionsFor(GatewayTopics.CASES, Duration.ofSeconds(30))) {
                    caseParts.add(new TopicPartition(GatewayTopics.CASES, pi.partition()));
                }
            }
            List<TopicPartition> all = new ArrayList<>(parts);
            all.addAll(caseParts);
            consumer.assign(all);
            consumer.seekToBeginning(parts);
            seekCases(caseParts);
            // Delivery waits for the board and the outbox, not for the case texts.
            catchUpTo = consumer.endOffsets(parts);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    read(r);
                }
                if (!caughtUp && caughtUpNow()) {
                    caughtUp = true;
                    LOG.info("alert gateway caught up: {} warnings, {} planned again", board.all().size(), toPlan.size());
                    // What arrived while the gateway was away is delivered; older history (a first start on a
                    // topic with months of warnings) shows in the console but is not pushed to anyone again.
                    Instant recent = clock.instant().minus(CATCH_UP_DELIVERY);
                    toPlan.forEach(id -> board.get(id).filter(t -> t.receivedAt().isAfter(recent))
                            .ifPresent(this::planWarning));
                    toPlan.clear();
                }
                if (caughtUp) {
                    Instant now = clock.instant();
                    recordOutcomes();
                    dispatch(now);
                    escalate(now);
                    digest(now);
                }
                metrics.beat(clock.instant());
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("alert gateway loop stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Cases from the window's start (their record time is their event time); none older than the window. */
    private void seekCases(List<TopicPartition> caseParts) {
        if (caseParts.isEmpty()) {
            return;
        }
        long from = clock.instant().minus(config.caseWindow()).toEpochMilli();
        Map<TopicPartition, Long> at = new HashMap<>();
        caseParts.forEach(tp -> at.put(tp, from));
        Map<TopicPartition, Long> ends = consumer.endOffsets(caseParts);
        consumer.offsetsForTimes(at).forEach((tp, found) ->
                consumer.seek(tp, found == null ? ends.get(tp) : found.offset()));
    }

    private boolean caughtUpNow() {
        for (Map.Entry<TopicPartition, Long> e : catchUpTo.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void read(ConsumerRecord<String, byte[]> r) {
        try {
            switch (r.topic()) {
                case GatewayTopics.RULES -> {
                    ActiveRules.Outcome o = rules.offer(r.key(), r.value());
                    if (o.applied()) {
                        LOG.info("alert gateway uses rule set version {}", o.activeVersion());
                    }
                }
                case GatewayTopics.WARNINGS -> {
                    Warning w = GatewayJson.MAPPER.readValue(r.value(), Warning.class);
                    board.onWarning(w, Instant.ofEpochMilli(r.timestamp())).ifPresent(change -> {
                        if (caughtUp) {
                            metrics.warningArrived(clock.instant());
                            if (change.tellUnits()) {
                                planWarning(change.tracked());
                            }
                        } else if (change.tellUnits()) {
                            toPlan.add(w.warningId());
                        }
                        console.publish(change.tracked());
                    });
                }
                case GatewayTopics.WARNING_ACTIONS -> {
                    WarningAction a = GatewayJson.MAPPER.readValue(r.value(), WarningAction.class);
                    applyAction(a);
                }
                case GatewayTopics.DELIVERIES -> outbox.apply(GatewayJson.MAPPER.readValue(r.value(), Delivery.class));
                case GatewayTopics.CASES -> cases.add(GatewayJson.MAPPER.readValue(r.value(), Case.class));
                default -> {
                }
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // The record stays on its topic; the gateway goes on with the next one.
            LOG.warn("unreadable record on {} {}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void applyAction(WarningAction a) {
        boolean wasAcknowledged = a.warningId() != null && board.get(a.warningId()).map(TrackedWarning::acknowledged).orElse(false);
        if (board.onAction(a) && a.warningId() != null) {
            board.get(a.warningId()).ifPresent(t -> {
                if (caughtUp && !wasAcknowledged && t.acknowledged()) {
                    metrics.acknowledged(t, a.at());
                }
                console.publish(t);
            });
        }
    }

    /** Writes an officer's (or the gateway's) action to the audit topic, then applies it: it counts once recorded. */
    private void record(WarningAction a) {
        try {
            producer.send(new ProducerRecord<>(GatewayTopics.WARNING_ACTIONS, a.topicKey(),
                    GatewayJson.MAPPER.writeValueAsString(a))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DutyDesk.Refused(503, "操作未能记录，请重试");
        } catch (ExecutionException | TimeoutException | java.io.IOException e) {
            throw new DutyDesk.Refused(503, "操作未能记录，请重试：" + e.getMessage());
        }
        applyAction(a);
    }

    private void planWarning(TrackedWarning t) {
        if (t.resolved()) {
            return;
        }
        UnitAccess access = access();
        boolean silenced = board.silencing(t, clock.instant(), access).isPresent();
        List<Delivery> planned = DeliveryPlanner.forWarning(t,
                messages.warning(t, rules.get().rules().zoneOffset()), access.table(), silenced, clock.instant());
        planned.forEach(this::enqueue);
    }

    private void enqueue(Delivery d) {
        if (outbox.contains(d.deliveryId())) {
            return;
        }
        if (Delivery.SILENCED.equals(d.status())) {
            metrics.delivery(d.channel(), "silenced");
        }
        write(d);
    }

    private void write(Delivery d) {
        outbox.apply(d);
        try {
            producer.send(new ProducerRecord<>(GatewayTopics.DELIVERIES, d.deliveryId(),
                    GatewayJson.MAPPER.writeValueAsString(d)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void dispatch(Instant now) {
        for (Delivery d : outbox.due(now)) {
            if (!inFlight.add(d.deliveryId())) {
                continue;
            }
            Channel c = channels.get(d.channel());
            String secret = secret(d);
            senders.execute(() -> {
                Channel.Outcome o;
                try {
                    o = c == null ? Channel.Outcome.refused("unknown channel " + d.channel()) : c.send(d, secret);
                } catch (RuntimeException e) {
                    // A sender bug must not leave the delivery in flight for ever: it is recorded as a failure.
                    o = Channel.Outcome.refused(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                outcomes.add(new Sent(d, o, clock.instant()));
            });
        }
    }

    private String secret(Delivery d) {
        String fromEnv = d.secretRef() == null ? null : System.getenv(d.secretRef());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return "webhook".equals(d.channel()) ? config.webhookSecret() : null;
    }

    private void recordOutcomes() {
        Sent s;
        while ((s = outcomes.poll()) != null) {
            Delivery d = outbox.get(s.delivery().deliveryId()).orElse(s.delivery());
            Delivery next;
            if (s.outcome().delivered()) {
                next = d.attempted(Delivery.SENT, s.at(), s.at(), s.outcome().detail());
                metrics.delivery(d.channel(), "sent");
            } else {
                Instant again = s.outcome().retry() ? retry.next(d.attempts() + 1, s.at(), random) : null;
                next = d.attempted(again == null ? Delivery.FAILED : Delivery.PENDING, s.at(),
                        again == null ? s.at() : again, s.outcome().detail());
                metrics.delivery(d.channel(), again == null ? "failed" : "retry");
                LOG.warn("delivery {} to {} over {}: {}{}", d.idempotencyKey(), d.unit(), d.channel(),
                        s.outcome().detail(), again == null ? " (given up)" : " (will retry)");
            }
            write(next);
            inFlight.remove(d.deliveryId());
            board.get(d.warningId() == null ? "" : d.warningId()).ifPresent(console::publish);
        }
    }

    private void escalate(Instant now) {
        UnitAccess access = access();
        for (WarningBoard.DueEscalation due : board.dueEscalations(now, config.timeScale(), access)) {
            TrackedWarning t = due.tracked();
            WarningAction a = new WarningAction("escalate:" + t.id() + ":" + due.step(), WarningAction.ESCALATE,
                    t.id(), t.warning().version(), t.warning().ruleId(), t.warning().subject(), WarningAction.SYSTEM,
                    WarningAction.SYSTEM, null, "逾期未签收，自动提级", due.step(), due.units(), null, now);
            try {
                record(a);
            } catch (DutyDesk.Refused e) {
                LOG.warn("escalation of {} not recorded, will try again: {}", t.id(), e.getMessage());
                return;
            }
            metrics.escalated();
            TrackedWarning after = board.get(t.id()).orElse(t);
            DeliveryPlanner.forEscalation(after, due.step(), due.units(),
                    messages.escalation(after, due.step(), due.units(), access.table(), rules.get().rules().zoneOffset()),
                    access.table(), now).forEach(this::enqueue);
        }
    }

    private void digest(Instant now) {
        RuleBundle bundle = rules.get();
        LocalDate date = DailyDigest.dueDate(bundle.rules(), now);
        if (date == null) {
            return;
        }
        UnitAccess access = access();
        List<TrackedWarning> all = null;
        for (ResponsibleUnit u : DailyDigest.recipients(bundle.rules(), access)) {
            if (u.contacts().isEmpty()
                    || outbox.contains(DeliveryPlanner.deliveryId("digest:" + u.id() + ":" + date, u.id(),
                    u.contacts().get(0).channel(), 0))) {
                continue;
            }
            all = all == null ? board.all() : all;
            Delivery.Message m = DailyDigest.compose(u, date, now, all, access);
            DeliveryPlanner.forDigest(u.id(), date.toString(), m, access.table(), now).forEach(this::enqueue);
            metrics.digest(m.data().path("zeroReport").asBoolean());
        }
    }

    // --- Kafka set-up -------------------------------------------------------------------------------------------

    private static void createTopics(String bootstrap, GatewayConfig config) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            // The audit and the warnings are kept (the board is rebuilt from them at every start); the broker's
            // default retention would drop a week-old acknowledgement and let the warning escalate again.
            Map<String, String> keep = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
            if (!existing.contains(GatewayTopics.WARNING_ACTIONS)) {
                missing.add(new NewTopic(GatewayTopics.WARNING_ACTIONS, config.topicPartitions(), config.topicReplication())
                        .configs(keep));
            }
            if (!existing.contains(GatewayTopics.DELIVERIES)) {
                missing.add(new NewTopic(GatewayTopics.DELIVERIES, config.topicPartitions(), config.topicReplication())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (config.caseWindow().toMillis() > 0 && !existing.contains(GatewayTopics.CASES)) {
                // Normally the stream app made it, with the same settings.
                missing.add(new NewTopic(GatewayTopics.CASES, config.topicPartitions(), config.topicReplication())
                        .configs(keep));
            }
            for (String t : List.of(GatewayTopics.WARNINGS, GatewayTopics.RULES)) {
                if (!existing.contains(t)) {
                    // Normally the stream app made them; the gateway may start first.
                    missing.add(new NewTopic(t, GatewayTopics.RULES.equals(t) ? 1 : config.topicPartitions(),
                            config.topicReplication()).configs(GatewayTopics.RULES.equals(t)
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                                    TopicConfig.RETENTION_MS_CONFIG, "-1")));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the gateway's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the gateway's topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "alert-gateway");
        return p;
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-gateway");
        return p;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        console.close();
    }
}
