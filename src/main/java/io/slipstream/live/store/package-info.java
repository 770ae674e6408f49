/**
 * The live adapter's state and audit trail in PostgreSQL (JDBC, schema by Flyway migrations in
 * {@code src/main/resources/db/migration}): rebalances, signals and targets, every order before it is sent and its
 * acknowledgement, fills (unique by trade id), position snapshots, equity marks, paper-mode positions, alerts and
 * errors. Nothing about an order lives only in memory: a restarted runner rebuilds its view from here and from
 * the exchange.
 */
package io.slipstream.live.store;
