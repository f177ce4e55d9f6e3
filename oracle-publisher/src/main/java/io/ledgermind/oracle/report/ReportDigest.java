package io.ledgermind.oracle.report;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * EIP-712 hashing of a batch exactly as {@code LedgermindOracle} does it: domain {@code LedgermindOracle}, version
 * {@code 1}, chain id, oracle address; primary type {@code Report(uint32 configVersion,FeedUpdate[] updates)}. The
 * config version is the oracle's signer-set version: a rotation invalidates every report signed before it. The
 * ITCases check this against the contract's own {@code reportDigest}.
 */
public final class ReportDigest {
  static final String FEED_UPDATE_TYPE =
      "FeedUpdate(bytes32 feedId,int128 answer,uint32 observedAt,uint32 targetTime,bytes32 modelHash,bytes32 inputsCommitment)";
  static final byte[] FEED_UPDATE_TYPEHASH = keccak(FEED_UPDATE_TYPE);
  static final byte[] REPORT_TYPEHASH = keccak("Report(uint32 configVersion,FeedUpdate[] updates)" + FEED_UPDATE_TYPE);
  static final byte[] DOMAIN_TYPEHASH =
      keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

  private final byte[] domainSeparator;

  public ReportDigest(long chainId, String oracleAddress) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    out.writeBytes(DOMAIN_TYPEHASH);
    out.writeBytes(keccak("LedgermindOracle"));
    out.writeBytes(keccak("1"));
    out.writeBytes(word(BigInteger.valueOf(chainId)));
    out.writeBytes(word(Numeric.toBigInt(oracleAddress)));
    this.domainSeparator = Hash.sha3(out.toByteArray());
  }

  public byte[] domainSeparator() {
    return domainSeparator.clone();
  }

  /** hashStruct(Report): the commitment the oracle stores per report. */
  public static byte[] reportHash(long configVersion, List<FeedUpdateEntry> entries) {
    ByteArrayOutputStream hashes = new ByteArrayOutputStream(32 * entries.size());
    for (FeedUpdateEntry e : entries) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(224);
      out.writeBytes(FEED_UPDATE_TYPEHASH);
      out.writeBytes(e.feedId());
      out.writeBytes(word(e.answer()));
      out.writeBytes(word(BigInteger.valueOf(e.observedAtSeconds())));
      out.writeBytes(word(BigInteger.valueOf(e.targetTimeSeconds())));
      out.writeBytes(e.modelHash());
      out.writeBytes(e.inputsCommitment());
      hashes.writeBytes(Hash.sha3(out.toByteArray()));
    }
    ByteArrayOutputStream report = new ByteArrayOutputStream(96);
    report.writeBytes(REPORT_TYPEHASH);
    report.writeBytes(word(BigInteger.valueOf(configVersion)));
    report.writeBytes(Hash.sha3(hashes.toByteArray()));
    return Hash.sha3(report.toByteArray());
  }

  /** The digest the signers sign: keccak256(0x1901 || domainSeparator || hashStruct(Report)). */
  public byte[] digest(long configVersion, List<FeedUpdateEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(66);
    out.write(0x19);
    out.write(0x01);
    out.writeBytes(domainSeparator);
    out.writeBytes(reportHash(configVersion, entries));
    return Hash.sha3(out.toByteArray());
  }

  public String digestHex(long configVersion, List<FeedUpdateEntry> entries) {
    return Numeric.toHexString(digest(configVersion, entries));
  }

  /** A 32-byte two's-complement big-endian word (abi.encode of an int/uint). */
  static byte[] word(BigInteger value) {
    byte[] out = new byte[32];
    byte fill = (byte) (value.signum() < 0 ? 0xFF : 0x00);
    java.util.Arrays.fill(out, fill);
    byte[] raw = value.toByteArray();
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static byte[] keccak(String text) {
    return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
  }
}
