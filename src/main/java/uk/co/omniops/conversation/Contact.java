package uk.co.omniops.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import uk.co.omniops.tenancy.CustomerId;

/** An end user of a customer, who writes to it. */
public record Contact(ContactId id, CustomerId customerId, String name, @Nullable String email, @Nullable String phone,
        boolean vip, Instant createdAt) {}
