package claimgraph;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Starts Neo4j in this process from its official test harness, on a free Bolt port of the loopback
 * interface, prints {@code bolt://127.0.0.1:PORT} on one line, and stops when standard input closes,
 * removing the temporary folder it ran in.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("claimgraph-neo4j-");
        long t0 = System.nanoTime();
        try (Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work).withDisabledServer().build()) {
            System.out.println(neo4j.boltURI() + " " + (System.nanoTime() - t0) / 1_000_000 + "ms");
            System.out.flush();
            InputStream in = System.in;
            while (in.read() != -1) {
                // wait for the caller to close standard input
            }
        } finally {
            try (Stream<Path> left = Files.walk(work)) {
                left.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
