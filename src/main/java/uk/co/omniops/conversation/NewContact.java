package uk.co.omniops.conversation;

import org.jspecify.annotations.Nullable;

/** Who starts a conversation; an existing contact with the same e-mail is reused. */
public record NewContact(String name, @Nullable String email, @Nullable String phone) {}
