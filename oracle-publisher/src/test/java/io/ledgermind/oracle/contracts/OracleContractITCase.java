package io.ledgermind.oracle.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.oracle.chain.OracleAbi;
import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.OracleEvents;
import io.ledgermind.oracle.chain.FeedSettings;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.contracts.generated.FeedConsumer;
import io.ledgermind.oracle.contracts.generated.LedgermindFeedProxy;
import io.ledgermind.oracle.contracts.generated.LedgermindOracle;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.oracle.report.ReportSignatures;
import io.ledgermind.testing.AnvilExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tuples.generated.Tuple5;

/**
 * The contracts on anvil: 3-of-5 happy path through the oracle, the AggregatorV3 proxy and the consumer; every
 * adversarial submission reverts with its custom error, both in simulation (decoded) and as a mined transaction;
 * an entry that cannot be published (replayed, older, stale or future window, unknown feed) is skipped with its
 * reason while the other feeds of its batch are published, and a report with nothing publishable reverts.
 */
class OracleContractITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();

  static final List<String> FEEDS = List.of("HAPPY", "BATCH/0", "BATCH/1", "BATCH/2", "BATCH/3", "BATCH/4", "BATCH/5",
      "BATCH/6", "BATCH/7", "BATCH/8", "BATCH/9", "ADV", "STALE", "MIXED", "OLD", "AHEAD", "JUMP", "EDGE");
  static final long MAX_AGE = 3600;
  static final long MAX_FUTURE = 60;
  static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);

  static OracleDeployment deployment;
  static ContractDeployer owner;
  static List<Credentials> signers;
  static Credentials outsider;
  static ReportDigest digests;
  static OracleChain chain;
  static RawTransactionManager outsiderTx;
  static PollingTransactionReceiptProcessor receipts;
  /** The newest ADV window used so far: every fresh ADV report needs a newer one. */
  static final AtomicLong ADV_WINDOW = new AtomicLong();

  @BeforeAll
  static void deploy() throws Exception {
    owner = new ContractDeployer(CHAIN.web3j(), CHAIN.devAccount(0), CHAIN.chainId());
    signers = IntStream.rangeClosed(1, 5).mapToObj(CHAIN::devAccount).toList();
    outsider = CHAIN.devAccount(9);
    deployment = OracleDeployment.deploy(owner, CHAIN.chainId(), new OracleDeployment.Plan(
        signers.stream().map(Credentials::getAddress).toList(), 3, MAX_FUTURE, 8,
        feedSettings(), 3600, List.of(outsider.getAddress())));
    digests = new ReportDigest(CHAIN.chainId(), deployment.oracle());
    chain = new OracleChain(CHAIN.web3j(), deployment.oracle());
    receipts = new PollingTransactionReceiptProcessor(CHAIN.web3j(), 5, 2000);
    outsiderTx = new RawTransactionManager(CHAIN.web3j(), outsider, CHAIN.chainId(), receipts);
  }

  /** Every test feed with the widest answer range, and RANGE with answers 0..1000 only. */
  static Map<String, FeedSettings> feedSettings() {
    Map<String, FeedSettings> feeds = new LinkedHashMap<>(OracleDeployment.Plan.same(FEEDS,
        FeedSettings.unbounded(MAX_AGE)));
    feeds.put("RANGE", new FeedSettings(MAX_AGE, BigInteger.ZERO, BigInteger.valueOf(1_000)));
    return feeds;
  }

  /** The oracle's current signer-set version, which every report is signed for. */
  static long version() {
    try {
      return chain.configVersion();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static long now() throws IOException {
    return CHAIN.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
        .getTimestamp().longValueExact();
  }

  /** An update of {@code feed} for the window ending at {@code observedAt}, forecasting an hour past it. */
  static FeedUpdateEntry entry(String feed, long answer, long observedAt) {
    return new FeedUpdateEntry(feed, BigInteger.valueOf(answer), observedAt, observedAt + 3600,
        Hash.sha3(("model-" + feed).getBytes()), Hash.sha3(("inputs-" + feed + observedAt).getBytes()));
  }

  static List<OracleEvents.Skipped> skipped(TransactionReceipt receipt) {
    return OracleEvents.skipped(receipt, deployment.oracle());
  }

  static List<byte[]> sign(List<FeedUpdateEntry> entries, List<Credentials> by) {
    byte[] digest = digests.digest(version(), entries);
    return by.stream().map(c -> ReportSignatures.sign(digest, c.getEcKeyPair())).toList();
  }

  static TransactionReceipt send(String data) throws Exception {
    // Fixed gas limit: no estimation, so a reverting submission is mined (and fails) instead of being refused.
    String hash = outsiderTx.sendTransaction(GAS_PRICE, BigInteger.valueOf(3_000_000), deployment.oracle(), data,
        BigInteger.ZERO).getTransactionHash();
    return receipts.waitForTransactionReceipt(hash);
  }

  static TransactionReceipt submit(List<FeedUpdateEntry> entries, List<byte[]> sigs) throws Exception {
    String data = OracleAbi.submitData(version(), entries, sigs);
    assertThat(chain.simulate(outsider.getAddress(), data)).as("simulation of a valid submit").isEmpty();
    TransactionReceipt receipt = send(data);
    assertThat(receipt.isStatusOK()).as("submit mined").isTrue();
    return receipt;
  }

  /** Reverts in simulation with the named custom error, and as a mined transaction. */
  static void assertRejected(List<FeedUpdateEntry> entries, List<byte[]> sigs, String error) throws Exception {
    assertRejected(OracleAbi.submitData(version(), entries, sigs), error);
  }

  static void assertRejected(String data, String error) throws Exception {
    assertThat(chain.simulate(outsider.getAddress(), data)).hasValueSatisfying(
        reason -> assertThat(reason).startsWith(error + "("));
    assertThat(send(data).isStatusOK()).as("mined submit with " + error).isFalse();
  }

  static List<FeedUpdateEntry> freshAdv(long answer) throws IOException {
    long window = ADV_WINDOW.updateAndGet(last -> Math.max(last + 1, nowUnchecked() - 100));
    return List.of(entry("ADV", answer, window));
  }

  static long nowUnchecked() {
    try {
      return now();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void javaDigestEqualsTheContractsDigest() throws Exception {
    LedgermindOracle oracle = LedgermindOracle.load(deployment.oracle(), CHAIN.web3j(), owner.address() == null ? null
        : CHAIN.devAccount(0), new StaticGasProvider(GAS_PRICE, BigInteger.valueOf(3_000_000)));
    List<FeedUpdateEntry> entries = List.of(entry("HAPPY", -123_456_789L, 1_700_000_000L),
        entry("BATCH/1", Long.MAX_VALUE, 1_700_000_001L));
    for (long v : new long[] {1, 7, 4_294_967_295L}) {
      assertThat(oracle.reportDigest(BigInteger.valueOf(v), OracleAbi.feedUpdates(entries)).send())
          .isEqualTo(digests.digest(v, entries));
      assertThat(oracle.reportHash(BigInteger.valueOf(v), OracleAbi.feedUpdates(entries)).send())
          .isEqualTo(ReportDigest.reportHash(v, entries));
    }
    assertThat(digests.digest(1, entries)).isNotEqualTo(digests.digest(2, entries));
    assertThat(oracle.domainSeparator().send()).isEqualTo(digests.domainSeparator());
    assertThat(oracle.feedIdFor("USDC/net_flow").send()).isEqualTo(FeedUpdateEntry.feedIdOf("USDC/net_flow"));
  }

  @Test
  void threeOfFivePublishesThroughProxyAndConsumer() throws Exception {
    long observedAt = now() - 30;
    FeedUpdateEntry first = entry("HAPPY", -250_000_000_000L, observedAt);
    TransactionReceipt receipt = submit(List.of(first), sign(List.of(first), signers.subList(1, 4)));
    long updatedAt = CHAIN.web3j().ethGetBlockByHash(receipt.getBlockHash(), false).send().getBlock()
        .getTimestamp().longValueExact();

    StaticGasProvider gas = new StaticGasProvider(GAS_PRICE, BigInteger.valueOf(3_000_000));
    LedgermindFeedProxy proxy = LedgermindFeedProxy.load(deployment.proxies().get("HAPPY"), CHAIN.web3j(),
        CHAIN.devAccount(0), gas);
    Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> latest = proxy.latestRoundData().send();
    assertThat(latest.component1()).isEqualTo(1);
    assertThat(latest.component2()).isEqualTo(-250_000_000_000L);
    assertThat(latest.component3()).isEqualTo(observedAt);
    assertThat(latest.component4()).isEqualTo(updatedAt);
    assertThat(latest.component5()).isEqualTo(1);
    assertThat(proxy.decimals().send()).isEqualTo(8);
    assertThat(proxy.description().send()).isEqualTo("HAPPY");
    assertThat(proxy.version().send()).isEqualTo(1);
    // The round says what it rests on and what it forecasts; its event names the model and the inputs.
    assertThat(chain.roundDetails("HAPPY", 1)).hasValueSatisfying(d -> {
      assertThat(d.observedAt()).isEqualTo(observedAt);
      assertThat(d.targetTime()).isEqualTo(observedAt + 3600);
      assertThat(d.updatedAt()).isEqualTo(updatedAt);
    });
    assertThat(OracleEvents.find(CHAIN.web3j(), deployment.oracle(), FeedUpdateEntry.feedIdOf("HAPPY"), 1))
        .hasValueSatisfying(ev -> {
          assertThat(ev.inputsCommitment()).isEqualTo(first.inputsCommitment());
          assertThat(ev.modelHash()).isEqualTo(first.modelHash());
          assertThat(ev.txHash()).isEqualTo(receipt.getTransactionHash());
        });

    FeedConsumer consumer = FeedConsumer.load(deployment.consumers().get("HAPPY"), CHAIN.web3j(),
        CHAIN.devAccount(0), gas);
    Tuple2<BigInteger, BigInteger> read = consumer.read().send();
    assertThat(read.component1()).isEqualTo(-250_000_000_000L);
    assertThat(read.component2()).isEqualTo(1);

    // A later round; round 1 stays readable, commitments prove model hash and inputs of each round.
    FeedUpdateEntry second = entry("HAPPY", 7, now() - 5);
    submit(List.of(second), sign(List.of(second), List.of(signers.get(4), signers.get(0), signers.get(2))));
    assertThat(proxy.latestRoundData().send().component2()).isEqualTo(7);
    assertThat(proxy.getRoundData(BigInteger.ONE).send().component2()).isEqualTo(-250_000_000_000L);
    LedgermindOracle oracle = LedgermindOracle.load(deployment.oracle(), CHAIN.web3j(), CHAIN.devAccount(0), gas);
    assertThat(oracle.roundCommitment(FeedUpdateEntry.feedIdOf("HAPPY"), BigInteger.ONE).send().component1())
        .isEqualTo(ReportDigest.reportHash(version(), List.of(first)));
    BigInteger v = BigInteger.valueOf(version());
    assertThat(oracle.verifyRound(FeedUpdateEntry.feedIdOf("HAPPY"), BigInteger.ONE, v,
        OracleAbi.feedUpdates(List.of(first))).send()).isTrue();
    assertThat(oracle.verifyRound(FeedUpdateEntry.feedIdOf("HAPPY"), BigInteger.ONE, v,
        OracleAbi.feedUpdates(List.of(second))).send()).isFalse();

    // No data for an unknown round: the proxy reverts like Chainlink's.
    assertThat(OracleChain.simulate(CHAIN.web3j(), null, deployment.proxies().get("HAPPY"),
        FunctionEncoder.encode(new Function("getRoundData", List.of(new org.web3j.abi.datatypes.generated.Uint80(99)),
            List.of())))).hasValueSatisfying(r -> assertThat(r).startsWith("NoDataPresent("));
  }

  @Test
  void tenFeedsInOneBatch() throws Exception {
    long t = now() - 20;
    List<FeedUpdateEntry> entries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(entry("BATCH/" + i, 1_000_000L * (i + 1), t));
    }
    TransactionReceipt receipt = submit(entries, sign(entries, signers.subList(0, 3)));
    System.out.println("batch of 10 feeds, 3 signatures: " + receipt.getGasUsed() + " gas");
    assertThat(receipt.getGasUsed().longValue() / 10).as("gas per feed at batch 10").isLessThan(50_000);
    assertThat(chain.latestRounds(entries.stream().map(FeedUpdateEntry::feedName).toList()).values())
        .containsOnly(1L);
  }

  @Test
  void replayedOrOlderWindowPublishesNothing() throws Exception {
    List<FeedUpdateEntry> report = freshAdv(1);
    List<byte[]> sigs = sign(report, signers.subList(0, 3));
    submit(report, sigs);
    long round = chain.latestRounds(List.of("ADV")).get("ADV");
    assertRejected(report, sigs, "NothingPublished");
    // An older window, validly signed, publishes nothing either.
    List<FeedUpdateEntry> older = List.of(entry("ADV", 2, report.get(0).observedAtSeconds() - 1));
    assertRejected(older, sign(older, signers.subList(0, 3)), "NothingPublished");
    assertThat(chain.latestRounds(List.of("ADV")).get("ADV")).isEqualTo(round);
  }

  @Test
  void unpublishableEntriesAreSkippedWithoutBlockingTheirBatch() throws Exception {
    List<FeedUpdateEntry> published = freshAdv(5);
    submit(published, sign(published, signers.subList(0, 3)));
    long now = now();
    FeedUpdateEntry fresh = entry("MIXED", 11, now - 1);
    List<FeedUpdateEntry> batch = List.of(fresh, published.get(0), entry("NOT-REGISTERED", 1, now - 1),
        entry("OLD", 1, now - MAX_AGE - 60), entry("AHEAD", 1, now + MAX_FUTURE + 600), entry("RANGE", 1_001, now - 1));
    long before = chain.latestRounds(List.of("MIXED")).get("MIXED");
    TransactionReceipt receipt = submit(batch, sign(batch, signers.subList(0, 3)));
    assertThat(OracleEvents.published(receipt, deployment.oracle())).singleElement()
        .satisfies(p -> assertThat(p.roundId()).isEqualTo(before + 1));
    assertThat(skipped(receipt)).extracting(OracleEvents.Skipped::reason).containsExactly(
        OracleEvents.SkipReason.NOT_NEWER, OracleEvents.SkipReason.UNKNOWN_FEED, OracleEvents.SkipReason.STALE,
        OracleEvents.SkipReason.FUTURE, OracleEvents.SkipReason.OUT_OF_RANGE);
    assertThat(chain.latestRounds(List.of("OLD", "AHEAD")).values()).containsOnly(0L);
  }

  @Test
  void roundIdsAreAssignedOnChainWhateverTheWindowJump() throws Exception {
    // A window far ahead of the previous one (within the drift) does not skip round ids or freeze the feed.
    FeedUpdateEntry a = entry("JUMP", 1, now() - 3000);
    submit(List.of(a), sign(List.of(a), signers.subList(0, 3)));
    FeedUpdateEntry b = entry("JUMP", 2, now() + MAX_FUTURE / 2);
    submit(List.of(b), sign(List.of(b), signers.subList(0, 3)));
    assertThat(chain.roundDetails("JUMP", 2)).hasValueSatisfying(d -> assertThat(d.answer()).isEqualTo(2));
    assertThat(chain.latestRounds(List.of("JUMP")).get("JUMP")).isEqualTo(2);
  }

  @Test
  void nonSignerReverts() throws Exception {
    List<FeedUpdateEntry> report = freshAdv(1);
    List<byte[]> sigs = new ArrayList<>(sign(report, signers.subList(0, 2)));
    sigs.addAll(sign(report, List.of(outsider)));
    assertRejected(report, sigs, "UnknownSigner");
  }

  @Test
  void duplicateSignerReverts() throws Exception {
    List<FeedUpdateEntry> report = freshAdv(1);
    List<byte[]> two = sign(report, signers.subList(0, 2));
    assertRejected(report, List.of(two.get(0), two.get(1), two.get(0)), "DuplicateSigner");
  }

  @Test
  void belowQuorumReverts() throws Exception {
    List<FeedUpdateEntry> report = freshAdv(1);
    assertRejected(report, sign(report, signers.subList(0, 2)), "QuorumNotMet");
  }

  @Test
  void staleOrFutureReportAloneReverts() throws Exception {
    List<FeedUpdateEntry> stale = List.of(entry("EDGE", 1, now() - MAX_AGE - 60));
    assertRejected(stale, sign(stale, signers.subList(0, 3)), "NothingPublished");
    List<FeedUpdateEntry> future = List.of(entry("EDGE", 1, now() + MAX_FUTURE + 600));
    assertRejected(future, sign(future, signers.subList(0, 3)), "NothingPublished");
  }

  @Test
  void highSSignatureReverts() throws Exception {
    List<FeedUpdateEntry> report = freshAdv(1);
    List<byte[]> sigs = new ArrayList<>(sign(report, signers.subList(0, 3)));
    // The malleable twin: s' = n - s, v flipped. ecrecover would accept it; the oracle must not.
    byte[] twin = sigs.get(0).clone();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(twin, 32, 64));
    byte[] highS = org.web3j.utils.Numeric.toBytesPadded(
        org.web3j.crypto.Sign.CURVE_PARAMS.getN().subtract(s), 32);
    System.arraycopy(highS, 0, twin, 32, 32);
    twin[64] = (byte) (twin[64] == 27 ? 28 : 27);
    assertThat(ReportSignatures.recover(digests.digest(version(), report), twin)).as("Java refuses high-s too").isEmpty();
    sigs.set(0, twin);
    assertRejected(report, sigs, "HighS");
  }

  @Test
  void tamperedValueReverts() throws Exception {
    List<FeedUpdateEntry> signed = freshAdv(1_000);
    List<byte[]> sigs = sign(signed, signers.subList(0, 3));
    FeedUpdateEntry e = signed.get(0);
    List<FeedUpdateEntry> tampered = List.of(new FeedUpdateEntry(e.feedName(), BigInteger.valueOf(1_001),
        e.observedAtSeconds(), e.targetTimeSeconds(), e.modelHash(), e.inputsCommitment()));
    // The signatures now recover to unrelated addresses.
    assertRejected(tampered, sigs, "UnknownSigner");
    List<FeedUpdateEntry> otherModel = List.of(new FeedUpdateEntry(e.feedName(), e.answer(),
        e.observedAtSeconds(), e.targetTimeSeconds(), Hash.sha3("evil".getBytes()), e.inputsCommitment()));
    assertRejected(otherModel, sigs, "UnknownSigner");
    List<FeedUpdateEntry> otherTarget = List.of(new FeedUpdateEntry(e.feedName(), e.answer(),
        e.observedAtSeconds(), e.targetTimeSeconds() + 1, e.modelHash(), e.inputsCommitment()));
    assertRejected(otherTarget, sigs, "UnknownSigner");
  }

  @Test
  void removedSignerNoLongerCounts() throws Exception {
    List<String> original = signers.stream().map(Credentials::getAddress).toList();
    List<String> rotated = new ArrayList<>(original.subList(1, 5));
    rotated.add(CHAIN.devAccount(8).getAddress());
    long before = version();
    List<FeedUpdateEntry> early = freshAdv(3);
    List<byte[]> earlySigs = sign(early, signers.subList(1, 4)); // keys that stay signers after the rotation
    owner.call(deployment.oracle(), OracleAbi.setSigners(rotated, 3));
    try {
      assertThat(version()).isEqualTo(before + 1);
      // Signed before the rotation by keys that are still signers: refused all the same.
      assertRejected(OracleAbi.submitData(before, early, earlySigs), "StaleConfig");
      assertThat(chain.signers()).doesNotContain(original.get(0).toLowerCase());
      List<FeedUpdateEntry> report = freshAdv(1);
      assertRejected(report, sign(report, signers.subList(0, 3)), "UnknownSigner");
      List<FeedUpdateEntry> ok = freshAdv(2);
      submit(ok, sign(ok, List.of(signers.get(1), signers.get(2), CHAIN.devAccount(8))));
    } finally {
      owner.call(deployment.oracle(), OracleAbi.setSigners(original, 3));
    }
  }

  @Test
  void nonOwnerAdminCallsRevert() throws Exception {
    List<Function> adminCalls = List.of(
        OracleAbi.setSigners(List.of(outsider.getAddress()), 1),
        OracleAbi.addFeed(FeedUpdateEntry.feedIdOf("EVIL"), 8, FeedSettings.unbounded(3600)),
        OracleAbi.setLimits(1),
        OracleAbi.setTransmitter(outsider.getAddress(), true),
        OracleAbi.transferOwnership(outsider.getAddress()));
    for (Function f : adminCalls) {
      String data = FunctionEncoder.encode(f);
      assertThat(chain.simulate(outsider.getAddress(), data)).as(f.getName())
          .hasValueSatisfying(r -> assertThat(r).startsWith("NotOwner("));
      assertThat(send(data).isStatusOK()).as(f.getName() + " mined").isFalse();
    }
    assertThat(chain.signers()).hasSize(5);
  }

  @Test
  void onlyAllowlistedTransmittersSubmit() throws Exception {
    List<FeedUpdateEntry> report = freshAdv(1);
    String data = OracleAbi.submitData(version(), report, sign(report, signers.subList(0, 3)));
    Credentials stranger = CHAIN.devAccount(7);
    assertThat(chain.simulate(stranger.getAddress(), data))
        .hasValueSatisfying(r -> assertThat(r).startsWith("NotTransmitter("));
    assertThat(chain.simulate(outsider.getAddress(), data)).isEmpty();
  }

  @Test
  void ownershipMovesInTwoSteps() throws Exception {
    Credentials next = CHAIN.devAccount(6);
    String accept = FunctionEncoder.encode(OracleAbi.acceptOwnership());
    owner.call(deployment.oracle(), OracleAbi.transferOwnership(next.getAddress()));
    assertThat(chain.simulate(outsider.getAddress(), accept))
        .hasValueSatisfying(r -> assertThat(r).startsWith("NotPendingOwner("));
    ContractDeployer nextOwner = new ContractDeployer(CHAIN.web3j(), next, CHAIN.chainId());
    nextOwner.call(deployment.oracle(), OracleAbi.acceptOwnership());
    try {
      assertThat(chain.simulate(CHAIN.devAccount(0).getAddress(),
          FunctionEncoder.encode(OracleAbi.setLimits(10)))).hasValueSatisfying(r -> assertThat(r).startsWith("NotOwner("));
    } finally {
      nextOwner.call(deployment.oracle(), OracleAbi.transferOwnership(CHAIN.devAccount(0).getAddress()));
      owner.call(deployment.oracle(), OracleAbi.acceptOwnership());
    }
  }

  @Test
  void unknownFeedAndEmptyReportRevert() throws Exception {
    List<FeedUpdateEntry> report = List.of(entry("NOT-REGISTERED", 1, now()));
    assertRejected(report, sign(report, signers.subList(0, 3)), "NothingPublished");
    assertRejected(List.of(), sign(List.of(), signers.subList(0, 3)), "EmptyReport");
  }

  @Test
  void invalidQuorumIsRefused() throws Exception {
    String data = FunctionEncoder.encode(OracleAbi.setSigners(
        signers.stream().map(Credentials::getAddress).toList(), 2)); // 2-of-5: below 2f+1 = 3 for f = 1
    assertThat(chain.simulate(CHAIN.devAccount(0).getAddress(), data))
        .hasValueSatisfying(r -> assertThat(r).startsWith("InvalidQuorum("));
  }

  @Test
  void consumerRejectsStaleAnswers() throws Exception {
    long t = now() - 1;
    FeedUpdateEntry e = entry("STALE", 42, t);
    submit(List.of(e), sign(List.of(e), signers.subList(2, 5)));
    String strict = owner.deploy("0x" + FeedConsumer.BINARY,
        OracleAbi.consumerConstructor(deployment.proxies().get("STALE"), 1));
    String read = FunctionEncoder.encode(new Function("read", List.of(), List.of()));
    assertThat(OracleChain.simulate(CHAIN.web3j(), null, strict, read)).isEmpty();
    Thread.sleep(2_100);
    CHAIN.rpc("evm_mine", List.of());
    assertThat(OracleChain.simulate(CHAIN.web3j(), null, strict, read))
        .hasValueSatisfying(r -> assertThat(r).startsWith("StaleAnswer("));
  }
}
