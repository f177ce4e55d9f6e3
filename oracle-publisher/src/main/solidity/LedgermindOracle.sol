// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Ledgermind oracle: quorum-signed, batched, multi-feed reports.
/// @notice One transaction publishes many feeds. The registered signers sign one EIP-712 digest over the whole
/// batch, so signature verification (ecrecover + one signer lookup per signature) is paid once per batch, not per
/// feed. Every round is kept (getRoundData) in ONE storage slot; the commitment to the model hash and the inputs of
/// every round is the EIP-712 hash of the report that carried it, stored once per report (one slot per batch).
///
/// Storage layout (checked by OracleStorageLayoutTest against solc's storageLayout output):
///   slot 0  config   : owner (address, 160) | quorum (uint8) | signerCount (uint8) | reportCount (uint48)
///                      | configVersion (uint32)
///   slot 1  limits   : maxFutureDrift (uint32)
///   slot 2  pendingOwner (address)
///   feeds[feedId]    : latestRound (uint32) | latestObservedAt (uint32) | maxObservationAge (uint32) | decimals (uint8)
///                      | registered (bool) | minAnswer (int72) | maxAnswer (int72)                -> 1 slot/feed
///   rounds[feedId][r]: answer (int128) | observedAt (uint32) | targetTime (uint32) | updatedAt (uint32)
///                      | reportIndex (uint32)                                                     -> 1 slot
///   reportHashes[i]  : EIP-712 struct hash of report i (covers modelHash + inputsCommitment of every entry)
///
/// Round ids are assigned here (latest + 1), never by the caller: a report names the window it rests on
/// (observedAt, strictly increasing per feed) and the time it forecasts (targetTime), so a repeated or jumped window
/// can neither freeze a feed nor skip round ids. An entry that cannot be published (unknown feed, window not newer
/// than the feed's latest, too old, from the future) is skipped with an UpdateSkipped event instead of reverting the
/// batch: one bad feed never blocks the others. A report in which nothing can be published reverts.
///
/// Why these widths: answers arrive scaled by 8 decimals; int128 holds +-1.7e38, i.e. +-1.7e30 units, far beyond any
/// flow or price we publish (int192 would not leave room for the rest of the round). Timestamps are unix seconds in
/// uint32 (good until 2106), the round id is the mapping key (not repeated in the slot), and uint32 report indexes
/// and round ids last 4 billion reports and rounds (136 years at one a second). The answer bounds are int72
/// (+-2.36e21, i.e. +-2.36e13 units at 8 decimals) so that they share the feed's slot, which submit reads anyway:
/// a bound check costs no storage read.
///
/// Who may do what:
///   - signers: n >= 4 registered keys; with f = floor((n-1)/3) faulty ones tolerated (3f < n), a report needs
///     quorum q signatures, 2f+1 <= q <= n-f: any two quorums share at least f+1 signers, so at least one honest
///     signer is in both, and n-f honest signers can always reach q. The owner cannot make a 1-of-1 set.
///   - every signature covers configVersion, which setSigners increments: reports signed for an earlier signer
///     set are invalid after a rotation (OCR2's config digest).
///   - only allowlisted transmitters may submit; ownership moves in two steps (transferOwnership + acceptOwnership);
///     maxFutureDrift <= MAX_FUTURE_DRIFT and maxObservationAge <= MAX_OBSERVATION_AGE. Writing a new round is therefore one zero-to-nonzero SSTORE (22.1k gas); a second slot for the
/// commitment would cost another 22.1k per feed, which is why the commitment is per report.
contract LedgermindOracle {
    /// @dev observedAt: the newest input the value rests on (end of the last input window), unix seconds;
    /// targetTime: the time the value forecasts (observedAt + horizon), unix seconds.
    struct FeedUpdate {
        bytes32 feedId;
        int128 answer;
        uint32 observedAt;
        uint32 targetTime;
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
        uint32 targetTime;
        uint32 updatedAt;
        uint32 reportIndex;
    }

    struct Feed {
        uint32 latestRound;
        uint32 latestObservedAt;
        uint32 maxObservationAge;
        uint8 decimals;
        bool registered;
        int72 minAnswer;
        int72 maxAnswer;
    }

    struct Config {
        address owner;
        uint8 quorum;
        uint8 signerCount;
        uint48 reportCount;
        uint32 configVersion;
    }

    struct Limits {
        uint32 maxFutureDrift;
    }

    /// Why an entry of an accepted report was not published (UpdateSkipped.reason).
    uint8 public constant SKIP_UNKNOWN_FEED = 1;
    uint8 public constant SKIP_NOT_NEWER = 2;
    uint8 public constant SKIP_STALE = 3;
    uint8 public constant SKIP_FUTURE = 4;
    uint8 public constant SKIP_BAD_TARGET = 5;
    uint8 public constant SKIP_OUT_OF_RANGE = 6;

    error NotOwner(address caller);
    error NotPendingOwner(address caller);
    error NotTransmitter(address caller);
    error StaleConfig(uint32 configVersion, uint32 current);
    error InvalidAnswerRange(int256 minAnswer, int256 maxAnswer);
    error InvalidFutureDrift(uint32 maxFutureDrift);
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
    error NothingPublished(uint256 entries);
    error InvalidObservationAge(uint32 maxObservationAge);
    error NoDataPresent(bytes32 feedId, uint256 roundId);

    event RoundPublished(
        bytes32 indexed feedId,
        uint64 indexed roundId,
        int128 answer,
        uint32 observedAt,
        uint32 targetTime,
        bytes32 modelHash,
        bytes32 inputsCommitment
    );
    /// Chainlink's AggregatorV2V3 events, same signatures, emitted right after the RoundPublished of the same feed
    /// (which names the feed: one oracle carries many feeds, a Chainlink aggregator one).
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);
    event UpdateSkipped(bytes32 indexed feedId, uint32 observedAt, uint8 reason);
    event ReportAccepted(uint64 indexed reportIndex, bytes32 reportHash, uint256 feeds);
    event SignersSet(address[] signers, uint8 quorum, uint32 configVersion);
    event TransmitterSet(address indexed transmitter, bool allowed);
    event FeedAdded(bytes32 indexed feedId, uint8 decimals, uint32 maxObservationAge, int72 minAnswer, int72 maxAnswer);
    event LimitsSet(uint32 maxFutureDrift);
    event OwnershipTransferStarted(address indexed from, address indexed to);
    event OwnershipTransferred(address indexed from, address indexed to);

    /// secp256k1n / 2: signatures with a larger s are the malleable twin of a low-s one (EIP-2).
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    /// Chainlink's convention: deployments of another layout answer differently, and tools refuse to reuse them.
    string public constant typeAndVersion = "LedgermindOracle 2.0.0";
    uint256 public constant MAX_SIGNERS = 255;
    uint256 public constant MIN_SIGNERS = 4;
    uint32 public constant MAX_FUTURE_DRIFT = 60;
    uint32 public constant MAX_OBSERVATION_AGE = 7 days;

    bytes32 public constant FEED_UPDATE_TYPEHASH = keccak256(
        "FeedUpdate(bytes32 feedId,int128 answer,uint32 observedAt,uint32 targetTime,bytes32 modelHash,bytes32 inputsCommitment)"
    );
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(uint32 configVersion,FeedUpdate[] updates)FeedUpdate(bytes32 feedId,int128 answer,uint32 observedAt,uint32 targetTime,bytes32 modelHash,bytes32 inputsCommitment)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    Config private config;
    Limits private limits;
    address private pendingOwner_;
    mapping(address => bool) private transmitters;
    /// 1-based index of each current signer in the signature bitmap; 0 = not a signer.
    mapping(address => uint8) private signerIndex;
    address[] private signerList;
    mapping(bytes32 => Feed) private feeds;
    mapping(bytes32 => mapping(uint64 => Round)) private rounds;
    mapping(uint64 => bytes32) private reportHashes;

    constructor(
        address[] memory initialSigners,
        uint8 initialQuorum,
        uint32 maxFutureDrift_,
        address[] memory initialTransmitters
    ) {
        config.owner = msg.sender;
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        _setSigners(initialSigners, initialQuorum);
        _setLimits(maxFutureDrift_);
        for (uint256 i; i < initialTransmitters.length; ++i) {
            _setTransmitter(initialTransmitters[i], true);
        }
        emit OwnershipTransferred(address(0), msg.sender);
    }

    modifier onlyOwner() {
        if (msg.sender != config.owner) revert NotOwner(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- publication

    /// @notice Publishes one round for each publishable feed of the batch; the others are skipped (UpdateSkipped).
    /// @param updates the feeds, each with a window (observedAt) newer than the feed's latest
    /// @param signatures at least `quorum` distinct current signers over {reportDigest(updates)}, in any order
    /// @param version the signer-set version the report was signed for (must be the current one)
    function submit(uint32 version, FeedUpdate[] calldata updates, Signature[] calldata signatures) external {
        if (!transmitters[msg.sender]) revert NotTransmitter(msg.sender);
        uint256 n = updates.length;
        if (n == 0) revert EmptyReport();
        Config memory cfg = config;
        if (signatures.length < cfg.quorum) revert QuorumNotMet(signatures.length, cfg.quorum);

        // Signatures made for an earlier signer set never count, even where the same keys are still signers.
        if (version != cfg.configVersion) revert StaleConfig(version, cfg.configVersion);
        bytes32 hash = _hashReport(version, updates);
        _verifySignatures(_digest(hash), signatures);

        uint32 reportIndex = uint32(cfg.reportCount + 1);
        uint256 drift = limits.maxFutureDrift;
        uint256 published;
        for (uint256 i; i < n; ) {
            FeedUpdate calldata u = updates[i];
            uint8 skip = _check(u, feeds[u.feedId], drift);
            if (skip != 0) {
                emit UpdateSkipped(u.feedId, u.observedAt, skip);
            } else {
                Feed storage f = feeds[u.feedId];
                uint32 roundId = f.latestRound + 1;
                rounds[u.feedId][roundId] = Round(u.answer, u.observedAt, u.targetTime, uint32(block.timestamp), reportIndex);
                f.latestRound = roundId;
                f.latestObservedAt = u.observedAt;
                emit RoundPublished(u.feedId, roundId, u.answer, u.observedAt, u.targetTime, u.modelHash, u.inputsCommitment);
                emit NewRound(roundId, msg.sender, u.observedAt);
                emit AnswerUpdated(u.answer, roundId, block.timestamp);
                ++published;
            }
            unchecked {
                ++i;
            }
        }
        if (published == 0) revert NothingPublished(n);
        reportHashes[reportIndex] = hash;
        config.reportCount = reportIndex;
        emit ReportAccepted(reportIndex, hash, published);
    }

    /// @return 0 when the entry is publishable, else the SKIP_* reason
    function _check(FeedUpdate calldata u, Feed memory f, uint256 drift) private view returns (uint8) {
        if (!f.registered) return SKIP_UNKNOWN_FEED;
        if (u.observedAt <= f.latestObservedAt) return SKIP_NOT_NEWER;
        if (uint256(u.observedAt) > block.timestamp + drift) return SKIP_FUTURE;
        if (uint256(u.observedAt) + f.maxObservationAge < block.timestamp) return SKIP_STALE;
        if (u.targetTime < u.observedAt) return SKIP_BAD_TARGET;
        if (u.answer < f.minAnswer || u.answer > f.maxAnswer) return SKIP_OUT_OF_RANGE;
        return 0;
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

    /// @notice The digest the signers sign for this batch under signer-set version `version`.
    function reportDigest(uint32 version, FeedUpdate[] calldata updates) external view returns (bytes32) {
        return _digest(_hashReport(version, updates));
    }

    /// @notice hashStruct(Report{configVersion, updates}): the commitment stored for each accepted report.
    function reportHash(uint32 version, FeedUpdate[] calldata updates) external pure returns (bytes32) {
        return _hashReport(version, updates);
    }

    function domainSeparator() public view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomainSeparator : _buildDomainSeparator();
    }

    function _digest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function _hashReport(uint32 version, FeedUpdate[] calldata updates) private pure returns (bytes32) {
        uint256 n = updates.length;
        bytes32[] memory hashes = new bytes32[](n);
        for (uint256 i; i < n; ) {
            FeedUpdate calldata u = updates[i];
            hashes[i] = keccak256(
                abi.encode(
                    FEED_UPDATE_TYPEHASH, u.feedId, u.answer, u.observedAt, u.targetTime, u.modelHash, u.inputsCommitment
                )
            );
            unchecked {
                ++i;
            }
        }
        return keccak256(abi.encode(REPORT_TYPEHASH, version, keccak256(abi.encodePacked(hashes))));
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

    /// @notice Per feed: registered, latest round, the window that round rests on, and the max observation age; plus
    /// the block time these were read at and the signer-set version reports must be signed for. The transmitter proposes only what this says can be published.
    function feedStates(bytes32[] calldata feedIds)
        external
        view
        returns (bool[] memory registered, uint64[] memory latest, uint32[] memory latestObservedAt,
            uint32[] memory maxAges, uint256 blockTime, uint32 version)
    {
        uint256 n = feedIds.length;
        registered = new bool[](n);
        latest = new uint64[](n);
        latestObservedAt = new uint32[](n);
        maxAges = new uint32[](n);
        for (uint256 i; i < n; ++i) {
            Feed memory f = feeds[feedIds[i]];
            registered[i] = f.registered;
            latest[i] = f.latestRound;
            latestObservedAt[i] = f.latestObservedAt;
            maxAges[i] = f.maxObservationAge;
        }
        blockTime = block.timestamp;
        version = config.configVersion;
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

    /// @notice What a round rests on and what it forecasts: the window (observedAt), the target time, when it was
    /// published, and the index of the report that carried it (see roundCommitment).
    function roundDetails(bytes32 feedId, uint64 roundId)
        external
        view
        returns (int256 answer, uint32 observedAt, uint32 targetTime, uint32 updatedAt, uint32 reportIndex)
    {
        Round memory r = rounds[feedId][roundId];
        if (r.updatedAt == 0) revert NoDataPresent(feedId, roundId);
        return (r.answer, r.observedAt, r.targetTime, r.updatedAt, r.reportIndex);
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
    function roundCommitment(bytes32 feedId, uint64 roundId) external view returns (bytes32 hash, uint32 reportIndex) {
        Round memory r = rounds[feedId][roundId];
        if (r.updatedAt == 0) revert NoDataPresent(feedId, roundId);
        return (reportHashes[r.reportIndex], r.reportIndex);
    }

    /// @notice True when `report` is the report that published this round (same commitment) and carries the
    /// published answer: proves the model hash and inputs commitment behind the value.
    function verifyRound(bytes32 feedId, uint64 roundId, uint32 version, FeedUpdate[] calldata report)
        external
        view
        returns (bool)
    {
        Round memory r = rounds[feedId][roundId];
        if (r.updatedAt == 0 || reportHashes[r.reportIndex] != _hashReport(version, report)) return false;
        for (uint256 i; i < report.length; ++i) {
            if (report[i].feedId == feedId && report[i].observedAt == r.observedAt) {
                return report[i].answer == r.answer && report[i].targetTime == r.targetTime;
            }
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

    /// @notice The signer-set version every report must be signed for; setSigners increments it.
    function configVersion() external view returns (uint32) {
        return config.configVersion;
    }

    function pendingOwner() external view returns (address) {
        return pendingOwner_;
    }

    function isTransmitter(address account) external view returns (bool) {
        return transmitters[account];
    }

    function signers() external view returns (address[] memory) {
        return signerList;
    }

    function isSigner(address account) external view returns (bool) {
        return signerIndex[account] != 0;
    }

    function maxFutureDrift() external view returns (uint32) {
        return limits.maxFutureDrift;
    }

    /// @param maxAge how old (seconds) the window of a report may be when it is published: a feed of
    /// daily windows needs more than a feed of hourly ones (1 .. MAX_OBSERVATION_AGE)
    /// @param minAnswer lowest answer published; an entry below it is skipped (SKIP_OUT_OF_RANGE)
    /// @param maxAnswer highest answer published (> minAnswer)
    function addFeed(bytes32 feedId, uint8 feedDecimals, uint32 maxAge, int72 minAnswer, int72 maxAnswer)
        external
        onlyOwner
    {
        if (feeds[feedId].registered) revert FeedExists(feedId);
        if (maxAge == 0 || maxAge > MAX_OBSERVATION_AGE) revert InvalidObservationAge(maxAge);
        if (minAnswer >= maxAnswer) revert InvalidAnswerRange(minAnswer, maxAnswer);
        feeds[feedId] = Feed(0, 0, maxAge, feedDecimals, true, minAnswer, maxAnswer);
        emit FeedAdded(feedId, feedDecimals, maxAge, minAnswer, maxAnswer);
    }

    /// @notice The answer bounds of a feed.
    function answerRange(bytes32 feedId) external view returns (int72 minAnswer, int72 maxAnswer) {
        Feed memory f = feeds[feedId];
        if (!f.registered) revert UnknownFeed(feedId);
        return (f.minAnswer, f.maxAnswer);
    }

    function maxObservationAge(bytes32 feedId) external view returns (uint32) {
        return feeds[feedId].maxObservationAge;
    }

    /// @notice Replaces the whole signer set (rotation) and increments configVersion: signatures of removed
    /// signers, and every report signed before, stop counting at once.
    function setSigners(address[] calldata newSigners, uint8 newQuorum) external onlyOwner {
        _setSigners(newSigners, newQuorum);
    }

    function setTransmitter(address transmitter, bool allowed) external onlyOwner {
        _setTransmitter(transmitter, allowed);
    }

    function setLimits(uint32 maxFutureDrift_) external onlyOwner {
        _setLimits(maxFutureDrift_);
    }

    /// @notice First step of an ownership transfer: `newOwner` becomes owner only when it calls acceptOwnership, so
    /// a mistyped address cannot take the oracle out of anyone's hands. Calling again replaces the pending owner.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        pendingOwner_ = newOwner;
        emit OwnershipTransferStarted(config.owner, newOwner);
    }

    function acceptOwnership() external {
        if (pendingOwner_ == address(0) || msg.sender != pendingOwner_) revert NotPendingOwner(msg.sender);
        emit OwnershipTransferred(config.owner, msg.sender);
        config.owner = msg.sender;
        delete pendingOwner_;
    }

    function _setSigners(address[] memory newSigners, uint8 newQuorum) private {
        uint256 n = newSigners.length;
        // Byzantine rule (see the contract's notes): n >= 4, f = floor((n-1)/3), 2f+1 <= quorum <= n-f.
        if (n < MIN_SIGNERS || n > MAX_SIGNERS) revert InvalidQuorum(newQuorum, n);
        uint256 f = (n - 1) / 3;
        if (newQuorum < 2 * f + 1 || newQuorum > n - f) revert InvalidQuorum(newQuorum, n);
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
        uint32 version = config.configVersion + 1;
        config.configVersion = version;
        emit SignersSet(newSigners, newQuorum, version);
    }

    function _setTransmitter(address transmitter, bool allowed) private {
        if (transmitter == address(0)) revert ZeroAddress();
        transmitters[transmitter] = allowed;
        emit TransmitterSet(transmitter, allowed);
    }

    function _setLimits(uint32 maxFutureDrift_) private {
        if (maxFutureDrift_ > MAX_FUTURE_DRIFT) revert InvalidFutureDrift(maxFutureDrift_);
        limits = Limits(maxFutureDrift_);
        emit LimitsSet(maxFutureDrift_);
    }
}
