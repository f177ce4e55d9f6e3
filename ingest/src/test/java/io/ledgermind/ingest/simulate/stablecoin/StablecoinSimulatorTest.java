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
    // Supply events are a few a day by default; raise them so every kind occurs many times in two days of blocks.
    StablecoinToken usdc = StablecoinToken.usdc();
    StablecoinToken usdt = StablecoinToken.usdt();
    simulator = new StablecoinSimulator(StablecoinParams.builder().seed(11)
        .tokens(List.of(usdc.withSupply(usdc.supply().timesRates(50)), usdt.withSupply(usdt.supply().timesRates(50))))
        .build());
    for (int i = 0; i < 14_400; i++) {
      SimulatedBlock block = simulator.next();
      block.events().forEach(e -> EVENTS.add((StablecoinEvent) e));
    }
  }

  /** What the events must account for: the supply now minus the opening supply (state before the first block). */
  private static BigInteger changeOfSupply(String token) {
    TokenLedger ledger = simulator.ledger(token);
    return ledger.totalSupply().subtract(ledger.openingSupply());
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
    assertThat(minted.subtract(burned)).isEqualTo(changeOfSupply("USDC"));
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
    assertThat(in.subtract(out)).isEqualTo(changeOfSupply("USDC"));
  }

  @Test
  void usdtSupplyCountsIssueRedeemAndDestroyedBlackFunds() {
    BigInteger supply = sum("USDT", StablecoinEventKind.ISSUE)
        .subtract(sum("USDT", StablecoinEventKind.REDEEM))
        .subtract(sum("USDT", StablecoinEventKind.DESTROYED_BLACK_FUNDS));
    assertThat(supply).isEqualTo(changeOfSupply("USDT"));
    // Transfers alone would miss all of it: USDT never transfers from or to the zero address.
    assertThat(tokenEvents("USDT")).noneMatch(e -> ZERO.equals(e.getFrom()) || ZERO.equals(e.getTo()));
  }

  @Test
  void replayingTheEventsReproducesEveryBalance() {
    for (String token : List.of("USDC", "USDT")) {
      String treasury = simulator.addressBook().treasury(token);
      Map<String, BigInteger> balances = new HashMap<>(simulator.ledger(token).openingBalances());
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

  /**
   * At the default calibration, a week of USDC has daily gross mints of the public order ($0.1–1B a day, never tens
   * of billions), the new supply reaches the venues within hours, and the supply moves by well under 1 % a week.
   */
  @Test
  void defaultCalibrationMatchesPublicMagnitudes() {
    StablecoinSimulator defaults = new StablecoinSimulator(StablecoinParams.builder().seed(3)
        .tokens(List.of(StablecoinToken.usdc())).build());
    int days = 7;
    BigInteger[] mintedPerDay = new BigInteger[days];
    java.util.Arrays.fill(mintedPerDay, BigInteger.ZERO);
    BigInteger toVenuesFromTreasury = BigInteger.ZERO;
    for (int i = 0; i < days * 7_200; i++) {
      for (var event : defaults.next().events()) {
        StablecoinEvent e = (StablecoinEvent) event;
        if (e.getKind() == StablecoinEventKind.MINT) {
          mintedPerDay[i / 7_200] = mintedPerDay[i / 7_200].add(amount(e));
        } else if ("TREASURY".equals(e.getFromClass())) {
          toVenuesFromTreasury = toVenuesFromTreasury.add(amount(e));
        }
      }
    }
    BigInteger million = BigInteger.TEN.pow(12); // USD millions in micro-USDC
    BigInteger total = java.util.Arrays.stream(mintedPerDay).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(total.divide(million).longValue() / days).as("mean daily gross mint, $M").isBetween(50L, 1_000L);
    assertThat(mintedPerDay).allSatisfy(day -> assertThat(day.divide(million).longValue()).isLessThan(3_000L));
    // What the treasury minted went on to venues, apart from the last hours' share still on its way.
    assertThat(toVenuesFromTreasury).isGreaterThan(total.multiply(BigInteger.valueOf(8)).divide(BigInteger.TEN));
    TokenLedger ledger = defaults.ledger("USDC");
    BigInteger change = ledger.totalSupply().subtract(ledger.openingSupply()).abs();
    assertThat(change.multiply(BigInteger.valueOf(100))).isLessThan(ledger.openingSupply());
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
