/**
 * The vocabulary of the raw log contract (DESIGN §3) shared by the generator, the ingest job and the
 * tests: {@link org.tahawul.datasets.contract.RejectReason}, the stable reason codes stored in
 * {@code rejected_records.reason}.
 */
package org.tahawul.datasets.contract;
