/**
 * Tenancy: customers (our tenants), their users and roles, API keys, and the tenant context that
 * PostgreSQL row-level security reads ({@code app.customer_id}, set per transaction). Also the
 * explicit, audited platform path for staff work across customers. Publishes and consumes no events.
 */
@NullMarked
package uk.co.omniops.tenancy;

import org.jspecify.annotations.NullMarked;
