package io.earlywarning.gateway.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.Warning;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The words of a warning notice, in Chinese, for each channel: a title line, plain text, and markdown for the robots
 * (with what a petitioner or analyst wrote escaped, so that no text becomes a link or markup in a group chat).
 */
public final class WarningMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> ROLES = Map.of("territorial", "属地", "sector", "行业",
            "public-security", "公安", "joint-office", "联席办", "superior", "上级", "petition-office", "信访部门");

    private final String consoleUrl;

    /** @param consoleUrl where the console is reached, for the link in each notice */
    public WarningMessages(String consoleUrl) {
        this.consoleUrl = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
    }

    /** A new warning, or a version with a higher severity. */
    public Delivery.Message warning(TrackedWarning t, ZoneOffset zone) {
        Warning w = t.warning();
        String head = "【" + w.severity().label() + "预警】" + w.title();
        return message(head, w, zone, List.of(), Map.of("kind", "warning"));
    }

    /** A warning nobody acknowledged in time, to the next units in the chain (and again to its own). */
    public Delivery.Message escalation(TrackedWarning t, int step, List<String> units, RoutingTable table, ZoneOffset zone) {
        Warning w = t.warning();
        String head = "【提级·" + w.severity().label() + "预警】" + w.title();
        String names = units.stream().map(id -> table.unit(id) == null ? id : table.unit(id).name())
                .collect(Collectors.joining("、"));
        List<String> lead = List.of("逾期未签收（签收时限 " + TIME.format(w.acknowledgeBy().withOffsetSameInstant(zone))
                + "），第 " + (step + 1) + " 级提级至：" + names);
        return message(head, w, zone, lead, Map.of("kind", "escalation", "escalationStep", step));
    }

    private Delivery.Message message(String head, Warning w, ZoneOffset zone, List<String> lead, Map<String, Object> extra) {
        List<String> lines = new ArrayList<>(lead);
        String place = List.of(nz(w.district()), nz(w.town()), nz(w.estate())).stream().filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
        if (!place.isEmpty()) {
            lines.add("地点：" + place);
        }
        if (w.summary() != null && !w.summary().isBlank()) {
            lines.add("摘要：" + w.summary());
        }
        Warning.Evidence e = w.evidence();
        if (e != null && e.observed() != null) {
            lines.add("观测：" + e.observed() + (e.expected() == null ? "" : "，基线 " + String.format("%.1f", e.expected())));
        }
        if (e != null && e.caseIds() != null && !e.caseIds().isEmpty()) {
            lines.add("涉及案件：" + e.caseIds().size() + " 件");
        }
        lines.add("责任单位：" + w.units().stream().map(WarningMessages::unitText).collect(Collectors.joining("、")));
        if (w.acknowledgeBy() != null) {
            lines.add("签收时限：" + TIME.format(w.acknowledgeBy().withOffsetSameInstant(zone)));
        }
        if (w.routingNotes() != null) {
            w.routingNotes().forEach(n -> lines.add("分送说明：" + n));
        }
        lines.add("预警编号：" + w.warningId() + "（第 " + w.version() + " 版）");
        String link = consoleUrl + "/#/warnings/" + java.net.URLEncoder.encode(w.warningId(), java.nio.charset.StandardCharsets.UTF_8);
        lines.add("值班台：" + link);

        String text = head + "\n" + String.join("\n", lines);
        StringBuilder md = new StringBuilder("### ").append(escape(head)).append("\n");
        for (String l : lines.subList(0, lines.size() - 1)) {
            md.append("> ").append(escape(l)).append("\n");
        }
        md.append("\n[在值班台打开](").append(link).append(")");
        ObjectNode data = GatewayJson.MAPPER.valueToTree(w);
        extra.forEach((k, v) -> data.set(k, GatewayJson.MAPPER.valueToTree(v)));
        return new Delivery.Message(head, text, md.toString(), data);
    }

    private static String unitText(UnitAssignment u) {
        return u.name() + "（" + ROLES.getOrDefault(u.role(), Objects.toString(u.role(), "")) + "）";
    }

    /** Markdown-inert text: brackets, angle brackets, emphasis and code marks become their full-width forms. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '[' -> b.append('［');
                case ']' -> b.append('］');
                case '(' -> b.append('（');
                case ')' -> b.append('）');
                case '<' -> b.append('＜');
                case '>' -> b.append('＞');
                case '*' -> b.append('＊');
                case '_' -> b.append('＿');
                case '`' -> b.append('｀');
                case '#' -> b.append('＃');
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
