package demo;

class Producer {
    void configure(java.util.Properties props) {
        props.put("bootstrap.servers", "kafka-1.old:9092,kafka-2.old:9092");
        props.put("client.id", "demo");
        String unrelated = "localhost:8080";
    }
}
