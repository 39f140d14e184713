from kafka import KafkaConsumer

BROKERS = 'kafka-1.old:9092'
consumer = KafkaConsumer('orders', bootstrap_servers=BROKERS)
