package io.earlywarning.place;

import io.earlywarning.text.ChineseTextNormalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds names of property developments (楼盘/小区) in free text without a gazetteer: a run of name characters
 * ending in a word that names a residential development (小区, 花园, 家园, 苑, 湾 …), cut at the words that
 * cannot belong to a name (place markers such as 区/路/街道 before it, verbs and pronouns such as 导致/我们/该).
 *
 * <p>Precision matters more than recall: a wrong estate makes a false surge. A text with no recognisable name
 * yields nothing.
 */
public final class EstateMentionExtractor {

    /** A found name: as written (folded to simplified characters) with its span in the folded text. */
    public record EstateMention(String name, String key, int start, int end) {
    }

    /** Residential suffixes that are safe wherever they stand; longest first. */
    private static final List<String> SUFFIXES = List.of(
            "住宅小区", "小区", "花园", "家园", "公寓", "嘉园", "雅苑", "佳苑", "华庭", "豪庭", "华府", "公馆", "山庄",
            "新村", "新城", "之城", "名城", "名邸", "府邸", "庄园", "雅居", "湾畔", "大厦", "一品");
    /** Single-character suffixes: only where the next character cannot continue a word. */
    private static final List<String> SHORT_SUFFIXES = List.of("苑", "府", "园", "湾", "郡", "邸", "墅");
    /** What may directly follow a single-character suffix of a name. */
    private static final String AFTER_SHORT_SUFFIX =
            "的小业楼栋幢号单期一二三四五六七八九门附周旁内外项社物居住开交房地车停和与及、等片对被在至到是有没存出发问安北南东西为里";
    /** Facilities whose names end like a development's: a name ending in one of them is not an estate. */
    private static final List<String> FACILITY_ENDINGS = List.of(
            "幼儿园", "公园", "校园", "产业园", "工业园", "科技园", "物流园", "菜园", "果园", "茶园", "陵园", "墓园",
            "动物园", "植物园", "游乐园", "乐园", "政府", "市府", "区府", "县府", "学府", "官府", "港湾", "海湾",
            "台湾", "商业广场", "文化广场", "市民广场", "人民广场", "办公大厦", "国际机场");
    /** Institutions and businesses: a name that contains one is not a residential development. */
    private static final List<String> NOT_RESIDENTIAL = List.of(
            "银行", "医院", "学校", "超市", "酒店", "公司", "政府", "派出所", "物流园", "工业园", "产业园", "车站", "站",
            "局", "厂", "店");
    /** Phrases that say "a development" without naming one. */
    private static final Set<String> GENERIC_NAMES = Set.of(
            "城镇小区", "老旧小区", "安置小区", "商品房小区", "周边小区", "附近小区", "其他小区", "全市小区",
            "开放式小区", "封闭式小区", "无物业小区", "高档小区", "新建小区", "居民小区", "住宅小区", "老小区",
            "新小区", "旧小区");

    /** Place markers: a name starts after them (A3区|杜鹃文苑小区, 书院路|在水一方大厦). */
    private static final List<String> PLACE_MARKERS = List.of(
            "街道", "大道", "社区", "省", "市", "区", "县", "镇", "乡", "路", "街", "巷", "号", "村", "组", "栋");
    /** Street markers: the only ones that may themselves be part of an estate's name. */
    private static final Set<String> STREET_MARKERS = Set.of("路", "街", "巷", "村", "大道");
    /** Words that never begin or belong to a name; a name starts after the last of them. */
    private static final List<String> NOT_NAME_WORDS = List.of(
            "严重影响", "商品房", "安置房", "我们", "你们", "他们", "业主", "居民", "位于", "关于", "反映", "投诉", "请问", "咨询", "整个",
            "所在", "附近", "旁边", "门口", "对面", "楼下", "导致", "影响", "现在", "目前", "但是", "造成", "使得",
            "破坏", "周边", "距离", "一个", "两个", "还有", "本来", "而且", "所以", "因为", "如果", "由于", "希望",
            "要求", "请求", "其中", "全体", "部分", "所有", "包括", "属于", "作为", "针对", "已经", "没有", "进入",
            "进出", "出入", "通往", "开展", "地处", "设立", "开在", "占用", "购买", "入住", "居住", "搬进", "住进",
            "住在", "位于", "在于", "对于", "关于",
            // Single characters that never start a name; 在/和/于 are left out (在水一方, 和平小区).
            "的", "是", "对", "向", "把", "被", "从", "到", "给", "让", "住", "买", "我", "该", "这", "那", "此", "而",
            "了", "都", "也", "就", "还", "各", "已", "不", "去", "说", "叫", "称", "有", "仍", "未", "么", "片",
            "强占", "入驻", "进驻", "用", "隔壁", "南侧", "北侧", "东侧", "西侧", "原");

