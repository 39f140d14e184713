package dev.cutover.inventory.files;

import java.util.List;

/**
 * What {@link ConfigFileScanner#scan} found, sorted by file and line. Every value in it has been through the
 * {@code Redactor}; it serialises to JSON as-is and is embedded in the inventory report.
 */
public record ConfigScanResult(
        int filesScanned,
        List<DiscoveredClientConfig> clients,
        List<HardcodedEndpoint> hardcodedEndpoints,
        List<ScanProblem> problems) {
    public ConfigScanResult {
        clients = List.copyOf(clients);
        hardcodedEndpoints = List.copyOf(hardcodedEndpoints);
        problems = List.copyOf(problems);
    }
}
