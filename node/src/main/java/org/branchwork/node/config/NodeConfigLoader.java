package org.branchwork.node.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;

/**
 * Reads configuration from three layers, later ones winning: the bundled {@code application.yaml},
 * an optional operator file ({@code --config FILE} or {@code BRANCHWORK_CONFIG}), and the
 * {@code BRANCHWORK_*} environment variables. Every value is validated here so that a bad one
 * stops the node with a message naming the setting, before anything is opened.
 */
public final class NodeConfigLoader {

    /** Environment variable naming an optional YAML configuration file. */
    public static final String CONFIG_FILE_VARIABLE = "BRANCHWORK_CONFIG";

    // Handles shared by Mastodon, Mobilizon and Lemmy without escaping: lower-case ASCII letters,
    // digits and underscore. Mastodon's local usernames allow nothing else.
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_]{1,30}");
    private static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    private final Map<String, String> environment;
    private final List<String> arguments;

    public NodeConfigLoader(Map<String, String> environment, List<String> arguments) {
        this.environment = Map.copyOf(environment);
        this.arguments = List.copyOf(arguments);
    }

    /** Loads and validates, or throws {@link StartupException} naming what to fix. */
    public NodeConfig load() {
        Config yaml = readYaml();
        int port = parsePort(value(yaml, Setting.PORT).orElse("8080"));
        String host = value(yaml, Setting.HOST).orElse("0.0.0.0");
        URI publicUrl = value(yaml, Setting.PUBLIC_URL)
                .map(NodeConfigLoader::parsePublicUrl)
                .orElse(null);
        Path dataDir = Path.of(value(yaml, Setting.DATA_DIR).orElse("./data"));
        String slug = value(yaml, Setting.BRANCH_SLUG)
                .map(NodeConfigLoader::validateSlug)
                .orElse(null);
        String name = value(yaml, Setting.BRANCH_NAME)
                .map(NodeConfigLoader::validateName)
                .orElse(null);
        if (name != null && slug == null) {
            slug = slugFromName(name);
        } else if (slug != null && name == null) {
            name = slug;
        }
        String adminToken = value(yaml, Setting.ADMIN_TOKEN)
                .map(NodeConfigLoader::validateToken)
                .orElse(null);
        boolean allowPrivate = parseBoolean(
                Setting.ALLOW_PRIVATE_ADDRESSES,
                value(yaml, Setting.ALLOW_PRIVATE_ADDRESSES).orElse("false"));
        String dbUrl =
                value(yaml, Setting.DB_URL).map(NodeConfigLoader::validateDbUrl).orElse(null);
        java.time.Duration firstRetry = parseDuration(
                Setting.DELIVERY_FIRST_RETRY,
                value(yaml, Setting.DELIVERY_FIRST_RETRY).orElse("30"));
        java.time.ZoneId zone = parseZone(value(yaml, Setting.TIME_ZONE).orElse("Europe/London"));
        return new NodeConfig(
                host,
                port,
                publicUrl,
                dataDir,
                slug,
                name,
                adminToken,
                allowPrivate,
                dbUrl,
                firstRetry,
                zone,
                // One address can be a whole meeting on one wifi: an operator raises it there.
                count(yaml, Setting.SIGN_INS_PER_ADDRESS, NodeConfig.DEFAULT_SIGN_INS_PER_ADDRESS, 5, 100_000),
                mail(yaml));
    }

    /** The branch's time zone: pages show times in it, and new events start in it. */
    private static java.time.ZoneId parseZone(String raw) {
        try {
            return java.time.ZoneId.of(raw.strip());
        } catch (java.time.DateTimeException e) {
            throw new StartupException(Setting.TIME_ZONE.label() + " must be a time zone such as Europe/London or "
                    + "America/New_York, got '" + raw + "'.");
        }
    }

    private Optional<MailConfig> mail(Config yaml) {
        Optional<String> host = value(yaml, Setting.SMTP_HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        MailConfig.Security security =
                switch (value(yaml, Setting.SMTP_SECURITY).orElse("starttls").toLowerCase(Locale.ROOT)) {
                    case "starttls" -> MailConfig.Security.STARTTLS;
                    case "tls", "ssl" -> MailConfig.Security.TLS;
                    case "none" -> MailConfig.Security.NONE;
                    default ->
                        throw new StartupException(
                                Setting.SMTP_SECURITY.label() + " must be starttls, tls or none, got '"
                                        + value(yaml, Setting.SMTP_SECURITY).orElse("") + "'.");
                };
        int port = value(yaml, Setting.SMTP_PORT)
                .map(raw -> parsePortOf(Setting.SMTP_PORT, raw))
                .orElse(security == MailConfig.Security.TLS ? 465 : 587);
        String from = value(yaml, Setting.MAIL_FROM)
                .orElseThrow(() -> new StartupException(Setting.MAIL_FROM.label()
                        + " must be set when " + Setting.SMTP_HOST.variable() + " is: the address mails come from, "
                        + "e.g. Stockport Branch <branch@stockport.example.org>."));
        MailConfig.Queue queue = new MailConfig.Queue(
                count(yaml, Setting.MAIL_CONNECTIONS, MailConfig.Queue.DEFAULT.connections(), 1, 16),
                count(yaml, Setting.MAIL_PER_HOUR, MailConfig.Queue.DEFAULT.perHour(), 0, 10_000_000),
                value(yaml, Setting.MAIL_FIRST_RETRY)
                        .map(raw -> parseDuration(Setting.MAIL_FIRST_RETRY, raw))
                        .orElse(MailConfig.Queue.DEFAULT.firstRetry()),
                count(yaml, Setting.MAIL_MAX_RECIPIENTS, MailConfig.Queue.DEFAULT.maxRecipients(), 1, 10_000_000));
        Optional<MailConfig.Dkim> dkim = value(yaml, Setting.DKIM_KEY).map(key -> {
            Path path = Path.of(key);
            if (!Files.isReadable(path)) {
                throw new StartupException(Setting.DKIM_KEY.label() + " names " + key + ", which cannot be read.");
            }
            return new MailConfig.Dkim(
                    path, value(yaml, Setting.DKIM_SELECTOR).orElse("branchwork"), value(yaml, Setting.DKIM_DOMAIN));
        });
        return Optional.of(new MailConfig(
                host.get(),
                port,
                value(yaml, Setting.SMTP_USERNAME),
                value(yaml, Setting.SMTP_PASSWORD),
                security,
                from,
                value(yaml, Setting.MAIL_RETURN_PATH),
                queue,
                dkim,
                value(yaml, Setting.MAIL_POSTAL_ADDRESS)));
    }

    private int count(Config yaml, Setting setting, int fallback, int min, int max) {
        Optional<String> raw = value(yaml, setting);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.get().strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new StartupException(
                setting.label() + " must be a whole number from " + min + " to " + max + ", got '" + raw.get() + "'.");
    }

    private static int parsePortOf(Setting setting, String raw) {
        try {
            int p = Integer.parseInt(raw.strip());
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new StartupException(setting.label() + " must be a port number from 1 to 65535, got '" + raw + "'.");
    }

    /** A handle derived from a display name: "Momentum Stockport" becomes "momentum_stockport". */
    public static String slugFromName(String name) {
        String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.length() > 30) {
            slug = slug.substring(0, 30).replaceAll("_+$", "");
        }
        if (slug.isEmpty()) {
            throw new StartupException(Setting.BRANCH_NAME.label()
                    + ": cannot derive a handle from '" + name + "'; set " + Setting.BRANCH_SLUG.variable()
                    + " as well (lower-case letters, digits and _).");
        }
        return slug;
    }

    /** Whether a handle is acceptable; the rule is shared with the first-run set-up form. */
    public static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    private Config readYaml() {
        var builder = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource();
        Optional<Path> file = configFile();
        try {
            // Helidon gives earlier sources priority: the operator's file before the bundled defaults.
            if (file.isPresent()) {
                return builder.sources(ConfigSources.file(file.get()), ConfigSources.classpath("application.yaml"))
                        .build();
            }
            return builder.sources(ConfigSources.classpath("application.yaml")).build();
        } catch (ConfigException e) {
            throw new StartupException("Configuration file "
                    + file.map(Path::toString).orElse("application.yaml") + " cannot be read: " + e.getMessage());
        }
    }

    private Optional<Path> configFile() {
        String named = null;
        String source = CONFIG_FILE_VARIABLE;
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (arg.startsWith("--config=")) {
                named = arg.substring("--config=".length());
                source = "--config";
            } else if (arg.equals("--config")) {
                if (i + 1 >= arguments.size()) {
                    throw new StartupException("--config needs a file name.");
                }
                named = arguments.get(++i);
                source = "--config";
            } else {
                throw new StartupException("Unknown argument '" + arg
                        + "'. The only argument is --config FILE; everything else is set by BRANCHWORK_* variables.");
            }
        }
        if (named == null) {
            named = blankToNull(environment.get(CONFIG_FILE_VARIABLE));
        }
        if (named == null) {
            return Optional.empty();
        }
        Path path = Path.of(named);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new StartupException(
                    source + ": configuration file " + path.toAbsolutePath() + " does not exist or cannot be read.");
        }
        return Optional.of(path);
    }

    private Optional<String> value(Config yaml, Setting setting) {
        String fromEnv = blankToNull(environment.get(setting.variable()));
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        try {
            return yaml.get(setting.key())
                    .asString()
                    .asOptional()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty());
        } catch (ConfigException e) {
            throw new StartupException(setting.label() + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int parsePort(String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new StartupException(Setting.PORT.label()
                + " must be a port number from 1 to 65535 (0 picks a free one), got '" + raw + "'.");
    }

    private static URI parsePublicUrl(String raw) {
        String hint = Setting.PUBLIC_URL.label() + " must be an origin such as https://stockport.example.org, got '"
                + raw + "'";
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new StartupException(hint + ".");
            }
            if (uri.getUserInfo() != null
                    || uri.getQuery() != null
                    || uri.getFragment() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
                throw new StartupException(hint
                        + ": no path, query, fragment or user name (a node is served from the root of its origin).");
            }
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new StartupException(hint + ".");
        }
    }

    private static String validateSlug(String slug) {
        if (!isValidSlug(slug)) {
            throw new StartupException(Setting.BRANCH_SLUG.label()
                    + " must be 1 to 30 lower-case letters, digits or _, got '" + slug + "'.");
        }
        return slug;
    }

    private static String validateName(String name) {
        if (name.length() > 100) {
            throw new StartupException(Setting.BRANCH_NAME.label() + " must be at most 100 characters.");
        }
        return name;
    }

    private static String validateToken(String token) {
        if (token.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new StartupException(Setting.ADMIN_TOKEN.label() + " must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters; use a long random value, e.g. from `openssl rand -hex 32`.");
        }
        return token;
    }

    private static boolean parseBoolean(Setting setting, String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new StartupException(setting.label() + " must be true or false, got '" + raw + "'.");
        };
    }

    /** Seconds ("30", "0.2") or an ISO-8601 duration ("PT30S"). */
    private static java.time.Duration parseDuration(Setting setting, String raw) {
        try {
            java.time.Duration d = raw.toUpperCase(Locale.ROOT).startsWith("P")
                    ? java.time.Duration.parse(raw)
                    : java.time.Duration.ofMillis(Math.round(Double.parseDouble(raw) * 1000));
            if (!d.isNegative() && !d.isZero() && d.compareTo(java.time.Duration.ofHours(1)) <= 0) {
                return d;
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new StartupException(
                setting.label() + " must be a duration from 1 ms to 1 hour, in seconds (30) or ISO-8601 "
                        + "(PT30S), got '" + raw + "'.");
    }

    private static String validateDbUrl(String url) {
        if (!url.startsWith("jdbc:hsqldb:")) {
            throw new StartupException(Setting.DB_URL.label()
                    + " must be a jdbc:hsqldb: URL in this release (PostgreSQL support is not built yet), got '"
                    + url + "'.");
        }
        return url;
    }
}
