package io.earlywarning.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the public body a complaint text accuses (被反映单位) when the source system did not say: the object of
 * 投诉/举报/控告/检举/反映 ({@code 投诉A3区住建局}), a body followed by misconduct ({@code 城关街道办事处推诿不管}),
 * or a form line ({@code 投诉部门：A1区城乡建设局}). Only public bodies count: a developer or a property company is
 * complained about, but never receives warnings, so it needs no guard. A body the complaint is sent <em>to</em>
 * ({@code 向市纪委反映}, {@code 投诉到省纪委}) is not accused.
 */
public final class AccusedUnitMention {

    /** Endings of public bodies' names; not 公司, 物业, 学校, 站, 中心, which are complained about but never routed to. */
    private static final String BODY = "(?:人民政府|政府|街道办事处|办事处|街道办|管委会|派出所|公安分局|公安局|分局|"
            + "住建委|规划委|发改委|卫健委|教育委员会|[^公邮书药当]局|执法大队|执法中队|城管大队|城管中队|交警大队|中队|大队)";
    /** Name characters: not the particles and prepositions that end the phrase before a name. */
    private static final String NAME = "([\\p{IsHan}A-Za-z0-9&&[^的了是在对被把和与找向到给说及等我们你他她都也就还让叫]]{1,16}?"
            + BODY + ")";
    private static final String MISCONDUCT = "(?:不作为|乱作为|慢作为|推诿|推脱|敷衍|失职|渎职|包庇|纵容|拖延|刁难|"
            + "吃拿卡要|索贿|受贿|乱收费|乱罚款|不管不问|不予处理|置之不理|踢皮球|不处理|违规审批|违法审批|违规执法|暴力执法|野蛮执法)";

    private static final Pattern FORM_LINE = Pattern.compile("(?:投诉|被反映|被投诉|被举报)(?:部门|单位|对象)[:：]\\s*" + NAME);
    private static final Pattern VERB_THEN_BODY = Pattern.compile("(?:投诉|举报|控告|检举|状告|反映)(?:了|一下)?" + NAME);
    private static final Pattern BODY_THEN_MISCONDUCT = Pattern.compile(NAME + "(?:[^，。！？；,!?;]{0,10})" + MISCONDUCT);
    /**
     * Every pattern above holds a body's name, and the last a misconduct: a text without them is done with two quick
     * scans instead of trying a name at every character (the intake's costliest step in the soak's profile).
     */
    private static final Pattern ANY_BODY = Pattern.compile(BODY);
    private static final Pattern ANY_MISCONDUCT = Pattern.compile(MISCONDUCT);
    /** The most a misconduct word starts after a match's start: name (16), body (5), the gap before it (10). */
    private static final int REACH = 16 + 5 + 10;
    /** 投诉到/给/向…: the body after is where the complaint goes, not whom it accuses. */
    private static final Pattern RECIPIENT = Pattern.compile("^(?:到|给|向|至)");

    private AccusedUnitMention() {
    }

    /** The first accused public body the text names, as written, or empty. */
    public static Optional<String> find(String text) {
        if (text == null || text.isBlank() || !ANY_BODY.matcher(text).find()) {
            return Optional.empty();
        }
        Matcher form = FORM_LINE.matcher(text);
        if (form.find()) {
            return Optional.of(form.group(1));
        }
        Matcher verb = VERB_THEN_BODY.matcher(text);
        while (verb.find()) {
            String name = verb.group(1);
            if (!RECIPIENT.matcher(name).find()) {
                return Optional.of(name);
            }
        }
        // Tried only near a misconduct word: a match ends with one at most REACH characters after its start, so no
        // match starts earlier than REACH before the next one (trying a name at every character was the cost).
        Matcher word = ANY_MISCONDUCT.matcher(text);
        Matcher misconduct = BODY_THEN_MISCONDUCT.matcher(text);
        int at = 0;
        while (at < text.length() && word.find(at)) {
            if (!misconduct.find(Math.max(at, word.start() - REACH))) {
                break;
            }
            String name = misconduct.group(1);
            if (!RECIPIENT.matcher(name).find() && !precededByRecipient(text, misconduct.start(1))) {
                return Optional.of(name);
            }
            at = misconduct.end();
        }
        return Optional.empty();
    }

    private static boolean precededByRecipient(String text, int at) {
        return at > 0 && "向到给".indexOf(text.charAt(at - 1)) >= 0;
    }
}
