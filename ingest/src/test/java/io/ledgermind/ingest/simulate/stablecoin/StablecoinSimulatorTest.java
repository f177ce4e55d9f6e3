package io.ledgermind.ingest.simulate.stablecoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.simulate.SimulatedBlock;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stablecoin simulator keeps USDC and USDT semantics, and its events reconcile with its own books. */
class StablecoinSimulatorTest {
  private static final String ZERO = AddressBook.ZERO_ADDRESS;
  private static StablecoinSimulator simulator;
  private static final List<StablecoinEvent> EVENTS = new ArrayList<>();

  @BeforeAll
  static void simulateTwoDaysWithFrequentSupplyChanges() {
    // Supply events are rare by default; raise them so every kind occurs many times in two days of blocks.
    simulator = new StablecoinSimulator(StablecoinParams.builder().seed(11)
        .burstHourProbability(0.3).burstMintProbabilityPerBlock(0.3)
        .redemptionProbabilityPerBlock(0.02).blacklistProbabilityPerBlock(0.01)
        .build());
    for (int i = 0; i < 14_400; i++) {
      SimulatedBlock block = simulator.next();
      block.events().forEach(e -> EVENTS.add((StablecoinEvent) e));
    }
  }

  @Test
  void everySupplyEventKindOccurs() {
    Map<StablecoinEventKind, Integer> kinds = new EnumMap<>(StablecoinEventKind.class);
    EVENTS.forEach(e -> kinds.merge(e.getKind(), 1, Integer::sum));
    assertThat(kinds).containsOnlyKeys(StablecoinEventKind.values());
    assertThat(kinds.values()).allSatisfy(count -> assertThat(count).isGreaterThan(5));
  }

  @Test
  void usdcSupplyFromMintAndBurnEqualsTrackedSupply() {
    BigInteger minted = sum("USDC", StablecoinEventKind.MINT);
    BigInteger burned = sum("USDC", StablecoinEventKind.BURN);
    assertThat(minted.subtract(burned)).isEqualTo(simulator.ledger("USDC").totalSupply());
  }

  @Test
  void usdcSupplyFromZeroAddressTransfersEqualsTrackedSupply() {
    BigInteger in = BigInteger.ZERO;
    BigInteger out = BigInteger.ZERO;
    for (StablecoinEvent e : tokenEvents("USDC")) {
      if (e.getKind() == StablecoinEventKind.TRANSFER && ZERO.equals(e.getFrom())) {
        in = in.add(amount(e));
      } else if (e.getKind() == StablecoinEventKind.TRANSFER && ZERO.equals(e.getTo())) {
        out = out.add(amount(e));
      }
    }
    assertThat(in.subtract(out)).isEqualTo(simulator.ledger("USDC").totalSupply());
  }

  @Test
  void usdtSupplyCountsIssueRedeemAndDestroyedBlackFunds() {
    BigInteger supply = sum("USDT", StablecoinEventKind.ISSUE)
        .subtract(sum("USDT", StablecoinEventKind.REDEEM))
        .subtract(sum("USDT", StablecoinEventKind.DESTROYED_BLACK_FUNDS));
    assertThat(supply).isEqualTo(simulator.ledger("USDT").totalSupply());
    // Transfers alone would miss all of it: USDT never transfers from or to the zero address.
    assertThat(tokenEvents("USDT")).noneMatch(e -> ZERO.equals(e.getFrom()) || ZERO.equals(e.getTo()));
  }

  @Test
  void replayingTheEventsReproducesEveryBalance() {
    for (String token : List.of("USDC", "USDT")) {
      String treasury = simulator.addressBook().treasury(token);
      Map<String, BigInteger> balances = new HashMap<>();
      for (StablecoinEvent e : tokenEvents(token)) {
        BigInteger amount = amount(e);
        switch (e.getKind()) {
          case TRANSFER -> {
            balances.merge(e.getFrom(), amount.negate(), BigInteger::add);
            balances.merge(e.getTo(), amount, BigInteger::add);
          }
          case ISSUE -> balances.merge(treasury, amount, BigInteger::add);      // Tether credits the owner
          case REDEEM -> balances.merge(treasury, amount.negate(), BigInteger::add);
          case DESTROYED_BLACK_FUNDS -> balances.merge(e.getFrom(), amount.negate(), BigInteger::add);
          case MINT, BURN -> { } // USDC: the paired Transfer from/to 0x0 moves the balance
          default -> throw new AssertionError(e.getKind());
        }
      }
      balances.remove(ZERO);
      TokenLedger ledger = simulator.ledger(token);
      assertThat(balances).allSatisfy((address, balance) ->
          assertThat(balance).as("%s balance of %s", token, address).isEqualTo(ledger.balanceOf(address)));
      assertThat(ledger.sumOfBalances()).isEqualTo(ledger.totalSupply());
      assertThat(balances.values()).allSatisfy(b -> assertThat(b.signum()).isNotNegative());
    }
  }

