package io.earlywarning.cluster;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.cursors.IntIntCursor;

import io.earlywarning.place.EstateNames;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Online clustering of similar cases (类案), one case at a time in arrival order.
 *
 * <p>Each case becomes a TF-IDF vector of its matter's terms ({@link MatterTerms}; document frequencies over the
 * cases in the window), cut to its {@code maxTerms} heaviest terms. An inverted index over the window finds the
 * earlier cases sharing those terms — the newest {@code postingsScan} per term, so the cost of a case stays flat
 * however many cases the window holds — and scores them: cosine of the vectors, plus or minus what place and
 * category say ({@link ClusterRules.Place}). The case joins the cluster of its nearest earlier case if that
 * scores at least {@code join}; a second cluster with a case scoring at least {@code merge} is the same matter, and
 * the two merge: the older cluster (founded first) keeps its id, the merge is returned as an event. Cases older
 * than the window leave the index and their clusters.
 *
 * <p>Every state change goes to the {@link ClusterJournal}; {@link #restore} rebuilds the identical index from it.
 * Not thread-safe: one instance per stream task.
 */
public final class CaseClusterer {

    private static final long DAY = 86_400L;
    private static final int GIST_CHARS = 40;

    private final ClusterRules rules;
    private final MatterTerms analysis;
    private final ClusterJournal journal;

    /** Documents (cases in the window) per term, and how many cases are in the window. */
    private final IntIntHashMap documentFrequency = new IntIntHashMap();
    private final IntObjectHashMap<TermPostings> postings = new IntObjectHashMap<>();
    /**
     * Dense index of each district's postings lists by district code; 0 ({@link #NO_DISTRICT}) holds the cases
     * without one. Never dropped: a city's districts, not its cases.
     */
    private final IntIntHashMap districtIndex = new IntIntHashMap();
    private static final int NO_DISTRICT = 0;
    private final Map<String, Cluster> clusters = new HashMap<>();
    private Doc[] ring = new Doc[1024];
    /**
     * Scratch for scoring one case, by ring slot: the dot product so far and whether it shares a specific term, and
     * the sequences touched — arrays rather than hash maps: a case visits tens of thousands of postings.
     */
    private float[] dot = new float[1024];
    private boolean[] sharesSpecific = new boolean[1024];
    private int[] touched = new int[1024];
    /**
     * Estate key, district, town and category of the case in each ring slot, as codes of {@link #names} (0: none),
     * four ints side by side: scoring a candidate reads one cache line here instead of following the case's objects
     * (that pointer chase was most of a case's time in the soak's profile).
     */
    private int[] places = new int[4 * 1024];
    private static final int ESTATE = 0;
    private static final int DISTRICT = 1;
    private static final int TOWN = 2;
    private static final int CATEGORY = 3;
    /** Codes of the names seen, never dropped: a city's estates, districts, towns and categories, not its cases. */
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>(List.of(""));
    /**
     * The estate verdict by estate code for the case being scored, valid where {@code verdictOf} holds its number:
     * judged once per estate among the candidates (thousands share a few estates), and no map cleared per case.
     */
    private EstateVerdict[] verdicts = new EstateVerdict[64];
    private int[] verdictOf = new int[64];
    private int scoring;

    /** An earlier case's estate against this case's: the same (or a typo of it), named in its text, or another. */
    private enum EstateVerdict { SAME, NAMED, OTHER }
    private int headSeq;
    private int nextSeq;
    private long streamTime = Long.MIN_VALUE;
    private ZoneOffset zone = ZoneOffset.UTC;

    public CaseClusterer(ClusterRules rules, ClusterJournal journal) {
        this.rules = rules;
        this.analysis = new MatterTerms(rules.analysis(), rules.maxChars());
        this.journal = journal;
    }

    public ClusterRules rules() {
        return rules;
    }

    /** Cases in the window. */
    public int size() {
        return nextSeq - headSeq;
    }

    public int clusterCount() {
        return clusters.size();
    }

    /** Clusters one case; cases that the case's event time pushes out of the window leave first. */
    public ClusterAssignment assign(ClusterCase c) {
        List<ClusterEvent> events = new ArrayList<>();
        long at = c.receivedAt() == null ? Math.max(streamTime, 0) : c.receivedAt().toEpochSecond();
        int offset = c.receivedAt() == null ? zone.getTotalSeconds() : c.receivedAt().getOffset().getTotalSeconds();
        zone = ZoneOffset.ofTotalSeconds(offset);
        events.addAll(advanceTo(at));

        IntIntHashMap counts = analysis.count(c.subject(), c.text(), c.estate(), c.town(), c.district());
        Vector v = vector(counts);
        // The case's own words, folded as estate keys are: an estate it names is not another estate to it, even
        // when intake took a larger area for its estate (武广新城 for 武广新城片区的伊景园滨河苑).
        String written = EstateNames.key((c.subject() == null ? "" : c.subject()) + "。" + (c.text() == null ? "" : c.text()));
        String words = written == null ? "" : written;
        List<Scored> candidates = candidates(v, c, words);

        List<Neighbour> nearest = new ArrayList<>();
        for (int i = 0; i < Math.min(rules.nearest(), candidates.size()); i++) {
            Scored s = candidates.get(i);
            nearest.add(new Neighbour(s.doc.entry.caseId(), s.doc.cluster.id, round(s.score)));
        }

        Cluster target;
        boolean founded;
        boolean separateEstates = rules.place().rejectsDifferentEstates();
        Scored best = candidates.stream()
                .filter(s -> !separateEstates || s.doc.cluster.admits(c.estateKey(), words))
                .findFirst().orElse(null);
        OffsetDateTime when = OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), zone);
        if (best != null && best.score >= rules.join()) {
            founded = false;
            target = best.doc.cluster;
            // Other clusters holding a case about as close as the nearest: the same matter, so one cluster.
            Map<Cluster, Double> matched = new LinkedHashMap<>();
            matched.put(target, best.score);
            for (Scored s : candidates) {
                if (s.score >= rules.merge() && !matched.containsKey(s.doc.cluster)
                        && (!separateEstates || matched.keySet().stream()
                                .allMatch(m -> s.doc.cluster.compatible(m, words)))) {
                    matched.put(s.doc.cluster, s.score);
                }
            }
            if (matched.size() > 1) {
                target = merge(matched, c.caseId(), when, events);
            }
            best.doc.hits++;
            journal.memberChanged(best.doc.entry.caseId(), best.doc.membership());
        } else {
            founded = true;
            target = new Cluster("cl-" + c.caseId(), at);
            clusters.put(target.id, target);
        }

        int[] terms = counts.keys().toArray();
        Arrays.sort(terms);
        IndexedCase entry = new IndexedCase(nextSeq, c.caseId(), at, offset, c.district(), c.town(), c.estate(),
                c.estateKey(), c.category(), c.accusedUnit(), gist(c), terms, v.terms, v.weights);
        Doc doc = add(entry);
        doc.cluster = target;
        target.add(doc);
        journal.indexed(entry);
        journal.memberChanged(entry.caseId(), doc.membership());

        List<ClusterGrowthSignal> signals = new ArrayList<>();
        growth(target, at).ifPresent(signals::add);
        journal.clusterChanged(target.record());
        return new ClusterAssignment(c.caseId(), target.id, target.members.size(), founded, List.copyOf(nearest),
                List.copyOf(events), List.copyOf(signals));
    }

    /**
     * Moves event time forward to {@code at} (epoch seconds): cases older than the window leave the index, and a
     * cluster whose last case left is reported as expired.
     */
    public List<ClusterEvent> advanceTo(long at) {
        if (at <= streamTime) {
            return List.of();
        }
        streamTime = at;
        long cutoff = at - rules.windowDays() * DAY;
        List<ClusterEvent> events = new ArrayList<>();
        Set<Cluster> changed = new LinkedHashSet<>();
        while (headSeq < nextSeq && ring(headSeq).entry.at() < cutoff) {
            Doc d = ring(headSeq);
            remove(d);
            Cluster cl = d.cluster;
            cl.remove(d);
            changed.add(cl);
            journal.expired(d.entry.caseId());
        }
        for (Cluster cl : changed) {
            if (cl.members.isEmpty()) {
                clusters.remove(cl.id);
                journal.clusterRemoved(cl.id);
                events.add(new ClusterEvent("expired:" + cl.id, "expired", cl.id, List.of(), null, null, 0,
                        OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), zone)));
            } else {
                journal.clusterChanged(cl.record());
            }
        }
        return events;
    }

    /**
     * Rebuilds the index from what the journal kept: cases in their arrival order, each case's cluster, the clusters.
     * The rebuilt clusterer decides every later case exactly as the one before the restart would have.
     */
    public void restore(Iterable<IndexedCase> cases, Map<String, ClusterMember> memberships,
                        Iterable<ClusterRecord> records) {
        if (nextSeq != 0) {
            throw new IllegalStateException("restore into an empty clusterer only");
        }
        List<IndexedCase> ordered = new ArrayList<>();
        cases.forEach(ordered::add);
        ordered.sort(Comparator.comparingInt(IndexedCase::seq));
        List<Doc> docs = new ArrayList<>(ordered.size());
        // Cases leave the index only from its oldest end, so the stored sequences are contiguous.
        if (!ordered.isEmpty()) {
            headSeq = ordered.get(0).seq();
            nextSeq = headSeq;
        }
        for (IndexedCase e : ordered) {
            Doc d = add(e);
            docs.add(d);
            streamTime = Math.max(streamTime, e.at());
            zone = ZoneOffset.ofTotalSeconds(e.offset());
        }
        Map<String, Cluster> recorded = new HashMap<>();
        for (ClusterRecord r : records) {
            Cluster cl = new Cluster(r.clusterId(), r.foundedAt());
            cl.signalled = r.signalled();
            cl.growthVersion = r.growthVersion();
            cl.firstSignalAt = r.firstSignalAt();
            recorded.put(cl.id, cl);
        }
        List<Doc> alone = new ArrayList<>();
        // In arrival order, so each cluster's members are too.
        for (Doc d : docs) {
            ClusterMember m = memberships.get(d.entry.caseId());
            Cluster cl = m == null ? null : recorded.get(m.clusterId());
            if (cl == null) {
                alone.add(d);
                continue;
            }
            d.cluster = cl;
            d.hits = m.hits();
            cl.add(d);
            clusters.putIfAbsent(cl.id, cl);
        }
        // A case without a known cluster (its record was lost): it stands alone rather than vanish.
        for (Doc d : alone) {
            Cluster cl = new Cluster("cl-" + d.entry.caseId(), d.entry.at());
            d.cluster = cl;
            cl.add(d);
            clusters.put(cl.id, cl);
        }
    }

    /** The current clusters with their cases, for reading (tests). */
    public List<ClusterView> clusters() {
        return clusters.values().stream().sorted(Comparator.comparing((Cluster cl) -> cl.id)).map(cl -> {
            Map<String, Integer> hits = new LinkedHashMap<>();
            cl.members.forEach(d -> hits.put(d.entry.caseId(), d.hits));
            return new ClusterView(cl.record(), hits);
        }).toList();
    }

    // --- vectors and candidates -------------------------------------------------------------------------------

    private record Vector(int[] terms, float[] weights) {
    }

    private record Scored(Doc doc, double score) {
    }

    /** TF-IDF (sublinear tf) over the window's document frequencies, the heaviest {@code maxTerms}, unit length. */
    private Vector vector(IntIntHashMap counts) {
        int n = counts.size();
        int[] terms = new int[n];
        double[] w = new double[n];
        int i = 0;
        double docs = size();
        for (IntIntCursor t : counts) {
            terms[i] = t.key;
            double idf = Math.log(1 + (docs + 1) / (documentFrequency.getOrDefault(t.key, 0) + 1));
            w[i] = (1 + Math.log(t.value)) * idf;
            i++;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> w[a] != w[b] ? Double.compare(w[b], w[a]) : Integer.compare(terms[a], terms[b]));
        int keep = Math.min(n, rules.maxTerms());
        double norm = 0;
        for (int k = 0; k < keep; k++) {
            norm += w[order[k]] * w[order[k]];
        }
        norm = Math.sqrt(norm);
        int[] top = new int[keep];
        float[] weights = new float[keep];
        for (int k = 0; k < keep; k++) {
            top[k] = terms[order[k]];
            weights[k] = (float) (w[order[k]] / norm);
        }
        return new Vector(top, weights);
    }

    /**
     * Earlier cases sharing terms, scored and ordered (best first, then the earlier case): every case that may join or
     * merge, then the nearest few of the others.
     */
    private List<Scored> candidates(Vector v, ClusterCase c, String written) {
        int count = 0;
        int mask = ring.length - 1;
        // Rarity needs a window large enough to show it (1 / share cases); until then only a term that the case
        // shares with one earlier case at most counts as specific.
        int specific = Math.max(1, (int) (size() * rules.place().specificTermMaxShare()));
        int districtCode = code(c.district());
        int ownDistrict = districtIndex.getOrDefault(districtCode, -1);
        int cap = rules.postingsScan();
        for (int k = 0; k < v.terms.length; k++) {
            TermPostings tp = postings.get(v.terms[k]);
            if (tp == null) {
                continue;
            }
            boolean rare = documentFrequency.getOrDefault(v.terms[k], 0) <= specific;
            float w = v.weights[k];
            Postings[] lists = tp.byDistrict;
            if (tp.total <= cap) {
                // Every case holding the term, whatever its district.
                for (Postings p : lists) {
                    if (p != null) {
                        count = scan(p, p.start, w, rare, count);
                    }
                }
            } else if (districtCode != 0) {
                // A common term: the newest of the case's own district and of cases without one. A case of another
                // district needs a specific term to be a candidate at all (below), and reaches the case through it.
                if (ownDistrict > 0 && ownDistrict < lists.length && lists[ownDistrict] != null) {
                    Postings p = lists[ownDistrict];
                    count = scan(p, Math.max(p.start, p.end - cap), w, rare, count);
                }
                if (lists[NO_DISTRICT] != null) {
                    Postings p = lists[NO_DISTRICT];
                    count = scan(p, Math.max(p.start, p.end - cap), w, rare, count);
                }
            } else {
                // A case without a district may be about any: each district's newest, in its share of the term.
                for (Postings p : lists) {
                    if (p != null) {
                        int share = (int) Math.ceil((double) cap * (p.end - p.start) / tp.total);
                        count = scan(p, Math.max(p.start, p.end - share), w, rare, count);
                    }
                }
            }
        }
        // Only a candidate that may join or merge (score >= join or merge) needs its rank among all; of the others, only
        // the nearest few are reported. Sorting every candidate cost a fifth of a case's time.
        double strong = Math.min(rules.join(), rules.merge());
        ClusterRules.Place place = rules.place();
        List<Scored> scored = new ArrayList<>();
        NearestFew weak = new NearestFew(rules.nearest());
        // Place can raise a score by the same-estate bonus at most: a candidate whose cosine cannot reach a join or
        // a place among the nearest few even with it is passed over unread (most of the thousands touched).
        double bonus = Math.max(0, place.sameEstate());
        int estate = code(c.estateKey());
        int town = code(c.town());
        int category = code(c.category());
        scoring++;
        if (verdicts.length < names.size()) {
            verdicts = Arrays.copyOf(verdicts, names.size() * 2);
            verdictOf = Arrays.copyOf(verdictOf, names.size() * 2);
        }
        for (int t = 0; t < count; t++) {
            int seq = touched[t];
            int slot = seq & mask;
            double s = dot[slot];
            boolean specificShared = sharesSpecific[slot];
            dot[slot] = 0;
            sharesSpecific[slot] = false;
            if (s + bonus < strong && !weak.admits(seq, s + bonus)) {
                continue;
            }
            int at = 4 * slot;
            int otherEstate = places[at + ESTATE];
            if (estate != 0 && otherEstate != 0) {
                if (verdictOf[otherEstate] != scoring) {
                    String k = names.get(otherEstate);
                    verdicts[otherEstate] = EstateNames.mayBeSame(c.estateKey(), k) ? EstateVerdict.SAME
                            : written.contains(k) ? EstateVerdict.NAMED : EstateVerdict.OTHER;
                    verdictOf[otherEstate] = scoring;
                }
                EstateVerdict verdict = verdicts[otherEstate];
                if (verdict == EstateVerdict.SAME) {
                    s += place.sameEstate();
                } else if (place.rejectsDifferentEstates() && verdict == EstateVerdict.OTHER) {
                    continue;
                }
            }
            boolean otherDistrict = differ(districtCode, places[at + DISTRICT]);
            boolean otherTown = differ(town, places[at + TOWN]);
            if ((otherDistrict || otherTown) && !specificShared) {
                continue;
            }
            if (otherDistrict) {
                s -= place.differentDistrict();
            }
            if (otherTown) {
                s -= place.differentTown();
            }
            if (differ(category, places[at + CATEGORY])) {
                s -= place.differentCategory();
            }
            if (s >= strong) {
                scored.add(new Scored(ring(seq), s));
            } else if (s > 0) {
                weak.offer(seq, s);
            }
        }
        scored.sort(BEST_FIRST);
        for (int i = 0; i < weak.size; i++) {
            scored.add(new Scored(ring(weak.seqs[i]), weak.scores[i]));
        }
        return scored;
    }

    /**
     * Adds {@code w} times each posting's weight from {@code from} to the list's end, newest first, to the scores of
     * the cases in {@link #dot}; returns the number of cases touched so far.
     */
    private int scan(Postings p, int from, float w, boolean rare, int count) {
        int mask = ring.length - 1;
        if (count + (p.end - from) > touched.length) {
            touched = Arrays.copyOf(touched, Math.max(touched.length * 2, count + p.end - from));
        }
        int[] seqs = p.seqs;
        float[] weights = p.weights;
        // The hot loop (tens of thousands of postings a case): one array touched per posting. A score is above 0
        // once touched (weights are positive), so 0 marks a case not yet seen.
        for (int i = p.end - 1; i >= from; i--) {
            int seq = seqs[i];
            if (seq < headSeq) {
                break;
            }
            int slot = seq & mask;
            float d = dot[slot];
            if (d == 0) {
                touched[count++] = seq;
            }
            dot[slot] = d + w * weights[i];
            if (rare) {
                sharesSpecific[slot] = true;
            }
        }
        return count;
    }

    /**
     * The nearest few of the candidates that cannot join, best first (higher score, then the earlier case), in two
     * small arrays.
     */
    private static final class NearestFew {
        final int[] seqs;
        final double[] scores;
        int size;

        NearestFew(int capacity) {
            seqs = new int[capacity];
            scores = new double[capacity];
        }

        /** Whether a candidate scoring {@code score} would be kept. */
        boolean admits(int seq, double score) {
            if (seqs.length == 0) {
                return false;
            }
            return size < seqs.length || before(score, seq, scores[size - 1], seqs[size - 1]);
        }

        void offer(int seq, double score) {
            if (!admits(seq, score)) {
                return;
            }
            int i = Math.min(size, seqs.length - 1);
            while (i > 0 && before(score, seq, scores[i - 1], seqs[i - 1])) {
                seqs[i] = seqs[i - 1];
                scores[i] = scores[i - 1];
                i--;
            }
            seqs[i] = seq;
            scores[i] = score;
            size = Math.min(size + 1, seqs.length);
        }
    }

    /** Candidate order: the higher score first, then the earlier case. */
    private static boolean before(double score, int seq, double otherScore, int otherSeq) {
        return score > otherScore || (score == otherScore && seq < otherSeq);
    }

    private static final Comparator<Scored> BEST_FIRST = (a, b) -> before(a.score, a.doc.entry.seq(), b.score,
            b.doc.entry.seq()) ? -1 : before(b.score, b.doc.entry.seq(), a.score, a.doc.entry.seq()) ? 1 : 0;

    /** Two codes of a field, both known and not the same. */
    private static boolean differ(int a, int b) {
        return a != 0 && b != 0 && a != b;
    }

    /** The code of a name (estate key, district, town, category), given one if new; 0 for none. */
    private int code(String name) {
        if (name == null) {
            return 0;
        }
        Integer known = codes.get(name);
        if (known != null) {
            return known;
        }
        names.add(name);
        codes.put(name, names.size() - 1);
        return names.size() - 1;
    }

    // --- clusters ---------------------------------------------------------------------------------------------

    /** Makes the matched clusters one; each maps to the similarity of the case to it. */
    private Cluster merge(Map<Cluster, Double> matched, String caseId, OffsetDateTime when, List<ClusterEvent> events) {
        List<Cluster> all = new ArrayList<>(matched.keySet());
        // Deterministic: the cluster founded first keeps its id (then the smaller id).
        all.sort(Comparator.comparingLong((Cluster cl) -> cl.foundedAt).thenComparing(cl -> cl.id));
        Cluster survivor = all.get(0);
        List<ClusterEvent.Absorbed> absorbed = new ArrayList<>();
        double similarity = 0;
        for (Cluster cl : all.subList(1, all.size())) {
            absorbed.add(new ClusterEvent.Absorbed(cl.id, cl.members.stream().map(d -> d.entry.caseId()).toList()));
            similarity = Math.max(similarity, matched.get(cl));
            for (Doc d : cl.members) {
                d.cluster = survivor;
                survivor.add(d);
                journal.memberChanged(d.entry.caseId(), d.membership());
            }
            survivor.signalled = Math.max(survivor.signalled, cl.signalled);
            survivor.growthVersion = Math.max(survivor.growthVersion, cl.growthVersion);
            if (cl.firstSignalAt != 0 && (survivor.firstSignalAt == 0 || cl.firstSignalAt < survivor.firstSignalAt)) {
                survivor.firstSignalAt = cl.firstSignalAt;
            }
            clusters.remove(cl.id);
            journal.clusterRemoved(cl.id);
        }
        survivor.members.sort(Comparator.comparingInt(d -> d.entry.seq()));
        events.add(new ClusterEvent("merged:" + survivor.id + ":" + caseId, "merged", survivor.id,
                List.copyOf(absorbed), caseId, round(similarity), survivor.members.size(), when));
        return survivor;
    }

    private Optional<ClusterGrowthSignal> growth(Cluster cl, long at) {
        int size = cl.members.size();
        int crossed = 0;
        for (int s : rules.growth().sizes()) {
            if (size >= s) {
                crossed = s;
            }
        }
        if (crossed <= cl.signalled) {
            return Optional.empty();
        }
        cl.signalled = crossed;
        cl.growthVersion++;
        if (cl.firstSignalAt == 0) {
            cl.firstSignalAt = at;
        }
        Doc representative = cl.members.get(0);
        for (Doc d : cl.members) {
            if (d.hits > representative.hits) {
                representative = d;
            }
        }
        Set<String> accused = new TreeSet<>();
        for (Doc d : cl.members) {
            if (d.entry.accusedUnit() != null) {
                accused.add(d.entry.accusedUnit());
            }
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), zone);
        return Optional.of(new ClusterGrowthSignal("cluster-growth:" + cl.id, "CLUSTER_GROWTH",
                rules.growth().rule(), "open", cl.growthVersion, cl.id, size, crossed,
                cl.members.stream().map(d -> d.entry.caseId()).toList(), representative.entry.caseId(),
                representative.entry.gist(), mostCommon(cl, IndexedCase::district), mostCommon(cl, IndexedCase::town),
                mostCommon(cl, IndexedCase::estate), mostCommon(cl, IndexedCase::category), List.copyOf(accused),
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(cl.firstSignalAt), zone), now));
    }

    /** The value most members name (the earliest on a tie), or null when none names one. */
    private static String mostCommon(Cluster cl, Function<IndexedCase, String> field) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Doc d : cl.members) {
            String v = field.apply(d.entry);
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        String best = null;
        int max = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > max) {
                best = e.getKey();
                max = e.getValue();
            }
        }
        return best;
    }

    private static String gist(ClusterCase c) {
        String s = c.subject() != null && !c.subject().isBlank() ? c.subject() : c.text();
        if (s == null) {
            return null;
        }
        s = s.strip();
        return s.length() <= GIST_CHARS ? s : s.substring(0, GIST_CHARS) + "…";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    // --- the index --------------------------------------------------------------------------------------------

    private Doc ring(int seq) {
        return ring[seq & ring.length - 1];
    }

    private void ensureCapacity() {
        if (nextSeq - headSeq < ring.length) {
            return;
        }
        Doc[] bigger = new Doc[ring.length * 2];
        for (int s = headSeq; s < nextSeq; s++) {
            bigger[s & bigger.length - 1] = ring(s);
        }
        int[] biggerPlaces = new int[4 * bigger.length];
        for (int s = headSeq; s < nextSeq; s++) {
            System.arraycopy(places, 4 * (s & ring.length - 1), biggerPlaces, 4 * (s & bigger.length - 1), 4);
        }
        ring = bigger;
        places = biggerPlaces;
        dot = new float[bigger.length];
        sharesSpecific = new boolean[bigger.length];
    }

    private Doc add(IndexedCase e) {
        ensureCapacity();
        Doc d = new Doc(e);
        int slot = e.seq() & ring.length - 1;
        ring[slot] = d;
        places[4 * slot + ESTATE] = code(e.estateKey());
        places[4 * slot + DISTRICT] = code(e.district());
        places[4 * slot + TOWN] = code(e.town());
        places[4 * slot + CATEGORY] = code(e.category());
        nextSeq = e.seq() + 1;
        for (int t : e.terms()) {
            documentFrequency.addTo(t, 1);
        }
        int district = districtOf(places[4 * slot + DISTRICT]);
        for (int k = 0; k < e.top().length; k++) {
            TermPostings tp = postings.get(e.top()[k]);
            if (tp == null) {
                tp = new TermPostings();
                postings.put(e.top()[k], tp);
            }
            tp.add(district, e.seq(), e.weights()[k]);
        }
        return d;
    }

    /** The dense index of a district code's postings lists, given one if new; {@link #NO_DISTRICT} for none. */
    private int districtOf(int districtCode) {
        if (districtCode == 0) {
            return NO_DISTRICT;
        }
        int known = districtIndex.getOrDefault(districtCode, -1);
        if (known < 0) {
            known = districtIndex.size() + 1;
            districtIndex.put(districtCode, known);
        }
        return known;
    }

    /** Takes the oldest case out: its postings are at the front of each list, since cases leave in arrival order. */
    private void remove(Doc d) {
        IndexedCase e = d.entry;
        for (int t : e.terms()) {
            if (documentFrequency.addTo(t, -1) <= 0) {
                documentFrequency.remove(t);
            }
        }
        int district = districtOf(places[4 * (e.seq() & ring.length - 1) + DISTRICT]);
        for (int t : e.top()) {
            TermPostings tp = postings.get(t);
            if (tp != null && tp.dropOldest(district, e.seq())) {
                postings.remove(t);
            }
        }
        ring[e.seq() & ring.length - 1] = null;
        headSeq = e.seq() + 1;
    }

    private static final class Doc {
        final IndexedCase entry;
        Cluster cluster;
        int hits;

        Doc(IndexedCase entry) {
            this.entry = entry;
        }

        ClusterMember membership() {
            return new ClusterMember(cluster.id, hits);
        }
    }

    private static final class Cluster {
        final String id;
        final long foundedAt;
        final List<Doc> members = new ArrayList<>();
        /** Estate keys its cases name, with counts: a cluster about one estate takes no case of another. */
        final Map<String, Integer> estates = new HashMap<>();
        int signalled;
        int growthVersion;
        long firstSignalAt;

        Cluster(String id, long foundedAt) {
            this.id = id;
            this.foundedAt = foundedAt;
        }

        void add(Doc d) {
            members.add(d);
            if (d.entry.estateKey() != null) {
                estates.merge(d.entry.estateKey(), 1, Integer::sum);
            }
        }

        void remove(Doc d) {
            members.remove(d);
            if (d.entry.estateKey() != null) {
                estates.computeIfPresent(d.entry.estateKey(), (k, n) -> n == 1 ? null : n - 1);
            }
        }

        /** Whether a case at {@code estateKey} (null: none named) may belong here. */
        boolean admits(String estateKey, String words) {
            return estates.keySet().stream().allMatch(e -> EstateNames.mayBeSame(e, estateKey) || words.contains(e));
        }

        /**
         * Whether this cluster and {@code other} can be one matter: they name no two different estates, unless the
         * case that links them ({@code words}) names both.
         */
        boolean compatible(Cluster other, String words) {
            return other.estates.keySet().stream().allMatch(e -> admits(e, words) || words.contains(e));
        }

        ClusterRecord record() {
            return new ClusterRecord(id, foundedAt, signalled, growthVersion, firstSignalAt);
        }
    }

    /**
     * The cases holding one term among their heaviest, one list per district: a term common across the city is read
     * only in the case's own district, so a case's cost does not grow with the number of districts.
     */
    private static final class TermPostings {
        Postings[] byDistrict = new Postings[1];
        int total;

        void add(int district, int seq, float weight) {
            if (district >= byDistrict.length) {
                byDistrict = Arrays.copyOf(byDistrict, district + 1);
            }
            if (byDistrict[district] == null) {
                byDistrict[district] = new Postings();
            }
            byDistrict[district].add(seq, weight);
            total++;
        }

        /** Drops the posting of the case {@code seq}, the oldest of its district's list; true when none is left. */
        boolean dropOldest(int district, int seq) {
            Postings p = district < byDistrict.length ? byDistrict[district] : null;
            if (p != null && p.start < p.end && p.seqs[p.start] == seq) {
                p.start++;
                total--;
                if (p.start == p.end) {
                    byDistrict[district] = null;
                }
            }
            return total == 0;
        }
    }

    /** Cases holding one term among their heaviest, in arrival order, each with the term's weight in the case. */
    private static final class Postings {
        int[] seqs = new int[2];
        float[] weights = new float[2];
        int start;
        int end;

        void add(int seq, float weight) {
            if (end == seqs.length) {
                if (start > seqs.length / 2) {
                    System.arraycopy(seqs, start, seqs, 0, end - start);
                    System.arraycopy(weights, start, weights, 0, end - start);
                    end -= start;
                    start = 0;
                } else {
                    seqs = Arrays.copyOf(seqs, seqs.length * 2);
                    weights = Arrays.copyOf(weights, weights.length * 2);
                }
            }
            seqs[end] = seq;
            weights[end] = weight;
            end++;
        }
    }
}
