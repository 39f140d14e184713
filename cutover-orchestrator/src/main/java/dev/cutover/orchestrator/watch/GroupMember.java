package dev.cutover.orchestrator.watch;

import java.util.Objects;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * One member of a consumer group as the group coordinator describes it. The coordinator does not say which principal
 * a member authenticated as: Kafka's Admin API has no such field.
 *
 * @param memberId the coordinator's id for the member
 * @param clientId the client's {@code client.id}
 * @param host the address the coordinator sees the member connect from, e.g. {@code /10.0.0.7}
 * @param groupInstanceId the member's {@code group.instance.id} (a static member), or null for a dynamic member
 */
public record GroupMember(String memberId, String clientId, String host, String groupInstanceId) {
    public GroupMember {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(host, "host");
    }

    static GroupMember of(MemberDescription m) {
        return new GroupMember(
                m.consumerId(), m.clientId(), m.host(), m.groupInstanceId().orElse(null));
    }

    /** One line for people: {@code member M (client C at H, static instance I)}. */
    public String describe() {
        return "member " + memberId + " (client " + clientId + " at " + host
                + (groupInstanceId == null ? "" : ", static instance " + groupInstanceId) + ")";
    }
}
