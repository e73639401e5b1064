/**
 * The alert gateway: delivers warnings to responsible units, serves the duty-officer console on port 8080, and
 * escalates unacknowledged warnings. Built by its own issue; the module exists so that the build and layout are
 * complete from the start.
 */
package io.earlywarning.gateway;
