// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgermindOracle} from "LedgermindOracle.sol";
import {OracleBase} from "./utils/OracleBase.sol";

/// @notice Every way submit refuses a whole report: caller, shape, signer-set version, and each signature check.
contract OracleSubmitRevertsTest is OracleBase {
    LedgermindOracle.FeedUpdate[] internal report;

    function setUp() public override {
        super.setUp();
        report.push(upd(FEED_A, 42e8, T0 - 60));
    }

    function reportMem() internal view returns (LedgermindOracle.FeedUpdate[] memory) {
        return report;
    }

    function test_acceptsQuorumOfSignatures() public {
        publish(reportMem());
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "published");
        assertEq(uint256(oracle.reportCount()), 1, "report counted");
    }

    function test_notTransmitter() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotTransmitter.selector, STRANGER));
        oracle.submit(1, report, sigs);
        // the owner is no transmitter either
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotTransmitter.selector, address(this)));
        oracle.submit(1, report, sigs);
        // a signer is no transmitter either
        vm.prank(signerAddrs[0]);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotTransmitter.selector, signerAddrs[0]));
        oracle.submit(1, report, sigs);
    }

    function test_removedTransmitter() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        oracle.setTransmitter(transmitter, false);
        assertFalse(oracle.isTransmitter(transmitter), "removed");
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.NotTransmitter.selector, transmitter));
        oracle.setTransmitter(transmitter, true);
        (bool ok,) = trySubmit(1, reportMem(), sigs);
        assertTrue(ok, "allowed again");
    }

    function test_emptyReport() public {
        LedgermindOracle.FeedUpdate[] memory empty = new LedgermindOracle.FeedUpdate[](0);
        LedgermindOracle.Signature[] memory sigs = quorumSigs(empty);
        expectSubmitRevert(1, empty, sigs, abi.encodeWithSelector(LedgermindOracle.EmptyReport.selector));
    }

    function test_quorumNotMet() public {
        LedgermindOracle.Signature[] memory sigs = signReport(keys(1, 2), 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.QuorumNotMet.selector, 2, 3));
        LedgermindOracle.Signature[] memory none = new LedgermindOracle.Signature[](0);
        expectSubmitRevert(1, reportMem(), none, abi.encodeWithSelector(LedgermindOracle.QuorumNotMet.selector, 0, 3));
    }

    function test_staleConfig_sameSignerKeys() public {
        LedgermindOracle.Signature[] memory oldSigs = quorumSigs(reportMem());
        oracle.setSigners(signerAddrs, QUORUM); // same keys, new version
        assertEq(uint256(oracle.configVersion()), 2, "version bumped");
        expectSubmitRevert(1, reportMem(), oldSigs, abi.encodeWithSelector(LedgermindOracle.StaleConfig.selector, 1, 2));
        // The old signatures claimed for the current version do not recover to any signer: the version is signed.
        bytes32 digest2 = oracle.reportDigest(2, report);
        expectSubmitRevert(
            2,
            reportMem(),
            oldSigs,
            abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, recovered(digest2, oldSigs[0]))
        );
        // A future version is stale too.
        LedgermindOracle.Signature[] memory futureSigs = signReport(keyRange(1, 3), 3, reportMem());
        expectSubmitRevert(3, reportMem(), futureSigs, abi.encodeWithSelector(LedgermindOracle.StaleConfig.selector, 3, 2));
        // Re-signed for version 2 it goes through.
        publish(reportMem());
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "published under v2");
    }

    function test_staleConfig_rotatedSigners() public {
        LedgermindOracle.Signature[] memory oldSigs = quorumSigs(reportMem());
        address[] memory next = new address[](4);
        for (uint256 i; i < 4; ++i) {
            next[i] = vm.addr(11 + i);
        }
        oracle.setSigners(next, 3);
        expectSubmitRevert(1, reportMem(), oldSigs, abi.encodeWithSelector(LedgermindOracle.StaleConfig.selector, 1, 2));
        // removed signers no longer count, even signing for the current version
        LedgermindOracle.Signature[] memory removed = signReport(keyRange(1, 3), 2, reportMem());
        expectSubmitRevert(
            2, reportMem(), removed, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, vm.addr(1))
        );
        assertFalse(oracle.isSigner(vm.addr(1)), "old signer removed");
        assertTrue(oracle.isSigner(vm.addr(11)), "new signer");
        LedgermindOracle.Signature[] memory fresh = signReport(keyRange(11, 13), 2, reportMem());
        (bool ok,) = trySubmit(2, reportMem(), fresh);
        assertTrue(ok, "new set publishes");
    }

    function test_invalidSignature_badV() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        sigs[1].v = 29;
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 1));
        sigs[1].v = 0;
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 1));
        sigs[1].v = 1; // the raw recovery id is not accepted either
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 1));
    }

    function test_invalidSignature_zeroRecovery() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        bytes32 r = sigs[2].r;
        sigs[2].r = bytes32(0);
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 2));
        sigs[2].r = r;
        sigs[2].s = bytes32(0);
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 2));
        sigs[2].r = bytes32(0);
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 2));
        // r >= n is no valid x coordinate for ecrecover either
        sigs[2].r = bytes32(SECP256K1_N);
        sigs[2].s = bytes32(uint256(1));
        assertEq(recovered(oracle.reportDigest(1, report), sigs[2]), address(0), "precompile refuses r >= n");
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, 2));
    }

    function test_highS_malleableTwin() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        bytes32 digest = oracle.reportDigest(1, report);
        LedgermindOracle.Signature memory twin = malleate(sigs[0]);
        assertEq(recovered(digest, twin), signerAddrs[0], "the twin recovers to the same signer");
        sigs[0] = twin;
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.HighS.selector, 0));
    }

    function test_highS_boundary() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        bytes32 digest = oracle.reportDigest(1, report);
        // s == HALF_N is low-s: it passes the EIP-2 check and fails only because nobody registered signed it
        sigs[1].s = bytes32(HALF_N);
        address who = recovered(digest, sigs[1]);
        assertTrue(who != address(0), "recovers to some key");
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, who));
        // one above is high-s
        sigs[1].s = bytes32(HALF_N + 1);
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.HighS.selector, 1));
        sigs[1].s = bytes32(type(uint256).max);
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.HighS.selector, 1));
    }

    function test_unknownSigner() public {
        LedgermindOracle.Signature[] memory sigs = signReport(keys(1, 6, 2), 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, vm.addr(6)));
        // the transmitter's key is no signer
        sigs = signReport(keys(1, 2, TRANSMITTER_KEY), 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, transmitter));
    }

    function test_unknownSigner_evenWithQuorumOfValidOnes() public {
        // 3 valid + 1 unknown: a stray signature still rejects the report
        uint256[] memory pks = new uint256[](4);
        (pks[0], pks[1], pks[2], pks[3]) = (1, 2, 3, 9);
        LedgermindOracle.Signature[] memory sigs = signReport(pks, 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, vm.addr(9)));
    }

    function test_tamperedReport_recoversUnknownSigner() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        LedgermindOracle.FeedUpdate[] memory tampered = reportMem();
        tampered[0].answer += 1;
        bytes32 digest = oracle.reportDigest(1, tampered);
        expectSubmitRevert(
            1, tampered, sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, recovered(digest, sigs[0]))
        );
        tampered = reportMem();
        tampered[0].inputsCommitment = keccak256("other inputs");
        digest = oracle.reportDigest(1, tampered);
        expectSubmitRevert(
            1, tampered, sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, recovered(digest, sigs[0]))
        );
    }

    function test_duplicateSigner_sameSignatureTwice() public {
        LedgermindOracle.Signature[] memory sigs = signReport(keys(1, 1, 2), 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, vm.addr(1)));
    }

    function test_duplicateSigner_differentOrder() public {
        LedgermindOracle.Signature[] memory sigs = signReport(keys(2, 1, 2), 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, vm.addr(2)));
        uint256[] memory pks = new uint256[](4);
        (pks[0], pks[1], pks[2], pks[3]) = (3, 1, 2, 3);
        sigs = signReport(pks, 1, reportMem());
        expectSubmitRevert(1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, vm.addr(3)));
    }

    function test_signaturesInAnyOrder() public {
        LedgermindOracle.Signature[] memory sigs = signReport(keys(5, 3, 1), 1, reportMem());
        (bool ok,) = trySubmit(1, reportMem(), sigs);
        assertTrue(ok, "any order, any quorum subset");
    }

    function test_allSignersAccepted() public {
        LedgermindOracle.Signature[] memory sigs = signReport(keyRange(1, 5), 1, reportMem());
        (bool ok,) = trySubmit(1, reportMem(), sigs);
        assertTrue(ok, "more than quorum");
    }

    function test_wrongChainId_recoversUnknownSigner() public {
        uint256 chain = block.chainid;
        bytes32 digestHere = oracle.reportDigest(1, report);
        bytes32 separatorHere = oracle.domainSeparator();
        vm.chainId(chain + 1);
        assertTrue(oracle.domainSeparator() != separatorHere, "domain follows the chain id");
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        vm.chainId(chain);
        assertEq(oracle.domainSeparator(), separatorHere, "cached separator back");
        expectSubmitRevert(
            1,
            reportMem(),
            sigs,
            abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, recovered(digestHere, sigs[0]))
        );
    }

    function test_forkedChain_refusesReportOfOriginalChain() public {
        LedgermindOracle.Signature[] memory sigs = quorumSigs(reportMem());
        vm.chainId(block.chainid + 7);
        bytes32 digestThere = oracle.reportDigest(1, report);
        expectSubmitRevert(
            1,
            reportMem(),
            sigs,
            abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, recovered(digestThere, sigs[0]))
        );
        // signed for the new chain id it is accepted there
        publish(reportMem());
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "published on the fork");
    }

    function test_otherContractDigest_recoversUnknownSigner() public {
        address[] memory transmitters = new address[](1);
        transmitters[0] = transmitter;
        LedgermindOracle other = new LedgermindOracle(signerAddrs, QUORUM, DRIFT, transmitters);
        other.addFeed(FEED_A, DECIMALS, MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        bytes32 otherDigest = other.reportDigest(1, report);
        assertTrue(otherDigest != oracle.reportDigest(1, report), "digest binds the contract address");
        LedgermindOracle.Signature[] memory sigs = new LedgermindOracle.Signature[](3);
        for (uint256 i; i < 3; ++i) {
            sigs[i] = signDigest(i + 1, otherDigest);
        }
        bytes32 digest = oracle.reportDigest(1, report);
        expectSubmitRevert(
            1, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, recovered(digest, sigs[0]))
        );
        vm.prank(transmitter);
        other.submit(1, report, sigs);
        assertEq(uint256(other.latestRound(FEED_A)), 1, "valid where it was signed for");
    }

    /// The digest is EIP-712 as specified, computed here independently of the contract.
    function test_reportDigestIsEip712() public view {
        LedgermindOracle.FeedUpdate[] memory u =
            batch(upd(FEED_A, -7e8, T0 - 10), LedgermindOracle.FeedUpdate(FEED_B, type(int128).min, 1, 2, bytes32(0), keccak256("x")));
        bytes32 feedTypehash = keccak256(
            "FeedUpdate(bytes32 feedId,int128 answer,uint32 observedAt,uint32 targetTime,bytes32 modelHash,bytes32 inputsCommitment)"
        );
        bytes32[] memory hashes = new bytes32[](2);
        for (uint256 i; i < 2; ++i) {
            hashes[i] = keccak256(
                abi.encode(feedTypehash, u[i].feedId, int256(u[i].answer), uint256(u[i].observedAt),
                    uint256(u[i].targetTime), u[i].modelHash, u[i].inputsCommitment)
            );
        }
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Report(uint32 configVersion,FeedUpdate[] updates)FeedUpdate(bytes32 feedId,int128 answer,uint32 observedAt,uint32 targetTime,bytes32 modelHash,bytes32 inputsCommitment)"
                ),
                uint256(1),
                keccak256(abi.encodePacked(hashes))
            )
        );
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("LedgermindOracle"),
                keccak256("1"),
                block.chainid,
                address(oracle)
            )
        );
        assertEq(oracle.reportHash(1, u), structHash, "hashStruct(Report)");
        assertEq(oracle.domainSeparator(), domain, "domain separator");
        assertEq(oracle.reportDigest(1, u), keccak256(abi.encodePacked("\x19\x01", domain, structHash)), "digest");
    }

    // ------------------------------------------------------------------ 255 signers

    function rotateTo255() internal returns (uint8 q) {
        address[] memory many = new address[](255);
        for (uint256 i; i < 255; ++i) {
            many[i] = vm.addr(1000 + i);
        }
        // n = 255: f = 84, 2f+1 = 169 <= q <= n-f = 171
        q = 170;
        oracle.setSigners(many, q);
        assertEq(oracle.signers().length, 255, "255 signers");
        assertEq(uint256(oracle.quorum()), q, "quorum");
    }

    function test_255Signers_allSign() public {
        rotateTo255();
        LedgermindOracle.Signature[] memory sigs = signReport(keyRange(1000, 1254), 2, reportMem());
        vm.prank(transmitter);
        oracle.submit(2, report, sigs);
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "published with 255 signatures");
    }

    function test_255Signers_quorumIncludingTheLastBitmapIndex() public {
        uint8 q = rotateTo255();
        // the last q signers: the 255th signer sits on bit 255 of the seen-bitmap
        LedgermindOracle.Signature[] memory sigs = signReport(keyRange(1255 - q, 1254), 2, reportMem());
        assertEq(sigs.length, q, "exactly quorum");
        (bool ok, bytes memory err) = trySubmit(2, reportMem(), sigs);
        assertTrue(ok, "published with exactly quorum");
        assertEq(err.length, 0, "no revert data");
    }

    function test_255Signers_belowQuorumAndDuplicateOnTopBit() public {
        uint8 q = rotateTo255();
        LedgermindOracle.Signature[] memory sigs = signReport(keyRange(1000, 1000 + q - 2), 2, reportMem());
        expectSubmitRevert(2, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.QuorumNotMet.selector, q - 1, q));
        // q signatures, but the 255th signer twice: a duplicate, not a quorum
        sigs = signReport(keyRange(1255 - q, 1254), 2, reportMem());
        sigs[0] = sigs[sigs.length - 1];
        expectSubmitRevert(
            2, reportMem(), sigs, abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, vm.addr(1254))
        );
    }
}
