import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Readiness probe for the local Kafka broker, run by deploy/local/stack.sh as a single-file program:
 *
 * <pre>java -cp "$STACK_DIR/kafka-lib/*" deploy/local/KafkaReady.java 127.0.0.1:19092 60 admin.properties</pre>
 *
 * An open port only says the socket is bound. The broker serves describeCluster once the KRaft quorum has a
 * leader and the broker has registered and been unfenced, i.e. once clients can really use it.
 * Exit 0 when ready, 1 on timeout (with the last error), 2 on bad arguments.
 */
public class KafkaReady {

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: KafkaReady <bootstrap host:port> <timeoutSeconds> [client.properties]");
            System.exit(2);
        }
        // Quiet: the Admin client logs every refused connection while the broker boots. Must be set
        // before the first Kafka class creates a logger.
        System.setProperty("log4j2.statusLoggerLevel", "OFF");
        System.setProperty("org.apache.logging.log4j.level", "OFF");

        String bootstrap = args[0];
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();

        Properties props = new Properties();
        if (args.length == 3) {
            // The broker authenticates: probe with the admin's client config (SASL settings).
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(args[2]))) {
                props.load(in);
            } catch (java.io.IOException e) {
                System.err.println("cannot read " + args[2] + ": " + e.getMessage());
                System.exit(2);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ledgermind-stack-ready");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");

        String lastProblem = "no answer yet";
        Admin admin = Admin.create(props);
        try {
            while (true) {
                try {
                    long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                    int attemptMs = (int) Math.max(500, Math.min(3000, leftMs));
                    DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(attemptMs));
                    Collection<Node> nodes = cluster.nodes().get();
                    Node controller = cluster.controller().get();
                    if (!nodes.isEmpty() && controller != null && !controller.isEmpty()) {
                        System.out.printf("kafka ready: cluster %s, %d node(s), controller %s%n",
                                cluster.clusterId().get(), nodes.size(), controller.idString());
                        System.exit(0);
                    }
                    lastProblem = "cluster answered without nodes or controller";
                } catch (ExecutionException e) {
                    lastProblem = String.valueOf(e.getCause());
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("kafka not ready at " + bootstrap + " after " + args[1] + " s: " + lastProblem);
                    System.exit(1);
                }
                Thread.sleep(250);
            }
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
