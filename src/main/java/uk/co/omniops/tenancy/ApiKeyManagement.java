package uk.co.omniops.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Customers' API keys: {@code omni_} + 32 random bytes in base64url. Only a SHA-256 of a key is stored: with
 * 256 bits of entropy a key cannot be guessed from its hash, so a slow password hash (bcrypt, argon2) would
 * only add ~100 ms to every API call without adding safety. The plaintext is returned once, at creation.
 * <p>
 * Successful authentications are remembered for {@link #AUTHENTICATED_TTL} per replica, so that a burst on one
 * key costs one database round trip per replica and interval instead of one per request (docs/decisions/014).
 * Revoking evicts the key on this replica at once; the other replicas stop accepting it within the TTL.
 * <p>
 * Misses (unknown or revoked keys) are remembered for {@link #MISS_TTL}, so a client repeating a wrong key costs
 * one transaction per replica and interval, not one per request (issue 21, finding 7). A new key cannot be among
 * them: its 256 random bits were never sent before it existed.
 */
@Service
public class ApiKeyManagement {

    static final String PREFIX = "omni_";
    static final int PREFIX_SHOWN = 8;
    private static final int MAX_KEY_LENGTH = 200;
    static final Duration AUTHENTICATED_TTL = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 10_000;
    static final Duration MISS_TTL = Duration.ofSeconds(60);

    private final ApiKeys keys;
    private final TenantTransactions transactions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Authenticated> authenticated = new ConcurrentHashMap<>();

    private final Map<String, Long> misses = new ConcurrentHashMap<>();

    private record Authenticated(ApiClient client, long atNanos) {}

    ApiKeyManagement(ApiKeys keys, TenantTransactions transactions) {
        this.keys = keys;
        this.transactions = transactions;
    }

    /** Creates a key; the result holds the plaintext, which is never available again. */
    public CreatedApiKey create(CustomerId customer, String name, String createdBy) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return create(
                customer,
                name,
                createdBy,
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Seeds a key with a known plaintext (dev/test demo data); idempotent. */
    CreatedApiKey ensure(CustomerId customer, String name, String createdBy, String plaintext) {
        return transactions.inTenant(customer, () -> {
            keys.insert(UUID.randomUUID(), customer, name, shown(plaintext), hash(plaintext), createdBy);
            return new CreatedApiKey(keys.findByHash(hash(plaintext)).orElseThrow(), plaintext);
        });
    }

    private CreatedApiKey create(CustomerId customer, String name, String createdBy, String plaintext) {
        var trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("name must be 1 to 100 characters");
        }
        var id = UUID.randomUUID();
        return transactions.inTenant(customer, () -> {
            keys.insert(id, customer, trimmed, shown(plaintext), hash(plaintext), createdBy);
            return new CreatedApiKey(keys.findById(customer, id).orElseThrow(), plaintext);
        });
    }

    /** Newest first, revoked keys last. */
    public List<ApiKey> list(CustomerId customer) {
        return transactions.readInTenant(customer, () -> keys.findByCustomer(customer));
    }

    /** Revokes a key of this customer; idempotent. @return whether the key exists for this customer */
    public boolean revoke(CustomerId customer, UUID keyId) {
        var exists = transactions.inTenant(customer, () -> {
            keys.revoke(customer, keyId);
            return keys.findById(customer, keyId).isPresent();
        });
        authenticated.values().removeIf(a -> a.client().keyId().equals(keyId));
        return exists;
    }

    /**
     * The client a key belongs to; empty for an unknown or revoked key. Runs on the platform path: the key's
     * customer is unknown until the key is found.
     */
    /** The key's client if this replica authenticated it within {@link #AUTHENTICATED_TTL}; never a lookup. */
    public Optional<ApiClient> remembered(String plaintext) {
        if (plaintext.isEmpty() || plaintext.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        var cached = authenticated.get(hash(plaintext));
        return cached != null && System.nanoTime() - cached.atNanos() < AUTHENTICATED_TTL.toNanos()
                ? Optional.of(cached.client())
                : Optional.empty();
    }

    public Optional<ApiClient> authenticate(String plaintext) {
        if (plaintext.isEmpty() || plaintext.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        var hash = hash(plaintext);
        var cached = authenticated.get(hash);
        if (cached != null && System.nanoTime() - cached.atNanos() < AUTHENTICATED_TTL.toNanos()) {
            return Optional.of(cached.client());
        }
        var missed = misses.get(hash);
        if (missed != null && System.nanoTime() - missed < MISS_TTL.toNanos()) {
            return Optional.empty();
        }
        var client = transactions.asPlatform(
                "api key authentication",
                () -> keys.findByHash(hash).filter(ApiKey::active).map(key -> {
                    keys.touch(key.id());
                    return new ApiClient(key.id(), key.customerId(), key.name());
                }));
        if (client.isPresent()) {
            if (authenticated.size() >= MAX_CACHED) {
                authenticated.clear();
            }
            authenticated.put(hash, new Authenticated(client.get(), System.nanoTime()));
            misses.remove(hash);
        } else {
            authenticated.remove(hash);
            if (misses.size() >= MAX_CACHED) {
                misses.clear();
            }
            misses.put(hash, System.nanoTime());
        }
        return client;
    }

    static String shown(String plaintext) {
        return plaintext.substring(0, Math.min(PREFIX_SHOWN, plaintext.length()));
    }

    static String hash(String plaintext) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
