package org.tahawul.dashboard.agency;

/** Completed transactions of a channel ({@code service_events}) and their share of all channels. */
record ChannelShare(String channel, String nameAr, String nameEn, Boolean isDigital, Long transactions, Double share) {
}
