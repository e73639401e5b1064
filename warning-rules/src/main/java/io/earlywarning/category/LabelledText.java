package io.earlywarning.category;

import io.earlywarning.domain.Category;

/** A text whose category a person decided: a training or evaluation example. */
public record LabelledText(String id, String subject, String body, Category category) {
}
