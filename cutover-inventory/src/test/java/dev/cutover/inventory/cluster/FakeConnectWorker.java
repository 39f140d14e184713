package dev.cutover.inventory.cluster;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Joins a classic group with protocol type {@code connect}, as a Kafka Connect worker does, with one raw JoinGroup
 * request on a PLAINTEXT socket. The group then shows in listings and descriptions as a Connect group (waiting for
 * SyncGroup) until the session times out. Keeps the connection open until closed.
 */
final class FakeConnectWorker implements AutoCloseable {
    private static final short VERSION = 5;
    private final Socket socket;

    private FakeConnectWorker(Socket socket) {
        this.socket = socket;
    }

    static FakeConnectWorker join(String bootstrapServer, String groupId, String clientId) throws IOException {
        String[] hostPort = bootstrapServer.split(",")[0].split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        try {
            // JoinGroup v4+ answers MEMBER_ID_REQUIRED with an id first; the second join with that id succeeds.
            JoinGroupResponse first = send(socket, groupId, clientId, "", 1);
            String memberId = first.data().memberId();
            if (first.error() == Errors.MEMBER_ID_REQUIRED) {
                JoinGroupResponse second = send(socket, groupId, clientId, memberId, 2);
                if (second.error() != Errors.NONE) {
                    throw new IOException("JoinGroup failed: " + second.error());
                }
            } else if (first.error() != Errors.NONE) {
                throw new IOException("JoinGroup failed: " + first.error());
            }
            return new FakeConnectWorker(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static JoinGroupResponse send(Socket socket, String groupId, String clientId, String memberId, int id)
            throws IOException {
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection(
                List.of(new JoinGroupRequestProtocol().setName("sessioned").setMetadata(new byte[] {0}))
                        .iterator());
        JoinGroupRequestData data = new JoinGroupRequestData()
                .setGroupId(groupId)
                .setSessionTimeoutMs(30_000)
                .setRebalanceTimeoutMs(30_000)
                .setMemberId(memberId)
                .setProtocolType("connect")
                .setProtocols(protocols);
        RequestHeader header = new RequestHeader(ApiKeys.JOIN_GROUP, VERSION, clientId, id);
        ByteBuffer request = new JoinGroupRequest.Builder(data).build(VERSION).serializeWithHeader(header);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(request.remaining());
        out.write(request.array(), request.arrayOffset() + request.position(), request.remaining());
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        return (JoinGroupResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
