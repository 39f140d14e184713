package dev.cutover.doctor;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Redactor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a profile logs in as, in words: security protocol, SASL mechanism and user name. The user name is shown only
 * when it is written in the profile itself; one that comes through a config provider stays unresolved here, so that
 * doctor never prints a resolved provider value.
 */
final class Principals {
    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"([^\"]*)\"");

    private Principals() {}

    static String describe(ConnectionProfile profile) {
        String protocol = profile.properties().getOrDefault("security.protocol", "PLAINTEXT");
        String upper = protocol.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("SASL")) {
            return upper.equals("SSL") ? "SSL (the principal is the client certificate's subject)" : protocol;
        }
        String mechanism = profile.properties().getOrDefault("sasl.mechanism", "GSSAPI");
        String jaas = profile.properties().getOrDefault("sasl.jaas.config", "");
        Matcher m = USERNAME.matcher(jaas);
        String user;
        if (m.find() && !m.group(1).contains("${")) {
            user = "User:" + Redactor.redactText(m.group(1));
        } else if (jaas.contains("${")) {
            user = "its user set through a config provider (not resolved here)";
        } else {
            user = "its user unknown (no username in sasl.jaas.config)";
        }
        return protocol + " " + mechanism + " as " + user;
    }
}
