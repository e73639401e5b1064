package io.earlywarning.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.earlywarning.domain.Case;
import io.earlywarning.domain.Channel;
import io.earlywarning.place.Gazetteer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic, labelled complaint streams for the demo city: three channels in their own formats, in
 * Chinese, with per-channel hour-of-day and day-of-week patterns, about 30 % repeat petitioners, the five big
 * categories at about 60 %, injected surges on estates and districts, threats and hard negatives, and
 * whistle-blowing petitions. Deterministic: one seed, one byte sequence.
 */
public final class DemoStreamGenerator {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** RFC 3339 always with seconds: OffsetDateTime.toString() drops ":00", which the schemas rightly refuse. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    public static final OffsetDateTime DEFAULT_START = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, CHINA);

    /** Hour-of-day weights (0–23) per channel: visits in office hours, the hotline around the clock, online in the evening. */
    private static final double[] VISIT_HOURS = {0, 0, 0, 0, 0, 0, 0, 0, 3, 8, 9, 7, 1, 0, 5, 8, 8, 5, 0, 0, 0, 0, 0, 0};
    private static final double[] HOTLINE_HOURS = {1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 3, 6, 8, 8, 7, 5, 5, 7, 7, 6, 6, 5, 6, 6, 5, 3, 2};
    private static final double[] ONLINE_HOURS = {3, 2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 3, 3, 4, 3, 3, 3, 3, 3, 4, 6, 8, 9, 8, 6};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静秀英丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国文辉玉珍红梅春燕海波志宏德福";

    private static final ThreadLocal<com.ibm.icu.text.Transliterator> TRADITIONAL =
            ThreadLocal.withInitial(() -> com.ibm.icu.text.Transliterator.getInstance("Simplified-Traditional"));

    private final Gazetteer city;
    private final JsonNode vocabulary;

    public DemoStreamGenerator(Gazetteer city) {
        this.city = city;
        try (InputStream in = DemoStreamGenerator.class.getResourceAsStream("vocabulary.yaml")) {
            this.vocabulary = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A petitioner of the generated stream: identifiers as the source systems hold them. */
    private record Person(int index, String name, String phone, String idNumber, String userId) {
    }

    /** Where a matter happens. */
    private record Where(Gazetteer.District district, Gazetteer.Town town, Gazetteer.Estate estate) {
    }

    /** A same-matter cluster of the ground truth. */
    private record Matter(String id, String category, JsonNode matter, Where where) {
    }

    /** One case before it is written in a channel's format. */
    private record Draft(OffsetDateTime at, Channel channel, Person person, Matter matter, int headcount,
                         String extra, String label, String labelKind, String accusedUnit) {
    }

    public GeneratedStream generate(long seed, int days, OffsetDateTime start, int perDay) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>();
        List<Matter> matters = new ArrayList<>();
        List<Draft> drafts = new ArrayList<>();
        List<Draft> previous = new ArrayList<>();
        ArrayNode surges = JSON.createArrayNode();

        // Background volume: Poisson per channel and day, hour from the channel's profile.
        for (int day = 0; day < days; day++) {
            OffsetDateTime date = start.plusDays(day);
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            for (Channel channel : Channel.values()) {
                double share = switch (channel) {
                    case LETTERS_VISITS -> weekend ? 0.03 : 0.25;
                    case HOTLINE -> weekend ? 0.40 : 0.45;
                    case ONLINE -> weekend ? 0.38 : 0.30;
                };
                int n = poisson(random, perDay * share);
                for (int i = 0; i < n; i++) {
                    OffsetDateTime at = timeOn(random, date, channel);
                    boolean repeat = !previous.isEmpty() && random.nextDouble() < 0.30;
                    Draft d;
                    if (repeat) {
                        Draft earlier = previous.get(random.nextInt(previous.size()));
                        d = new Draft(at, channel, earlier.person(), earlier.matter(), 1, null, null, null, null);
                    } else {
                        Matter m = newMatter(random, matters, null, null);
                        d = new Draft(at, channel, newPerson(random, people), m, 1, null, null, null, null);
                    }
                    drafts.add(d);
                    previous.add(d);
                }
            }
        }

        // Surges: one estate matter every ten days or so, one district-category surge per run.
        int estateSurges = Math.max(1, days / 10);
        for (int s = 0; s < estateSurges && days >= 2; s++) {
            Matter m = newMatter(random, matters, "城乡建设", null);
            int onsetDay = 1 + random.nextInt(Math.max(1, days - 2));
            int length = Math.min(days - onsetDay, 2 + random.nextInt(3));
            int size = 12 + random.nextInt(25);
            surges.add(injectSurge(random, drafts, people, m, start.plusDays(onsetDay), length, size, "estate",
                    m.where().estate().name()));
        }
        if (days >= 3) {
            String category = random.nextBoolean() ? "劳动和社会保障" : "自然资源";
            Gazetteer.District d = city.districts().get(random.nextInt(city.districts().size()));
            Matter m = newMatter(random, matters, category, d);
            int onsetDay = 1 + random.nextInt(days - 2);
            surges.add(injectSurge(random, drafts, people, m, start.plusDays(onsetDay), Math.min(days - onsetDay, 2),
                    15 + random.nextInt(15), "district-category", d.name() + "/" + category));
        }

        drafts.sort(Comparator.comparing(Draft::at).thenComparing(d -> d.channel().ordinal()));
        // Threats, hard negatives and whistle-blowing petitions, on a small share of cases.
        List<Draft> labelled = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            double r = random.nextDouble();
            if (r < 0.012) {
                String kind = pickField(random, vocabulary.path("threats"));
                d = new Draft(d.at(), d.channel(), d.person(), d.matter(), d.headcount(),
                        pick(random, vocabulary.path("threats").path(kind)), "threat", kind, null);
            } else if (r < 0.040) {
                String kind = pickField(random, vocabulary.path("hardNegatives"));
                d = new Draft(d.at(), d.channel(), d.person(), d.matter(), d.headcount(),
                        pick(random, vocabulary.path("hardNegatives").path(kind)), "hard-negative", kind, null);
            } else if (r < 0.060 && d.channel() == Channel.LETTERS_VISITS) {
                String unit = pick(random, vocabulary.path("accusedUnits"))
                        .replace("{town}", d.matter().where().town().name())
                        .replace("{district}", d.matter().where().district().name());
                d = new Draft(d.at(), d.channel(), d.person(), d.matter(), d.headcount(),
                        pick(random, vocabulary.path("whistleblowing")).replace("{unit}", unit), "whistleblowing",
                        null, unit);
            }
            labelled.add(d);
        }
        return render(random, labelled, matters, surges, seed, days, start);
    }

    private ObjectNode injectSurge(Random random, List<Draft> drafts, List<Person> people, Matter m,
                                   OffsetDateTime onset, int lengthDays, int size, String keyType, String key) {
        ArrayNode ids = JSON.createArrayNode();
        long spanSeconds = Math.max(1, lengthDays) * 86_400L;
        for (int i = 0; i < size; i++) {
            OffsetDateTime at = onset.plusSeconds((long) (spanSeconds * Math.pow(random.nextDouble(), 1.5)));
            // Office hours for visits: move night arrivals into the morning.
            Channel channel = Channel.values()[random.nextInt(3)];
            if (channel == Channel.LETTERS_VISITS && (at.getHour() < 8 || at.getHour() > 17)) {
                at = at.withHour(9 + random.nextInt(7));
            }
            int headcount = channel == Channel.LETTERS_VISITS && random.nextDouble() < 0.3 ? 5 + random.nextInt(40) : 1;
            drafts.add(new Draft(at, channel, newPerson(random, people), m, headcount, null, null, null, null));
        }
        ObjectNode s = JSON.createObjectNode();
        s.put("keyType", keyType);
        s.put("key", key);
        s.put("matterId", m.id());
        s.put("onset", onset.format(TIME));
        s.put("end", onset.plusDays(Math.max(1, lengthDays)).format(TIME));
        s.put("injectedCases", size);
        s.set("caseIds", ids);
        return s;
    }

    private Matter newMatter(Random random, List<Matter> matters, String forcedCategory, Gazetteer.District forcedDistrict) {
        String category = forcedCategory != null ? forcedCategory : pickCategory(random);
        JsonNode c = vocabulary.path("categories").path(category);
        JsonNode matter = c.path("matters").get(random.nextInt(c.path("matters").size()));
        Gazetteer.District d = forcedDistrict != null ? forcedDistrict
                : city.districts().get(random.nextInt(city.districts().size()));
        List<Gazetteer.Town> towns = d.towns();
        Gazetteer.Town t = towns.get(random.nextInt(towns.size()));
        Gazetteer.Estate e = null;
        if (c.path("atEstate").asBoolean() || forcedCategory != null && forcedDistrict == null) {
            List<Gazetteer.Estate> estates = d.towns().stream().flatMap(x -> x.estates().stream()).toList();
            e = estates.get(random.nextInt(estates.size()));
            for (Gazetteer.Town x : d.towns()) {
                if (x.estates().contains(e)) {
                    t = x;
                }
            }
        }
        Matter m = new Matter("M" + (matters.size() + 1), category, matter, new Where(d, t, e));
        matters.add(m);
        return m;
    }

    private String pickCategory(Random random) {
        double r = random.nextDouble();
        double sum = 0;
        String last = null;
        for (Iterator<String> it = vocabulary.path("categories").fieldNames(); it.hasNext(); ) {
            last = it.next();
            sum += vocabulary.path("categories").path(last).path("share").asDouble();
            if (r < sum) {
                return last;
            }
        }
        return last;
    }

    private Person newPerson(Random random, List<Person> people) {
        int i = people.size();
        String name = SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                + String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length())))
                + (random.nextBoolean() ? String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))) : "");
        String phone = "1" + "3456789".charAt(random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
        Person p = new Person(i, name, phone, idNumber(random), "U" + String.format("%08d", 10_000_000 + i * 7919 % 89_999_999));
        people.add(p);
        return p;
    }

    /** A well-formed resident ID number (with its ISO 7064 check character) for a fictional person. */
    private static String idNumber(Random random) {
        String body = "4301" + String.format("%02d", 1 + random.nextInt(20))
                + (1950 + random.nextInt(55)) + String.format("%02d", 1 + random.nextInt(12))
                + String.format("%02d", 1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private GeneratedStream render(Random random, List<Draft> drafts, List<Matter> matters, ArrayNode surges,
                                   long seed, int days, OffsetDateTime start) {
        List<GeneratedRecord> records = new ArrayList<>();
        ArrayNode truthCases = JSON.createArrayNode();
        int[] counters = new int[3];
        for (Draft d : drafts) {
            int n = ++counters[d.channel().ordinal()];
            String sourceId = switch (d.channel()) {
                case LETTERS_VISITS -> "XF" + d.at().format(DAY) + "-" + String.format("%05d", n);
                case HOTLINE -> "GD" + d.at().format(DAY) + String.format("%06d", n);
                case ONLINE -> "W" + d.at().format(DAY) + String.format("%05d", n);
            };
            String caseId = d.channel().id() + ":" + sourceId;
            ObjectNode json = switch (d.channel()) {
                case LETTERS_VISITS -> letter(random, d, sourceId);
                case HOTLINE -> hotline(random, d, sourceId);
                case ONLINE -> online(random, d, sourceId);
            };
            records.add(new GeneratedRecord(d.channel(), d.at(), caseId, json.toString()));
            ObjectNode t = JSON.createObjectNode();
            t.put("caseId", caseId);
            t.put("receivedAt", d.at().format(TIME));
            t.put("matterId", d.matter().id());
            t.put("category", d.matter().category());
            t.put("district", d.matter().where().district().name());
            t.put("town", d.matter().where().town().name());
            t.put("estate", d.matter().where().estate() == null ? null : d.matter().where().estate().name());
            t.put("petitioner", "P" + d.person().index());
            t.put("headcount", d.headcount());
            if (d.label() != null) {
                t.put("label", d.label());
            }
            if (d.labelKind() != null) {
                t.put("labelKind", d.labelKind());
            }
            if (d.accusedUnit() != null) {
                t.put("accusedUnit", d.accusedUnit());
            }
            truthCases.add(t);
            for (JsonNode s : surges) {
                if (s.path("matterId").asText().equals(d.matter().id())) {
                    ((ArrayNode) s.path("caseIds")).add(caseId);
                }
            }
        }
        ObjectNode truth = JSON.createObjectNode();
        truth.put("seed", seed);
        truth.put("start", start.format(TIME));
        truth.put("days", days);
        ArrayNode clusters = JSON.createArrayNode();
        // Case ids by matter, in one pass: a matter-by-case scan took minutes at 100,000 cases.
        java.util.Map<String, ArrayNode> idsByMatter = new java.util.HashMap<>();
        truthCases.forEach(c -> idsByMatter.computeIfAbsent(c.path("matterId").asText(), k -> JSON.createArrayNode())
                .add(c.path("caseId").asText()));
        for (Matter m : matters) {
            ArrayNode ids = idsByMatter.getOrDefault(m.id(), JSON.createArrayNode());
            if (ids.size() >= 2) {
                ObjectNode c = JSON.createObjectNode();
                c.put("matterId", m.id());
                c.put("category", m.category());
                c.put("problem", m.matter().path("problem").asText());
                c.put("district", m.where().district().name());
                c.put("estate", m.where().estate() == null ? null : m.where().estate().name());
                c.set("caseIds", ids);
                clusters.add(c);
            }
        }
        truth.set("clusters", clusters);
        truth.set("surges", surges);
        truth.set("cases", truthCases);
        return new GeneratedStream(List.copyOf(records), truth);
    }

    private String place(Random random, Draft d) {
        Where w = d.matter().where();
        StringBuilder s = new StringBuilder(w.district().name()).append(w.town().name());
        if (w.estate() != null) {
            List<String> writings = new ArrayList<>(w.estate().aliases());
            writings.add(w.estate().name());
            String writing = writings.get(random.nextInt(writings.size()));
            // People slip: one character in twenty writings is mistyped, one in twenty is in traditional characters.
            double r = random.nextDouble();
            if (r < 0.05) {
                writing = typo(random, w.estate().name());
            } else if (r < 0.10) {
                writing = TRADITIONAL.get().transliterate(writing);
            }
            s.append(writing);
        }
        return s.toString();
    }

    /** One character of the name, not the first, replaced by a look-alike or sound-alike. */
    private static String typo(Random random, String name) {
        int i = 1 + random.nextInt(name.length() - 1);
        String slips = "园元圆苑院湾弯府付庭亭城成家佳景京华化";
        char c = slips.charAt(random.nextInt(slips.length()));
        if (c == name.charAt(i) || Character.isDigit(name.charAt(i))) {
            c = '之';
        }
        return name.substring(0, i) + c + name.substring(i + 1);
    }

    private String body(Random random, Draft d) {
        JsonNode m = d.matter().matter();
        String text = place(random, d) + pick(random, m.path("details")) + "，" + pick(random, vocabulary.path("complaints")) + "。";
        if (d.extra() != null) {
            text += d.extra() + "。";
        }
        return text + pick(random, vocabulary.path("requests")) + "。";
    }

    private ObjectNode letter(Random random, Draft d, String id) {
        ObjectNode j = JSON.createObjectNode();
        j.put("registrationNo", id);
        j.put("kind", d.headcount() > 1 || random.nextDouble() < 0.6 ? "visit" : "letter");
        j.put("receivedAt", d.at().format(TIME));
        ObjectNode p = j.putObject("petitioner");
        p.put("name", d.person().name());
        p.put("phone", d.person().phone());
        p.put("idNumber", d.person().idNumber());
        j.put("address", place(random, d) + (1 + random.nextInt(30)) + (d.matter().where().estate() != null ? "栋" : "号"));
        j.put("headcount", d.headcount());
        j.put("accusedUnit", d.accusedUnit());
        String who = d.headcount() >= Case.COLLECTIVE_HEADCOUNT ? "我们" + d.headcount() + "名群众" : "本人" + d.person().name();
        j.put("request", who + "反映：" + body(random, d) + (random.nextDouble() < 0.2 ? "联系电话" + d.person().phone() + "。" : ""));
        j.put("registeredBy", d.matter().where().district().name() + "信访局");
        return j;
    }

    private ObjectNode hotline(Random random, Draft d, String id) {
        ObjectNode j = JSON.createObjectNode();
        j.put("orderNo", id);
        j.put("callTime", d.at().format(TIME));
        j.put("callerNumber", d.person().phone());
        j.put("summary", "来电人反映：" + body(random, d));
        j.put("district", d.matter().where().district().name());
        j.put("category", d.matter().category());
        j.put("operatorId", String.format("%04d", 1 + random.nextInt(120)));
        return j;
    }

    private ObjectNode online(Random random, Draft d, String id) {
        ObjectNode j = JSON.createObjectNode();
        Where w = d.matter().where();
        j.put("submissionId", id);
        j.put("postedAt", d.at().format(TIME));
        j.put("userId", d.person().userId());
        j.put("mobile", random.nextDouble() < 0.5 ? d.person().phone() : null);
        j.put("subject", (w.estate() != null ? w.estate().name() : w.town().name()) + d.matter().matter().path("problem").asText());
        j.put("body", body(random, d).replace("。", "！").replaceFirst("！$", "！！"));
        j.put("location", w.district().name() + (random.nextBoolean() ? w.town().name() : ""));
        j.put("attachments", random.nextInt(4));
        return j;
    }

    private OffsetDateTime timeOn(Random random, OffsetDateTime date, Channel channel) {
        double[] hours = switch (channel) {
            case LETTERS_VISITS -> VISIT_HOURS;
            case HOTLINE -> HOTLINE_HOURS;
            case ONLINE -> ONLINE_HOURS;
        };
        double total = 0;
        for (double h : hours) {
            total += h;
        }
        double r = random.nextDouble() * total;
        int hour = 0;
        while (hour < 23 && r >= hours[hour]) {
            r -= hours[hour];
            hour++;
        }
        return date.withHour(hour).withMinute(random.nextInt(60)).withSecond(random.nextInt(60));
    }

    /** A Poisson count with the given mean (Knuth; the normal approximation above 50). */
    public static int poisson(Random random, double mean) {
        if (mean > 50) {
            // Normal approximation: Knuth's method underflows for large means.
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static String pick(Random random, JsonNode array) {
        return array.get(random.nextInt(array.size())).asText();
    }

    private static String pickField(Random random, JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(random.nextInt(names.size()));
    }
}
