package io.qdranthybrid.benchmarks;

import io.qdranthybrid.benchmarks.admission.AdmissionBenchmark;
import io.qdranthybrid.benchmarks.agent.AgentBenchmark;
import io.qdranthybrid.benchmarks.agent.AgentProcess;
import io.qdranthybrid.benchmarks.convergence.ConvergenceBenchmark;
import io.qdranthybrid.benchmarks.endtoend.EndToEndBenchmark;
import io.qdranthybrid.benchmarks.floor.FloorBenchmark;
import io.qdranthybrid.benchmarks.idiomatic.IdiomaticBenchmark;
import io.qdranthybrid.benchmarks.platform.AgentSwarm;
import io.qdranthybrid.benchmarks.platform.ThinAgentSwarm;
import io.qdranthybrid.benchmarks.platform.PlatformBenchmark;
import io.qdranthybrid.benchmarks.platform.PlatformReplica;
import io.qdranthybrid.benchmarks.platform.ReplicatedPlatformBenchmark;
import io.qdranthybrid.qdrant.QdrantHttpClients;

import java.util.Arrays;

/** {@code java -jar benchmarks.jar <benchmark> [--option value ...]}: runs one benchmark and writes its results. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // As the operator app's main does: the operators measured here hold idle Qdrant connections as they would.
        QdrantHttpClients.closeIdleConnectionsAfterThirtySeconds();
        String name = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        switch (name) {
            case "convergence" -> ConvergenceBenchmark.main(rest);
            case FloorBenchmark.NAME -> FloorBenchmark.main(rest);
            case IdiomaticBenchmark.NAME -> IdiomaticBenchmark.main(rest);
            case EndToEndBenchmark.NAME -> EndToEndBenchmark.main(rest);
            case AdmissionBenchmark.NAME -> AdmissionBenchmark.main(rest);
            case "agent" -> AgentBenchmark.main(rest);
            case "platform" -> PlatformBenchmark.main(rest);
            case AgentSwarm.NAME -> AgentSwarm.main(rest);
            case ThinAgentSwarm.NAME -> ThinAgentSwarm.main(rest);
            case ReplicatedPlatformBenchmark.NAME -> ReplicatedPlatformBenchmark.main(rest);
            case PlatformReplica.NAME -> PlatformReplica.main(rest);
            case AgentProcess.NAME -> AgentProcess.main(rest);
            default -> {
                System.err.println("""
                        usage: java -jar benchmarks/target/benchmarks.jar <benchmark> [--option value ...]
                          convergence  --sizes 10,100,500,1000 --steady 5m --workers 4 --warmup 300 --timeout 10m
                          admission    --writes 20000 --clusters 500 --warmup 300
                          floor        --sizes 10,100,500 --rounds 3 --steady 30s --workers 4 --warmup 300 --timeout 10m
                          idiomatic    --sizes 10,100,500 --rounds 3 --steady 30s --workers 4 --warmup 300 --timeout 10m
                          end-to-end   --single 5 --clusters 100 --timeout 5m
                          agent        --instructions 500 --warmup 50 --resources 1000
                          platform     --sessions 1000 --heartbeat 1s --window 30s
                          platform-replicas --sessions 2000 --heartbeat 1s --window 30s --rate 100 --delivery 60s
                                            [--agents sdk|thin --agents-per-jvm 1000]
                        Results go to benchmarks/results/<benchmark>.json and .md.""");
                System.exit(name.isEmpty() ? 0 : 2);
            }
        }
        System.exit(0);
    }
}
