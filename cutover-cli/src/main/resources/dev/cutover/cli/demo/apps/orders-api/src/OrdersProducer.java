// orders-api: a producer someone configured in code
class OrdersProducer {
    static final String BOOTSTRAP_SERVERS = "kafka-a.prod.internal:9092,kafka-b.prod.internal:9092";
    static final String TOPIC = "orders";
}
