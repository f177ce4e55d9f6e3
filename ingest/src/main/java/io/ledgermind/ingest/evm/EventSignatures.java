package io.ledgermind.ingest.evm;

import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int192;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint40;

/** The events the reader understands, with their topic0 (keccak of the signature), per ../shared/docs/domain.md. */
final class EventSignatures {
  static final Event TRANSFER = new Event("Transfer", List.of(
      new TypeReference<Address>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
  static final Event MINT = new Event("Mint", List.of(
      new TypeReference<Address>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
  static final Event BURN = new Event("Burn", List.of(
      new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
  static final Event ISSUE = new Event("Issue", List.of(new TypeReference<Uint256>() {}));
  static final Event REDEEM = new Event("Redeem", List.of(new TypeReference<Uint256>() {}));
  static final Event DESTROYED_BLACK_FUNDS = new Event("DestroyedBlackFunds", List.of(
      new TypeReference<Address>() {}, new TypeReference<Uint256>() {}));
  static final Event ANSWER_UPDATED = new Event("AnswerUpdated", List.of(
      new TypeReference<Int256>(true) {}, new TypeReference<Uint256>(true) {}, new TypeReference<Uint256>() {}));
  static final Event NEW_ROUND = new Event("NewRound", List.of(
      new TypeReference<Uint256>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
  /** OCR2 aggregators (the ones on mainnet today). */
  static final Event NEW_TRANSMISSION = new Event("NewTransmission", List.of(
      new TypeReference<Uint32>(true) {}, new TypeReference<Int192>() {}, new TypeReference<Address>() {},
      new TypeReference<Uint32>() {}, new TypeReference<DynamicArray<Int192>>() {},
      new TypeReference<DynamicBytes>() {}, new TypeReference<Int192>() {}, new TypeReference<Bytes32>() {},
      new TypeReference<Uint40>() {}));

  /** The Ledgermind oracle: one per published round (the contract assigns the round id). */
  static final Event ROUND_PUBLISHED = new Event("RoundPublished", List.of(
      new TypeReference<Bytes32>(true) {}, new TypeReference<org.web3j.abi.datatypes.generated.Uint64>(true) {},
      new TypeReference<org.web3j.abi.datatypes.generated.Int128>() {}, new TypeReference<Uint32>() {},
      new TypeReference<Uint32>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {}));

  static final String TRANSFER_TOPIC = EventEncoder.encode(TRANSFER);
  static final String ROUND_PUBLISHED_TOPIC = EventEncoder.encode(ROUND_PUBLISHED);
  static final String MINT_TOPIC = EventEncoder.encode(MINT);
  static final String BURN_TOPIC = EventEncoder.encode(BURN);
  static final String ISSUE_TOPIC = EventEncoder.encode(ISSUE);
  static final String REDEEM_TOPIC = EventEncoder.encode(REDEEM);
  static final String DESTROYED_BLACK_FUNDS_TOPIC = EventEncoder.encode(DESTROYED_BLACK_FUNDS);
  static final String ANSWER_UPDATED_TOPIC = EventEncoder.encode(ANSWER_UPDATED);
  static final String NEW_ROUND_TOPIC = EventEncoder.encode(NEW_ROUND);
  static final String NEW_TRANSMISSION_TOPIC = EventEncoder.encode(NEW_TRANSMISSION);

  private EventSignatures() {}
}
