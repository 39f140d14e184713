package dev.cutover.readiness.report;

import dev.cutover.readiness.Area;
import java.util.List;

/**
 * The six questions a change board asks of a wave before it moves, and the areas that answer each. A point is ready in a
 * wave when every workload of the wave is ready in each of its areas.
 */
public enum ReadinessPoint {
    CLIENT_BEHAVIOUR(
            "Client behaviour tested on the target, topic and schema contract included", Area.PROTOCOL, Area.TOPICS),
    SECURITY("Security proven from the real runtime", Area.IDENTITY),
    OFFSET_DECISION("Offset decision recorded", Area.OFFSETS),
    SIDE_EFFECTS("Connector and processor side effects understood", Area.STATE),
    OBSERVABILITY("Observability in place before traffic moves", Area.OBSERVABILITY),
    ROLLBACK("Rollback rehearsed", Area.ROLLBACK);

    private final String title;
    private final List<Area> areas;

    ReadinessPoint(String title, Area... areas) {
        this.title = title;
        this.areas = List.of(areas);
    }

    public String title() {
        return title;
    }

    public List<Area> areas() {
        return areas;
    }
}
