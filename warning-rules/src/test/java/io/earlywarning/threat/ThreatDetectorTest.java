package io.earlywarning.threat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ThreatDetectorTest {

    private static final ThreatDetector DETECTOR = new ThreatDetector(ThreatRules.bundled());

    @Test
    void aThreatToJumpIsSelfHarmWithItsSpan() {
        String text = "开发商拖了三年不交房，再不解决我就从楼顶跳下去。";
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).isTrue();
        assertThat(a.category()).isEqualTo(ThreatCategory.SELF_HARM);
        assertThat(a.evidence()).anySatisfy(e -> {
            assertThat(codePoints(text, e.start(), e.end())).isEqualTo(e.text());
            assertThat(e.text()).contains("跳下去");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "如果月底前还不给钱，我就喝农药死在你们门口",
            "实在没有活路了，我只能一死了之",
            "再不处理，我就去找开发商老板拼命",
            "逼急了我就拿刀去找那个包工头算账",
            "我已经准备好了汽油，再不给说法就一把火烧了售楼部",
            "大不了大家同归于尽",
            "我 要 跳 楼",
            "我要跳*楼",
            "我要跳樓",
            "我要tiao楼",
            "我要跳lou",
            "大不了大家同归于进",
    })
    void threatsAreFoundHoweverTheyAreWritten(String text) {
        assertThat(DETECTOR.assess(text).threat()).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "我不会想不开，只想要回血汗钱",
            "我们不会做过激的事，只希望依法解决",
            "这个物业真是笑死人了",
            "天天加班累得半死",
            "工地噪音吵得人快疯了",
            "如果再不解决，我们将向法院提起诉讼",
            "我们准备联名向上级信访部门反映",
            "我们将联系媒体曝光此事",
            "听说隔壁小区有人因为这事跳楼了，希望引起重视",
            "新闻里报道有人在售楼部闹事，我们只想依法维权",
            "小区楼道堆放杂物有火灾隐患",
            "餐馆燃气管道老化有爆炸危险，请尽快排查",
            "小区门口的炸鸡店油烟太大",
            "楼下烧烤摊每晚营业到凌晨",
            "果园打农药的气味飘进小区",
            "广场舞音响声音太大",
            "商家砍价后又加价，消费者被坑",
            "今年工资少了一半",
            "电梯又坏了，老人上下楼很不方便",
            "我们什么时候能拿到房产证",
            "物业公司擅自上调物业费",
            "楼道防火门被锁死",
            "建议过年期间早上8点至晚上8点燃放烟花",
            "非得要我们百姓一哭二闹三上吊才有奶吃吗",
    })
    void angryButLawfulTextsAndEverydayWordsAreNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @Test
    void aThreatBuriedInALongComplaintIsStillFound() {
        String text = "尊敬的领导：我们是旭辉紫金苑的业主，".repeat(20) + "开发商一直推诿。我们已经买好了汽油。"
                + "请求尽快处理。".repeat(20);
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).isTrue();
        assertThat(a.category()).isEqualTo(ThreatCategory.ARSON_EXPLOSIVE);
        assertThat(a.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("汽油"));
    }

    @Test
    void specificMeansTargetAndDeadlineRaiseTheSeverity() {
        assertThat(DETECTOR.assess("活不下去了").severity()).isEqualTo("low");
        assertThat(DETECTOR.assess("月底前再不给钱，我就带着汽油去售楼部一把火烧了").severity()).isEqualTo("critical");
    }

    @Test
    @Timeout(60) // guards against a hang (an early version looped forever on ㎡), not a speed target
    void anyTextIsReadAndEverySpanPointsIntoIt() {
        String pool = "我要跳楼不会笑死炸鸡汽油准备好了听说有人同归于尽 ，。！?\n\u200bｔｉａｏlouﬁ㎡㎏™Ⅻ😀\u202e<script>'--";
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                text.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
            }
            String t = text.toString();
            for (ThreatAssessment.Evidence e : DETECTOR.assess(t).evidence()) {
                assertThat(e.start()).isBetween(0, e.end());
                assertThat(e.end()).isLessThanOrEqualTo(t.codePointCount(0, t.length()));
                assertThat(codePoints(t, e.start(), e.end())).isEqualTo(e.text());
            }
        }
        assertThat(DETECTOR.assess("房屋面积120㎡，开发商少算了ﬁve平方").threat()).isFalse();
    }

    @Test
    void offsetsCountCodePointsSoEmojiBeforeAThreatDoNotShiftIt() {
        String text = "😀😀我要跳楼";
        ThreatAssessment.Evidence e = DETECTOR.assess(text).evidence().get(0);
        assertThat(e.start()).isEqualTo(4);
        assertThat(e.text()).isEqualTo("跳楼");
    }

    private static String codePoints(String text, int start, int end) {
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }

    @Test
    void fullWidthAndTraditionalCharactersAreFolded() {
        assertThat(DETECTOR.assess("我要從樓頂跳下去").threat()).isTrue();
        assertThat(DETECTOR.assess("我要ｔｉａｏ楼").threat()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "工作人员态度恶劣，说我想死，要弄死我。",                                    // done to the writer
            "要不是兴业银行提款员上吊自杀你们还会收吗？",                                 // another's act, reported
            "兴业银行提箱员在休息室上吊自杀，公司却不闻不问。",
            "主电缆线起火烧掉了，幸好用灭火器扑灭。如果不是发现及时，将地下车库的车引爆，后果不堪设想。"}) // a hazard
    void actsTheWriterReportsRatherThanThreatensAreNoThreat(String text) {
        assertThat(DETECTOR.assess(text).threat()).as(text).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "业主在群里说，年底拿不到房他们要去跳楼！",          // others' stated intent: still a risk to verify
            "我们全体员工就跳楼，说到做到",                       // the writer's own people
            "公司员工工资拖了半年，再不发我就跳楼",
            "来电人反映街道办推诿拖欠工资，说月底前再不给钱就从办公楼顶跳下去", // an operator's summary: 来电人 is the writer
            "小区电线起火好几次了，再不解决我就一把火烧了售楼部"}) // a hazard, then the writer's own threat
    void anotherPersonsStatedIntentOrTheWritersOwnThreatStillCounts(String text) {
        assertThat(DETECTOR.assess(text).threat()).as(text).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "再拖欠工资，我就把老板的厂子点了",
            "谁再来拆我家房子，我就拿斧头砍谁",
            "征地款不给，我就在村委会门口喝药",
            "拿不到钱我就卧轨，说到做到",
            "明天我就带几个兄弟去把他打残"})
    void aVerbOfHarmTheWriterResolvesToUnderPressureIsAThreat(String text) {
        assertThat(DETECTOR.assess(text).threat()).as(text).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "现在春耕在即，我要上山砍点树和楠竹卖了买种子，难道农民的这点要求过分吗",
            "7月份开始，我们几栋烂尾楼就持续性跳闸，一天跳5次",
            "我就纳闷了，结果现在又要我补缴",
            "只要能跳到220，我就不追究此事",
            "当时语气又差，有个同事就动手了，结果现在还在派出所"})
    void theSameVerbsInOrdinaryUseAreNoThreat(String text) {
        assertThat(DETECTOR.assess(text).threat()).as(text).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "房东说我们再不搬就放火烧房子，我们很害怕",                  // an adversary's words, reported
            "拆迁队的人晚上来砸我们家的窗户，还说要放火烧房",            // 拆迁队的人 said it, across the comma
            "拆了之后，还拿刀具在半夜找到正义方来报复？",                // a question about somebody else
            "未来就这样被钉死在铁板上，真的不甘心",                      // done to somebody (被)
            "如果此次我们又输了，那就是鼓励砸承重墙的法律信号",          // a one-character verb without a victim
            "我们现在这些商户真的倾家荡产，想死的心都有了"})             // a figure of despair
    void wordsSomebodyElseSaysOrAsksAndFiguresOfDespairAreNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "老板说再闹就开除，我干脆吞安眠药算了",                      // the writer takes the word again
            "我这把老骨头不要了，就死在你们办公室",                      // subject two phrases back; 不要 negates nothing here
            "我跟那几个村干部没完，迟早要让他们见血",                    // the subject comes first, not 村干部
            "你们不管我就自己解决那个恶霸",                              // after a condition, who speaks is the subject
            "我现在就站在天台上，你们不来人我就跳"})                     // one character, but a high place
    void theWritersOwnResolveIsFoundWhereverItsSubjectStands(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isTrue();
    }

    @Test
    void theMethodDecidesTheCategoryOverAnOutcome() {
        assertThat(DETECTOR.assess("你们再不处理，我就在镇政府门口点火烧自己").category()).isEqualTo(ThreatCategory.SELF_HARM);
        assertThat(DETECTOR.assess("谁敢来强拆我就纵火，大家同归于尽").category()).isEqualTo(ThreatCategory.ARSON_EXPLOSIVE);
        assertThat(DETECTOR.assess("逼急了我就去加油站买汽油，跟他们同归于尽").category()).isEqualTo(ThreatCategory.ARSON_EXPLOSIVE);
        assertThat(DETECTOR.assess("再不还钱，我就跟他同归于尽").category()).isEqualTo(ThreatCategory.VIOLENCE);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "再拖一天我就喝一瓶百草枯",                                  // a poison the writer will drink
            "再拖下去，我就用炸药跟他们一起死",                          // an explosive the writer will use, under a condition
            "这个月底还拿不到钱，我就带上菜刀去找那个老板",
            "他出来我就跟他拼"})                                         // the person right before 就 is its subject
    void aMeansTheWriterWillUseIsAThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "我要用农药打虫，请问哪种农药残留少",                        // a means of harm to others needs pressure; 农药 to self needs 喝
            "我只希望好钢要用在刀刃上，领导要体谅基层",                  // 刀 inside 刀刃
            "开发商同承建方一起私自抹灰掩盖开裂事实"})                   // 一起私 sounds like 一起死
    void meansInOrdinaryUseAreNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @Test
    void aFireOfThreeSyllablesTheWriterResolvesToNeedsNoTarget() {
        ThreatAssessment a = DETECTOR.assess("我要把那个黑心养殖场一把火烧光");
        assertThat(a.threat()).as("%s", a.ruleIds()).isTrue();
        assertThat(a.category()).isEqualTo(ThreatCategory.ARSON_EXPLOSIVE);
        // two syllables still need somebody or something to threaten
        assertThat(DETECTOR.assess("我要把院子里的枯叶烧了").threat()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "我弄到了一些雷管，月底前不赔钱就去炸他们的厂子",              // 炸 with a person as its object
            "我们已经准备好了柴油，明天就去烧他们的工棚",
            "我现在恨不得杀了那个骗子全家",                              // more words of resolve: 恨不得, 宁愿, 决定
            "拿不回血汗钱，我宁愿去死",
            "我要去加油站买汽油，把那个贪官的房子烧了"})                 // the resolve reaches over a comma
    void moreWordsOfResolveAndOneCharacterFireVerbsWithAVictim(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "我要烧点开水给老人喝",                                      // 烧 without a victim
            "周末我就在家炸点丸子",
            "赌场老板派人去打玩家，玩家有些被打的半死",                  // a violent act done to somebody (被)
            "刘熊作为中介是不能收取砍头息的",                            // a loan term
            "我决定去法院起诉他们"})                                     // resolve to a lawful way
    void theNewVerbsAndResolveWordsInOrdinaryUseAreNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "我已经走投无路了，今晚我就去江北大桥上",                    // a ledge the despairing writer goes to
            "被开发商逼得走投无路，今晚我就从这个烂尾楼顶上下去"})
    void aDespairingWriterGoingToALedgeIsSelfHarm(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isTrue();
        assertThat(a.category()).isEqualTo(ThreatCategory.SELF_HARM);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "明天我就去楼顶看看漏水的地方",                              // no despair: a visit
            "业主们都很绝望，我要去楼顶拍照取证"})                       // despair, but an errand on the roof
    void aLedgeWithoutDespairOrWithAnErrandIsNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "那个包工头再躲着，我见到他一定捅他几刀",                    // a count of blows as the victim
            "我咽不下这口气，迟早要把那个村主任的腿打断",                  // a body part as the victim
            "我家的房子要是被强拆，我就把液化气罐打开",                  // 把: the means before its verb of use
            "如果低保还批不下来，我就去跳江，我说的是真的"})              // 我 after a comma is not the act's victim
    void victimsAndMeansInOtherPositionsStillMakeAThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "物业保安拿着电棍威胁业主，太嚣张了",                        // another's means
            "我从没打算对开发商动手，我只想退房",                        // 从没 negates
            "我把我被拆除后的房屋收拾一间给父亲暂时落脚"})               // 把 is no resolve
    void anothersMeansANegatedResolveAndTidyingUpAreNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @Test
    void fireTheWriterTurnsOnThemselvesIsSelfHarm() {
        assertThat(DETECTOR.assess("再这样推来推去，我就在你们信访局大厅里点火烧了自己").category()).isEqualTo(ThreatCategory.SELF_HARM);
        assertThat(DETECTOR.assess("我准备在你们局门口把汽油浇在自己身上").category()).isEqualTo(ThreatCategory.SELF_HARM);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "来访人情绪激动，称开发商再不退定金，她就从售楼处二楼窗户跳下去",   // a summary: 她 is the petitioner
            "来电人反映拆迁款被截留，称其月底前拿不到钱就去区政府门口服毒",     // and so is 其
            "我们几十个工人商量好了，明天老板再不露面，就把他堵在办公室里揍一顿", // 老板 is the condition's subject
            "再不赔钱，我就天天晚上去他厂里放火",                              // 去他厂里: 他 is where, not who
            "再这样下去我只能去死"})                                          // 下去我: 去 of a direction
    void summariesAndSubjectsAcrossConditionsAreTheWriters(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "我没有放火的念头，请派出所不要再来找我谈话了",                    // an intent denied
            "说实话我也想过一死了之，但为了家人我不会这样做",                  // a negation that points back
            "我们村有个老人因为拆迁款的事在村委会门口喝了农药，现在还在抢救",  // 有个…: somebody else
            "来电人反映其邻居经常说要砍死他，请派出所处理"})                   // in a summary, 他 after the act is its victim
    void deniedIntentsAndOthersActsAreNoThreat(String text) {
        ThreatAssessment a = DETECTOR.assess(text);
        assertThat(a.threat()).as("%s -> %s", text, a.ruleIds()).isFalse();
    }

    @Test
    void anActPhraseHoldingAFigureOfSpeechIsStillAnAct() {
        // 饿死 alone is a figure (饿死了, 快饿死了); written into the act 饿死算了 it is what the writer resolves to.
        assertThat(DETECTOR.assess("没人管我，我就去市政府门口躺下，饿死算了").threat()).isTrue();
        assertThat(DETECTOR.assess("等了一上午还没吃饭，快饿死了").threat()).isFalse();
        assertThat(DETECTOR.assess("每天五点就打桩，吵得我脑袋都要炸了").threat()).isFalse();
    }

    @Test
    void theWriterFindingOutWhereAnAdversarysChildIsIsAThreatOfViolence() {
        ThreatAssessment a = DETECTOR.assess("我已经打听到了他孩子在哪个学校上学");
        assertThat(a.threat()).isTrue();
        assertThat(a.category()).isEqualTo(ThreatCategory.VIOLENCE);
        assertThat(a.evidence()).extracting(ThreatAssessment.Evidence::text).containsExactly("在哪个学校");
        // An address is a threat only under pressure; without it a creditor is telling where the debtor lives.
        assertThat(DETECTOR.assess("我知道局长住哪里，再不处理我就去他家找他").threat()).isTrue();
        assertThat(DETECTOR.assess("我知道被执行人住在哪里，法院却说找不到人").threat()).isFalse();
        // Not the writer who knows: a question, or somebody else.
        assertThat(DETECTOR.assess("请问孩子在哪个学校上学由谁决定").threat()).isFalse();
        assertThat(DETECTOR.assess("开发商的人说他们知道我孩子在哪个学校").threat()).isFalse();
    }

    @Test
    void wordsTheWriterTakesBackAreNoThreatButAnInsistenceIs() {
        assertThat(DETECTOR.assess("上次我在电话里说要去喝农药，那都是气话，请你们别担心").threat()).isFalse();
        assertThat(DETECTOR.assess("我说要放火烧了他的厂只是说说而已，我只想要回工钱").threat()).isFalse();
        assertThat(DETECTOR.assess("这可不是什么气话，月底再不给钱我就去跳楼").threat()).isTrue();
        assertThat(DETECTOR.assess("我说到做到，月底再不给钱我就去跳楼").threat()).isTrue();
    }

    @Test
    void anAdversarysPeopleSpeakForTheAdversary() {
        // 开发商的手下 says it: the adversary's words, reported, though 我们 stands before as the victim.
        assertThat(DETECTOR.assess("开发商的手下把我们几个业主推倒在地，还说谁再闹就放火烧了谁家").threat()).isFalse();
        // The writer's own words after the same start are the writer's.
        assertThat(DETECTOR.assess("开发商的手下把我们推倒在地，我们再不拿到钱就放火烧了售楼部").threat()).isTrue();
    }

    @Test
    void aMeansSomebodyElseHoldsIsTheirsNotTheWriters() {
        assertThat(DETECTOR.assess("我下班走到路口，那个男子追了上来，手里拿着砖头砸向我").threat()).isFalse();
        assertThat(DETECTOR.assess("那个包工头一露面，我就拿砖头拍他").threat()).isTrue();
        assertThat(DETECTOR.assess("我已经揣着一把刀了，开发商再不退钱就别怪我").threat()).isTrue();
    }

    @Test
    void aHarmVerbTypedInPinyinIsTheVerbAHomophoneIsNot() {
        assertThat(DETECTOR.assess("工钱再不给，我就去把他da si").threat()).isTrue();
        // 大四 sounds like 打死 but was typed as characters: an everyday word.
        assertThat(DETECTOR.assess("工钱再不给，我就供不起他读大四了").threat()).isFalse();
    }

    @Test
    void whoeverComesAfterBeiIsTheAgentNotWhoResolves() {
        // 被村干部逼得…: the 村干部 pressed the writer; the writer (网友, in a board's summary) resolves to the act.
        ThreatAssessment a = DETECTOR.assess("网友称：被村干部逼得没有活路，准备在村委会门口把自己点了");
        assertThat(a.threat()).isTrue();
        assertThat(a.category()).isEqualTo(ThreatCategory.SELF_HARM);
    }

    @Test
    void seekingJusticeAndARefusedSuggestionAreNoThreat() {
        assertThat(DETECTOR.assess("老板不给钱，我就要去劳动局讨个公道").threat()).isFalse();
        assertThat(DETECTOR.assess("工友叫我晚上去把老板的车烧了，我没答应，我只想通过仲裁拿回工资").threat()).isFalse();
    }
}