    private static final int MAX_NAME_CHARS = 10;

    /** All estate mentions in the text, in order of appearance, without overlaps. */
    public List<EstateMention> extract(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String folded = ChineseTextNormalizer.fold(text);
        List<EstateMention> found = new ArrayList<>();
        for (int i = 0; i < folded.length(); i++) {
            String suffix = suffixAt(folded, i);
            if (suffix == null) {
                continue;
            }
            int end = i + suffix.length();
            EstateMention mention = mentionEndingAt(folded, i, end);
            if (mention != null) {
                found.add(mention);
            }
        }
        return withoutOverlaps(found);
    }

    private static String suffixAt(String text, int i) {
        for (String s : SUFFIXES) {
            if (text.startsWith(s, i)) {
                return s;
            }
        }
        for (String s : SHORT_SUFFIXES) {
            if (text.startsWith(s, i)) {
                int next = i + s.length();
                if (next >= text.length() || !isNameChar(text.charAt(next))
                        || AFTER_SHORT_SUFFIX.indexOf(text.charAt(next)) >= 0) {
                    return s;
                }
            }
        }
        return null;
    }

    private static EstateMention mentionEndingAt(String text, int suffixStart, int end) {
        int start = suffixStart;
        while (start > 0 && isNameChar(text.charAt(start - 1)) && suffixStart - start < MAX_NAME_CHARS + 4) {
            start--;
        }
        String head = text.substring(start, suffixStart);
        int cut = lastCut(head);
        String name = head.substring(cut);
        name = stripLeadingSeparators(name);
        String full = name + text.substring(suffixStart, end);
        // 灭火器在|小区: a name does not end in a preposition or particle.
        if (!name.isEmpty() && "在和于与的是了".indexOf(name.charAt(name.length() - 1)) >= 0) {
            return null;
        }
        if (countNameChars(name) < 2 || countNameChars(name) > MAX_NAME_CHARS || isNotEstate(full)) {
            return null;
        }
        int nameStart = end - full.length();
        String key = EstateNames.key(full);
        return key == null ? null : new EstateMention(full, key, nameStart, end);
    }

    /** Where a name may start inside the run before the suffix. */
    private static int lastCut(String head) {
        int cut = 0;
        for (String w : NOT_NAME_WORDS) {
            int at = head.lastIndexOf(w);
            if (at >= 0) {
                cut = Math.max(cut, at + w.length());
            }
        }
        int markerCut = 0;
        int previousMarkerCut = 0;
        String lastMarker = null;
        for (int i = 0; i < head.length(); i++) {
            for (String m : PLACE_MARKERS) {
                if (head.startsWith(m, i)) {
                    previousMarkerCut = markerCut;
                    markerCut = i + m.length();
                    lastMarker = m;
                    break;
                }
            }
        }
        // 中山路|小区 leaves nothing: then the street itself names the estate (中山路小区); an administrative
        // marker (A区|花园) never does.
        int streetStart = Math.max(cut, previousMarkerCut);
        if (countNameChars(head.substring(Math.max(cut, markerCut))) < 2 && lastMarker != null
                && STREET_MARKERS.contains(lastMarker) && streetStart < markerCut
                && countNameChars(head.substring(streetStart, markerCut)) >= 3) {
            markerCut = previousMarkerCut;
        }
        return Math.max(cut, markerCut);
    }

    private static boolean isNotEstate(String name) {
        return GENERIC_NAMES.contains(name) || FACILITY_ENDINGS.stream().anyMatch(name::endsWith)
                || NOT_RESIDENTIAL.stream().anyMatch(name::contains)
                || !Character.isIdeographic(name.codePointAt(0));
    }

    private static String stripLeadingSeparators(String s) {
        int i = 0;
        while (i < s.length() && isSeparator(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static int countNameChars(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!isSeparator(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isSeparator(char c) {
        return c == '·' || c == '•' || c == '・' || c == '.' || c == ' ';
    }

    private static boolean isNameChar(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 'a' && c <= 'z') || isSeparator(c);
    }

    private static List<EstateMention> withoutOverlaps(List<EstateMention> mentions) {
        List<EstateMention> sorted = new ArrayList<>(mentions);
        // Longest first, so 嘉顺苑小区 wins over 嘉顺苑 at the same place.
        sorted.sort(Comparator.comparingInt((EstateMention m) -> m.end() - m.start()).reversed()
                .thenComparingInt(EstateMention::start));
        List<EstateMention> kept = new ArrayList<>();
        for (EstateMention m : sorted) {
            boolean overlaps = kept.stream().anyMatch(k -> m.start() < k.end() && k.start() < m.end());
            if (!overlaps) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(EstateMention::start));
        return List.copyOf(kept);
    }
}
