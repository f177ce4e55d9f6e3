// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Ledgermind oracle: quorum-signed, batched, multi-feed reports.
/// @notice One transaction publishes many feeds. The registered signers sign one EIP-712 digest over the whole
/// batch, so signature verification (ecrecover + one signer lookup per signature) is paid once per batch, not per
/// feed. Every round is kept (getRoundData) in ONE storage slot; the commitment to the model hash and the inputs of
/// every round is the EIP-712 hash of the report that carried it, stored once per report (one slot per batch).
///
/// Storage layout (checked by OracleStorageLayoutTest against solc's storageLayout output):
///   slot 0  config   : owner (address, 160) | quorum (uint8) | signerCount (uint8) | reportCount (uint64)
///   slot 1  limits   : maxReportAge (uint32) | maxFutureDrift (uint32)
///   feeds[feedId]    : latestRound (uint64) | decimals (uint8) | registered (bool)                 -> 1 slot/feed
///   rounds[feedId][r]: answer (int128) | observedAt (uint32) | updatedAt (uint32) | reportIndex (uint64) -> 1 slot
///   reportHashes[i]  : EIP-712 struct hash of report i (covers modelHash + inputsCommitment of every entry)
///
/// Why these widths: answers arrive scaled by 8 decimals; int128 holds +-1.7e38, i.e. +-1.7e30 units, far beyond any
/// flow or price we publish (int192 would not leave room for the rest of the round). Timestamps are unix seconds in
/// uint32 (good until 2106), the round id is the mapping key (not repeated in the slot), and uint64 report indexes
/// never wrap. Writing a new round is therefore one zero-to-nonzero SSTORE (22.1k gas); a second slot for the
/// commitment would cost another 22.1k per feed, which is why the commitment is per report.
contract LedgermindOracle {
    struct FeedUpdate {
        bytes32 feedId;
        uint64 roundId;
        int128 answer;
        uint32 observedAt;
        bytes32 modelHash;
        bytes32 inputsCommitment;
    }

    struct Signature {
        bytes32 r;
        bytes32 s;
        uint8 v;
    }

    struct Round {
        int128 answer;
        uint32 observedAt;
        uint32 updatedAt;
        uint64 reportIndex;
    }

    struct Feed {
        uint64 latestRound;
        uint8 decimals;
        bool registered;
    }

    struct Config {
        address owner;
        uint8 quorum;
        uint8 signerCount;
        uint64 reportCount;
    }

    struct Limits {
        uint32 maxReportAge;
        uint32 maxFutureDrift;
    }

    error NotOwner(address caller);
    error EmptyReport();
    error QuorumNotMet(uint256 signatures, uint256 quorum);
    error InvalidSignature(uint256 index);
    error HighS(uint256 index);
    error UnknownSigner(address signer);
    error DuplicateSigner(address signer);
    error InvalidQuorum(uint256 quorum, uint256 signers);
    error ZeroAddress();
    error UnknownFeed(bytes32 feedId);
    error FeedExists(bytes32 feedId);
    error RoundNotIncreasing(bytes32 feedId, uint64 roundId, uint64 latestRound);
    error StaleReport(bytes32 feedId, uint32 observedAt, uint256 blockTime);
    error FutureReport(bytes32 feedId, uint32 observedAt, uint256 blockTime);
    error NoDataPresent(bytes32 feedId, uint256 roundId);

    event RoundPublished(
        bytes32 indexed feedId,
        uint64 indexed roundId,
        int128 answer,
        uint32 observedAt,
        bytes32 modelHash,
        bytes32 inputsCommitment
    );
    event ReportAccepted(uint64 indexed reportIndex, bytes32 reportHash, uint256 feeds);
    event SignersSet(address[] signers, uint8 quorum);
    event FeedAdded(bytes32 indexed feedId, uint8 decimals);
    event LimitsSet(uint32 maxReportAge, uint32 maxFutureDrift);
    event OwnershipTransferred(address indexed from, address indexed to);

    /// secp256k1n / 2: signatures with a larger s are the malleable twin of a low-s one (EIP-2).
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint256 public constant MAX_SIGNERS = 255;

    bytes32 public constant FEED_UPDATE_TYPEHASH = keccak256(
        "FeedUpdate(bytes32 feedId,uint64 roundId,int128 answer,uint32 observedAt,bytes32 modelHash,bytes32 inputsCommitment)"
    );
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(FeedUpdate[] updates)FeedUpdate(bytes32 feedId,uint64 roundId,int128 answer,uint32 observedAt,bytes32 modelHash,bytes32 inputsCommitment)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    Config private config;
    Limits private limits;
    /// 1-based index of each current signer in the signature bitmap; 0 = not a signer.
    mapping(address => uint8) private signerIndex;
    address[] private signerList;
    mapping(bytes32 => Feed) private feeds;
    mapping(bytes32 => mapping(uint64 => Round)) private rounds;
    mapping(uint64 => bytes32) private reportHashes;

    constructor(address[] memory initialSigners, uint8 initialQuorum, uint32 maxReportAge_, uint32 maxFutureDrift_) {
        config.owner = msg.sender;
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        _setSigners(initialSigners, initialQuorum);
        _setLimits(maxReportAge_, maxFutureDrift_);
        emit OwnershipTransferred(address(0), msg.sender);
    }

    modifier onlyOwner() {
        if (msg.sender != config.owner) revert NotOwner(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- publication

    /// @notice Publishes one round for each feed of the batch. All or nothing: any bad entry or signature reverts.
    /// @param updates the feeds, each with a round strictly above the feed's latest round
    /// @param signatures at least `quorum` distinct current signers over {reportDigest(updates)}, in any order
    function submit(FeedUpdate[] calldata updates, Signature[] calldata signatures) external {
        uint256 n = updates.length;
        if (n == 0) revert EmptyReport();
        Config memory cfg = config;
        if (signatures.length < cfg.quorum) revert QuorumNotMet(signatures.length, cfg.quorum);

        bytes32 hash = _hashReport(updates);
        _verifySignatures(_digest(hash), signatures);

        uint64 reportIndex = cfg.reportCount + 1;
        reportHashes[reportIndex] = hash;
        config.reportCount = reportIndex;

        Limits memory lim = limits;
        uint256 nowTs = block.timestamp;
        for (uint256 i; i < n; ) {
            FeedUpdate calldata u = updates[i];
            Feed memory f = feeds[u.feedId];
            if (!f.registered) revert UnknownFeed(u.feedId);
            if (u.roundId <= f.latestRound) revert RoundNotIncreasing(u.feedId, u.roundId, f.latestRound);
            if (uint256(u.observedAt) > nowTs + lim.maxFutureDrift) revert FutureReport(u.feedId, u.observedAt, nowTs);
            if (uint256(u.observedAt) + lim.maxReportAge < nowTs) revert StaleReport(u.feedId, u.observedAt, nowTs);
            rounds[u.feedId][u.roundId] = Round(u.answer, u.observedAt, uint32(nowTs), reportIndex);
            feeds[u.feedId] = Feed(u.roundId, f.decimals, true);
            emit RoundPublished(u.feedId, u.roundId, u.answer, u.observedAt, u.modelHash, u.inputsCommitment);
            unchecked {
                ++i;
            }
        }
        emit ReportAccepted(reportIndex, hash, n);
    }

    function _verifySignatures(bytes32 digest, Signature[] calldata signatures) private view {
        uint256 seen;
        uint256 count = signatures.length;
        for (uint256 i; i < count; ) {
            Signature calldata sig = signatures[i];
            if (uint256(sig.s) > HALF_N) revert HighS(i);
            if (sig.v != 27 && sig.v != 28) revert InvalidSignature(i);
            address signer = ecrecover(digest, sig.v, sig.r, sig.s);
            if (signer == address(0)) revert InvalidSignature(i);
            uint256 index = signerIndex[signer];
            if (index == 0) revert UnknownSigner(signer);
            uint256 bit = 1 << index;
            if (seen & bit != 0) revert DuplicateSigner(signer);
            seen |= bit;
            unchecked {
                ++i;
            }
        }
    }

    // ---------------------------------------------------------------- EIP-712

    /// @notice The digest the signers sign for this batch.
    function reportDigest(FeedUpdate[] calldata updates) external view returns (bytes32) {
        return _digest(_hashReport(updates));
    }

    /// @notice hashStruct(Report{updates}): the commitment stored for each accepted report.
    function reportHash(FeedUpdate[] calldata updates) external pure returns (bytes32) {
        return _hashReport(updates);
    }

    function domainSeparator() public view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomainSeparator : _buildDomainSeparator();
    }

    function _digest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function _hashReport(FeedUpdate[] calldata updates) private pure returns (bytes32) {
        uint256 n = updates.length;
        bytes32[] memory hashes = new bytes32[](n);
        for (uint256 i; i < n; ) {
            FeedUpdate calldata u = updates[i];
            hashes[i] = keccak256(
                abi.encode(
                    FEED_UPDATE_TYPEHASH, u.feedId, u.roundId, u.answer, u.observedAt, u.modelHash, u.inputsCommitment
                )
            );
            unchecked {
                ++i;
            }
        }
        return keccak256(abi.encode(REPORT_TYPEHASH, keccak256(abi.encodePacked(hashes))));
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("LedgermindOracle"), keccak256("1"), block.chainid, address(this))
        );
    }

    // ---------------------------------------------------------------- reads (Chainlink-shaped, per feed)

    function decimals(bytes32 feedId) external view returns (uint8) {
        Feed memory f = feeds[feedId];
        if (!f.registered) revert UnknownFeed(feedId);
        return f.decimals;
    }

    function latestRound(bytes32 feedId) external view returns (uint64) {
        return feeds[feedId].latestRound;
    }

    /// @notice Latest round of each feed (0 = none yet): the transmitter's reconciliation read, one call per batch.
    function latestRounds(bytes32[] calldata feedIds) external view returns (uint64[] memory out) {
        out = new uint64[](feedIds.length);
        for (uint256 i; i < feedIds.length; ++i) {
            out[i] = feeds[feedIds[i]].latestRound;
        }
    }

    function getRoundData(bytes32 feedId, uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (roundId > type(uint64).max) revert NoDataPresent(feedId, roundId);
        Round memory r = rounds[feedId][uint64(roundId)];
        if (r.updatedAt == 0) revert NoDataPresent(feedId, roundId);
        return (roundId, r.answer, r.observedAt, r.updatedAt, roundId);
    }

    function latestRoundData(bytes32 feedId)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint64 latest = feeds[feedId].latestRound;
        if (latest == 0) revert NoDataPresent(feedId, 0);
        return getRoundData(feedId, latest);
    }

    /// @notice The commitment of a round: the EIP-712 hash of the report that carried it (and the report's index).
    function roundCommitment(bytes32 feedId, uint64 roundId) external view returns (bytes32 hash, uint64 reportIndex) {
        Round memory r = rounds[feedId][roundId];
        if (r.updatedAt == 0) revert NoDataPresent(feedId, roundId);
        return (reportHashes[r.reportIndex], r.reportIndex);
    }

    /// @notice True when `report` is the report that published this round (same commitment) and carries the
    /// published answer: proves the model hash and inputs commitment behind the value.
    function verifyRound(bytes32 feedId, uint64 roundId, FeedUpdate[] calldata report) external view returns (bool) {
        Round memory r = rounds[feedId][roundId];
        if (r.updatedAt == 0 || reportHashes[r.reportIndex] != _hashReport(report)) return false;
        for (uint256 i; i < report.length; ++i) {
            if (report[i].feedId == feedId && report[i].roundId == roundId) return report[i].answer == r.answer;
        }
        return false;
    }

    function feedIdFor(string calldata name) external pure returns (bytes32) {
        return keccak256(bytes(name));
    }

    function isRegistered(bytes32 feedId) external view returns (bool) {
        return feeds[feedId].registered;
    }

    // ---------------------------------------------------------------- configuration

    function owner() external view returns (address) {
        return config.owner;
    }

    function quorum() external view returns (uint8) {
        return config.quorum;
    }

    function reportCount() external view returns (uint64) {
        return config.reportCount;
    }

    function signers() external view returns (address[] memory) {
        return signerList;
    }

    function isSigner(address account) external view returns (bool) {
        return signerIndex[account] != 0;
    }

    function maxReportAge() external view returns (uint32) {
        return limits.maxReportAge;
    }

    function maxFutureDrift() external view returns (uint32) {
        return limits.maxFutureDrift;
    }

    function addFeed(bytes32 feedId, uint8 feedDecimals) external onlyOwner {
        if (feeds[feedId].registered) revert FeedExists(feedId);
        feeds[feedId] = Feed(0, feedDecimals, true);
        emit FeedAdded(feedId, feedDecimals);
    }

    /// @notice Replaces the whole signer set (rotation). Signatures of removed signers stop counting at once.
    function setSigners(address[] calldata newSigners, uint8 newQuorum) external onlyOwner {
        _setSigners(newSigners, newQuorum);
    }

    function setLimits(uint32 maxReportAge_, uint32 maxFutureDrift_) external onlyOwner {
        _setLimits(maxReportAge_, maxFutureDrift_);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(config.owner, newOwner);
        config.owner = newOwner;
    }

    function _setSigners(address[] memory newSigners, uint8 newQuorum) private {
        uint256 n = newSigners.length;
        // A majority quorum: two disjoint groups of signers can never both reach it.
        if (n == 0 || n > MAX_SIGNERS || newQuorum == 0 || newQuorum > n || uint256(newQuorum) * 2 <= n) {
            revert InvalidQuorum(newQuorum, n);
        }
        for (uint256 i; i < signerList.length; ++i) {
            delete signerIndex[signerList[i]];
        }
        delete signerList;
        for (uint256 i; i < n; ++i) {
            address s = newSigners[i];
            if (s == address(0)) revert ZeroAddress();
            if (signerIndex[s] != 0) revert DuplicateSigner(s);
            signerIndex[s] = uint8(i + 1);
            signerList.push(s);
        }
        config.quorum = newQuorum;
        config.signerCount = uint8(n);
        emit SignersSet(newSigners, newQuorum);
    }

    function _setLimits(uint32 maxReportAge_, uint32 maxFutureDrift_) private {
        limits = Limits(maxReportAge_, maxFutureDrift_);
        emit LimitsSet(maxReportAge_, maxFutureDrift_);
    }
}
