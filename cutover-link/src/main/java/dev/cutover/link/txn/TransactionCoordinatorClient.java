package dev.cutover.link.txn;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.DefaultHostResolver;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.EndTxnRequest;
import org.apache.kafka.common.requests.EndTxnResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * The one place in cutover that talks to a transaction coordinator below the public client API: it commits <em>another
 * producer's</em> open transaction with FindCoordinator(key type TRANSACTION) and EndTxn(committed = true).
 *
 * <p><b>Why internals.</b> The public kafka-clients 4.3.1 API can end only a transaction the calling {@code
 * KafkaProducer} opened itself; {@code Admin.fenceProducers} and a new producer's {@code initTransactions()} abort the
 * previous one, which leaves its records in the log for {@code read_uncommitted} consumers. KIP-939 will offer the
 * public way ({@code initTransactions(keepPreparedTxn)}, {@code completeTransaction}), but 4.3.1 ships only its config
 * key. When it ships, replace this class with it.
 *
 * <p><b>Internal API used</b> (kafka-clients 4.3.1; any upgrade must re-run {@code TransactionTakeoverIT}): {@link
 * ClientUtils#createNetworkClient}, {@link NetworkClient}, {@link NetworkClientUtils}, {@link ManualMetadataUpdater},
 * {@link ApiVersions}, the generated FindCoordinator and EndTxn messages and {@link Errors}.
 *
 * <p><b>Protocol versions.</b> The network client negotiates ApiVersions on each connection and sends the highest
 * version both sides support. EndTxn v5, which makes the coordinator bump the producer epoch on commit (and so fence the
 * previous producer), is used only when the coordinator reports a finalized {@code transaction.version} of at least 2;
 * otherwise the request is capped at v4. FindCoordinator uses the batched form (v4+) or the single-key form as
 * negotiated.
 *
 * <p><b>Security.</b> Connections are built from an {@link AdminClientConfig} of the caller's ordinary client
 * properties, through the same channel builder the admin client uses: PLAINTEXT, SSL and SASL work unchanged. Nothing
 * here logs the properties or puts them in a message.
 *
 * <p>Not thread safe; one request at a time. {@link #close()} releases every connection and metric.
 */
final class TransactionCoordinatorClient implements AutoCloseable {
    /** The outcome of one commit attempt; {@code detail} names the broker error, never a secret. */
    record Attempt(EndTxnVerdict verdict, String detail) {}

    private static final String TRANSACTION_VERSION = "transaction.version";

    private final Time time = Time.SYSTEM;
    private final Metrics metrics;
    private final ApiVersions apiVersions;
    private final NetworkClient client;
    private final List<Node> bootstrapNodes;
    private int nextBootstrap;

    private TransactionCoordinatorClient(
            Metrics metrics, ApiVersions apiVersions, NetworkClient client, List<Node> bootstrapNodes) {
        this.metrics = metrics;
        this.apiVersions = apiVersions;
        this.client = client;
        this.bootstrapNodes = bootstrapNodes;
    }

    /**
     * Builds the network client (no connection yet).
     *
     * @throws CutoverException {@link Reason#CONFIG_INVALID} if the properties do not make a valid client
     */
    static TransactionCoordinatorClient open(Map<String, Object> clientProperties, int requestTimeoutMs) {
        Metrics metrics = new Metrics();
        try {
            AdminClientConfig config = new AdminClientConfig(clientProperties);
            List<InetSocketAddress> addresses = ClientUtils.parseAndValidateAddresses(config);
            List<Node> bootstrap = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                bootstrap.add(new Node(
                        -1 - i,
                        addresses.get(i).getHostString(),
                        addresses.get(i).getPort()));
            }
            ApiVersions apiVersions = new ApiVersions();
            String clientId = config.getString(CommonClientConfigs.CLIENT_ID_CONFIG);
            NetworkClient client = ClientUtils.createNetworkClient(
                    config,
                    clientId == null || clientId.isEmpty() ? "cutover-takeover" : clientId,
                    metrics,
                    "cutover-takeover",
                    new LogContext("[cutover transaction takeover] "),
                    apiVersions,
                    Time.SYSTEM,
                    1,
                    requestTimeoutMs,
                    null,
                    new ManualMetadataUpdater(bootstrap),
                    new DefaultHostResolver(),
                    null,
                    null);
            return new TransactionCoordinatorClient(metrics, apiVersions, client, List.copyOf(bootstrap));
        } catch (KafkaException e) {
            metrics.close();
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "the target's client properties do not make a valid client: " + e.getMessage(),
                    "check the target connection profile",
                    e);
        }
    }

    /**
     * One attempt to commit the transaction of {@code (producerId, producerEpoch)}: finds the coordinator through the
     * next bootstrap node, then sends EndTxn(commit) to it. Never retries; the caller decides from the verdict.
     *
     * @throws CutoverException {@link Reason#AUTHENTICATION_FAILED} if a broker rejects the credentials
     */
    Attempt commit(String transactionalId, long producerId, short producerEpoch, long timeoutMs) {
        try {
            FindCoordinatorResponseData.Coordinator found = findCoordinator(transactionalId, timeoutMs);
            Errors findError = Errors.forCode(found.errorCode());
            if (findError != Errors.NONE) {
                EndTxnVerdict verdict = findError == Errors.NOT_COORDINATOR
                        ? EndTxnVerdict.FIND_COORDINATOR_AGAIN
                        : verdictFor(findError);
                return new Attempt(verdict, "FindCoordinator: " + describe(findError, found.errorMessage()));
            }
            Node coordinator = new Node(found.nodeId(), found.host(), found.port());
            // Connect first: the coordinator's finalized features arrive with the connection's ApiVersions exchange.
            connect(coordinator, timeoutMs);
            ClientResponse response = send(
                    coordinator,
                    new EndTxnRequest.Builder(
                            new EndTxnRequestData()
                                    .setTransactionalId(transactionalId)
                                    .setProducerId(producerId)
                                    .setProducerEpoch(producerEpoch)
                                    .setCommitted(true),
                            transactionVersion(coordinator) >= 2),
                    timeoutMs);
            EndTxnResponseData data = ((EndTxnResponse) response.responseBody()).data();
            Errors error = Errors.forCode(data.errorCode());
            return new Attempt(
                    verdictFor(error),
                    "EndTxn v" + response.requestHeader().apiVersion() + " to node " + coordinator.id() + ": "
                            + describe(error, null));
        } catch (IOException e) {
            return new Attempt(EndTxnVerdict.FIND_COORDINATOR_AGAIN, "connection failed: " + e.getMessage());
        } catch (AuthenticationException e) {
            throw new CutoverException(
                    Reason.AUTHENTICATION_FAILED,
                    "cannot authenticate to the target: " + e.getMessage(),
                    "check the target connection profile's credentials",
                    e);
        } catch (UnsupportedVersionException e) {
            return new Attempt(EndTxnVerdict.FAILED, "the target does not support the request: " + e.getMessage());
        }
    }

    /**
     * How an EndTxn (or FindCoordinator) error decides the next step. Pure: unit tested without a broker.
     *
     * <p>{@code INVALID_PRODUCER_ID_MAPPING} counts as a concurrent instance: the id now maps to another producer id,
     * which only a new {@code initTransactions()} produces.
     */
    static EndTxnVerdict verdictFor(Errors error) {
        return switch (error) {
            case NONE -> EndTxnVerdict.COMMITTED;
            case NOT_COORDINATOR,
                    COORDINATOR_NOT_AVAILABLE,
                    COORDINATOR_LOAD_IN_PROGRESS,
                    REQUEST_TIMED_OUT,
                    NETWORK_EXCEPTION -> EndTxnVerdict.FIND_COORDINATOR_AGAIN;
            case CONCURRENT_TRANSACTIONS -> EndTxnVerdict.BACK_OFF_AND_REDESCRIBE;
            case INVALID_TXN_STATE -> EndTxnVerdict.REDESCRIBE;
            case PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, INVALID_PRODUCER_ID_MAPPING ->
                EndTxnVerdict.CONCURRENT_INSTANCE;
            case TRANSACTIONAL_ID_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED -> EndTxnVerdict.DENIED;
            default -> EndTxnVerdict.FAILED;
        };
    }

    private FindCoordinatorResponseData.Coordinator findCoordinator(String transactionalId, long timeoutMs)
            throws IOException {
        Node bootstrap = bootstrapNodes.get(nextBootstrap);
        nextBootstrap = (nextBootstrap + 1) % bootstrapNodes.size();
        FindCoordinatorResponse response = (FindCoordinatorResponse) send(
                        bootstrap,
                        new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                                .setKeyType(FindCoordinatorRequest.CoordinatorType.TRANSACTION.id())
                                .setCoordinatorKeys(List.of(transactionalId))),
                        timeoutMs)
                .responseBody();
        return response.coordinatorByKey(transactionalId)
                .orElseThrow(() -> new IOException("FindCoordinator answered without the requested key"));
    }

    /** The finalized transaction.version the node reported in its ApiVersions response (0 if none). */
    private short transactionVersion(Node node) {
        NodeApiVersions versions = apiVersions.get(node.idString());
        return versions == null ? 0 : versions.finalizedFeatures().getOrDefault(TRANSACTION_VERSION, (short) 0);
    }

    private void connect(Node node, long timeoutMs) throws IOException {
        if (!NetworkClientUtils.awaitReady(client, node, time, timeoutMs)) {
            throw new IOException("node " + node.id() + " (" + node.host() + ":" + node.port() + ") not ready within "
                    + timeoutMs + " ms");
        }
    }

    private ClientResponse send(Node node, AbstractRequest.Builder<?> request, long timeoutMs) throws IOException {
        connect(node, timeoutMs);
        ClientRequest clientRequest =
                client.newClientRequest(node.idString(), request, time.milliseconds(), true, (int) timeoutMs, null);
        ClientResponse response = NetworkClientUtils.sendAndReceive(client, clientRequest, time);
        if (response.versionMismatch() != null) {
            throw response.versionMismatch();
        }
        if (response.authenticationException() != null) {
            throw response.authenticationException();
        }
        AbstractResponse body = response.responseBody();
        if (body == null) {
            throw new IOException("no response from node " + node.id());
        }
        return response;
    }

    private static String describe(Errors error, String message) {
        return message == null || message.isEmpty() ? error.name() : error.name() + " (" + message + ")";
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            metrics.close();
        }
    }
}
