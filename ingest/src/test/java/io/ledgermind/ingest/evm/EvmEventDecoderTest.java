package io.ledgermind.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.raw.OracleEventKind;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

class EvmEventDecoderTest {
  private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
  private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
  private static final String FEED = "0x5f4ec3df9cbd43714fe2740f5e3616155c5b8419";
  private static final String ALICE = "000000000000000000000000" + "1111111111111111111111111111111111111111";
  private static final String BOB = "000000000000000000000000" + "2222222222222222222222222222222222222222";
  private static final BlockInfo BLOCK = new BlockInfo(21_000_000, "0x" + "ab".repeat(32), "0x" + "cd".repeat(32),
      Instant.parse("2026-11-25T12:00:00Z"), BigInteger.TEN, 3);
  private static final String MAX = "f".repeat(64);

  private final EvmEventDecoder decoder = new EvmEventDecoder("eip155:1", "test", Map.of(
      USDC, new WatchedContract(USDC, ContractKind.USDC, "USDC", 6),
      USDT, new WatchedContract(USDT, ContractKind.USDT, "USDT", 6),
      FEED, new WatchedContract(FEED, ContractKind.CHAINLINK_AGGREGATOR, "ETH/USD", 8)));

  @Test
  void decodesTransferOfMaxUint256WithProvenance() throws Exception {
    StablecoinEvent event = (StablecoinEvent) decoder.decode(
        log(USDC, List.of(EventSignatures.TRANSFER_TOPIC, "0x" + ALICE, "0x" + BOB), "0x" + MAX), BLOCK,
        Instant.EPOCH).orElseThrow();
    assertThat(event.getKind()).isEqualTo(StablecoinEventKind.TRANSFER);
    assertThat(event.getAmount()).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString());
    assertThat(event.getFrom()).isEqualTo("0x1111111111111111111111111111111111111111");
    assertThat(event.getMeta().getBlockHash()).isEqualTo(BLOCK.hash());
    assertThat(event.getMeta().getEventTime()).isEqualTo(BLOCK.timestamp());
    assertThat(event.getMeta().getLogIndex()).isEqualTo(4);
  }

  @Test
  void decodesUsdtSupplyEventsThatHaveNoTransfer() throws Exception {
    String amount = "0x" + "0".repeat(56) + "3b9aca00"; // 1e9
    assertThat(kind(log(USDT, List.of(EventSignatures.ISSUE_TOPIC), amount))).isEqualTo(StablecoinEventKind.ISSUE);
    assertThat(kind(log(USDT, List.of(EventSignatures.REDEEM_TOPIC), amount))).isEqualTo(StablecoinEventKind.REDEEM);
    StablecoinEvent destroyed = (StablecoinEvent) decoder.decode(
        log(USDT, List.of(EventSignatures.DESTROYED_BLACK_FUNDS_TOPIC), "0x" + ALICE + amount.substring(2)), BLOCK,
        Instant.EPOCH).orElseThrow();
    assertThat(destroyed.getKind()).isEqualTo(StablecoinEventKind.DESTROYED_BLACK_FUNDS);
    assertThat(destroyed.getFrom()).isEqualTo("0x1111111111111111111111111111111111111111");
    assertThat(destroyed.getAmount()).isEqualTo("1000000000");
  }

  @Test
  void decodesNegativeChainlinkAnswer() throws Exception {
    String minusFive = "0x" + "f".repeat(63) + "b";
    String round = "0x" + "0".repeat(63) + "7";
    String updatedAt = "0x" + "0".repeat(56) + "69256f00";
    OracleRoundEvent event = (OracleRoundEvent) decoder.decode(
        log(FEED, List.of(EventSignatures.ANSWER_UPDATED_TOPIC, minusFive, round), updatedAt), BLOCK, Instant.EPOCH)
        .orElseThrow();
    assertThat(event.getKind()).isEqualTo(OracleEventKind.ANSWER_UPDATED);
    assertThat(event.getAnswer()).isEqualTo("-5");
    assertThat(event.getRoundId()).isEqualTo("7");
    assertThat(event.getDecimals()).isEqualTo(8);
  }

  @Test
  void skipsEventsItDoesNotTrackAndLogsOfOtherContracts() throws Exception {
    String addedBlackList = org.web3j.crypto.Hash.sha3String("AddedBlackList(address)");
    assertThat(decoder.decode(log(USDT, List.of(addedBlackList), "0x" + ALICE), BLOCK, Instant.EPOCH)).isEmpty();
    assertThat(decoder.decode(log("0x" + "9".repeat(40), List.of(EventSignatures.TRANSFER_TOPIC), "0x"), BLOCK,
        Instant.EPOCH)).isEmpty();
  }

  @Test
  void rejectsMalformedLogsWithTheReason() {
    assertThatThrownBy(() -> decoder.decode(log(USDC, List.of(EventSignatures.TRANSFER_TOPIC, "0x" + ALICE),
        "0x" + MAX), BLOCK, Instant.EPOCH)).isInstanceOf(MalformedLogException.class).hasMessageContaining("3 topics");
    assertThatThrownBy(() -> decoder.decode(log(USDC, List.of(EventSignatures.TRANSFER_TOPIC, "0x" + ALICE,
        "0x" + BOB), "0x1234"), BLOCK, Instant.EPOCH)).hasMessageContaining("data must be 32 bytes, is 2");
    assertThatThrownBy(() -> decoder.decode(log(USDC, List.of(EventSignatures.TRANSFER_TOPIC, "0x" + MAX,
        "0x" + BOB), "0x" + MAX), BLOCK, Instant.EPOCH)).hasMessageContaining("not an address");
  }

  private StablecoinEventKind kind(Log log) throws MalformedLogException {
    return ((StablecoinEvent) decoder.decode(log, BLOCK, Instant.EPOCH).orElseThrow()).getKind();
  }

  private static Log log(String address, List<String> topics, String data) {
    return new Log(false, "0x4", "0x0", "0x" + "ee".repeat(32), BLOCK.hash(), "0x" + Long.toHexString(BLOCK.number()),
        address, data, null, topics);
  }
}
