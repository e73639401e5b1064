package io.earlywarning.domain;

import java.util.Optional;

/**
 * First-level complaint category (一级分类) and the sector that answers for it (谁主管、谁负责).
 *
 * <p>The seven categories of the A-city message board plus the remaining big categories of the seed reports
 * (政法, 自然资源, 农村农业, 民政). The sector code is what routing uses to pick the sector unit (行业).
 */
public enum Category {
    URBAN_RURAL_CONSTRUCTION("城乡建设", "housing"),
    LABOUR_SOCIAL_SECURITY("劳动和社会保障", "human-resources"),
    EDUCATION_CULTURE_SPORTS("教育文体", "education"),
    HEALTH("卫生计生", "health"),
    TRANSPORT("交通运输", "transport"),
    COMMERCE_TOURISM("商贸旅游", "market-regulation"),
    ENVIRONMENT("环境保护", "environment"),
    POLITICS_LAW("政法", "public-security"),
    NATURAL_RESOURCES("自然资源", "natural-resources"),
    AGRICULTURE_RURAL("农村农业", "agriculture"),
    CIVIL_AFFAIRS("民政", "civil-affairs");

    private final String label;
    private final String sector;

    Category(String label, String sector) {
        this.label = label;
        this.sector = sector;
    }

    /** The Chinese name used in the case schema, e.g. {@code 城乡建设}. */
    public String label() {
        return label;
    }

    /** Sector code of the responsible department, e.g. {@code housing} for 住建局. */
    public String sector() {
        return sector;
    }

    /** Finds a category by its Chinese label, also accepting common short forms (劳动保障, 环保, 农业农村…). */
    public static Optional<Category> fromLabel(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        for (Category c : values()) {
            if (c.label.equals(t) || c.name().equalsIgnoreCase(t)) {
                return Optional.of(c);
            }
        }
        return Optional.ofNullable(switch (t) {
            case "劳动保障", "人社", "劳动社保", "社会保障" -> LABOUR_SOCIAL_SECURITY;
            case "城建", "住建", "住房城乡建设", "城市建设" -> URBAN_RURAL_CONSTRUCTION;
            case "教育", "文体", "教育文化" -> EDUCATION_CULTURE_SPORTS;
            case "卫生", "卫健", "医疗卫生", "卫生健康" -> HEALTH;
            case "交通" -> TRANSPORT;
            case "商贸", "市场监管", "旅游" -> COMMERCE_TOURISM;
            case "环保", "生态环境", "环境" -> ENVIRONMENT;
            case "公安", "司法", "政法委" -> POLITICS_LAW;
            case "国土", "国土资源", "自然资源规划" -> NATURAL_RESOURCES;
            case "农业农村", "三农", "农业", "农村" -> AGRICULTURE_RURAL;
            case "民政事务" -> CIVIL_AFFAIRS;
            default -> null;
        });
    }
}
