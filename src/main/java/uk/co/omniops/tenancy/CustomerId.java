package uk.co.omniops.tenancy;

import java.util.UUID;

/** Identifies one customer (tenant). */
public record CustomerId(UUID value) {

    public static CustomerId of(String uuid) {
        return new CustomerId(UUID.fromString(uuid));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
