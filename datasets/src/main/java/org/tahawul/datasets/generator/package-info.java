/**
 * The synthetic service-usage log generator behind {@code bin/generate}: one gzip JSON Lines file per
 * Riyadh day, each line an event of DESIGN §3, byte-identical for the same flags.
 *
 * <p>The simulated country ({@code World}): every agency follows a maturity trajectory from 2019 on
 * (leaders, steady climbers, late starters, stalled agencies); a service goes online once its agency's
 * maturity passes the service's threshold, and its digital share then ramps up towards a ceiling set by
 * maturity, so e-service coverage and digital adoption rise unevenly. Demand follows the Saudi calendar
 * ({@code SaudiCalendar}, Umm al-Qura dates from {@link java.time.chrono.HijrahDate}): the Friday–Saturday
 * weekend, Ramadan hours and the Eid holidays, the Hajj season for Hajj services, Ramadan for Umrah,
 * month-end peaks for payments, quarterly VAT filing, the school year, and the COVID-19 closures of 2020–21.
 * Sessions run started → completed / failed / abandoned on digital channels (a completion may land days
 * later, in a later file), ratings follow 20–40 % of completions, beneficiaries keep realistic identifiers
 * and return. {@code --bad-rate} replaces lines by ones that break exactly one rule
 * ({@link org.tahawul.datasets.generator.Violation}, each mapped to its
 * {@link org.tahawul.datasets.contract.RejectReason}) and repeats valid lines byte for byte.
 */
package org.tahawul.datasets.generator;
