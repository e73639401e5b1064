package io.earlywarning.warning;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rule bundle an instance works with, replaced whole when a newer valid one is published. A set that does not
 * validate, or is not newer than the active one, is refused with the reason and the active set stays: a bad edit
 * never takes the warnings down.
 */
public final class ActiveRules implements Supplier<RuleBundle> {

    private final AtomicReference<RuleBundle> active;

    public ActiveRules(RuleBundle initial) {
        this.active = new AtomicReference<>(initial);
    }

    /**
     * What became of an offered set.
     *
     * @param status {@code applied}, {@code rejected} (does not validate) or {@code ignored} (not newer)
     */
    public record Outcome(String status, String offeredVersion, int activeVersion, String reason) {
        public boolean applied() {
            return "applied".equals(status);
        }
    }

    @Override
    public RuleBundle get() {
        return active.get();
    }

    /** Validates a published bundle and applies it if it is newer than the active one. */
    public synchronized Outcome offer(String key, byte[] published) {
        RuleBundle offered;
        try {
            offered = RuleBundle.fromPublished(published);
        } catch (RuntimeException e) {
            return new Outcome("rejected", key, active.get().version(), e.getMessage());
        }
        RuleBundle current = active.get();
        if (offered.version() <= current.version()) {
            return new Outcome("ignored", String.valueOf(offered.version()), current.version(),
                    "version " + offered.version() + " is not newer than the active version " + current.version());
        }
        active.set(offered);
        return new Outcome("applied", String.valueOf(offered.version()), offered.version(), null);
    }
}
