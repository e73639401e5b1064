package io.earlywarning.gateway.digest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.gateway.GatewayJson;
import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.gateway.board.TrackedWarning;
import io.earlywarning.gateway.delivery.Delivery;
import io.earlywarning.gateway.delivery.WarningMessages;
import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.warning.Severity;
import io.earlywarning.warning.WarningRuleSet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The daily digest (日报) each unit gets at the configured time: the day's new warnings by severity, what is still
 * open or unacknowledged, and, when there is nothing, an explicit zero-report (今日无预警), so that silence always
 * means the gateway is down, never that there was nothing.
 */
public final class DailyDigest {

    private static final int LISTED = 10;

    private DailyDigest() {
    }

    /** The units that get a digest under the rules' {@code zeroReport} (none when it is not configured). */
    public static List<ResponsibleUnit> recipients(WarningRuleSet rules, UnitAccess access) {
        WarningRuleSet.ZeroReport z = rules.zeroReport();
        if (z == null) {
            return List.of();
        }
        List<ResponsibleUnit> out = new ArrayList<>();
        for (ResponsibleUnit u : access.table().units()) {
            boolean listed = z.units().contains("all") || z.units().contains(u.id())
                    || (z.units().contains("territorial") && u.territorial());
            if (listed) {
                out.add(u);
            }
        }
        return out;
    }

    /** The local date whose digest is due at {@code now}, or null before the day's digest time. */
    public static LocalDate dueDate(WarningRuleSet rules, Instant now) {
        if (rules.zeroReport() == null) {
            return null;
        }
        ZoneOffset zone = rules.zoneOffset();
        LocalTime at = LocalTime.parse(rules.zeroReport().at());
        var local = now.atOffset(zone);
        return local.toLocalTime().isBefore(at) ? null : local.toLocalDate();
    }

    /** The digest of {@code unit} for the 24 hours before {@code now}. */
    public static Delivery.Message compose(ResponsibleUnit unit, LocalDate date, Instant now, List<TrackedWarning> all,
                                           UnitAccess access) {
        Instant since = now.minusSeconds(24 * 3600);
        Map<Severity, Integer> newBySeverity = new EnumMap<>(Severity.class);
        List<TrackedWarning> open = new ArrayList<>();
        int unacknowledged = 0;
        int fresh = 0;
        for (TrackedWarning t : all) {
            if (!access.canSee(unit.id(), t)) {
                continue;
            }
            if (!t.receivedAt().isBefore(since) && t.receivedAt().isBefore(now)) {
                fresh++;
                newBySeverity.merge(t.warning().severity(), 1, Integer::sum);
            }
            if (!t.resolved() && !"subsided".equals(t.warning().status())) {
                open.add(t);
                if (!t.acknowledged()) {
                    unacknowledged++;
                }
            }
        }
        String title = unit.name() + " 预警日报 " + date + (fresh == 0 && open.isEmpty() ? "：今日无预警（零报告）" : "");
        List<String> lines = new ArrayList<>();
        if (fresh == 0 && open.isEmpty()) {
            lines.add("今日无预警（零报告）：过去 24 小时本单位及下级单位没有新预警，也没有未办结的预警。");
        } else {
            StringBuilder s = new StringBuilder("过去 24 小时新预警 " + fresh + " 条");
            for (Severity sv : List.of(Severity.RED, Severity.ORANGE, Severity.YELLOW, Severity.BLUE)) {
                if (newBySeverity.containsKey(sv)) {
                    s.append("，").append(sv.label()).append(" ").append(newBySeverity.get(sv));
                }
            }
            lines.add(s.toString());
            lines.add("未办结 " + open.size() + " 条，其中未签收 " + unacknowledged + " 条");
            open.stream().limit(LISTED).forEach(t -> lines.add("· 【" + t.warning().severity().label() + "】"
                    + t.warning().title() + "（" + stateText(t) + "）"));
            if (open.size() > LISTED) {
                lines.add("…另有 " + (open.size() - LISTED) + " 条，见值班台");
            }
        }
        ObjectNode data = GatewayJson.MAPPER.createObjectNode();
        data.put("kind", "digest");
        data.put("unit", unit.id());
        data.put("date", date.toString());
        data.put("zeroReport", fresh == 0 && open.isEmpty());
        data.put("newWarnings", fresh);
        data.put("open", open.size());
        data.put("unacknowledged", unacknowledged);
        ArrayNode ids = data.putArray("openWarningIds");
        open.forEach(t -> ids.add(t.id()));
        String text = title + "\n" + String.join("\n", lines);
        StringBuilder md = new StringBuilder("### ").append(WarningMessages.escape(title)).append("\n");
        lines.forEach(l -> md.append("> ").append(WarningMessages.escape(l)).append("\n"));
        return new Delivery.Message(title, text, md.toString(), data);
    }

    private static String stateText(TrackedWarning t) {
        return t.acknowledged() ? "已签收" : "未签收";
    }
}
