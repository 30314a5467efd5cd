package org.branchwork.node.config;

/**
 * One operator setting: its key in the YAML file and the environment variable that overrides it.
 * The table lives here so that error messages always name both spellings.
 */
public enum Setting {
    PORT("branchwork.port", "BRANCHWORK_PORT"),
    HOST("branchwork.host", "BRANCHWORK_HOST"),
    PUBLIC_URL("branchwork.public-url", "BRANCHWORK_PUBLIC_URL"),
    DATA_DIR("branchwork.data-dir", "BRANCHWORK_DATA_DIR"),
    BRANCH_SLUG("branchwork.branch.slug", "BRANCHWORK_BRANCH_SLUG"),
    BRANCH_NAME("branchwork.branch.name", "BRANCHWORK_BRANCH_NAME"),
    ADMIN_TOKEN("branchwork.admin-token", "BRANCHWORK_ADMIN_TOKEN"),
    ALLOW_PRIVATE_ADDRESSES("branchwork.allow-private-addresses", "BRANCHWORK_ALLOW_PRIVATE_ADDRESSES"),
    DB_URL("branchwork.db-url", "BRANCHWORK_DB_URL"),
    DELIVERY_FIRST_RETRY("branchwork.delivery.first-retry", "BRANCHWORK_DELIVERY_FIRST_RETRY"),
    TIME_ZONE("branchwork.time-zone", "BRANCHWORK_TIME_ZONE"),
    SIGN_INS_PER_ADDRESS("branchwork.sign-in.per-address", "BRANCHWORK_SIGN_INS_PER_ADDRESS"),
    SMTP_HOST("branchwork.smtp.host", "BRANCHWORK_SMTP_HOST"),
    SMTP_PORT("branchwork.smtp.port", "BRANCHWORK_SMTP_PORT"),
    SMTP_USERNAME("branchwork.smtp.username", "BRANCHWORK_SMTP_USERNAME"),
    SMTP_PASSWORD("branchwork.smtp.password", "BRANCHWORK_SMTP_PASSWORD"),
    SMTP_SECURITY("branchwork.smtp.security", "BRANCHWORK_SMTP_SECURITY"),
    MAIL_FROM("branchwork.mail.from", "BRANCHWORK_MAIL_FROM"),
    MAIL_POSTAL_ADDRESS("branchwork.mail.postal-address", "BRANCHWORK_MAIL_POSTAL_ADDRESS"),
    MAIL_RETURN_PATH("branchwork.mail.return-path", "BRANCHWORK_MAIL_RETURN_PATH"),
    MAIL_PER_HOUR("branchwork.mail.per-hour", "BRANCHWORK_MAIL_PER_HOUR"),
    MAIL_CONNECTIONS("branchwork.mail.connections", "BRANCHWORK_MAIL_CONNECTIONS"),
    MAIL_FIRST_RETRY("branchwork.mail.first-retry", "BRANCHWORK_MAIL_FIRST_RETRY"),
    MAIL_MAX_RECIPIENTS("branchwork.mail.max-recipients", "BRANCHWORK_MAIL_MAX_RECIPIENTS"),
    DKIM_KEY("branchwork.mail.dkim.key", "BRANCHWORK_DKIM_KEY"),
    DKIM_SELECTOR("branchwork.mail.dkim.selector", "BRANCHWORK_DKIM_SELECTOR"),
    DKIM_DOMAIN("branchwork.mail.dkim.domain", "BRANCHWORK_DKIM_DOMAIN");

    private final String key;
    private final String variable;

    Setting(String key, String variable) {
        this.key = key;
        this.variable = variable;
    }

    public String key() {
        return key;
    }

    public String variable() {
        return variable;
    }

    /** How an error message names this setting, e.g. {@code BRANCHWORK_PORT (branchwork.port)}. */
    public String label() {
        return variable + " (" + key + ")";
    }
}
