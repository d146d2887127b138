/** Storage plugins: embedded SQLite (the default), embedded H2 and PostgreSQL over one JDBC code path, Flyway migrations, sealed credentials and plugin secrets, the durable job queue. */
package dev.outpost.storage;
