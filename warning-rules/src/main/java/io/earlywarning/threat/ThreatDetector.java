package io.earlywarning.threat;

import io.earlywarning.text.ChineseTextNormalizer;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds threats of self-harm or violence (扬言) in complaint text, and leaves alone the angry but lawful.
 *
 * <p>All rule phrases go into one Aho-Corasick automaton over the text's sounds ({@link PhoneticText}), so one pass
 * finds every act, means, target and every cue that cancels them. A threat is an act the writer says they will
 * commit (or a means they say they have prepared), unless it is negated (我不会想不开), a figure of speech (笑死人),
 * an everyday word sharing characters (炸鸡, 打农药), a reported hazard (火灾隐患) or somebody else's act (听说有人跳楼).
 * Pure: no Kafka; the same object serves the stream stage and the {@code threats} command. Thread-safe.
 */
public final class ThreatDetector {

    enum Role {
        ACT, MEANS, PREPARATION, TARGET, PLACE, CONDITION, DEADLINE, FIRST_PERSON, NEGATION, THIRD_PARTY,
        FIGURE, EVERYDAY, HAZARD, LAWFUL, OTHER_PERSON, INTENT, HARM_VERB, RESOLVE, SPEECH, USE, LEDGE, DESPAIR,
        KNOWING, WHEREABOUTS, FAMILY, RETRACTION;

        /** Names somebody who may speak or act: the writer's side, another person, a third party or a target. */
        boolean person() {
            return this == FIRST_PERSON || this == OTHER_PERSON || this == THIRD_PARTY || this == TARGET;
        }
    }

    /**
     * A rule phrase: its role, its text, the category it signals (acts and means), its sounds (a code each), and
     * whether it names the writer (a {@code firstPerson} phrase, not one of the {@code writersGroup}).
     */
    record Phrase(Role role, String text, ThreatCategory category, String sounds, String folded, boolean writer) {
        String ruleId() {
            return role.name().toLowerCase() + (category == null ? "" : "." + category.id()) + ":" + text;
        }

        int syllables() {
            return sounds.length();
        }

        /** What a text's matches start from: an act, a means, a harm verb, a ledge or whereabouts. Without one, a text is no threat. */
        boolean trigger() {
            return role == Role.ACT || role == Role.MEANS || role == Role.HARM_VERB || role == Role.LEDGE
                    || role == Role.WHEREABOUTS;
        }
    }

    /** A phrase found in a text, by unit indexes (inclusive). */
    record Match(Phrase phrase, int first, int last, int clause, boolean asWritten) {
        boolean overlaps(Match o) {
            return first <= o.last && o.first <= last;
        }

        /** Inside {@code o} and shorter than it. */
        boolean within(Match o) {
            return o.first <= first && last <= o.last && last - first < o.last - o.first;
        }
    }

    private static final int NEGATION_REACH = 6;
    /** How far (in characters) the writer's knowing verb reaches to the whereabouts it found out (我已经打听到了他孩子在哪). */
    private static final int KNOWING_REACH = 10;
    /** How far (in characters) before a fire or explosion word a reported hazard still explains it. */
    private static final int HAZARD_REACH = 80;
    /** How far (in characters) a person named before an act is still its subject (提箱员在休息室上吊自杀). */
    private static final int OTHER_PERSON_REACH = 12;
    /** How far (in characters) a word of resolve (就, 要, 只能) reaches forward to its harm verb. */
    private static final int RESOLVE_REACH = 18;
    /** How far (in characters) after the writer's resolve a ledge is where they are going (今晚我就从这个烂尾楼顶上下去). */
    private static final int LEDGE_REACH = 8;
    private static final Set<String> LEDGE_PARTICLES = Set.of("上", "边", "里", "了", "去");
    /** Parts of the body: a victim, when a harm verb's object (把那个村主任的腿打断, 泼他一脸). */
    private static final Set<String> BODY = Set.of("腿", "手", "头", "脸", "胳膊", "脑袋", "眼睛");
    /** A count after a harm verb is its victims or blows (捅他几刀, 来几个我砍几个, 打一顿). */
    private static final Set<String> COUNTS = Set.of("几", "一", "两", "三", "个", "刀", "顿", "拳");
    /** 把 and 将 put a verb's object before it (我就把他家的店砸了, 我就把液化气罐打开). */
    private static final Set<String> DISPOSAL = Set.of("把", "将");
    /** How many phrases before its own the subject of a verb is looked for (我这把老骨头不要了，就死在…). */
    private static final int SUBJECT_PHRASES = 2;
    private static final Set<String> OBJECT_MARKERS = Set.of("把", "将", "让", "给", "对", "跟", "和", "找", "被",
            "见", "堵", "打", "骂", "砍", "捅", "杀", "从", "去", "往"); // and verbs whose object a person right after them is (见他一次打他一次)
    /** Characters that name a person as the object of a harm verb (把他打残, 砍谁, 见一个捅一个人). */
    private static final Set<String> PERSONS = Set.of("他", "她", "谁", "人", "你");
    private static final Set<String> DIRECTIONS = Set.of("下", "进", "出", "回", "过"); // not 上: 晚上去他厂里
    private static final Set<String> CARRY_VERBS = Set.of("带", "拉", "叫", "喊", "抱", "抓", "逮");
    private static final Set<String> PARTICLES = Set.of("着", "上", "到", "了");
    /** A person followed by these owns something rather than does something (我们家的窗户, 我的钱). */
    private static final Set<String> POSSESSIVE = Set.of("的", "家");
    /** After a possessive, people who act for its owner (拆迁队的人, 包工头的弟弟, 老板的手下): the owner's side. */
    private static final Set<String> ASSOCIATES = Set.of("人", "弟弟", "哥哥", "兄弟", "亲戚", "手下", "小弟", "打手");
    private static final String[] SEVERITIES = {"low", "medium", "high", "critical"};

