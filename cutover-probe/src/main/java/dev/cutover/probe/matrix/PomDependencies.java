package dev.cutover.probe.matrix;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The runtime dependencies a published POM declares: {@code compile} (the default) and {@code runtime} scope, not
 * optional; {@code provided}, {@code test}, {@code system} and {@code import} are skipped. {@code ${...}} in a
 * version is resolved from the POM's own {@code <properties>} and {@code project.version}. Parent POMs and transitive
 * dependencies are not read: kafka-clients' published POMs list concrete versions and its dependencies have none
 * that the client needs at runtime.
 */
public final class PomDependencies {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private PomDependencies() {}

    public static List<Artifact> parse(byte[] pom) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(pom));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a POM: " + e.getMessage(), e);
        }
        Element project = doc.getDocumentElement();
        Map<String, String> props = new HashMap<>();
        child(project, "properties").ifPresent(p -> {
            NodeList all = p.getChildNodes();
            for (int i = 0; i < all.getLength(); i++) {
                if (all.item(i) instanceof Element e) {
                    props.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        });
        text(project, "version").ifPresent(v -> props.put("project.version", v));
        List<Artifact> deps = new ArrayList<>();
        var dependencies = child(project, "dependencies");
        if (dependencies.isEmpty()) {
            return deps;
        }
        NodeList list = dependencies.get().getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (!(list.item(i) instanceof Element dep) || !dep.getTagName().equals("dependency")) {
                continue;
            }
            String scope = text(dep, "scope").orElse("compile");
            boolean optional = text(dep, "optional").map("true"::equals).orElse(false);
            String type = text(dep, "type").orElse("jar");
            if (optional || !type.equals("jar") || !(scope.equals("compile") || scope.equals("runtime"))) {
                continue;
            }
            String version = text(dep, "version")
                    .orElseThrow(() -> new IllegalArgumentException("dependency without a version in the POM"));
            deps.add(new Artifact(
                    resolve(text(dep, "groupId").orElse(""), props),
                    resolve(text(dep, "artifactId").orElse(""), props),
                    resolve(version, props)));
        }
        return deps;
    }

    private static String resolve(String value, Map<String, String> props) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = props.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("unresolved property ${" + m.group(1) + "} in the POM");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static java.util.Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }
}
