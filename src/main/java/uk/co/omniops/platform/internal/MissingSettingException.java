package uk.co.omniops.platform.internal;

/** A required setting is absent; reported at startup as one line naming it. */
class MissingSettingException extends RuntimeException {

    private final String setting;

    MissingSettingException(String setting, String meaning) {
        super(setting + " is not set: " + meaning);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
