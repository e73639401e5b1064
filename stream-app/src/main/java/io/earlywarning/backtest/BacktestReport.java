package io.earlywarning.backtest;

import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.Warning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The backtest's HTML report: one self-contained page (inline SVG, no scripts, nothing fetched) with counts
 * against baseline per key and warning markers, hits per rule, the warnings with their units and evidence, and
 * what changes between two rule sets.
 */
final class BacktestReport {

    private static final String MAIN_COLOUR = "#2b6cb0";
    private static final String COMPARE_COLOUR = "#dd6b20";
    private static final int TABLE_ROWS = 60;

    private BacktestReport() {
    }

    static String html(Backtest.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>预警规则回测 · ").append(esc(r.main().rules().rules().name())).append("</title><style>")
                .append("body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;margin:24px;color:#1a202c;max-width:1100px}")
                .append("table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #cbd5e0;padding:3px 6px;vertical-align:top}")
                .append("th{background:#edf2f7}h2{margin-top:32px;border-bottom:2px solid #2b6cb0}.muted{color:#718096}")
                .append(".red{color:#c53030}.orange{color:#c05621}.yellow{color:#b7791f}.blue{color:#2b6cb0}")
                .append("</style></head><body>");
        b.append("<h1>预警规则回测报告</h1>");
        b.append("<p>输入 <code>").append(esc(r.input())).append("</code>：").append(r.cases()).append(" 件案件");
        if (!r.casesSeen().isEmpty()) {
            b.append("（").append(r.casesSeen().get(0).receivedAt().toLocalDate()).append(" 至 ")
                    .append(r.casesSeen().get(r.casesSeen().size() - 1).receivedAt().toLocalDate()).append("）");
        }
        b.append("，拒收 ").append(r.rejected()).append(" 条。信号：")
                .append(esc(r.signalCounts().toString())).append("。回测尚未运行类案聚集阶段，不含 CLUSTER_GROWTH 信号。</p>");
        b.append("<p>规则集 <b style=\"color:").append(MAIN_COLOUR).append("\">").append(esc(label(r.main()))).append("</b>");
        if (r.compare() != null) {
            b.append(" 对比 <b style=\"color:").append(COMPARE_COLOUR).append("\">").append(esc(label(r.compare())))
                    .append("</b>");
        }
        b.append("</p>");

        b.append("<h2>各规则命中数</h2>").append(hitsPerRule(r));
        b.append(severityTable(r));
        if (r.compare() != null) {
            b.append("<h2>两套规则的差异</h2>").append(comparison(r));
        }
        b.append("<h2>楼盘/区域信访量与基线</h2><p class=\"muted\">灰柱：每日计数（同一信访人 7 日内只计一次）；蓝线：学习到的基线预期；")
                .append("红色▼：主规则集预警触发；橙色▲：对比规则集预警触发。</p>");
        for (Map.Entry<String, TreeMap<LocalDate, OfflinePipeline.Day>> e : r.series().entrySet()) {
            b.append(keyPlot(e.getKey(), e.getValue(), r));
        }
        b.append("<h2>预警（主规则集，最新版本）</h2>").append(warningTable(r.main().warnings()));
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String label(Backtest.Outcome o) {
        return o.rules().rules().name() + " v" + o.rules().version();
    }

    private static String hitsPerRule(Backtest.Result r) {
        Map<String, Long> a = countBy(r.main().warnings(), Warning::ruleId);
        Map<String, Long> c = r.compare() == null ? Map.of() : countBy(r.compare().warnings(), Warning::ruleId);
        Set<String> rules = new LinkedHashSet<>();
        r.main().rules().rules().rules().forEach(x -> rules.add(x.id()));
        if (r.compare() != null) {
            r.compare().rules().rules().rules().forEach(x -> rules.add(x.id()));
        }
        long max = Math.max(1, Math.max(a.values().stream().mapToLong(x -> x).max().orElse(1),
                c.values().stream().mapToLong(x -> x).max().orElse(1)));
        int barHeight = 14;
        int rowHeight = r.compare() == null ? 22 : 36;
        int width = 760;
        int labelWidth = 200;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"hits per rule\" width=\"%d\" height=\"%d\">",
                width, rules.size() * rowHeight + 10));
        int y = 5;
        for (String rule : rules) {
            s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 12, esc(rule)));
            long n = a.getOrDefault(rule, 0L);
            s.append(bar(labelWidth, y, (width - labelWidth - 60) * n / (double) max, barHeight, MAIN_COLOUR, n));
            if (r.compare() != null) {
                long m = c.getOrDefault(rule, 0L);
                s.append(bar(labelWidth, y + barHeight + 2, (width - labelWidth - 60) * m / (double) max, barHeight,
                        COMPARE_COLOUR, m));
            }
            y += rowHeight;
        }
        return s.append("</svg>").toString();
    }

    private static String bar(int x, int y, double w, int h, String colour, long n) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%d</text>", x, y, w, h, colour, x + w + 4, y + h - 3, n);
    }

    private static String severityTable(Backtest.Result r) {
        StringBuilder s = new StringBuilder("<table><tr><th>规则集</th><th>预警数</th><th>红</th><th>橙</th><th>黄</th><th>蓝</th>"
                + "<th>版本数（含更新）</th></tr>");
        for (Backtest.Outcome o : r.compare() == null ? List.of(r.main()) : List.of(r.main(), r.compare())) {
            Map<String, Long> by = countBy(o.warnings(), w -> w.severity().id());
            s.append("<tr><td>").append(esc(label(o))).append("</td><td>").append(o.warnings().size()).append("</td>");
            for (String sev : List.of("red", "orange", "yellow", "blue")) {
                s.append("<td>").append(by.getOrDefault(sev, 0L)).append("</td>");
            }
            s.append("<td>").append(o.versions().size()).append("</td></tr>");
        }
        return s.append("</table>").toString();
    }

    /** Warnings matched across sets by rule, subject and the day they were triggered. */
    private static String comparison(Backtest.Result r) {
        Map<String, Warning> a = byMatchKey(r.main().warnings());
        Map<String, Warning> c = byMatchKey(r.compare().warnings());
        List<Warning> onlyMain = a.entrySet().stream().filter(e -> !c.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<Warning> onlyCompare = c.entrySet().stream().filter(e -> !a.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Warning> e : a.entrySet()) {
            Warning other = c.get(e.getKey());
            if (other != null && (other.severity() != e.getValue().severity() || !unitIds(other).equals(unitIds(e.getValue())))) {
                changed.add("<tr><td>" + esc(e.getValue().title()) + "</td><td>" + e.getValue().severity().label() + " → "
                        + other.severity().label() + "</td><td>" + esc(unitNames(e.getValue())) + " → " + esc(unitNames(other))
                        + "</td></tr>");
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("<p>仅主规则集有：<b>").append(onlyMain.size()).append("</b> 条；仅对比规则集有：<b>").append(onlyCompare.size())
                .append("</b> 条；两者都有但级别或分送单位不同：<b>").append(changed.size()).append("</b> 条。</p>");
        s.append("<h3>仅主规则集</h3>").append(warningTable(onlyMain));
        s.append("<h3>仅对比规则集</h3>").append(warningTable(onlyCompare));
        if (!changed.isEmpty()) {
            s.append("<h3>级别或分送单位变化</h3><table><tr><th>预警</th><th>级别</th><th>分送单位</th></tr>");
            changed.stream().limit(TABLE_ROWS).forEach(s::append);
            s.append("</table>");
        }
        return s.toString();
    }

    private static Map<String, Warning> byMatchKey(List<Warning> warnings) {
        Map<String, Warning> m = new LinkedHashMap<>();
        for (Warning w : warnings) {
            m.putIfAbsent(w.ruleId() + "|" + w.subject() + "|" + w.triggeredAt().toLocalDate(), w);
        }
        return m;
    }

    private static String keyPlot(String key, TreeMap<LocalDate, OfflinePipeline.Day> days, Backtest.Result r) {
        int width = 1000;
        int height = 170;
        int left = 40;
        int bottom = 20;
        LocalDate first = days.firstKey();
        LocalDate last = days.lastKey();
        long span = Math.max(1, last.toEpochDay() - first.toEpochDay() + 1);
        double max = 1;
        for (OfflinePipeline.Day d : days.values()) {
            max = Math.max(max, Math.max(d.observed(), d.expected()));
        }
        double dx = (width - left - 10) / (double) span;
        double sy = (height - bottom - 20) / max;
        StringBuilder s = new StringBuilder("<h3>").append(esc(key)).append("</h3>");
        s.append(String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\">", esc(key), width, height));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#a0aec0\"/>",
                left, height - bottom, width - 10, height - bottom));
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"10\">%.0f</text><text x=\"0\" y=\"%d\" font-size=\"10\">0</text>",
                25, max, height - bottom));
        StringBuilder line = new StringBuilder();
        for (OfflinePipeline.Day d : days.values()) {
            double x = left + (d.day().toEpochDay() - first.toEpochDay()) * dx;
            double h = d.observed() * sy;
            if (h > 0) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#a0aec0\"><title>%s：%.0f（基线 %.2f）</title></rect>",
                        x, height - bottom - h, Math.max(1, dx - 1), h, d.day(), d.observed(), d.expected()));
            }
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x + dx / 2, height - bottom - d.expected() * sy));
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(MAIN_COLOUR).append("\" stroke-width=\"1.5\" points=\"")
                .append(line).append("\"/>");
        markers(s, r.main().warnings(), key, first, left, dx, 12, "#c53030", "▼");
        if (r.compare() != null) {
            markers(s, r.compare().warnings(), key, first, left, dx, 24, COMPARE_COLOUR, "▲");
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                left, height - 5, first, width - 10, height - 5, last));
        return s.append("</svg>").toString();
    }

    private static void markers(StringBuilder s, List<Warning> warnings, String key, LocalDate first, int left,
                                double dx, int y, String colour, String glyph) {
        for (Warning w : warnings) {
            if (w.subject().equals("surge:" + key)) {
                double x = left + (w.triggeredAt().toLocalDate().toEpochDay() - first.toEpochDay()) * dx;
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\" text-anchor=\"middle\">%s<title>%s %s</title></text>",
                        x + dx / 2, y, colour, glyph, esc(w.triggeredAt().toString()), esc(w.title())));
            }
        }
    }

    private static String warningTable(List<Warning> warnings) {
        if (warnings.isEmpty()) {
            return "<p class=\"muted\">无。</p>";
        }
        List<Warning> shown = warnings.stream()
                .sorted(Comparator.comparing((Warning w) -> -w.severity().ordinal())
                        .thenComparing(w -> -w.evidence().caseIds().size()))
                .limit(TABLE_ROWS).toList();
        StringBuilder s = new StringBuilder("<table><tr><th>级别</th><th>触发时间</th><th>规则</th><th>标题</th><th>分送单位</th>"
                + "<th>案件</th><th>说明</th></tr>");
        for (Warning w : shown) {
            s.append("<tr><td class=\"").append(w.severity().id()).append("\">").append(w.severity().label())
                    .append("</td><td>").append(esc(w.triggeredAt().toString())).append("</td><td>").append(esc(w.ruleId()))
                    .append("</td><td>").append(esc(w.title())).append("</td><td>").append(esc(unitNames(w)))
                    .append("</td><td>").append(w.evidence().caseIds().size()).append("：")
                    .append(esc(String.join(" ", w.evidence().caseIds().stream().limit(6).toList())))
                    .append(w.evidence().caseIds().size() > 6 ? " …" : "").append("</td><td>")
                    .append(esc(String.join("；", w.routingNotes()))).append("</td></tr>");
        }
        if (warnings.size() > TABLE_ROWS) {
            s.append("<tr><td colspan=\"7\" class=\"muted\">另有 ").append(warnings.size() - TABLE_ROWS)
                    .append(" 条，见 warnings.jsonl</td></tr>");
        }
        return s.append("</table>").toString();
    }

    private static List<String> unitIds(Warning w) {
        return w.units().stream().map(UnitAssignment::id).toList();
    }

    private static String unitNames(Warning w) {
        return w.units().stream().map(u -> u.name() + "（" + role(u.role()) + "）").collect(Collectors.joining("、"));
    }

    private static String role(String role) {
        return switch (role) {
            case "territorial" -> "属地";
            case "sector" -> "行业";
            case "public-security" -> "公安";
            case "joint-office" -> "联席办";
            case "superior" -> "上级，回避被反映单位";
            default -> "信访局";
        };
    }

    private static <K> Map<K, Long> countBy(List<Warning> warnings, Function<Warning, K> key) {
        return warnings.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