    /** In an operator's or clerk's summary these name the petitioner (来电人称…她就从…跳下去). */
    private static final Set<String> SUMMARY_PRONOUNS = Set.of("他", "她");
    /** In a summary, the petitioner's own threatening speech (来电人…扬言…就要拿锄头…), not a third party's. */
    private static final Set<String> SUMMARY_SPEECH = Set.of("扬言", "声称", "威胁");
    private static final Set<String> NOT_A_PRONOUN_AFTER_QI = Set.of("他", "中", "实", "余", "次", "它");
    private static final Phrase SUMMARY_QI = new Phrase(Role.FIRST_PERSON, "其", null, PhoneticText.soundsOf("其"), "其", true);
    /** 没有放火的念头: an act named as an intent the writer denies. */
    private static final Set<String> INTENT_NOUNS = Set.of("念头", "想法", "打算", "意思");
    private static final Set<String> DENIALS = Set.of("没", "不", "无");
    /** 想过一死了之，但…不会这样做: a negation that refers back to the act. */
    private static final Set<String> BACK_REFERENCES = Set.of("这样做", "这么做", "那样做", "这种事", "这样的事");

    private final Set<String> summaryWriters;

    /** Double-array Aho-Corasick over sound codes: no boxing per character (measured 1.8x org.ahocorasick's Trie). */
    private final AhoCorasickDoubleArrayTrie<List<Phrase>> automaton = new AhoCorasickDoubleArrayTrie<>();

    public ThreatDetector(ThreatRules rules) {
        this.summaryWriters = Set.copyOf(rules.summaryWriters());
        Map<String, List<Phrase>> phrasesByKey = new TreeMap<>(); // by sounds: the automaton's keys
        rules.acts().forEach((c, list) -> list.forEach(p -> add(phrasesByKey, Role.ACT, p, c)));
        rules.means().forEach((p, c) -> add(phrasesByKey, Role.MEANS, p, c));
        rules.preparation().forEach(p -> add(phrasesByKey, Role.PREPARATION, p, null));
        rules.targets().forEach(p -> add(phrasesByKey, Role.TARGET, p, null));
        rules.places().forEach(p -> add(phrasesByKey, Role.PLACE, p, null));
        rules.conditions().forEach(p -> add(phrasesByKey, Role.CONDITION, p, null));
        rules.deadlines().forEach(p -> add(phrasesByKey, Role.DEADLINE, p, null));
        rules.firstPerson().forEach(p -> add(phrasesByKey, Role.FIRST_PERSON, p, null, true));
        rules.writersGroup().forEach(p -> add(phrasesByKey, Role.FIRST_PERSON, p, null));
        rules.negations().forEach(p -> add(phrasesByKey, Role.NEGATION, p, null));
        rules.thirdParty().forEach(p -> add(phrasesByKey, Role.THIRD_PARTY, p, null));
        rules.figures().forEach(p -> add(phrasesByKey, Role.FIGURE, p, null));
        rules.everyday().forEach(p -> add(phrasesByKey, Role.EVERYDAY, p, null));
        rules.hazards().forEach(p -> add(phrasesByKey, Role.HAZARD, p, null));
        rules.lawful().forEach(p -> add(phrasesByKey, Role.LAWFUL, p, null));
        rules.otherPeople().forEach(p -> add(phrasesByKey, Role.OTHER_PERSON, p, null));
        rules.intent().forEach(p -> add(phrasesByKey, Role.INTENT, p, null));
        rules.harmVerbs().forEach((c, list) -> list.forEach(p -> add(phrasesByKey, Role.HARM_VERB, p, c)));
        rules.resolve().forEach(p -> add(phrasesByKey, Role.RESOLVE, p, null));
        rules.speech().forEach(p -> add(phrasesByKey, Role.SPEECH, p, null));
        rules.use().forEach((c, list) -> list.forEach(p -> add(phrasesByKey, Role.USE, p, c)));
        rules.ledges().forEach(p -> add(phrasesByKey, Role.LEDGE, p, ThreatCategory.SELF_HARM));
        rules.despair().forEach(p -> add(phrasesByKey, Role.DESPAIR, p, null));
        rules.knowing().forEach(p -> add(phrasesByKey, Role.KNOWING, p, null));
        rules.whereabouts().forEach(p -> add(phrasesByKey, Role.WHEREABOUTS, p, ThreatCategory.VIOLENCE));
        rules.family().forEach(p -> add(phrasesByKey, Role.FAMILY, p, null));
        rules.retractions().forEach(p -> add(phrasesByKey, Role.RETRACTION, p, null));
        automaton.build(phrasesByKey);
    }

    private static void add(Map<String, List<Phrase>> phrasesByKey, Role role, String text, ThreatCategory category) {
        add(phrasesByKey, role, text, category, false);
    }

    private static void add(Map<String, List<Phrase>> phrasesByKey, Role role, String text, ThreatCategory category,
                            boolean writer) {
        String sounds = PhoneticText.soundsOf(text);
        if (sounds.isEmpty()) {
            throw new IllegalArgumentException("threat rule phrase without any character: '" + text + "'");
        }
        String folded = ChineseTextNormalizer.fold(text).replaceAll("[^\\p{IsHan}a-z0-9]", "");
        phrasesByKey.computeIfAbsent(sounds, k -> new ArrayList<>()).add(new Phrase(role, text, category, sounds, folded, writer));
    }

