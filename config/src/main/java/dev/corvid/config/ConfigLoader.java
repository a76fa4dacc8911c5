package dev.corvid.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.corvid.config.Diagnostics.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a configuration: the user's HOCON merged over {@code reference.conf}, {@code ${?VAR}} substitutions resolved
 * from the environment (an unset optional variable leaves its key out), then every field checked. All problems of a
 * file are reported together, each as {@code FILE:LINE: path: message}.
 */
public final class ConfigLoader {
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{\\??([^}]+)}");
    private static final KnownKeys ROOT = new KnownKeys("the file", List.of("corvid"));

    private ConfigLoader() {}

    /** Loads {@code file}, resolving substitutions from the process environment. */
    public static ConfigResult load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads {@code file}, resolving substitutions from {@code environment}. */
    public static ConfigResult load(Path file, Map<String, String> environment) {
        String name = file.toString();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            String why = Files.isDirectory(file) ? "is a directory, not a configuration file"
                    : Files.exists(file) ? "cannot be read; check its permissions" : "does not exist";
            return new ConfigResult.Invalid(List.of(new ConfigError(name, 0, "", why)));
        }
        Diagnostics d = new Diagnostics(name);
        try {
            Config parsed = ConfigFactory.parseFile(file.toFile(), options(name));
            return check(parsed, environment, d);
        } catch (ConfigException e) {
            return failed(e, d);
        }
    }

    /** Loads configuration text; {@code originName} names it in errors. Substitutions see the process environment. */
    public static ConfigResult parse(String hocon, String originName) {
        return parse(hocon, originName, System.getenv());
    }

    /** Loads configuration text, resolving substitutions from {@code environment}. */
    public static ConfigResult parse(String hocon, String originName, Map<String, String> environment) {
        Diagnostics d = new Diagnostics(originName);
        try {
            Config parsed = ConfigFactory.parseString(hocon, options(originName));
            return check(parsed, environment, d);
        } catch (ConfigException e) {
            return failed(e, d);
        }
    }

    /** The embedded default configuration: reference.conf alone. */
    public static CorvidConfig defaults() {
        return switch (parse("", "defaults")) {
            case ConfigResult.Loaded loaded -> loaded.config();
            case ConfigResult.Invalid invalid -> throw new IllegalStateException("reference.conf is invalid: " + invalid.errors());
        };
    }

    private static ConfigParseOptions options(String originName) {
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(originName).setAllowMissing(false);
    }

    private static ConfigResult check(Config parsed, Map<String, String> environment, Diagnostics d) {
        Location top = new Location(d.originName(), 0);
        checkRootKeys(parsed.root(), d, top);

        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        Config merged = parsed.withFallback(reference);
        Config env = ConfigValueFactory.fromMap(environment, "environment variables").toConfig();
        Config resolved = merged.resolveWith(merged.withFallback(env), ConfigResolveOptions.noSystem());

        ConfigValue written = parsed.root().get("corvid");
        Location corvidAt = d.locate(written != null ? written.origin() : parsed.root().origin(), top);
        ConfigNode corvid = new ConfigNode(resolved.root().get("corvid"), "corvid", corvidAt);
        ConfigObject defaultsObject = resolved.root().toConfig().getObject("corvid-peer-defaults");
        ConfigNode.Fields peerDefaults = new ConfigNode(defaultsObject, "corvid-peer-defaults", top)
                .object(d, PeerReader.DEFAULTS).orElseThrow();
        Optional<CorvidConfig> config = CorvidReader.read(corvid, peerDefaults, d, HostRouterId::find);
        return config.isPresent() && !d.hasErrors()
                ? new ConfigResult.Loaded(config.get())
                : new ConfigResult.Invalid(d.errors());
    }

    /** The file holds the {@code corvid} object only; a misspelt {@code corvd} would otherwise be silently ignored. */
    private static void checkRootKeys(ConfigObject root, Diagnostics d, Location top) {
        for (String key : root.keySet()) {
            if (!ROOT.contains(key)) d.error(d.locate(root.get(key).origin(), top), key, ROOT.unknown(key));
        }
    }

    /** A file typesafe-config could not parse or resolve: one error, at the place it names. */
    private static ConfigResult failed(ConfigException e, Diagnostics d) {
        ConfigOrigin origin = e.origin();
        Location at = d.locate(origin, new Location(d.originName(), 0));
        String message = e.getMessage();
        if (origin != null && message.startsWith(origin.description() + ": ")) {
            message = message.substring(origin.description().length() + 2);
        }
        Matcher unset = UNRESOLVED.matcher(message);
        if (e instanceof ConfigException.UnresolvedSubstitution && unset.find()) {
            message = "${" + unset.group(1) + "} is not set; set it in the environment, or write ${?" + unset.group(1)
                    + "} to leave the key out when it is unset";
        } else if (e instanceof ConfigException.Parse) {
            message = "syntax error: " + message;
        }
        d.error(at, "", message);
        return new ConfigResult.Invalid(d.errors());
    }
}
