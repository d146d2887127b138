/** Storage plugins: embedded H2 and PostgreSQL over one JDBC code path, Flyway migrations, encrypted tokens, the durable job queue. */
package dev.outpost.storage;
