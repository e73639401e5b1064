package io.earlywarning.gateway.delivery;

/** A way to reach a unit: {@code webhook}, {@code wecom}, {@code dingtalk} or {@code email}. */
public interface Channel {

    /**
     * The result of one attempt.
     *
     * @param retry whether another attempt may succeed (a timeout, a 5xx, a 429); false for a refusal that will not
     *              change (a 4xx, a rejected address)
     */
    record Outcome(boolean delivered, boolean retry, String detail) {
        public static Outcome ok(String detail) {
            return new Outcome(true, false, detail);
        }

        public static Outcome retry(String detail) {
            return new Outcome(false, true, detail);
        }

        public static Outcome refused(String detail) {
            return new Outcome(false, false, detail);
        }
    }

    String id();

    /** Sends once; never throws for a delivery problem, which comes back as the outcome. */
    Outcome send(Delivery delivery, String secret);
}