    public ThreatAssessment assess(String text) {
        if (text == null || text.isBlank()) {
            return ThreatAssessment.NONE;
        }
        PhoneticText pt = PhoneticText.of(text);
        List<Match> found = find(pt);
        if (found.stream().noneMatch(m -> m.phrase().trigger())) {
            return ThreatAssessment.NONE; // most texts: no act, means or harm verb at all
        }
        List<Match> matches = cuesInOrdinaryWordsRemoved(objectsRemoved(asSummary(found, pt), pt));
        // Cues are looked up in their own clause only; exclusions are few. Keeps long texts linear.
        Map<Integer, List<Match>> byClause = new HashMap<>();
        List<Match> exclusions = new ArrayList<>();
        List<Match> hazards = new ArrayList<>();
        for (Match m : matches) {
            if (m.phrase().role() == Role.HAZARD) {
                hazards.add(m);
            }
            byClause.computeIfAbsent(m.clause(), c -> new ArrayList<>()).add(m);
            if (m.phrase().role() == Role.FIGURE || m.phrase().role() == Role.EVERYDAY || m.phrase().role() == Role.HAZARD) {
                exclusions.add(m);
            }
        }
        List<Match> evidence = new ArrayList<>();
        for (Match m : matches) {
            List<Match> clause = byClause.get(m.clause());
            boolean counts = switch (m.phrase().role()) {
                case ACT -> !cancelled(m, clause, exclusions, pt) && !reported(m, clause, hazards, pt)
                        && !(m.phrase().category() == ThreatCategory.VIOLENCE && passive(m, pt))
                        && (m.asWritten() || m.phrase().syllables() > 2 || spokenByWriter(m, clause));
                case MEANS -> (prepared(m, clause, pt) || used(m, clause, pt)) && !cancelled(m, clause, exclusions, pt)
                        && !reported(m, clause, hazards, pt); // 保安拿着电棍威胁业主: another's means
                case HARM_VERB -> (m.asWritten() || typedAsPinyin(m, pt)) && !pt.question(m.clause()) && !passive(m, pt) && resolved(m, clause, pt)
                        && !cancelled(m, clause, exclusions, pt) && !reported(m, clause, hazards, pt) && !lawful(m, clause);
                case LEDGE -> m.asWritten() && despairing(matches, exclusions) && ledgeResolved(m, clause, pt)
                        && !cancelled(m, clause, exclusions, pt) && !reported(m, clause, hazards, pt);
                case WHEREABOUTS -> m.asWritten() && targeted(m, clause) && !cancelled(m, clause, exclusions, pt);
                default -> false;
            };
            if (counts) {
                evidence.add(m);
            }
        }
        if (evidence.isEmpty()) {
            return ThreatAssessment.NONE;
        }
        // 跳 inside 跳下去: one span, the longer phrase.
        evidence.removeIf(m -> evidence.stream().anyMatch(o -> o != m && o.overlaps(m)
                && o.last() - o.first() > m.last() - m.first()));
        Set<String> ruleIds = new LinkedHashSet<>();
        evidence.forEach(m -> ruleIds.add(m.phrase().ruleId()));
        int specifics = 0;
        for (Role r : List.of(Role.MEANS, Role.TARGET, Role.PLACE, Role.CONDITION, Role.DEADLINE)) {
            Match specific = matches.stream().filter(m -> m.phrase().role() == r && !excluded(m, exclusions)).findFirst().orElse(null);
            if (specific != null) {
                specifics++;
                ruleIds.add(specific.phrase().ruleId());
            }
        }
        List<ThreatAssessment.Evidence> spans = new ArrayList<>();
        for (Match m : evidence) {
            int start = pt.start(m.first());
            int end = pt.end(m.last());
            spans.add(new ThreatAssessment.Evidence(text.codePointCount(0, start), text.codePointCount(0, end),
                    text.substring(start, end)));
        }
        return new ThreatAssessment(true, category(evidence, byClause, exclusions),
                SEVERITIES[Math.min(SEVERITIES.length - 1, specifics)], List.copyOf(spans), List.copyOf(ruleIds));
    }

    /**
     * What kind of harm: a prepared means names it (买了汽油…同归于尽 is arson); then fire or self-harm over violence,
     * whose phrases often name only the outcome (我就纵火，大家同归于尽 is arson); then the longest piece of evidence,
     * the most specific (点火烧自己 is self-harm by fire, not arson).
     */
    private static ThreatCategory category(List<Match> evidence, Map<Integer, List<Match>> byClause, List<Match> exclusions) {
        // 把汽油浇在自己身上, 点火烧了自己: harm the writer does to themselves, whatever the means.
        if (evidence.stream().anyMatch(m -> m.phrase().category() == ThreatCategory.SELF_HARM && m.phrase().text().contains("自己"))) {
            return ThreatCategory.SELF_HARM;
        }
        Match decisive = evidence.get(0);
        for (Match m : evidence) {
            boolean means = m.phrase().role() == Role.MEANS;
            boolean decisiveMeans = decisive.phrase().role() == Role.MEANS;
            boolean outcome = m.phrase().category() == ThreatCategory.VIOLENCE;
            boolean decisiveOutcome = decisive.phrase().category() == ThreatCategory.VIOLENCE;
            if ((means && !decisiveMeans)
                    || (means == decisiveMeans && !outcome && decisiveOutcome)
                    || (means == decisiveMeans && outcome == decisiveOutcome
                        && m.last() - m.first() > decisive.last() - decisive.first())) {
                decisive = m;
            }
        }
        if (decisive.phrase().category() == ThreatCategory.VIOLENCE) {
            // 买汽油，跟他们同归于尽: the outcome with a means of fire named beside it is arson.
            for (Match m : byClause.get(decisive.clause())) {
                if (m.phrase().role() == Role.MEANS && m.phrase().category() != ThreatCategory.VIOLENCE
                        && !excluded(m, exclusions)) {
                    return m.phrase().category();
                }
            }
        }
        return decisive.phrase().category();
    }

