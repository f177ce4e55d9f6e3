package io.ledgermind.oracle.cli;

import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.OracleDeployment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ledgermind oracle status}: signers, quorum and the latest round of every feed. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the oracle's signers and quorum and each feed's latest round, answer and age.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    StackDefaults stack = new StackDefaults();
    OracleDeployment d = common.deployment(stack);
    Web3j web3j = Web3j.build(new HttpService(common.rpc(stack)));
    try {
      OracleChain chain = new OracleChain(web3j, d.oracle());
      System.out.printf("oracle   %s on chain %d%n", d.oracle(), d.chainId());
      System.out.printf("quorum   %d of %s%n", chain.quorum(), chain.signers());
      long now = Instant.now().getEpochSecond();
      for (String feed : d.feeds()) {
        Optional<OracleChain.RoundData> r = chain.latestRoundData(feed);
        if (r.isEmpty()) {
          System.out.printf("%-24s no rounds yet (proxy %s)%n", feed, d.proxies().get(feed));
        } else {
          System.out.printf("%-24s round %-12d answer %-24s updated %4d s ago (proxy %s)%n", feed, r.get().roundId(),
              new BigDecimal(r.get().answer()).movePointLeft(d.decimals()).toPlainString(),
              now - r.get().updatedAt(), d.proxies().get(feed));
        }
      }
      return 0;
    } finally {
      web3j.shutdown();
    }
  }
}
