package io.earlywarning.gateway.board;

import io.earlywarning.domain.Case;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a duty officer reads of a warning's evidence cases: channel, time, place, category and the start of the
 * text (as the stream app wrote it on {@code cases}: pseudonymized, phone and ID numbers masked). The gateway keeps
 * the cases of a recent window in event time, and at most {@code maxCases}, oldest dropped first; a warning's older
 * cases show by id only.
 */
public final class CaseExcerpts {

    /** The length of text kept per case, in characters: enough to read what the complaint is about. */
    static final int TEXT_CHARS = 400;

    /** One case as the detail view shows it. */
    public record Excerpt(String caseId, String channel, OffsetDateTime receivedAt, String district, String town,
                          String estate, String category, String subject, String text) {
    }

    private final Duration window;
    private final int maxCases;
    private final Map<String, Excerpt> byId = new LinkedHashMap<>();
    private OffsetDateTime newest;

    public CaseExcerpts(Duration window, int maxCases) {
        this.window = window;
        this.maxCases = maxCases;
    }

    public synchronized void add(Case c) {
        if (c == null || c.caseId() == null || c.receivedAt() == null || maxCases <= 0) {
            return;
        }
        if (newest == null || c.receivedAt().isAfter(newest)) {
            newest = c.receivedAt();
        }
        OffsetDateTime oldest = newest.minus(window);
        if (c.receivedAt().isBefore(oldest)) {
            return;
        }
        byId.remove(c.caseId());
        byId.put(c.caseId(), new Excerpt(c.caseId(), c.channel(), c.receivedAt(), c.district(), c.town(), c.estate(),
                c.category(), c.subject(), shorten(c.text())));
        // Cases arrive roughly in time order: the oldest are at the head.
        Iterator<Excerpt> it = byId.values().iterator();
        while (it.hasNext()) {
            Excerpt e = it.next();
            if (byId.size() > maxCases || e.receivedAt().isBefore(oldest)) {
                it.remove();
            } else {
                break;
            }
        }
    }

    /** The excerpts of {@code caseIds} still kept, newest last, at most {@code limit} (the newest ones). */
    public synchronized List<Excerpt> of(List<String> caseIds, int limit) {
        List<Excerpt> out = new ArrayList<>();
        for (int i = caseIds.size() - 1; i >= 0 && out.size() < limit; i--) {
            Excerpt e = byId.get(caseIds.get(i));
            if (e != null) {
                out.add(0, e);
            }
        }
        return out;
    }

    public synchronized int size() {
        return byId.size();
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        int end = text.offsetByCodePoints(0, Math.min(TEXT_CHARS, text.codePointCount(0, text.length())));
        return end < text.length() ? text.substring(0, end) + "…" : text;
    }
}
