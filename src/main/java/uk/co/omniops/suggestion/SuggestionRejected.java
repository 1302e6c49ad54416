package uk.co.omniops.suggestion;

/** Invalid library or snippet input (message fit for the user), or an unknown entry/suggestion of this customer. */
public class SuggestionRejected extends RuntimeException {

    public SuggestionRejected(String message) {
        super(message);
    }
}
