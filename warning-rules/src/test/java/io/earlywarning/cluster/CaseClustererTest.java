package io.earlywarning.cluster;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseClustererTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-02T09:00:00+08:00");
    private final ClusterRules rules = ClusterRules.bundled();

    private static ClusterCase at(String id, int hours, String district, String estate, String category, String subject,
                                  String text) {
        return new ClusterCase(id, T0.plusHours(hours), district, null, estate, estate == null ? null : estate + "-key",
                category, subject, text, null);
    }

    private static final String[] LATE_HANDOVER = {
        "来电人反映：江北区阳光花园小区开发商承诺去年年底交房，至今仍未交房，工地已停工数月，业主每月还房贷却住不进新房，要求尽快交房。",
        "阳光花园延期交房一年多了！！开发商一拖再拖，工地停工，我们天天还贷款住不进去，政府管不管？？",
        "本人反映：阳光花园业主购房合同约定交房日期已过一年，开发商仍未交房，工地长期停工，请求督促开发商尽快交房。",
        "阳光花园的房子什么时候能交？合同上写的交房时间早就过了，工地没人干活，业主还着房贷，希望政府督促开发商交房。",
    };

    /** Other matters of the past days, as any window holds: they teach the index which words every petition uses. */
    private static final String[] BACKGROUND = {
        "来电人反映：城西区人民路路灯损坏一个多月无人维修，晚上出行不安全，要求尽快修复。",
        "来电人反映：高新区某快递公司拖欠员工工资三个月，要求劳动监察部门处理。",
        "本人反映：我母亲在市第二医院住院期间护理不到位，请求卫健委调查。",
        "来电人反映：经开区一家餐馆后厨卫生条件差，请市场监管部门检查。",
        "江南区滨江路夜间飙车噪音扰民，希望交警部门加强整治！",
        "本人反映：城东区某培训机构突然关门，预交学费无法退还，请求教育局协调退费。",
        "来电人反映：临江县农村道路损毁严重，雨天无法通行，要求相关部门尽快修路。",
        "本人反映：孩子入学报名系统无法提交，学校说找教育局，教育局说找学校，请求处理。",
        "来电人反映：公司未给员工缴纳社会保险，已断缴半年，要求人社局查处。",
        "高新区某小区门口占道经营，早上堵得车出不去，请城管部门管一管！",
        "来电人反映：城西区菜市场缺斤短两，要求市场监管部门检查。",
        "本人反映：村里低保评定不公开，村干部优亲厚友，请求民政部门调查。",
    };

    private static CaseClusterer withBackground(ClusterRules rules) {
        CaseClusterer clusterer = new CaseClusterer(rules, ClusterJournal.none());
        for (int i = 0; i < BACKGROUND.length; i++) {
            clusterer.assign(new ClusterCase("bg" + i, T0.minusHours(48 - i), "城西区", null, null, null, null, null,
                    BACKGROUND[i], null));
        }
        return clusterer;
    }

    @Test
    void oneMatterWrittenByDifferentPeopleInDifferentChannelsIsOneCluster() {
        CaseClusterer clusterer = withBackground(rules);
        List<ClusterAssignment> out = new ArrayList<>();
        for (int i = 0; i < LATE_HANDOVER.length; i++) {
            out.add(clusterer.assign(at("c" + i, i * 5, "江北区", "阳光花园", "城乡建设", null, LATE_HANDOVER[i])));
        }
        assertTrue(out.get(0).founded());
        assertEquals("cl-c0", out.get(0).clusterId());
        for (ClusterAssignment a : out) {
            assertEquals("cl-c0", a.clusterId(), () -> a + " should join the first case's cluster");
        }
        assertEquals(4, out.get(3).clusterSize());
        assertFalse(out.get(3).nearest().isEmpty());
        assertTrue(out.get(3).nearest().get(0).similarity() >= rules.join());
    }

    @Test
    void aCaseFindsItsMatterInItsOwnDistrictBehindNewerCasesOfTheSameWordsElsewhere() {
        // Read at most 5 postings per term: the 20 newer cases in another district hold every word of the matter.
        ClusterRules scanFive = new ClusterRules(rules.version(), rules.windowDays(), rules.analysis(), rules.maxChars(),
                rules.maxTerms(), 5, rules.join(), rules.merge(), rules.nearest(), rules.place(), rules.growth());
        CaseClusterer clusterer = withBackground(scanFive);
        String words = LATE_HANDOVER[0] + LATE_HANDOVER[2];
        clusterer.assign(at("first", 0, "江北区", "阳光花园", "城乡建设", null, words));
        for (int i = 0; i < 20; i++) {
            String estate = "锦绣江南" + (char) ('一' + i);
            clusterer.assign(at("elsewhere" + i, 1 + i, "江南区", estate, "城乡建设", null,
                    words.replace("阳光花园", estate).replace("江北区", "江南区")));
        }
        ClusterAssignment again = clusterer.assign(at("again", 30, "江北区", "阳光花园", "城乡建设", null, words));
        assertEquals("cl-first", again.clusterId());
        assertEquals("first", again.nearest().get(0).caseId());
    }

    @Test
    void aCaseThatJoinsNothingStillReportsItsNearestFewBestFirst() {
        // A join score no pair reaches: every earlier case is only a neighbour.
        ClusterRules neverJoin = new ClusterRules(rules.version(), rules.windowDays(), rules.analysis(),
                rules.maxChars(), rules.maxTerms(), rules.postingsScan(), 1.5, 1.5, 3, rules.place(), rules.growth());
        CaseClusterer clusterer = withBackground(neverJoin);
        clusterer.assign(at("same-words", 0, "江北区", "阳光花园", "城乡建设", null, LATE_HANDOVER[0]));
        for (int i = 1; i < LATE_HANDOVER.length; i++) {
            clusterer.assign(at("other-words" + i, i, "江北区", "阳光花园", "城乡建设", null, LATE_HANDOVER[i]));
        }
        ClusterAssignment a = clusterer.assign(at("again", 10, "江北区", "阳光花园", "城乡建设", null, LATE_HANDOVER[0]));
        assertTrue(a.founded(), a::toString);
        assertEquals(3, a.nearest().size(), () -> "the nearest three of four neighbours: " + a.nearest());
        assertEquals("same-words", a.nearest().get(0).caseId());
        for (int i = 1; i < a.nearest().size(); i++) {
            assertTrue(a.nearest().get(i - 1).similarity() >= a.nearest().get(i).similarity(), a.nearest()::toString);
            assertTrue(a.nearest().get(i).caseId().startsWith("other-words"), a.nearest()::toString);
        }
    }

    @Test
    void theSameProblemAtTwoEstatesIsTwoMatters() {
        CaseClusterer clusterer = withBackground(rules);
        ClusterAssignment a = clusterer.assign(at("a", 0, "江北区", "阳光花园", "城乡建设", null, LATE_HANDOVER[0]));
        ClusterAssignment b = clusterer.assign(at("b", 1, "江北区", "锦绣江南", "城乡建设", null,
                LATE_HANDOVER[0].replace("阳光花园", "锦绣江南")));
        assertNotEquals(a.clusterId(), b.clusterId());
        assertTrue(b.nearest().isEmpty(), "a case at another estate is not even a neighbour: " + b.nearest());
    }

    @Test
    void twoProblemsAtOneEstateAreTwoMatters() {
        CaseClusterer clusterer = withBackground(rules);
        ClusterAssignment a = clusterer.assign(at("a", 0, "江北区", "阳光花园", "城乡建设", null, LATE_HANDOVER[0]));
        ClusterAssignment b = clusterer.assign(at("b", 1, "江北区", "阳光花园", "城乡建设", null,
                "来电人反映：江北区阳光花园小区物业公司擅自上调物业费，电梯经常故障，垃圾无人清运，要求相关部门查处。"));
        assertNotEquals(a.clusterId(), b.clusterId());
    }

    @Test
    void traditionalCharactersAndFullWidthFormsJoinTheSimplifiedCase() {
        CaseClusterer clusterer = withBackground(rules);
        ClusterAssignment a = clusterer.assign(at("a", 0, null, null, null, null,
                "城南路夜市烧烤摊油烟扰民，每天营业到凌晨两点，噪音大，居民无法休息，请城管部门处理。"));
        ClusterAssignment b = clusterer.assign(at("b", 2, null, null, null, null,
                "城南路夜市燒烤攤油煙擾民，每天營業到淩晨２點，噪音很大，居民無法休息，請城管部門處理！"));
        assertEquals(a.clusterId(), b.clusterId());
    }

    @Test
    void aGrowingClusterKeepsItsIdAndSignalsAtEachConfiguredSize() {
        CaseClusterer clusterer = withBackground(rules);
        List<ClusterGrowthSignal> signals = new ArrayList<>();
        String cluster = null;
        for (int i = 0; i < 12; i++) {
            ClusterCase c = new ClusterCase("c" + i, T0.plusHours(i), "江北区", null, "阳光花园", "阳光花园-key",
                    "城乡建设", null, LATE_HANDOVER[i % LATE_HANDOVER.length], i == 5 ? "江北区住房和城乡建设局" : null);
            ClusterAssignment a = clusterer.assign(c);
            cluster = cluster == null ? a.clusterId() : cluster;
            assertEquals(cluster, a.clusterId());
            signals.addAll(a.signals());
        }
        assertEquals(2, signals.size(), "sizes 3 and 10 crossed once each: " + signals);
        ClusterGrowthSignal first = signals.get(0);
        assertEquals(List.of(1, 2), signals.stream().map(ClusterGrowthSignal::version).toList());
        assertEquals(3, first.threshold());
        assertEquals(List.of("c0", "c1", "c2"), first.caseIds());
        assertEquals("cluster-growth:" + cluster, first.signalId());
        ClusterGrowthSignal second = signals.get(1);
        assertEquals(10, second.size());
        assertEquals(first.detectedAt(), second.detectedAt());
        assertEquals(T0.plusHours(9), second.updatedAt());
        assertEquals("阳光花园", second.estate());
        assertEquals(List.of("江北区住房和城乡建设局"), second.accusedUnits(), "the guard must know whom the cases accuse");
    }

    @Test
    void twoClustersShownToBeOneMatterMergeIntoTheOlderWithAnEvent() {
        CaseClusterer clusterer = withBackground(rules);
        String noise = "工地渣土车通宵进出，路面撒漏泥浆，车轮带泥严重。";
        String fumes = "搅拌站粉尘漫天，晾晒的衣服全是灰，老人孩子咳嗽不止。";
        ClusterAssignment a = clusterer.assign(at("a", 0, null, null, null, null, noise));
        ClusterAssignment b = clusterer.assign(at("b", 1, null, null, null, null, fumes));
        assertNotEquals(a.clusterId(), b.clusterId());
        int before = clusterer.clusterCount();
        // One writer names both: the construction site and the mixing plant are one project (one matter).
        ClusterAssignment both = clusterer.assign(at("c", 2, null, null, null, null, fumes + noise));
        assertEquals("cl-a", both.clusterId(), "the older cluster keeps its id");
        assertEquals(3, both.clusterSize());
        ClusterEvent merged = both.events().get(0);
        assertEquals("merged", merged.type());
        assertEquals("cl-a", merged.clusterId());
        assertEquals("cl-b", merged.absorbed().get(0).clusterId());
        assertEquals(List.of("b"), merged.absorbed().get(0).caseIds());
        assertEquals("c", merged.caseId());
        assertEquals(before - 1, clusterer.clusterCount(), "two clusters became one");
    }

    @Test
    void casesOlderThanTheWindowLeaveTheIndexAndTheirCluster() {
        CaseClusterer clusterer = new CaseClusterer(rules, ClusterJournal.none());
        ClusterAssignment a = clusterer.assign(at("a", 0, null, null, null, null, LATE_HANDOVER[0]));
        ClusterAssignment b = clusterer.assign(at("b", (rules.windowDays() + 1) * 24, null, null, null, null,
                LATE_HANDOVER[2]));
        assertNotEquals(a.clusterId(), b.clusterId());
        assertEquals(1, clusterer.size());
        assertEquals(List.of("expired"), b.events().stream().map(ClusterEvent::type).toList());
        assertEquals("cl-a", b.events().get(0).clusterId());
    }

    @Test
    void aClustererRestoredFromItsJournalDecidesLaterCasesExactlyAsTheOneBefore() {
        List<ClusterCase> stream = new ArrayList<>();
        String[] others = {"城南路夜市烧烤摊油烟扰民，每天营业到凌晨，请城管处理。",
            "小区旁边搅拌站粉尘污染严重，晾晒的衣服全是灰。", "公交805路改线后老人出行不便，希望恢复原线路。"};
        for (int i = 0; i < 60; i++) {
            String text = i % 3 == 0 ? LATE_HANDOVER[i % 4] : others[i % others.length] + (i % 7 == 0 ? "已多次反映。" : "");
            stream.add(at("c" + i, i * 20, i % 2 == 0 ? "江北区" : null, null, null, null, text));
        }
        InMemoryClusterJournal stores = new InMemoryClusterJournal();
        CaseClusterer uninterrupted = new CaseClusterer(rules, ClusterJournal.none());
        CaseClusterer before = new CaseClusterer(rules, stores);
        for (ClusterCase c : stream.subList(0, 40)) {
            assertEquals(uninterrupted.assign(c), before.assign(c));
        }
        CaseClusterer after = stores.restore(rules);
        assertEquals(uninterrupted.clusters(), after.clusters());
        for (ClusterCase c : stream.subList(40, 60)) {
            assertEquals(uninterrupted.assign(c), after.assign(c), "after the restart, " + c.caseId());
        }
    }

    @Test
    void aRestoreAfterMergesAndExpiriesRebuildsTheSameClusters() {
        String noise = "工地渣土车通宵进出，路面撒漏泥浆，车轮带泥严重。";
        String fumes = "搅拌站粉尘漫天，晾晒的衣服全是灰，老人孩子咳嗽不止。";
        List<ClusterCase> stream = new ArrayList<>();
        for (int i = 0; i < BACKGROUND.length; i++) {
            stream.add(at("bg" + i, i, "城西区", null, null, null, BACKGROUND[i]));
        }
        stream.add(at("a", 20, null, null, null, null, noise));
        stream.add(at("b", 21, null, null, null, null, fumes));
        stream.add(at("b2", 22, null, null, null, null, "搅拌站粉尘太大，衣服都没法晾，老人孩子一直咳嗽。"));
        stream.add(at("c", 23, null, null, null, null, fumes + noise));
        // Thirty days on the background has left the window; the merged cluster has not.
        stream.add(at("late", 30 * 24 + 15, null, null, null, null, "工地渣土车半夜还在进出，泥浆撒了一路。"));
        InMemoryClusterJournal stores = new InMemoryClusterJournal();
        CaseClusterer uninterrupted = new CaseClusterer(rules, ClusterJournal.none());
        CaseClusterer before = new CaseClusterer(rules, stores);
        boolean merged = false;
        for (ClusterCase c : stream) {
            ClusterAssignment a = uninterrupted.assign(c);
            assertEquals(a, before.assign(c));
            merged |= a.events().stream().anyMatch(e -> e.type().equals("merged"));
        }
        assertTrue(merged, "the stream must hold a merge for this test to mean anything");
        assertTrue(uninterrupted.size() < stream.size(), "and cases that left the window");

        CaseClusterer after = stores.restore(rules);
        assertEquals(uninterrupted.clusters(), after.clusters());
        ClusterCase next = at("next", 30 * 24 + 16, null, null, null, null, fumes);
        assertEquals(uninterrupted.assign(next), after.assign(next));
    }

    @Test
    void joiningALargeClusterWritesTwoMembershipsNotTheCluster() {
        List<String> writes = new ArrayList<>();
        ClusterJournal counting = new ClusterJournal() {
            public void indexed(IndexedCase c) {
                writes.add("case");
            }

            public void memberChanged(String caseId, ClusterMember member) {
                writes.add("member");
            }

            public void expired(String caseId) {
                writes.add("expired");
            }

            public void clusterChanged(ClusterRecord cluster) {
                writes.add("cluster");
            }

            public void clusterRemoved(String clusterId) {
                writes.add("removed");
            }
        };
        CaseClusterer clusterer = new CaseClusterer(rules, counting);
        for (int i = 0; i < 200; i++) {
            clusterer.assign(at("c" + i, i, "江北区", "阳光花园", null, null, LATE_HANDOVER[i % 4]));
        }
        writes.clear();
        ClusterAssignment last = clusterer.assign(at("c200", 200, "江北区", "阳光花园", null, null, LATE_HANDOVER[0]));
        assertEquals(201, last.clusterSize());
        // The new case, its membership, its nearest case's hits and the cluster's (member-less) record.
        assertEquals(List.of("member", "case", "member", "cluster"), writes);
    }

    @Test
    void anIndexedCaseSurvivesItsBinaryForm() {
        IndexedCase c = new IndexedCase(7, "online:1", 1_700_000_000L, 28_800, "江北区", null, "阳光花园", "k", null,
                "某局", "阳光花园延期交房", new int[]{1, 5, 9}, new int[]{9, 1}, new float[]{0.8f, 0.6f});
        assertEquals(c, IndexedCase.fromBytes(c.toBytes()));
    }
}
