package io.ledgermind.oracle.chain;

import io.ledgermind.oracle.contracts.generated.LedgermindOracle;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int72;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.utils.Numeric;

/** ABI encoding of the oracle's calls, with the struct classes of the generated wrapper. */
public final class OracleAbi {
  private OracleAbi() {}

  public static LedgermindOracle.FeedUpdate feedUpdate(FeedUpdateEntry e) {
    return new LedgermindOracle.FeedUpdate(e.feedId(), e.answer(), BigInteger.valueOf(e.observedAtSeconds()),
        BigInteger.valueOf(e.targetTimeSeconds()), e.modelHash(), e.inputsCommitment());
  }

  public static List<LedgermindOracle.FeedUpdate> feedUpdates(List<FeedUpdateEntry> entries) {
    return entries.stream().map(OracleAbi::feedUpdate).toList();
  }

  /** A 65-byte r||s||v signature as the contract's Signature struct (v taken as given, even if invalid). */
  public static LedgermindOracle.Signature signature(byte[] rsv) {
    if (rsv.length != 65) {
      throw new IllegalArgumentException("signature must be 65 bytes, got " + rsv.length);
    }
    byte[] r = java.util.Arrays.copyOfRange(rsv, 0, 32);
    byte[] s = java.util.Arrays.copyOfRange(rsv, 32, 64);
    return new LedgermindOracle.Signature(r, s, BigInteger.valueOf(rsv[64] & 0xFF));
  }

  public static Function submit(long configVersion, List<FeedUpdateEntry> entries, List<byte[]> signatures) {
    List<LedgermindOracle.Signature> sigs = new ArrayList<>();
    for (byte[] s : signatures) {
      sigs.add(signature(s));
    }
    return new Function(LedgermindOracle.FUNC_SUBMIT,
        List.of(new Uint32(configVersion), new DynamicArray<>(LedgermindOracle.FeedUpdate.class, feedUpdates(entries)),
            new DynamicArray<>(LedgermindOracle.Signature.class, sigs)),
        List.of());
  }

  public static String submitData(long configVersion, List<FeedUpdateEntry> entries, List<byte[]> signatures) {
    return FunctionEncoder.encode(submit(configVersion, entries, signatures));
  }

  public static Function latestRounds(List<byte[]> feedIds) {
    return new Function("latestRounds",
        List.of(new DynamicArray<>(Bytes32.class, feedIds.stream().map(Bytes32::new).toList())),
        List.of(new TypeReference<DynamicArray<Uint64>>() {}));
  }

  public static Function addFeed(byte[] feedId, int decimals, FeedSettings settings) {
    return new Function("addFeed", List.of(new Bytes32(feedId), new Uint8(decimals),
        new Uint32(settings.maxObservationAgeSeconds()), new Int72(settings.minAnswer()),
        new Int72(settings.maxAnswer())), List.of());
  }

  public static Function setTransmitter(String transmitter, boolean allowed) {
    return new Function("setTransmitter", List.of(new Address(transmitter), new org.web3j.abi.datatypes.Bool(allowed)),
        List.of());
  }

  public static Function transferOwnership(String newOwner) {
    return new Function("transferOwnership", List.of(new Address(newOwner)), List.of());
  }

  public static Function acceptOwnership() {
    return new Function("acceptOwnership", List.of(), List.of());
  }

  public static Function feedStates(List<byte[]> feedIds) {
    return new Function("feedStates",
        List.of(new DynamicArray<>(Bytes32.class, feedIds.stream().map(Bytes32::new).toList())),
        List.of(new TypeReference<DynamicArray<org.web3j.abi.datatypes.Bool>>() {},
            new TypeReference<DynamicArray<Uint64>>() {}, new TypeReference<DynamicArray<Uint32>>() {},
            new TypeReference<DynamicArray<Uint32>>() {},
            new TypeReference<org.web3j.abi.datatypes.generated.Uint256>() {}, new TypeReference<Uint32>() {}));
  }

  public static Function setSigners(List<String> signers, int quorum) {
    return new Function("setSigners",
        List.of(new DynamicArray<>(Address.class, signers.stream().map(Address::new).toList()), new Uint8(quorum)),
        List.of());
  }

  public static Function setLimits(long maxFutureDrift) {
    return new Function("setLimits", List.of(new Uint32(maxFutureDrift)), List.of());
  }

  public static String oracleConstructor(List<String> signers, int quorum, long maxFutureDrift,
      List<String> transmitters) {
    return FunctionEncoder.encodeConstructor(List.<Type>of(
        new DynamicArray<>(Address.class, signers.stream().map(Address::new).toList()), new Uint8(quorum),
        new Uint32(maxFutureDrift), new DynamicArray<>(Address.class, transmitters.stream().map(Address::new).toList())));
  }

  public static String proxyConstructor(String oracle, byte[] feedId, String description) {
    return FunctionEncoder.encodeConstructor(List.<Type>of(
        new Address(oracle), new Bytes32(feedId), new org.web3j.abi.datatypes.Utf8String(description)));
  }

  public static String consumerConstructor(String feed, long maxAgeSeconds) {
    return FunctionEncoder.encodeConstructor(List.<Type>of(
        new Address(feed), new org.web3j.abi.datatypes.generated.Uint256(maxAgeSeconds)));
  }

  public static String hex(byte[] bytes) {
    return Numeric.toHexString(bytes);
  }
}
