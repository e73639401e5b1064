package io.earlywarning.threat;

import io.earlywarning.text.ChineseTextNormalizer;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    enum Role { ACT, MEANS, PREPARATION, TARGET, PLACE, CONDITION, DEADLINE, FIRST_PERSON, NEGATION, THIRD_PARTY,
        FIGURE, EVERYDAY, HAZARD, LAWFUL, OTHER_PERSON, INTENT, HARM_VERB, RESOLVE }

    /** A rule phrase: its role, its text, the category it signals (acts and means), its sounds. */
    record Phrase(Role role, String text, ThreatCategory category, List<String> sounds, String folded) {
        String ruleId() {
            return role.name().toLowerCase() + (category == null ? "" : "." + category.id()) + ":" + text;
        }
    }

    /** A phrase found in a text, by unit indexes (inclusive). */
    record Match(Phrase phrase, int first, int last, int clause, boolean asWritten) {
        boolean overlaps(Match o) {
            return first <= o.last && o.first <= last;
        }
    }

    private static final int NEGATION_REACH = 6;
    /** How far (in characters) before a fire or explosion word a reported hazard still explains it. */
    private static final int HAZARD_REACH = 80;
    /** How far (in characters) a person named before an act is still its subject (提箱员在休息室上吊自杀). */
    private static final int OTHER_PERSON_REACH = 12;
    /** How far (in characters) a word of resolve (就, 要, 只能) reaches forward to its harm verb. */
    private static final int RESOLVE_REACH = 14;
    private static final Set<String> OBJECT_MARKERS = Set.of("把", "将", "让", "给", "对", "跟", "和", "找");
    private static final Set<String> WRITER = Set.of("我", "我们", "本人", "我家", "老子");
    /** Characters that name a person as the object of a harm verb (把他打残, 砍谁, 见一个捅一个人). */
    private static final Set<String> PERSONS = Set.of("他", "她", "谁", "人", "你");
    private static final String[] SEVERITIES = {"low", "medium", "high", "critical"};

    private final Trie trie;
    private final Map<String, List<Phrase>> phrasesByKey = new HashMap<>();

    public ThreatDetector(ThreatRules rules) {
        rules.acts().forEach((c, list) -> list.forEach(p -> add(Role.ACT, p, c)));
        rules.means().forEach((p, c) -> add(Role.MEANS, p, c));
        rules.preparation().forEach(p -> add(Role.PREPARATION, p, null));
        rules.targets().forEach(p -> add(Role.TARGET, p, null));
        rules.places().forEach(p -> add(Role.PLACE, p, null));
        rules.conditions().forEach(p -> add(Role.CONDITION, p, null));
        rules.deadlines().forEach(p -> add(Role.DEADLINE, p, null));
        rules.firstPerson().forEach(p -> add(Role.FIRST_PERSON, p, null));
        rules.negations().forEach(p -> add(Role.NEGATION, p, null));
        rules.thirdParty().forEach(p -> add(Role.THIRD_PARTY, p, null));
        rules.figures().forEach(p -> add(Role.FIGURE, p, null));
        rules.everyday().forEach(p -> add(Role.EVERYDAY, p, null));
        rules.hazards().forEach(p -> add(Role.HAZARD, p, null));
        rules.lawful().forEach(p -> add(Role.LAWFUL, p, null));
        rules.otherPeople().forEach(p -> add(Role.OTHER_PERSON, p, null));
        rules.intent().forEach(p -> add(Role.INTENT, p, null));
        rules.harmVerbs().forEach((c, list) -> list.forEach(p -> add(Role.HARM_VERB, p, c)));
        rules.resolve().forEach(p -> add(Role.RESOLVE, p, null));
        Trie.TrieBuilder builder = Trie.builder();
        phrasesByKey.keySet().forEach(builder::addKeyword);
        this.trie = builder.build();
    }

    private void add(Role role, String text, ThreatCategory category) {
        List<String> sounds = PhoneticText.soundsOf(text);
        if (sounds.isEmpty()) {
            throw new IllegalArgumentException("threat rule phrase without any character: '" + text + "'");
        }
        String folded = ChineseTextNormalizer.fold(text).replaceAll("[^\\p{IsHan}a-z0-9]", "");
        phrasesByKey.computeIfAbsent(key(sounds), k -> new ArrayList<>()).add(new Phrase(role, text, category, sounds, folded));
    }

    private static String key(List<String> sounds) {
        return "|" + String.join("|", sounds) + "|";
    }

    public ThreatAssessment assess(String text) {
        if (text == null || text.isBlank()) {
            return ThreatAssessment.NONE;
        }
        PhoneticText pt = PhoneticText.of(text);
        List<Match> matches = objectsRemoved(find(pt), pt);
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
                case ACT -> !cancelled(m, clause, exclusions) && !reported(m, clause, hazards)
                        && (m.asWritten() || m.phrase().sounds().size() > 2 || spokenByWriter(m, clause));
                case MEANS -> prepared(m, clause) && !cancelled(m, clause, exclusions);
                case HARM_VERB -> m.asWritten() && resolved(m, clause, pt) && !cancelled(m, clause, exclusions)
                        && !reported(m, clause, hazards);
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
            Match found = matches.stream().filter(m -> m.phrase().role() == r && !excluded(m, exclusions)).findFirst().orElse(null);
            if (found != null) {
                specifics++;
                ruleIds.add(found.phrase().ruleId());
            }
        }
        List<ThreatAssessment.Evidence> spans = new ArrayList<>();
        for (Match m : evidence) {
            int start = pt.units().get(m.first()).start();
            int end = pt.units().get(m.last()).end();
            spans.add(new ThreatAssessment.Evidence(text.codePointCount(0, start), text.codePointCount(0, end),
                    text.substring(start, end)));
        }
        return new ThreatAssessment(true, evidence.get(0).phrase().category(),
                SEVERITIES[Math.min(SEVERITIES.length - 1, specifics)], List.copyOf(spans), List.copyOf(ruleIds));
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
            if (person && m.first() > 0) {
                PhoneticText.Unit before = pt.units().get(m.first() - 1);
                boolean adjacent = before.end() == pt.units().get(m.first()).start(); // not 不给，我就…
                if (adjacent && OBJECT_MARKERS.contains(before.folded())) {
                    continue;
                }
            }
            out.add(m);
        }
        return out;
    }

    /** Every rule phrase in the text, by sound; a match by sound alone must be distinctive enough (see below). */
    List<Match> find(PhoneticText pt) {
        List<PhoneticText.Unit> units = pt.units();
        StringBuilder sounds = new StringBuilder("|");
        int length = 1;
        for (PhoneticText.Unit unit : units) {
            length += unit.sound().length() + 1;
        }
        int[] unitAt = new int[length]; // which unit each character of the sound string belongs to; -1 for '|'
        int at = 0;
        unitAt[at++] = -1;
        for (int u = 0; u < units.size(); u++) {
            for (int k = 0; k < units.get(u).sound().length(); k++) {
                unitAt[at++] = u;
            }
            sounds.append(units.get(u).sound()).append('|');
            unitAt[at++] = -1;
        }
        List<Match> out = new ArrayList<>();
        for (Emit emit : trie.parseText(sounds)) {
            int first = unitAt[emit.getStart() + 1];
            int last = unitAt[emit.getEnd() - 1];
            for (Phrase p : phrasesByKey.get(emit.getKeyword())) {
                List<PhoneticText.Unit> matched = units.subList(first, last + 1);
                if (accepts(p, matched)) {
                    out.add(new Match(p, first, last, units.get(first).clause(), asWritten(p, matched)));
                }
            }
        }
        return out;
    }

    /**
     * As written, always. By sound only where a writer slipped or dodged, never where two words happen to sound
     * alike: pinyin typed in place of characters (tiao楼), or in phrases of three syllables and more one character
     * differing (a homophone from the input method: 同归于进 for 同归于尽), within one clause. 政府督促 does not
     * hide 服毒.
     */
    private static boolean asWritten(Phrase p, List<PhoneticText.Unit> matched) {
        StringBuilder written = new StringBuilder();
        matched.forEach(u -> written.append(u.folded()));
        return written.toString().equals(p.folded());
    }

    private static boolean accepts(Phrase p, List<PhoneticText.Unit> matched) {
        StringBuilder written = new StringBuilder();
        boolean latin = false;
        for (PhoneticText.Unit u : matched) {
            written.append(u.folded());
            latin |= u.folded().chars().allMatch(c -> c >= 'a' && c <= 'z');
        }
        String phrase = p.folded();
        if (written.toString().equals(phrase)) {
            return true;
        }
        int syllables = p.sounds().size();
        if (syllables < 2 || p.role() == Role.FIRST_PERSON
                || matched.get(0).clause() != matched.get(matched.size() - 1).clause()) {
            return false;
        }
        if (latin) {
            return true;
        }
        if (written.length() != phrase.length()) {
            return false;
        }
        int differing = 0;
        for (int i = 0; i < phrase.length(); i++) {
            if (written.charAt(i) != phrase.charAt(i)) {
                differing++;
            }
        }
        // Two syllables by sound alone are too often an ordinary word (拿到 and 拿刀, 上调 and 上吊, 防火 and 放火):
        // there a homophone counts only when typed as pinyin.
        return differing == 1 && syllables >= 3;
    }

    /** An act or means that an everyday word, a figure of speech or a hazard report covers is not one. */
    private static boolean excluded(Match m, List<Match> exclusions) {
        return exclusions.stream().anyMatch(o -> o.overlaps(m));
    }

    /** @param all the matches of {@code m}'s clause */
    private static boolean cancelled(Match m, List<Match> all, List<Match> exclusions) {
        if (excluded(m, exclusions)) {
            return true;
        }
        for (Match o : all) {
            // 起火爆炸了: a hazard reported in the same clause makes its fire and explosion words a report — unless
            // the writer speaks of themselves between the two (电线起火好几次了，再不解决我就一把火烧了).
            if (o.phrase().role() == Role.HAZARD && !writerBetween(o, m, all)) {
                return true;
            }
            // 我不会想不开 / 不打算去跳楼: a negation shortly before the act, in the same clause.
            if (o.phrase().role() == Role.NEGATION && o.last() < m.first() && m.first() - o.last() <= NEGATION_REACH) {
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
     * before it with no intent between (提款员上吊自杀), or a fire or explosion word a few sentences after a
     * reported hazard (电缆起火…将车库的车引爆) that the writer does not claim.
     */
    private static boolean reported(Match act, List<Match> clause, List<Match> hazards) {
        for (Match o : clause) {
            if (o.phrase().role() == Role.FIRST_PERSON && WRITER.contains(o.phrase().text())
                    && o.first() > act.last() && o.first() - act.last() <= 1) {
                return true;
            }
            if (o.phrase().role() == Role.OTHER_PERSON && o.last() < act.first()
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
        }
        if (act.phrase().category() == ThreatCategory.ARSON_EXPLOSIVE) {
            return hazards.stream().anyMatch(h -> h.last() < act.first() && act.first() - h.last() <= HAZARD_REACH
                    && !writerBetween(h, act, clause));
        }
        return false;
    }

    /**
     * A harm verb alone (砍, 捅, 点了) is an ordinary word; it is a threat when the writer resolves to it against
     * somebody or something: the writer, at once a word of resolve (我就, 我们只能, 老子要), the verb shortly after,
     * and in the sentence a condition, a deadline or a target (再拖欠工资，我就把老板的厂子点了; 谁再来拆，我就拿斧头
     * 砍谁). 我要上山砍点树 has the resolve but nothing to threaten.
     */
    private static boolean resolved(Match verb, List<Match> clause, PhoneticText pt) {
        for (Match r : clause) {
            if (r.phrase().role() != Role.RESOLVE || r.last() >= verb.first() || verb.first() - r.last() > RESOLVE_REACH) {
                continue;
            }
            boolean writerAtOnce = clause.stream().anyMatch(f -> f.phrase().role() == Role.FIRST_PERSON
                    && WRITER.contains(f.phrase().text()) && f.last() < r.first() && r.first() - f.last() <= 2);
            if (!writerAtOnce) {
                continue;
            }
            boolean pressure = clause.stream().anyMatch(c -> c.phrase().role() == Role.CONDITION
                    || c.phrase().role() == Role.DEADLINE || c.phrase().role() == Role.TARGET);
            boolean person = false;
            for (int u = r.last() + 1; u < verb.first(); u++) {
                person |= PERSONS.contains(pt.units().get(u).folded());
            }
            if (pressure || person || verbTakesPerson(verb, pt)) {
                return true;
            }
        }
        return false;
    }

    /** 砍谁, 捅了他: the verb's object right after it is a person. */
    private static boolean verbTakesPerson(Match verb, PhoneticText pt) {
        for (int u = verb.last() + 1; u <= Math.min(verb.last() + 2, pt.units().size() - 1); u++) {
            if (pt.units().get(u).clause() == verb.clause() && PERSONS.contains(pt.units().get(u).folded())) {
                return true;
            }
        }
        return false;
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

    /** A means counts when the writer says they have prepared it (买好了汽油, 带着刀), in the same clause. */
    private static boolean prepared(Match means, List<Match> all) {
        return all.stream().anyMatch(o -> o.phrase().role() == Role.PREPARATION && o.clause() == means.clause()
                && Math.abs(o.first() - means.first()) <= 8);
    }
}
