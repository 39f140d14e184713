package dev.cutover.inventory.report;

/** The formats every report is written in. */
public enum ReportFormat {
    MD("md"),
    JSON("json"),
    HTML("html");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
