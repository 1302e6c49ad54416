package uk.co.omniops.tenancy;

/** A new key with its plaintext: shown once, never stored, never retrievable again. */
public record CreatedApiKey(ApiKey key, String plaintext) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + key + "]";
    }
}