  @Test
  void usdcMintAndBurnArePairedWithZeroAddressTransferInTheSameTransaction() {
    for (int i = 0; i < EVENTS.size(); i++) {
      StablecoinEvent e = EVENTS.get(i);
      if (e.getKind() == StablecoinEventKind.MINT || e.getKind() == StablecoinEventKind.BURN) {
        StablecoinEvent next = EVENTS.get(i + 1);
        assertThat(next.getKind()).isEqualTo(StablecoinEventKind.TRANSFER);
        assertThat(next.getMeta().getTxHash()).isEqualTo(e.getMeta().getTxHash());
        assertThat(next.getMeta().getLogIndex()).isEqualTo(e.getMeta().getLogIndex() + 1);
        assertThat(next.getAmount()).isEqualTo(e.getAmount());
        if (e.getKind() == StablecoinEventKind.MINT) {
          assertThat(next.getFrom()).isEqualTo(ZERO);
          assertThat(next.getTo()).isEqualTo(e.getTo());
          assertThat(e.getOperator()).isEqualTo(simulator.addressBook().treasury("USDC"));
        } else {
          assertThat(next.getTo()).isEqualTo(ZERO);
          assertThat(next.getFrom()).isEqualTo(e.getFrom());
        }
      }
    }
  }

  @Test
  void usdtSupplyEventsStandAloneInTheirTransaction() {
    Map<String, Integer> eventsPerTx = new HashMap<>();
    EVENTS.forEach(e -> eventsPerTx.merge(e.getMeta().getTxHash(), 1, Integer::sum));
    assertThat(tokenEvents("USDT")).filteredOn(e -> e.getKind() != StablecoinEventKind.TRANSFER)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(eventsPerTx.get(e.getMeta().getTxHash())).isEqualTo(1));
  }

  @Test
  void exchangeInflowsAndOutflowsAreClassified() {
    List<StablecoinEvent> transfers = EVENTS.stream().filter(e -> e.getKind() == StablecoinEventKind.TRANSFER).toList();
    assertThat(transfers).anyMatch(e -> "EOA".equals(e.getFromClass()) && "EXCHANGE".equals(e.getToClass()));
    assertThat(transfers).anyMatch(e -> "EXCHANGE".equals(e.getFromClass()) && "EOA".equals(e.getToClass()));
    assertThat(transfers).anyMatch(e -> "BRIDGE".equals(e.getFromClass()) || "BRIDGE".equals(e.getToClass()));
    assertThat(transfers).anyMatch(e -> "TREASURY".equals(e.getFromClass()));
    assertThat(transfers).allMatch(e -> ZERO.equals(e.getFrom()) || e.getFromClass() != null);
  }

  @Test
  void trafficPeaksInTheAfternoonAndBottomsAtNight() {
    int[] perHour = new int[24];
    EVENTS.stream().filter(e -> e.getKind() == StablecoinEventKind.TRANSFER)
        .forEach(e -> perHour[e.getMeta().getEventTime().atZone(ZoneOffset.UTC).getHour()]++);
    int afternoon = perHour[12] + perHour[13] + perHour[14] + perHour[15] + perHour[16];
    int night = perHour[0] + perHour[1] + perHour[2] + perHour[3] + perHour[4];
    assertThat(afternoon).isGreaterThan(2 * night);
  }

  @Test
  void amountsAreExactBaseUnitIntegers() {
    assertThat(EVENTS).allSatisfy(e -> {
      assertThat(e.getAmount()).matches("[1-9][0-9]*");
      assertThat(e.getDecimals()).isEqualTo(6);
      assertThat(e.getContract()).matches("0x[0-9a-f]{40}");
    });
  }

  private static List<StablecoinEvent> tokenEvents(String token) {
    return EVENTS.stream().filter(e -> e.getToken().equals(token)).toList();
  }

  private static BigInteger sum(String token, StablecoinEventKind kind) {
    return tokenEvents(token).stream().filter(e -> e.getKind() == kind).map(StablecoinSimulatorTest::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static BigInteger amount(StablecoinEvent e) {
    return new BigInteger(e.getAmount());
  }
}
