package org.tahawul.dashboard.agency;

/** How many {@code rated} events gave each rating 1..5 ({@code service_events}), and the share. */
record RatingCount(Integer rating, Long ratings, Double share) {
}
