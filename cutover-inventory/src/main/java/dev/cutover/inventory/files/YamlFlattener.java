package dev.cutover.inventory.files;

import dev.cutover.config.yaml.InvalidConfigException;
import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens each YAML document into settings with the parser's line numbers. Nested and flat forms give the same
 * path ({@code spring: kafka: bootstrap-servers} and {@code spring.kafka.bootstrap-servers}); a list of values
 * gives one setting per item under the list's path, a list of mappings indexes them ({@code clients[0].x}).
 */
final class YamlFlattener {
    private YamlFlattener() {}

    static List<List<Setting>> read(String file, String text) throws UnparseableFileException {
        List<YamlNode> documents;
        try {
            documents = YamlReader.readAll(file, text);
        } catch (InvalidConfigException e) {
            throw new UnparseableFileException(e.location().line(), e.problem());
        }
        List<List<Setting>> result = new ArrayList<>();
        for (YamlNode document : documents) {
            List<Setting> settings = new ArrayList<>();
            flatten(document, "", settings);
            result.add(settings);
        }
        return result;
    }

    private static void flatten(YamlNode node, String path, List<Setting> out) {
        if (node instanceof YamlNode.Scalar scalar) {
            scalar.value()
                    .ifPresent(
                            v -> out.add(new Setting(path, v, scalar.location().line())));
        } else if (node instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Entry entry : mapping.entries()) {
                flatten(entry.value(), KeyNames.join(path, KeyNames.segment(entry.key())), out);
            }
        } else if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                YamlNode item = sequence.items().get(i);
                flatten(item, item instanceof YamlNode.Scalar ? path : path + "[" + i + "]", out);
            }
        }
    }
}
