package io.ledgermind.ingest.simulate.stablecoin;

import io.ledgermind.world.Amounts;
import io.ledgermind.ingest.simulate.BlockLog;
import io.ledgermind.world.SimRandom;
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
 * Stablecoin flows on a simulated EVM chain: transfers between users, exchanges and bridges with a daily cycle,
 * issuer mints whose new supply reaches the venues over the following hours, redemptions and (USDT) destroyed
 * blacklisted funds, at the calibrated magnitudes of {@link StablecoinToken}.
 *
 * <p>Each token follows its contract's real event semantics (docs/domain.md): USDC mints emit {@code Mint} then
 * {@code Transfer(0x0, to)} in one transaction, burns emit {@code Burn} then {@code Transfer(burner, 0x0)}; USDT
 * {@code Issue}/{@code Redeem} credit or debit the owner with no Transfer, and {@code DestroyedBlackFunds} removes a
 * blacklisted balance with no Transfer. The simulation starts from the token's opening supply, held by users and
 * venues as the chain's state before the first block (no event); {@link #ledger(String)} books every change, so a
 * consumer summing the events arrives at {@link TokenLedger#totalSupply()} minus {@link TokenLedger#openingSupply()}.
 *
 * <p>Randomness per (token, activity, block): adding a token appended to the list leaves the draws of the others
 * unchanged.
 *
 * <pre>{@code
 * StablecoinSimulator sim = new StablecoinSimulator(StablecoinParams.builder().seed(7).build());
 * SimulatedBlock block = sim.next();
 * BigInteger usdcSupply = sim.ledger("USDC").totalSupply();
 * }</pre>
 */
public final class StablecoinSimulator implements Simulator {
  /**
   * Transfer pairs and their weights: users among themselves, users with exchanges and with bridges (either way,
   * by the deposit cycle), exchanges among themselves. The issuer's treasury is not among them: it moves funds only
   * by distribution and redemption.
   */
  private static final Pair[] PAIRS = {
      new Pair(CounterpartyClass.EOA, CounterpartyClass.EOA, 1, 5),
      new Pair(CounterpartyClass.EOA, CounterpartyClass.EXCHANGE, 2, 6),
      new Pair(CounterpartyClass.EXCHANGE, CounterpartyClass.EXCHANGE, 4, 7),
      new Pair(CounterpartyClass.EOA, CounterpartyClass.BRIDGE, 3, 6),
  };
  private static final int[] PAIR_WEIGHTS = {34, 42, 8, 10};
  /** Opening supply: users, exchanges, bridges (percent). */
  private static final int[] OPENING_SHARES = {50, 40, 10};
  /** Per-million share of a distribution that goes to exchanges (the rest to bridges). */
  private static final int EXCHANGE_SHARE_PPM = 800_000;
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
      TokenLedger ledger = new TokenLedger();
      ledgers.put(token.symbol(), ledger);
      book.treasury(token.symbol());
      open(token, ledger);
    }
    this.nextBlock = params.firstBlock();
  }

  /** The opening supply spread evenly over users, exchanges and bridges by {@link #OPENING_SHARES}. */
  private void open(StablecoinToken token, TokenLedger ledger) {
    BigInteger supply = Amounts.tokens(token.openingSupply(), token.decimals());
    CounterpartyClass[] classes = {CounterpartyClass.EOA, CounterpartyClass.EXCHANGE, CounterpartyClass.BRIDGE};
    for (int i = 0; i < classes.length; i++) {
      List<String> holders = book.addresses(classes[i]);
      BigInteger each = supply.multiply(BigInteger.valueOf(OPENING_SHARES[i])).divide(HUNDRED)
          .divide(BigInteger.valueOf(holders.size()));
      holders.forEach(holder -> ledger.open(holder, each));
    }
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
      supplyChanges();
      distribute();
      transfers();
    }

    private void supplyChanges() {
      SplittableRandom random = SimRandom.of(params.seed(), token.symbol() + ":supply", block);
      StablecoinToken.SupplySchedule supply = token.supply();
      double perDay = params.blocksPerDay();
      if (random.nextDouble() < supply.mintsPerDay() / perDay) {
        issue(Amounts.logUniformTokens(random, supply.mintMin(), supply.mintMax(), token.decimals()));
      }
      if (random.nextDouble() < supply.redemptionsPerDay() / perDay) {
        String exchange = holder(random, CounterpartyClass.EXCHANGE);
        if (exchange != null) {
          BigInteger amount = Amounts.logUniformTokens(random, supply.redeemMin(), supply.redeemMax(),
              token.decimals()).min(ledger.balanceOf(exchange));
          transfer(exchange, treasury, amount);
          redeem(amount);
        }
      }
      if (token.semantics() == StablecoinToken.Semantics.USDT
          && random.nextDouble() < supply.blacklistingsPerDay() / perDay) {
        String user = holder(random, CounterpartyClass.EOA);
        if (user != null) {
          destroyBlackFunds(user);
        }
      }
    }

    /**
     * Every few minutes the treasury passes on a share of what it holds (new supply) to an exchange or a bridge,
     * so a mint reaches the venues over the following hours with geometric decay.
     */
    private void distribute() {
      if ((block - params.firstBlock()) % params.distributionIntervalBlocks() != 0) {
        return;
      }
      BigInteger held = ledger.balanceOf(treasury);
      if (held.signum() == 0) {
        return;
      }
      double intervalsPerHour = 3_600_000.0 / (params.blockTime().toMillis() * params.distributionIntervalBlocks());
      long sharePpm = Math.round(1e6 * (1 - Math.pow(1 - params.distributionPerHour(), 1 / intervalsPerHour)));
      BigInteger amount = held.multiply(BigInteger.valueOf(Math.max(1, sharePpm))).divide(MILLION);
      if (amount.compareTo(BigInteger.TEN.pow(token.decimals() + 3)) < 0) {
        amount = held; // under 1,000 tokens: the rest goes in one transfer
      }
      SplittableRandom random = SimRandom.of(params.seed(), token.symbol() + ":distribution", block);
      CounterpartyClass venue = random.nextInt(1_000_000) < EXCHANGE_SHARE_PPM
          ? CounterpartyClass.EXCHANGE : CounterpartyClass.BRIDGE;
      transfer(treasury, pick(random, venue), amount);
    }

    private void transfers() {
      SplittableRandom random = SimRandom.of(params.seed(), token.symbol() + ":transfers", block);
      Instant time = chain.blockTime(block);
      double rate = token.transfersPerBlock() * params.seasonality().factor(time);
      double towardsVenue = 0.5 * params.depositCycle().factor(time);
      int count = SimRandom.poisson(random, rate);
      for (int i = 0; i < count; i++) {
        Pair pair = PAIRS[SimRandom.weighted(random, PAIR_WEIGHTS)];
        boolean forward = pair.second() == CounterpartyClass.EOA || pair.second() == pair.first()
            ? random.nextBoolean() : random.nextDouble() < towardsVenue;
        CounterpartyClass fromClass = forward ? pair.first() : pair.second();
        CounterpartyClass toClass = forward ? pair.second() : pair.first();
        String from = holder(random, fromClass);
        String to = pick(random, toClass);
        if (from == null || from.equals(to)) {
          continue; // nobody of that class holds funds: no transfer, as on chain
        }
        BigInteger amount = Amounts.logUniform(random, pair.minDecade(), pair.maxDecade(), token.decimals())
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
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  /** Two counterparty classes that transfer to each other, with the amount range in decades of whole tokens. */
  private record Pair(CounterpartyClass first, CounterpartyClass second, int minDecade, int maxDecade) {}
}
