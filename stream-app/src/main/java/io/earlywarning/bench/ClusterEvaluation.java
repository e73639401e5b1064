package io.earlywarning.bench;

import com.carrotsearch.hppc.IntFloatHashMap;
import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.cursors.IntFloatCursor;
import com.carrotsearch.hppc.cursors.IntIntCursor;
import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.cli.ClusterCommand;
import io.earlywarning.cluster.CaseClusterer;
import io.earlywarning.cluster.ClusterAssignment;
import io.earlywarning.cluster.ClusterCase;
import io.earlywarning.cluster.ClusterEvent;
import io.earlywarning.cluster.ClusterJournal;
import io.earlywarning.cluster.ClusterRules;
import io.earlywarning.cluster.MatterTerms;
import io.earlywarning.domain.Case;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.replay.OfflineIntake;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.topology.JsonSerde;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Clustering quality: B-cubed precision, recall and F1 of the production clusterer and of two baselines on three
 * labelled sets, all measured in one run. B-cubed scores each case by how much of its predicted cluster shares its
 * true group (precision) and how much of its true group it was put with (recall); unlabelled cases (the rest of the
 * real board) are clustered with the others but not scored.
 *
 * <p>Baselines, each given its best single threshold on each set (an advantage the production clusterer, with one
 * fixed configuration, does not get): Lucene {@link MoreLikeThis} top-1 among the earlier cases in the window, and
 * character-bigram TF-IDF cosine to the nearest earlier case in the window. A case joins its nearest earlier case's
 * cluster when the score clears the threshold.
 */
public final class ClusterEvaluation {

    /** A case and its true group (null: not labelled, clustered but not scored). */
    public record Item(ClusterCase aCase, String label) {
    }

    public record Dataset(String name, String description, List<Item> items) {
        long labelled() {
            return items.stream().filter(i -> i.label() != null).count();
        }

        long groups() {
            return items.stream().filter(i -> i.label() != null).map(Item::label).distinct().count();
        }
    }

    public record Scores(double precision, double recall, double f1) {
    }

    private static final long DAY = 86_400L;

    private ClusterEvaluation() {
    }

    // --- the three sets ---------------------------------------------------------------------------------------