    /**
     * A person right after 把, 将, 让, 给, 对, 跟, 和, 找 is the object of what follows (把他打残, 把我们业主都弄死, 跟他们
     * 同归于尽), not who speaks or acts: such matches do not make an act somebody else's, nor the writer's own.
     */
    private static List<Match> objectsRemoved(List<Match> matches, PhoneticText pt) {
        List<Match> out = new ArrayList<>(matches.size());
        for (Match m : matches) {
            Role role = m.phrase().role();
            boolean person = role == Role.FIRST_PERSON || role == Role.OTHER_PERSON;
            if (person && afterObjectMarker(m, pt)) {
                continue;
            }
            out.add(m);
        }
        return out;
    }

    /**
     * An operator's or clerk's summary (来电人称…, 来访人表示…) speaks of the petitioner in the third person: there 他 and
     * 她 name the writer, and so does 其 (称其…, 其将…; not in 其他, 其中, 其实), and 扬言 is the petitioner's own
     * threatening speech, not a report of somebody else's.
     */
    private List<Match> asSummary(List<Match> matches, PhoneticText pt) {
        boolean summary = matches.stream().anyMatch(m -> m.phrase().role() == Role.FIRST_PERSON
                && summaryWriters.contains(m.phrase().text()));
        if (!summary) {
            return matches;
        }
        List<Match> out = new ArrayList<>(matches.size());
        for (Match m : matches) {
            Phrase p = m.phrase();
            if (p.role() == Role.OTHER_PERSON && SUMMARY_PRONOUNS.contains(p.text())) {
                out.add(new Match(new Phrase(Role.FIRST_PERSON, p.text(), null, p.sounds(), p.folded(), true),
                        m.first(), m.last(), m.clause(), m.asWritten()));
            } else if (!(p.role() == Role.THIRD_PARTY && SUMMARY_SPEECH.contains(p.text()))) {
                out.add(m);
            }
        }
        for (int u = 0; u < pt.size(); u++) {
            if (pt.folded(u).equals("其")
                    && !(u + 1 < pt.size() && NOT_A_PRONOUN_AFTER_QI.contains(pt.folded(u + 1)))
                    && !(u > 0 && pt.folded(u - 1).equals("尤"))) {
                out.add(new Match(SUMMARY_QI, u, u, pt.clause(u), true));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Match::last)); // the automaton's order: by where a match ends
        return out;
    }

    /** 要 inside 只要 or 要么, 说 inside 说法: an ordinary word is no resolve and no saying. */
    private static List<Match> cuesInOrdinaryWordsRemoved(List<Match> matches) {
        List<Match> everyday = matches.stream().filter(m -> m.phrase().role() == Role.EVERYDAY).toList();
        if (everyday.isEmpty()) {
            return matches;
        }
        return matches.stream().filter(m -> !(m.phrase().role() == Role.RESOLVE || m.phrase().role() == Role.SPEECH)
                || everyday.stream().noneMatch(e -> e.overlaps(m))).toList();
    }

    private static boolean afterObjectMarker(Match m, PhoneticText pt) {
        if (m.first() == 0) {
            return false;
        }
        boolean adjacent = pt.end(m.first() - 1) == pt.start(m.first()); // not 不给，我就…
        if (!adjacent) {
            return false;
        }
        String before = pt.folded(m.first() - 1);
        if (before.equals("去") && m.first() >= 2 && DIRECTIONS.contains(pt.folded(m.first() - 2))) {
            return false; // 再这样下去我只能…: 去 of a direction, not of going to somebody (去他厂里)
        }
        if (OBJECT_MARKERS.contains(before)) {
            return true;
        }
        // 带着他, 拉上他, 找到他, 打了他: a verb with its particle
        if (!PARTICLES.contains(before) || m.first() < 2 || pt.end(m.first() - 2) != pt.start(m.first() - 1)) {
            return false;
        }
        String verb = pt.folded(m.first() - 2);
        return CARRY_VERBS.contains(verb) || OBJECT_MARKERS.contains(verb);
    }

    /** Every rule phrase in the text, by sound; a match by sound alone must be distinctive enough (see below). */
    List<Match> find(PhoneticText pt) {
        List<Match> out = new ArrayList<>();
        automaton.parseText(pt.sounds(), (AhoCorasickDoubleArrayTrie.IHit<List<Phrase>>) (begin, end, phrases) -> {
            int last = end - 1;
            for (Phrase p : phrases) {
                boolean written = asWritten(p, pt, begin, last);
                if (written || accepts(p, pt, begin, last)) {
                    out.add(new Match(p, begin, last, pt.clause(begin), written));
                }
            }
        });
        return out;
    }

    private static boolean asWritten(Phrase p, PhoneticText pt, int first, int last) {
        String phrase = p.folded();
        int at = 0;
        for (int u = first; u <= last; u++) {
            String unit = pt.folded(u);
            if (!phrase.startsWith(unit, at)) {
                return false;
            }
            at += unit.length();
        }
        return at == phrase.length();
    }

    /**
     * As written, always. By sound only where a writer slipped or dodged, never where two words happen to sound
     * alike: pinyin typed in place of characters (tiao楼), or in phrases of three syllables and more one character
     * differing (a homophone from the input method: 同归于进 for 同归于尽), within one clause. 政府督促 does not
     * hide 服毒.
     */
    private static boolean accepts(Phrase p, PhoneticText pt, int first, int last) {
        int syllables = p.syllables();
        if (syllables < 2 || p.role() == Role.FIRST_PERSON || pt.clause(first) != pt.clause(last)) {
            return false;
        }
        for (int u = first; u <= last; u++) {
            if (pt.latin(u)) {
                return true;
            }
        }
        String phrase = p.folded();
        if (phrase.length() != syllables) {
            return false;
        }
        int differing = 0;
        for (int u = first; u <= last; u++) {
            if (pt.folded(u).charAt(0) != phrase.charAt(u - first)) {
                differing++;
            }
        }
        // Two syllables by sound alone are too often an ordinary word (拿到 and 拿刀, 上调 and 上吊, 防火 and 放火):
        // there a homophone counts only when typed as pinyin.
        return differing == 1 && syllables >= 3;
    }

