package dev.cutover.sandbox.estate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The records the estate's producers send: small JSON values with business keys and a few headers. */
final class EstateRecords {
    static final int CUSTOMERS = 20;
    private static final String[] PAGES = {"/", "/search", "/product/17", "/product/42", "/cart", "/checkout"};

    private EstateRecords() {}

    /** An order keyed by customer, so that Streams can count orders per customer. */
    static List<ProducerRecord<String, String>> order(long n) {
        String customer = "customer-" + (n * 7 % CUSTOMERS);
        String value = String.format(
                Locale.ROOT,
                "{\"orderId\":\"o-%d\",\"customer\":\"%s\",\"items\":%d,\"amount\":%.2f}",
                n,
                customer,
                1 + n % 4,
                9.99 + (n % 13) * 3.5);
        var record = new ProducerRecord<>(EstatePlan.ORDERS, customer, value);
        header(record, "trace-id", UUID.randomUUID().toString());
        header(record, "source", "orders-api");
        header(record, "content-type", "application/json");
        return List.of(record);
    }

    static List<ProducerRecord<String, String>> click(long n) {
        String session = "session-" + (n / 10);
        String value = String.format(
                Locale.ROOT, "{\"session\":\"%s\",\"page\":\"%s\",\"seq\":%d}", session, PAGES[(int) (n % 6)], n);
        var record = new ProducerRecord<>(EstatePlan.CLICKSTREAM, session, value);
        header(record, "user-agent", n % 3 == 0 ? "Mozilla/5.0 (iPhone)" : "Mozilla/5.0 (X11; Linux x86_64)");
        return List.of(record);
    }

    /** A stock level keyed by SKU: a compacted topic keeps the latest level of each. */
    static List<ProducerRecord<String, String>> stock(long n) {
        String sku = "sku-" + (n % 50);
        String value = String.format(Locale.ROOT, "{\"sku\":\"%s\",\"onHand\":%d}", sku, 100 - n % 37);
        var record = new ProducerRecord<>(EstatePlan.INVENTORY, sku, value);
        header(record, "warehouse", n % 2 == 0 ? "ams-1" : "fra-2");
        return List.of(record);
    }

    /** A payment and its audit entry, written in one transaction. */
    static List<ProducerRecord<String, String>> payment(long n, boolean abort) {
        String outcome = abort ? "abort" : "commit";
        String order = "o-" + n;
        var payment = new ProducerRecord<>(
                EstatePlan.PAYMENTS,
                order,
                String.format(
                        Locale.ROOT,
                        "{\"paymentId\":\"p-%d\",\"orderId\":\"%s\",\"status\":\"%s\"}",
                        n,
                        order,
                        abort ? "DECLINED" : "AUTHORIZED"));
        var audit = new ProducerRecord<>(
                EstatePlan.AUDIT, "payments-service", "payment p-" + n + " for " + order + " (" + outcome + ")");
        header(payment, TransactionalProducerWorker.OUTCOME_HEADER, outcome);
        header(audit, TransactionalProducerWorker.OUTCOME_HEADER, outcome);
        return List.of(payment, audit);
    }

    private static void header(ProducerRecord<String, String> record, String key, String value) {
        record.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
