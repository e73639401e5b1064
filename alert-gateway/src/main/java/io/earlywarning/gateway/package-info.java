/**
 * The alert gateway (预警推送与值班台): consumes topic {@code warnings}, delivers each warning to its units' channels
 * through a persistent outbox, serves the duty-officer console and {@code /api/}, records every action on topic
 * {@code warnings.actions}, escalates what nobody acknowledges and sends each unit its daily digest (零报告).
 *
 * <p>Packages: {@code board} (the warnings as the units see them: acknowledgement, assignment, resolution,
 * escalation, silences; pure), {@code access} (log-in and who may see what), {@code delivery} (channels, outbox,
 * retries), {@code digest}, {@code console} (HTTP), {@code kafka} (the edge: topics in, topics out).
 */
package io.earlywarning.gateway;