    /**
     * A harm verb typed in pinyin (我就把他da si), since a writer who types the syllables chose the word; not a
     * homophone in characters that happens to sound like one (读大四).
     */
    private static boolean typedAsPinyin(Match m, PhoneticText pt) {
        for (int u = m.first(); u <= m.last(); u++) {
            if (!pt.latin(u)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An exclusion (a figure of speech, an everyday word) overlapping {@code m} — unless it lies inside a longer act
     * phrase, which was written with those words in it: 饿死算了 is an act, 饿死 alone a figure.
     */
    private static boolean excluded(Match m, List<Match> exclusions) {
        return exclusions.stream().anyMatch(o -> o.overlaps(m) && !o.within(m));
    }

    /** @param all the matches of {@code m}'s clause */
    private static boolean cancelled(Match m, List<Match> all, List<Match> exclusions, PhoneticText pt) {
        if (excluded(m, exclusions) || deniedIntent(m, pt)) {
            return true;
        }
        for (Match o : all) {
            // 起火爆炸了: a hazard reported in the same clause makes its fire and explosion words a report — unless
            // the writer speaks of themselves between the two (电线起火好几次了，再不解决我就一把火烧了).
            if (o.phrase().role() == Role.HAZARD && !writerBetween(o, m, all)) {
                return true;
            }
            // 我不会想不开 / 不打算去跳楼 / 我不想死: a negation shortly before the act (or ending inside it), in its phrase
            // (我这把老骨头不要了，就死在… is no negation of 死在).
            if (o.phrase().role() == Role.NEGATION && o.first() < m.first() && m.first() - o.last() <= NEGATION_REACH
                    && pt.phrase(o.first()) == pt.phrase(m.first())) {
                return true;
            }
            // 想过一死了之，但为了家人我不会这样做: a negation after the act that refers back to it.
            if (o.phrase().role() == Role.NEGATION && o.first() > m.last() && refersBack(o, pt)) {
                return true;
            }
            // 我当时说要去跳楼只是气话: the writer takes the words back after them (but 这不是气话 insists).
            if (o.phrase().role() == Role.RETRACTION && o.first() > m.last() && !deniedBefore(o, pt)) {
                return true;
            }
            // 听说有人跳楼: somebody else's act, unless the writer speaks of themselves after the report.
            if (o.phrase().role() == Role.THIRD_PARTY && o.last() < m.first()) {
                boolean firstPersonAfter = all.stream().anyMatch(f -> f.phrase().role() == Role.FIRST_PERSON
                        && f.clause() == m.clause() && f.first() > o.last() && f.last() < m.first());
                if (!firstPersonAfter) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An act the writer reports rather than threatens: done to the writer (要弄死我), done by somebody named right
     * before it with no intent between (提款员上吊自杀), words an adversary said (房东说我们再不搬就放火烧房子),
     * asked about somebody else (拆了之后，还拿刀具…来报复？), or a fire or explosion word a few sentences after a
     * reported hazard (电缆起火…将车库的车引爆) that the writer does not claim.
     */
    private static boolean reported(Match act, List<Match> clause, List<Match> hazards, PhoneticText pt) {
        for (Match o : clause) {
            if (isWriter(o) && o.first() == act.last() + 1 && pt.end(act.last()) == pt.start(o.first())) {
                return true;
            }
            // 往他家的门缝里: a person owning a place (possessive) is not who acts
            if (o.phrase().role() == Role.OTHER_PERSON && o.last() < act.first() && pt.phrase(o.first()) == pt.phrase(act.first())
                    && !possessive(o, pt)
                    && act.first() - o.last() <= OTHER_PERSON_REACH && !writerBetween(o, act, clause)) {
                boolean intentBetween = clause.stream().anyMatch(i -> i.phrase().role() == Role.INTENT
                        && i.first() > o.last() && i.last() < act.first());
                // 我老公 / 我们员工: the writer's own people speak with the writer's voice.
                boolean writersOwn = clause.stream().anyMatch(f -> f.phrase().role() == Role.FIRST_PERSON
                        && f.last() < o.first() && o.first() - f.last() <= 3);
                if (!intentBetween && !writersOwn) {
                    return true;
                }
            }
            if (o.phrase().role() == Role.SPEECH && o.last() < act.first() && adversarySays(o, act, clause, pt)) {
                return true;
            }
        }
        if (pt.question(act.clause()) && clause.stream().noneMatch(f -> isWriter(f) && f.last() < act.first())) {
            return true;
        }
        if (act.phrase().category() == ThreatCategory.ARSON_EXPLOSIVE) {
            return hazards.stream().anyMatch(h -> h.last() < act.first() && act.first() - h.last() <= HAZARD_REACH
                    && !writerBetween(h, act, clause));
        }
        return false;
    }

    /**
     * Whether {@code speech} (说, 放话) is said by an adversary (a target such as 房东 or 开发商, or a third party)
     * and nobody on the writer's side speaks again before {@code act}: the act is then the adversary's words.
     */
    private static boolean adversarySays(Match speech, Match act, List<Match> clause, PhoneticText pt) {
        Match speaker = subject(speech.first(), clause, pt);
        if (speaker == null || (speaker.phrase().role() != Role.TARGET && speaker.phrase().role() != Role.THIRD_PARTY)) {
            return false;
        }
        // 老板说再闹就开除，我干脆吞安眠药: the writer takes the word again (我就, 我干脆, 我要) — the act is theirs.
        // 房东说我们再不搬就放火: 我们 is only in the adversary's condition.
        boolean writerResolves = clause.stream().anyMatch(r -> (r.phrase().role() == Role.RESOLVE
                || r.phrase().role() == Role.INTENT) && r.first() > speech.last() && r.last() < act.first()
                && clause.stream().anyMatch(w -> isWriter(w) && w.last() < r.first() && r.first() - w.last() <= 2
                        && w.first() > speech.last()));
        return !writerResolves && clause.stream().noneMatch(s -> s.phrase().role() == Role.SPEECH
                && s.first() > speech.last() && s.last() < act.first() && isWriter(subject(s.first(), clause, pt)));
    }

    /**
     * Who does what starts at unit {@code before}: the first person named in its phrase before it (the subject comes
     * first: 我跟那几个村干部没完 — 我, not 村干部), or when the phrase names nobody, in the one or two phrases before
     * (我这把老骨头不要了，就死在…; 拆迁队的人…，还说要…). Objects (把他, 跟他们) and possessives (我们家的窗户, 我的钱)
     * are not subjects.
     */
    private static Match subject(int before, List<Match> clause, PhoneticText pt) {
        if (before >= pt.size()) {
            return null;
        }
        int phrase = pt.phrase(before);
        // 他出来我就…: a person right before the word (no punctuation between) is its subject.
        Match adjacent = null;
        for (Match m : clause) {
            if (m.phrase().role().person() && m.last() == before - 1 && pt.end(m.last()) == pt.start(before) && !afterObjectMarker(m, pt)
                    && (adjacent == null || m.first() < adjacent.first())) {
                adjacent = m;
            }
        }
        if (adjacent != null) {
            return adjacent;
        }
        // 你们不管我就…: a condition ends its own subject's reach; who speaks after it is the subject.
        int from = -1;
        for (Match c : clause) {
            if (c.phrase().role() == Role.CONDITION && c.last() < before && pt.phrase(c.first()) == phrase) {
                from = Math.max(from, c.last());
            }
        }
        for (Match m : clause) {
            if (m.first() > from && m.last() < before && pt.phrase(m.first()) == phrase && from >= 0
                    && isWriter(m) && !afterObjectMarker(m, pt)) {
                return m;
            }
        }
        for (int p = phrase; p >= phrase - SUBJECT_PHRASES; p--) {
            Match first = null;
            for (Match m : clause) {
                if (!m.phrase().role().person() || pt.phrase(m.first()) != p || m.last() >= before || afterObjectMarker(m, pt)) {
                    continue;
                }
                if (possessive(m, pt) || (p < phrase && !isWriter(m) && conditionAfter(m, clause))) {
                    continue; // 明天老板再不露面，就…: 老板 is the condition's subject, not the resolve's
                }
                if (first == null || m.first() < first.first()
                        || (m.first() == first.first() && m.last() > first.last())) {
                    first = m;
                }
            }
            if (first != null) {
                // 我们家的 starts with 我 too: the longer person decides whether it owns something.
                Match longer = first;
                boolean owns = clause.stream().anyMatch(m -> m != longer && m.first() == longer.first()
                        && m.last() > longer.last() && possessive(m, pt));
                if (!owns) {
                    return first;
                }
            }
        }
        return null;
    }

    /** 老板再不露面, 他要是还不认账: a condition within two characters after the person. */
    private static boolean conditionAfter(Match person, List<Match> clause) {
        return clause.stream().anyMatch(c -> c.phrase().role() == Role.CONDITION && c.first() > person.last()
                && c.first() - person.last() <= 3);
    }

    /** 我的钱, 我们家的窗户 — but 拆迁队的人 are the 拆迁队, and 包工头的弟弟 speaks for the 包工头. */
    private static boolean possessive(Match person, PhoneticText pt) {
        int next = person.last() + 1;
        if (next >= pt.size() || !POSSESSIVE.contains(pt.folded(next))) {
            return false;
        }
        StringBuilder after = new StringBuilder();
        for (int i = next + 1; i < pt.size() && i <= next + 2 && pt.phrase(i) == pt.phrase(next); i++) {
            after.append(pt.folded(i));
        }
        return ASSOCIATES.stream().noneMatch(a -> after.toString().startsWith(a));
    }

    /** 这不是气话, 可不是什么气话: a denial shortly before a retraction makes it an insistence. */
    private static boolean deniedBefore(Match retraction, PhoneticText pt) {
        for (int i = Math.max(0, retraction.first() - 4); i < retraction.first(); i++) {
            if (DENIALS.contains(pt.folded(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWriter(Match person) {
        return person != null && person.phrase().writer();
    }

    /**
     * A harm verb alone (砍, 捅, 点了) is an ordinary word; it is a threat when the writer resolves to it: the writer
     * the subject of a word of resolve (我就, 我们只能, 老子要, 我这把老骨头不要了，就…) and the verb shortly after.
     * Harm to oneself needs nothing more (我准备去卧轨); harm to others needs somebody or something to threaten — a
     * condition, a deadline or a target in the sentence, or a person as the verb's object (再拖欠工资，我就把老板的厂子
     * 点了; 谁再来拆，我就拿斧头砍谁). 我要上山砍点树 has the resolve but nothing to threaten.
     */
    private static boolean resolved(Match verb, List<Match> clause, PhoneticText pt) {
        for (Match r : clause) {
            if (r.phrase().role() != Role.RESOLVE || r.last() >= verb.first() || verb.first() - r.last() > RESOLVE_REACH) {
                continue;
            }
            if (!isWriter(subject(r.first(), clause, pt))) {
                continue;
            }
            boolean person = false;
            boolean disposal = false; // 把…: the verb's object stands before it
            for (int u = r.last() + 1; u < verb.first(); u++) {
                person |= PERSONS.contains(pt.folded(u)) || BODY.contains(pt.folded(u));
                disposal |= DISPOSAL.contains(pt.folded(u));
            }
            // 把开发商老总捅了, 捅了那个村支书: a target between the resolve and the verb, or shortly after it.
            boolean target = clause.stream().anyMatch(t -> t.phrase().role() == Role.TARGET
                    && ((t.first() > r.last() && t.last() < verb.first())
                        || (t.first() > verb.last() && t.first() - verb.last() <= 4)));
            boolean object = person || target || verbTakesPerson(verb, pt) || verbTakesMeans(verb, clause)
                    || verbTakesCount(verb, pt);
            if (verb.phrase().syllables() == 1) {
                // 跳, 砍, 砸 alone are everyday verbs (跳了闸, 砸承重墙): they need their victim — a person or a means
                // as the object, or for a jump a high place in the sentence (我现在就站在天台上…我就跳).
                // 把 before the verb names something as its object, a victim only under pressure (我就把他家的店砸了
                // after a condition; 我要把承重墙砸了 is building work).
                if (verb.phrase().category() == ThreatCategory.SELF_HARM
                        ? clause.stream().anyMatch(c -> c.phrase().role() == Role.PLACE)
                        : object || (disposal && pressure(clause))) {
                    return true;
                }
                continue;
            }
            // 我要把那个厂一把火烧光: a fire of three syllables and more (一把火, 烧成灰) is harm whatever burns.
            if (verb.phrase().category() == ThreatCategory.SELF_HARM
                    || (verb.phrase().category() == ThreatCategory.ARSON_EXPLOSIVE && verb.phrase().syllables() >= 3)) {
                return true;
            }
            if (pressure(clause) || object) {
                return true;
            }
        }
        return false;
    }

    /** 没有放火的念头, 不是想跳楼的意思: the act is named as an intent, denied shortly before it in its phrase. */
    private static boolean deniedIntent(Match act, PhoneticText pt) {
        int u = act.last() + 1;
        if (u < pt.size() && pt.folded(u).equals("的")) {
            u++;
        }
        if (u + 1 >= pt.size() || !INTENT_NOUNS.contains(pt.folded(u) + pt.folded(u + 1))) {
            return false;
        }
        for (int b = act.first() - 1; b >= Math.max(0, act.first() - NEGATION_REACH); b--) {
            if (pt.phrase(b) != pt.phrase(act.first())) {
                return false;
            }
            if (DENIALS.contains(pt.folded(b))) {
                return true;
            }
        }
        return false;
    }

    /** 不会这样做, 不会做这种事: a negation followed by words that point back at something said before. */
    private static boolean refersBack(Match negation, PhoneticText pt) {
        StringBuilder after = new StringBuilder();
        for (int u = negation.last() + 1; u < Math.min(pt.size(), negation.last() + 6); u++) {
            if (pt.phrase(u) != pt.phrase(negation.first())) {
                break;
            }
            after.append(pt.folded(u));
        }
        String next = after.toString();
        return BACK_REFERENCES.stream().anyMatch(r -> next.startsWith(r) || next.startsWith("做" + r) || next.startsWith("去" + r));
    }

    /**
     * 被钉死在铁板上, 被打得半死: what is done to somebody (被 right before the verb, or one character before it). For
     * acts, only violence: 被逼跳楼 may still be the writer's own threat.
     */
    private static boolean passive(Match verb, PhoneticText pt) {
        for (int u = Math.max(0, verb.first() - 2); u < verb.first(); u++) {
            if (pt.folded(u).equals("被") && pt.phrase(u) == pt.phrase(verb.first())) {
                return true;
            }
        }
        return false;
    }

    /** 我就自己解决 is a threat; 我就自己解决，去法院起诉 is not: a lawful way named after a harm verb. */
    private static boolean lawful(Match verb, List<Match> clause) {
        // 死在法院门口: a court named as the place right after the verb is no lawful way.
        return clause.stream().anyMatch(l -> l.phrase().role() == Role.LAWFUL && l.first() > verb.last() + 2);
    }

    /** 砍谁, 捅了他: the verb's object right after it is a person. */
    private static boolean verbTakesPerson(Match verb, PhoneticText pt) {
        for (int u = verb.last() + 1; u <= Math.min(verb.last() + 2, pt.size() - 1); u++) {
            if (pt.clause(u) == verb.clause() && PERSONS.contains(pt.folded(u))) {
                return true;
            }
        }
        return false;
    }

    /** 捅他几刀, 砍几个, 打他一顿: a count right after the verb (or after a person right after it). */
    private static boolean verbTakesCount(Match verb, PhoneticText pt) {
        for (int u = verb.last() + 1; u <= Math.min(verb.last() + 2, pt.size() - 1); u++) {
            if (pt.clause(u) != verb.clause() || pt.end(u - 1) != pt.start(u)) {
                return false;
            }
            String unit = pt.folded(u);
            if (COUNTS.contains(unit)) {
                return true;
            }
            if (!PERSONS.contains(unit)) {
                return false;
            }
        }
        return false;
    }

    /** Despair in the text (绝望, 走投无路, 遗书) that no figure of speech or everyday word covers. */
    private static boolean despairing(List<Match> matches, List<Match> exclusions) {
        return matches.stream().anyMatch(d -> d.phrase().role() == Role.DESPAIR && !excluded(d, exclusions));
    }

    /**
     * 明天我就去长江大桥上, 今晚我就从这个烂尾楼顶上下去: in a despairing text, a high or deep place the writer resolves
     * to go to, shortly after the resolve, is a threat of self-harm without a word for the act. Without despair it is a
     * visit (我要去楼顶看看漏水).
     */
    private static boolean ledgeResolved(Match ledge, List<Match> clause, PhoneticText pt) {
        // The ledge ends the phrase (…大桥上，) or the writer goes down from it (楼顶上下去); 去楼顶拍照取证 is an errand.
        int u = ledge.last() + 1;
        while (u < pt.size() && pt.phrase(u) == pt.phrase(ledge.first()) && LEDGE_PARTICLES.contains(pt.folded(u))) {
            u++;
        }
        if (u < pt.size() && pt.phrase(u) == pt.phrase(ledge.first()) && !pt.folded(u).equals("下")) {
            return false;
        }
        for (Match r : clause) {
            if (r.phrase().role() == Role.RESOLVE && r.last() < ledge.first() && ledge.first() - r.last() <= LEDGE_REACH
                    && isWriter(subject(r.first(), clause, pt))) {
                return true;
            }
        }
        return false;
    }

    /** 点了煤气罐: the verb's object is a means of harm. */
    private static boolean verbTakesMeans(Match verb, List<Match> clause) {
        return clause.stream().anyMatch(m -> m.phrase().role() == Role.MEANS && m.first() > verb.last()
                && m.first() - verb.last() <= 2);
    }

    /** Whether the writer speaks of themselves after {@code cue} and before {@code act}, in the act's clause. */
    private static boolean writerBetween(Match cue, Match act, List<Match> clause) {
        return clause.stream().anyMatch(f -> f.phrase().role() == Role.FIRST_PERSON && f.clause() == act.clause()
                && f.first() > cue.last() && f.last() < act.first());
    }

    /**
     * A short act matched by sound only (挑楼) counts when the writer speaks of themselves or sets a condition
     * before it in the clause (我就挑楼): two syllables alone sound like too many ordinary words (上调 and 上吊).
     */
    private static boolean spokenByWriter(Match act, List<Match> all) {
        return all.stream().anyMatch(o -> (o.phrase().role() == Role.FIRST_PERSON || o.phrase().role() == Role.CONDITION)
                && o.clause() == act.clause() && o.last() < act.first());
    }

    /**
     * 我就喝一瓶百草枯, 再拖下去我就用炸药…: a verb of use of the means' category (喝 for poison, 用 or 点 for explosives)
     * at most three characters before it, resolved to by the writer like a harm verb; harm to others also needs a
     * condition, deadline or target in the sentence (我要用农药打虫 is farming).
     */
    private static boolean used(Match means, List<Match> clause, PhoneticText pt) {
        if (means.phrase().syllables() < 2) {
            return false; // 刀 alone is in too many words (用在刀刃上); 拿刀 is an act of its own
        }
        boolean disposal = false; // 把液化气罐打开: the means before its verb
        for (int i = Math.max(0, means.first() - 3); i < means.first(); i++) {
            disposal |= DISPOSAL.contains(pt.folded(i)) && pt.phrase(i) == pt.phrase(means.first());
        }
        for (Match u : clause) {
            boolean before = u.last() < means.first() && means.first() - u.last() <= 4; // 打开家里的煤气
            boolean after = disposal && u.first() > means.last() && u.first() - means.last() <= 2;
            if (u.phrase().role() != Role.USE || u.phrase().category() != means.phrase().category() || !(before || after)) {
                continue;
            }
            int verbFirst = Math.min(u.first(), means.first());
            for (Match r : clause) {
                if (r.phrase().role() == Role.RESOLVE && r.last() < verbFirst && verbFirst - r.last() <= RESOLVE_REACH
                        && isWriter(subject(r.first(), clause, pt))
                        && (means.phrase().category() == ThreatCategory.SELF_HARM || pressure(clause))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean pressure(List<Match> clause) {
        return clause.stream().anyMatch(c -> c.phrase().role() == Role.CONDITION
                || c.phrase().role() == Role.DEADLINE || c.phrase().role() == Role.TARGET);
    }

    /**
     * Where an adversary is to be found, as the writer says they have found out (我打听到了他孩子在哪个学校上学; 我知道局长住哪里，
     * 再不处理我就去他家找他): the writer before a {@code knowing} verb at most {@value #KNOWING_REACH} characters
     * before the whereabouts, in the clause; a family member's whereabouts (他儿子在哪个学校) is a threat as it stands,
     * an address only with a condition, deadline or target in the sentence — a creditor who knows where the debtor
     * lives and tells the court is no threat.
     */
    private static boolean targeted(Match whereabouts, List<Match> clause) {
        Match knowing = clause.stream().filter(k -> k.phrase().role() == Role.KNOWING && k.last() < whereabouts.first()
                && whereabouts.first() - k.last() <= KNOWING_REACH).reduce((a, b) -> b).orElse(null);
        if (knowing == null || clause.stream().noneMatch(f -> f.phrase().role() == Role.FIRST_PERSON && f.phrase().writer()
                && f.last() < knowing.first() && knowing.first() - f.last() <= KNOWING_REACH)) {
            return false;
        }
        boolean family = clause.stream().anyMatch(f -> f.phrase().role() == Role.FAMILY && f.first() > knowing.last()
                && f.last() < whereabouts.first());
        return family || pressure(clause);
    }

    /**
     * A means counts when the writer says they have prepared it (买好了汽油, 带着刀), in the same clause — not when
     * somebody else is the one who has it (该男子尾随而至，手中带着砖头: the writer's attacker).
     */
    private static boolean prepared(Match means, List<Match> all, PhoneticText pt) {
        return all.stream().anyMatch(o -> o.phrase().role() == Role.PREPARATION && o.clause() == means.clause()
                && Math.abs(o.first() - means.first()) <= 8 && !preparedByAnother(o, all, pt));
    }

    private static boolean preparedByAnother(Match preparation, List<Match> clause, PhoneticText pt) {
        Match who = subject(preparation.first(), clause, pt);
        return who != null && who.phrase().role() != Role.FIRST_PERSON; // the writer, or their group (大家)
    }
}