    /** The generator's stream through offline intake; the truth's matter of each case is its group. */
    public static Dataset generated(long seed, int days, int perDay) {
        GeneratedStream stream = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY))
                .generate(seed, days, DemoStreamGenerator.DEFAULT_START, perDay);
        Map<String, String> matter = new HashMap<>();
        for (JsonNode c : stream.truth().path("cases")) {
            matter.put(c.path("caseId").asText(), c.path("matterId").asText());
        }
        OfflineIntake intake = OfflineIntake.of(AppConfig.from(Map.of("EW_GAZETTEER", "demo-city")));
        List<Case> cases = intake.normalize(stream.records().stream().map(ReplayRecord::of).toList());
        List<Item> items = cases.stream()
                .map(c -> new Item(ClusterCase.of(c), matter.get(c.caseId()))).toList();
        return new Dataset("generated", "generator's matters, seed " + seed + ", " + days + " days × " + perDay
                + "/day, through intake", items);
    }

    /** The hand-written set: texts only (and arrival times); places found in the text as the command line does. */
    public static Dataset handLabelled() {
        PlaceResolver places = new PlaceResolver(Gazetteer.load(Gazetteer.DEMO_CITY));
        List<Item> items = new ArrayList<>();
        for (JsonNode j : lines(resource("cluster-hand-labelled.jsonl"))) {
            items.add(new Item(ClusterCommand.caseOf(j, places), j.path("group").asText()));
        }
        return new Dataset("hand-labelled", "written for this benchmark (`cluster-hand-labelled.jsonl`)", items);
    }

    /** The whole real board through intake; the messages labelled by reading are scored. */
    public static Dataset aCity(Path messages) throws IOException {
        Map<String, String> group = new HashMap<>();
        for (JsonNode j : lines(resource("cluster-a-city-labels.jsonl"))) {
            group.put("online:" + j.path("messageId").asText(), j.path("group").asText());
        }
        OfflineIntake intake = OfflineIntake.of(AppConfig.from(Map.of("EW_GAZETTEER", "a-city")));
        List<Case> cases = intake.normalize(ReplaySource.read(messages, IntakeFormat.A_CITY_MESSAGES));
        List<Item> items = cases.stream().map(c -> new Item(ClusterCase.of(c), group.get(c.caseId()))).toList();
        return new Dataset("A-city board", "all " + cases.size() + " messages clustered, the "
                + group.size() + " read and labelled by hand scored (`cluster-a-city-labels.jsonl`)", items);
    }

    private static String resource(String name) {
        try (InputStream in = ClusterEvaluation.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> lines(String text) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JsonSerde.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // --- B-cubed ----------------------------------------------------------------------------------------------

    /** B-cubed over the labelled items; {@code predicted} holds a cluster id per item. */
    public static Scores bcubed(List<Item> items, List<String> predicted) {
        Map<String, Integer> clusterSize = new HashMap<>();
        Map<String, Integer> groupSize = new HashMap<>();
        Map<String, Integer> both = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String label = items.get(i).label();
            if (label == null) {
                continue;
            }
            clusterSize.merge(predicted.get(i), 1, Integer::sum);
            groupSize.merge(label, 1, Integer::sum);
            both.merge(predicted.get(i) + "\u0000" + label, 1, Integer::sum);
        }
        double p = 0;
        double r = 0;
        int n = 0;
        for (int i = 0; i < items.size(); i++) {
            String label = items.get(i).label();
            if (label == null) {
                continue;
            }
            int shared = both.get(predicted.get(i) + "\u0000" + label);
            p += (double) shared / clusterSize.get(predicted.get(i));
            r += (double) shared / groupSize.get(label);
            n++;
        }
        p /= n;
        r /= n;
        return new Scores(p, r, 2 * p * r / (p + r));
    }

    // --- the production clusterer -----------------------------------------------------------------------------

    /** Each case's cluster at the end of the stream: later merges applied to earlier cases. */
    public static List<String> production(ClusterRules rules, List<Item> items) {
        return production(rules, items, new long[items.size()]);
    }

    /** The same, with the nanoseconds each case took put in {@code nanos} (by item). */
    public static List<String> production(ClusterRules rules, List<Item> items, long[] nanos) {
        CaseClusterer clusterer = new CaseClusterer(rules, ClusterJournal.none());
        List<String> assigned = new ArrayList<>(items.size());
        Map<String, String> mergedInto = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            long t = System.nanoTime();
            ClusterAssignment a = clusterer.assign(items.get(i).aCase());
            nanos[i] = System.nanoTime() - t;
            assigned.add(a.clusterId());
            for (ClusterEvent e : a.events()) {
                for (ClusterEvent.Absorbed absorbed : e.absorbed()) {
                    mergedInto.put(absorbed.clusterId(), e.clusterId());
                }
            }
        }
        List<String> finalIds = new ArrayList<>(assigned.size());
        for (String id : assigned) {
            String f = id;
            while (mergedInto.containsKey(f)) {
                f = mergedInto.get(f);
            }
            finalIds.add(f);
        }
        return finalIds;
    }

    // --- baselines --------------------------------------------------------------------------------------------

    /** For each case, its nearest earlier case in the window (-1 if none) and the score. */
    public record Nearest(int[] index, double[] score) {

        /** Clusters by joining each case to its nearest earlier case's cluster when the score reaches {@code t}. */
        public List<String> linkAbove(double t) {
            String[] cluster = new String[index.length];
            for (int i = 0; i < index.length; i++) {
                cluster[i] = index[i] >= 0 && score[i] >= t ? cluster[index[i]] : "b" + i;
            }
            return List.of(cluster);
        }

        /** The threshold of best B-cubed F1 among the scores' quantiles, and that F1. */
        public double[] best(List<Item> items) {
            TreeSet<Double> candidates = new TreeSet<>();
            double[] sorted = score.clone();
            java.util.Arrays.sort(sorted);
            for (int q = 0; q <= 200; q++) {
                candidates.add(sorted[Math.min(sorted.length - 1, q * (sorted.length - 1) / 200)]);
            }
            candidates.add(Double.MAX_VALUE);
            double bestT = 0;
            double bestF = -1;
            for (double t : candidates) {
                double f = bcubed(items, linkAbove(t)).f1();
                if (f > bestF) {
                    bestF = f;
                    bestT = t;
                }
            }
            return new double[]{bestT, bestF};
        }
    }

    /** Lucene MoreLikeThis (CJK bigram analyzer, BM25): the top-1 earlier case in the window and its score. */
    public static Nearest moreLikeThis(List<Item> items, int windowDays) throws IOException {
        int n = items.size();
        int[] index = new int[n];
        double[] score = new double[n];
        CJKAnalyzer analyzer = new CJKAnalyzer();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            DirectoryReader reader = null;
            for (int i = 0; i < n; i++) {
                ClusterCase c = items.get(i).aCase();
                String text = text(c);
                long at = c.receivedAt() == null ? 0 : c.receivedAt().toEpochSecond();
                index[i] = -1;
                if (i > 0) {
                    DirectoryReader newer = reader == null ? DirectoryReader.open(writer)
                            : DirectoryReader.openIfChanged(reader, writer);
                    if (newer != null) {
                        if (reader != null) {
                            reader.close();
                        }
                        reader = newer;
                    }
                    MoreLikeThis mlt = new MoreLikeThis(reader);
                    mlt.setAnalyzer(analyzer);
                    mlt.setFieldNames(new String[]{"text"});
                    mlt.setMinTermFreq(1);
                    mlt.setMinDocFreq(1);
                    Query like = mlt.like("text", new StringReader(text));
                    Query query = new BooleanQuery.Builder()
                            .add(like, BooleanClause.Occur.MUST)
                            .add(LongPoint.newRangeQuery("at", at - windowDays * DAY, Long.MAX_VALUE),
                                    BooleanClause.Occur.FILTER)
                            .build();
                    TopDocs top = new IndexSearcher(reader).search(query, 1);
                    if (top.scoreDocs.length > 0) {
                        index[i] = reader.storedFields().document(top.scoreDocs[0].doc).getField("i")
                                .numericValue().intValue();
                        score[i] = top.scoreDocs[0].score;
                    }
                }
                Document d = new Document();
                d.add(new TextField("text", text, Field.Store.NO));
                d.add(new LongPoint("at", at));
                d.add(new StoredField("i", i));
                writer.addDocument(d);
            }
            if (reader != null) {
                reader.close();
            }
        }
        return new Nearest(index, score);
    }

    /** Character-bigram TF-IDF (IDF over the whole set), cosine to every earlier case in the window: the nearest. */
    public static Nearest bigramTfIdf(List<Item> items, int windowDays) {
        int n = items.size();
        MatterTerms analysis = new MatterTerms("bigrams", Integer.MAX_VALUE);
        List<IntIntHashMap> counts = new ArrayList<>(n);
        IntIntHashMap df = new IntIntHashMap();
        for (Item item : items) {
            IntIntHashMap c = analysis.count(null, text(item.aCase()));
            counts.add(c);
            for (IntIntCursor t : c) {
                df.addTo(t.key, 1);
            }
        }
        Map<Integer, List<float[]>> postings = new HashMap<>();
        int[] index = new int[n];
        double[] score = new double[n];
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            ClusterCase c = items.get(i).aCase();
            at[i] = c.receivedAt() == null ? 0 : c.receivedAt().toEpochSecond();
            IntFloatHashMap v = new IntFloatHashMap();
            double norm = 0;
            for (IntIntCursor t : counts.get(i)) {
                double w = (1 + Math.log(t.value)) * Math.log((double) n / df.get(t.key));
                v.put(t.key, (float) w);
                norm += w * w;
            }
            norm = Math.sqrt(norm);
            IntFloatHashMap dot = new IntFloatHashMap();
            for (IntFloatCursor t : v) {
                float w = (float) (t.value / norm);
                List<float[]> p = postings.get(t.key);
                if (p != null) {
                    for (float[] e : p) {
                        dot.addTo((int) e[0], w * e[1]);
                    }
                }
            }
            index[i] = -1;
            for (IntFloatCursor e : dot) {
                if (at[e.key] >= at[i] - windowDays * DAY && (e.value > score[i]
                        || e.value == score[i] && e.key < index[i])) {
                    index[i] = e.key;
                    score[i] = e.value;
                }
            }
            for (IntFloatCursor t : v) {
                // Exact for indexes below 2^24, far above any set here.
                postings.computeIfAbsent(t.key, k -> new ArrayList<>()).add(new float[]{i, (float) (t.value / norm)});
            }
        }
        return new Nearest(index, score);
    }

    private static String text(ClusterCase c) {
        return (c.subject() == null ? "" : c.subject() + "。") + (c.text() == null ? "" : c.text());
    }

    static boolean available(Path messages) {
        return Files.exists(messages);
    }
}
