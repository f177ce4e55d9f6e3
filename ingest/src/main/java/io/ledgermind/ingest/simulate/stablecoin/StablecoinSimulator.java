package io.ledgermind.ingest.simulate.stablecoin;

import io.ledgermind.ingest.simulate.Amounts;
import io.ledgermind.ingest.simulate.BlockLog;
import io.ledgermind.ingest.simulate.SimRandom;
import io.ledgermind.ingest.simulate.SimulatedBlock;
import io.ledgermind.ingest.simulate.Simulator;
import io.ledgermind.ingest.simulate.SyntheticChain;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Stablecoin flows on a simulated EVM chain: transfers between exchanges, users, bridges and issuer treasuries with
 * a daily cycle, exchange in/outflows, mint bursts, redemptions and (USDT) destroyed blacklisted funds.
 *
 * <p>Each token follows its contract's real event semantics (DOMAIN.md): USDC mints emit {@code Mint} then
 * {@code Transfer(0x0, to)} in one transaction, burns emit {@code Burn} then {@code Transfer(burner, 0x0)}; USDT
 * {@code Issue}/{@code Redeem} credit or debit the owner with no Transfer, and {@code DestroyedBlackFunds} removes a
 * blacklisted balance with no Transfer. {@link #ledger(String)} books every change, so a consumer summing the events
 * must arrive at {@link TokenLedger#totalSupply()}.
 *
 * <p>Randomness per (token, activity, block) or (token, hour): adding a token appended to the list leaves the
 * draws of the others unchanged.
 *
 * <pre>{@code
 * StablecoinSimulator sim = new StablecoinSimulator(StablecoinParams.builder().seed(7).build());
 * SimulatedBlock block = sim.next();
 * BigInteger usdcSupply = sim.ledger("USDC").totalSupply();
 * }</pre>
 */
public final class StablecoinSimulator implements Simulator {
  /** Transfer flows (from class, to class) and their weights: user traffic dominates, exchanges move the signal. */
  private static final CounterpartyClass[][] FLOWS = {
      {CounterpartyClass.EOA, CounterpartyClass.EOA},
      {CounterpartyClass.EOA, CounterpartyClass.EXCHANGE},
      {CounterpartyClass.EXCHANGE, CounterpartyClass.EOA},
      {CounterpartyClass.EXCHANGE, CounterpartyClass.EXCHANGE},
      {CounterpartyClass.EOA, CounterpartyClass.BRIDGE},
      {CounterpartyClass.BRIDGE, CounterpartyClass.EOA},
      {CounterpartyClass.TREASURY, CounterpartyClass.EXCHANGE},
      {CounterpartyClass.EXCHANGE, CounterpartyClass.TREASURY},
  };
  private static final int[] FLOW_WEIGHTS = {34, 20, 22, 8, 5, 5, 4, 2};
  private static final int HOLDER_TRIES = 4;

  private final StablecoinParams params;
  private final SyntheticChain chain;
  private final AddressBook book;
  private final Map<String, TokenLedger> ledgers = new LinkedHashMap<>();
  private long nextBlock;

  public StablecoinSimulator(StablecoinParams params) {
    this.params = params;
    this.chain = params.chain("stablecoin");
    this.book = new AddressBook(params.exchanges(), params.eoas(), params.bridges());
    for (StablecoinToken token : params.tokens()) {
      ledgers.put(token.symbol(), new TokenLedger());
      book.treasury(token.symbol());
    }
    this.nextBlock = params.firstBlock();
  }

  @Override
  public String domain() {
    return "stablecoin";
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Instant peekTime() {
    return chain.blockTime(nextBlock);
  }

  @Override
  public SimulatedBlock next() {
    BlockLog log = new BlockLog(chain, nextBlock, BlockLog.Indexing.BLOCK);
    for (StablecoinToken token : params.tokens()) {
      new TokenBlock(token, log).simulate();
    }
    nextBlock++;
    return log.build();
  }

  /** The simulator's own books for {@code symbol}. */
  public TokenLedger ledger(String symbol) {
    TokenLedger ledger = ledgers.get(symbol);
    if (ledger == null) {
      throw new IllegalArgumentException("no simulated token " + symbol);
    }
    return ledger;
  }

  public AddressBook addressBook() {
    return book;
  }

  public SyntheticChain chain() {
    return chain;
  }

  /** One token's activity in one block. */
  private final class TokenBlock {
    private final StablecoinToken token;
    private final BlockLog log;
    private final TokenLedger ledger;
    private final String treasury;
    private final long block;

    TokenBlock(StablecoinToken token, BlockLog log) {
      this.token = token;
      this.log = log;
      this.ledger = ledgers.get(token.symbol());
      this.treasury = book.treasury(token.symbol());
      this.block = log.number();
    }

    void simulate() {
      if (block == params.firstBlock()) {
        genesis();
      }
      supplyChanges();
      transfers();
    }

    /** Initial supply: minted to the treasury, 60 % spread to exchanges and 20 % to bridges. */
    private void genesis() {
      BigInteger supply = Amounts.tokens(token.genesisSupply(), token.decimals());
      issue(supply);
      spread(book.addresses(CounterpartyClass.EXCHANGE), supply.multiply(BigInteger.valueOf(60)).divide(HUNDRED));
      spread(book.addresses(CounterpartyClass.BRIDGE), supply.multiply(BigInteger.valueOf(20)).divide(HUNDRED));
    }

    private void spread(List<String> targets, BigInteger total) {
      BigInteger each = total.divide(BigInteger.valueOf(targets.size()));
      for (String target : targets) {
        transfer(treasury, target, each);
      }
    }

    private void supplyChanges() {
      SplittableRandom random = SimRandom.of(params.seed(), token.symbol() + ":supply", block);
      long hour = Math.floorDiv(chain.blockTime(block).toEpochMilli(), 3_600_000L);
      boolean burstHour = SimRandom.of(params.seed(), token.symbol() + ":burst", hour).nextDouble()
          < params.burstHourProbability();
      if (burstHour && random.nextDouble() < params.burstMintProbabilityPerBlock()) {
        issue(Amounts.logUniform(random, 7, 8, token.decimals()));
      }
      if (random.nextDouble() < params.redemptionProbabilityPerBlock()) {
        String exchange = holder(random, CounterpartyClass.EXCHANGE);
        if (exchange != null) {
          BigInteger amount = Amounts.logUniform(random, 5, 7, token.decimals()).min(ledger.balanceOf(exchange));
          transfer(exchange, treasury, amount);
          redeem(amount);
        }
      }
      if (token.semantics() == StablecoinToken.Semantics.USDT
          && random.nextDouble() < params.blacklistProbabilityPerBlock()) {
        String user = holder(random, CounterpartyClass.EOA);
        if (user != null) {
          destroyBlackFunds(user);
        }
      }
    }

    private void transfers() {
      SplittableRandom random = SimRandom.of(params.seed(), token.symbol() + ":transfers", block);
      double rate = token.transfersPerBlock() * params.seasonality().factor(chain.blockTime(block));
      int count = SimRandom.poisson(random, rate);
      for (int i = 0; i < count; i++) {
        CounterpartyClass[] flow = FLOWS[SimRandom.weighted(random, FLOW_WEIGHTS)];
        String from = holder(random, flow[0]);
        String to = pick(random, flow[1]);
        if (from == null || from.equals(to)) {
          continue; // nobody of that class holds funds yet: no transfer, as on chain
        }
        int minDecade = flow[0] == CounterpartyClass.EOA ? 1 : 4;
        int maxDecade = flow[0] == CounterpartyClass.EOA ? 5 : 7;
        BigInteger amount = Amounts.logUniform(random, minDecade, maxDecade, token.decimals())
            .min(ledger.balanceOf(from));
        transfer(from, to, amount);
      }
    }

    private String holder(SplittableRandom random, CounterpartyClass type) {
      for (int i = 0; i < HOLDER_TRIES; i++) {
        String candidate = pick(random, type);
        if (ledger.balanceOf(candidate).signum() > 0) {
          return candidate;
        }
      }
      return null;
    }

    private String pick(SplittableRandom random, CounterpartyClass type) {
      if (type == CounterpartyClass.TREASURY) {
        return treasury;
      }
      List<String> list = book.addresses(type);
      return list.get(random.nextInt(list.size()));
    }

    /** New supply to the treasury: USDC Mint + Transfer(0x0, treasury), USDT Issue (no Transfer). */
    private void issue(BigInteger amount) {
      log.newTransaction();
      ledger.mint(treasury, amount);
      if (token.semantics() == StablecoinToken.Semantics.USDC) {
        add(event(StablecoinEventKind.MINT, null, treasury, treasury, amount));
        add(event(StablecoinEventKind.TRANSFER, AddressBook.ZERO_ADDRESS, treasury, null, amount));
      } else {
        add(event(StablecoinEventKind.ISSUE, null, null, null, amount));
      }
    }

    /** Supply removed from the treasury: USDC Burn + Transfer(treasury, 0x0), USDT Redeem (no Transfer). */
    private void redeem(BigInteger amount) {
      log.newTransaction();
      ledger.burn(treasury, amount);
      if (token.semantics() == StablecoinToken.Semantics.USDC) {
        add(event(StablecoinEventKind.BURN, treasury, null, treasury, amount));
        add(event(StablecoinEventKind.TRANSFER, treasury, AddressBook.ZERO_ADDRESS, null, amount));
      } else {
        add(event(StablecoinEventKind.REDEEM, null, null, null, amount));
      }
    }

    /** USDT only: the whole balance of a blacklisted holder leaves the supply, with no Transfer. */
    private void destroyBlackFunds(String user) {
      BigInteger balance = ledger.balanceOf(user);
      log.newTransaction();
      ledger.burn(user, balance);
      add(event(StablecoinEventKind.DESTROYED_BLACK_FUNDS, user, null, null, balance));
    }

    private void transfer(String from, String to, BigInteger amount) {
      if (amount.signum() <= 0) {
        return;
      }
      log.newTransaction();
      ledger.transfer(from, to, amount);
      add(event(StablecoinEventKind.TRANSFER, from, to, null, amount));
    }

    private StablecoinEvent event(StablecoinEventKind kind, String from, String to, String operator,
        BigInteger amount) {
      return StablecoinEvent.newBuilder()
          .setMeta(log.nextMeta())
          .setToken(token.symbol())
          .setContract(token.contract())
          .setKind(kind)
          .setFrom(from)
          .setTo(to)
          .setOperator(operator)
          .setAmount(amount.toString())
          .setDecimals(token.decimals())
          .setFromClass(className(from))
          .setToClass(className(to))
          .build();
    }

    private String className(String address) {
      CounterpartyClass type = address == null ? null : book.classOf(address);
      return type == null ? null : type.name();
    }

    private void add(StablecoinEvent event) {
      log.add(event);
    }
  }

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);
}
