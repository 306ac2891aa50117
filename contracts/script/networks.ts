import type { ChainDeployment } from '../../lib/deployment/types';

type ChainPreset = Omit<ChainDeployment, 'rpcUrl' | 'contracts'>;

/** Chain metadata of the networks Metis Hub deploys to; RPC URLs come from the environment. */
export const NETWORKS: Record<string, { l1: ChainPreset; l2: ChainPreset }> = {
  local: {
    l1: { chainId: 31337, name: 'Local L1', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
    l2: { chainId: 31338, name: 'Local L2', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
  },
  sepolia: {
    l1: {
      chainId: 11155111,
      name: 'Sepolia',
      explorerUrl: 'https://sepolia.etherscan.io',
      nativeCurrency: { name: 'Sepolia Ether', symbol: 'ETH', decimals: 18 },
    },
    l2: {
      chainId: 59902,
      name: 'Metis Sepolia',
      explorerUrl: 'https://sepolia-explorer.metisdevops.link',
      nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    },
  },
  mainnet: {
    l1: {
      chainId: 1,
      name: 'Ethereum',
      explorerUrl: 'https://etherscan.io',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    },
    l2: {
      chainId: 1088,
      name: 'Metis Andromeda',
      explorerUrl: 'https://andromeda-explorer.metis.io',
      nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    },
  },
};

/** The mnemonic of anvil's default dev accounts (public knowledge; local chains only). */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

/** Local committee: anvil dev accounts 11..13 (demo accounts are 1..10, the deployer 0), 2 of 3. */
export const LOCAL_COMMITTEE = { accountIndexes: [11, 12, 13], threshold: 2 };

const DAY = 86_400;
const METIS = 10n ** 18n;

/**
 * Staking and rotation parameters the deploy starts with (governance changes them later). The local
 * profile shortens every duration to minutes so that each flow can be shown in real time.
 */
export function stakingProfile(local: boolean) {
  return {
    staking: {
      minLock: 20_000n * METIS,
      maxLock: 100_000n * METIS,
      maxSequencerStake: 1_100_000n * METIS, // max self-lock + 10 × max self-lock of delegations
      minPosition: METIS,
      exitDelay: BigInt(local ? 5 * 60 : 21 * DAY),
      jailPeriod: BigInt(local ? 3 * 60 : 7 * DAY),
      signerUpdateThrottle: BigInt(local ? 60 : DAY),
      maxCommissionBps: 3_000,
      delegationMultiplier: 10,
    },
    /** L2 blocks per epoch. */
    epochLength: local ? 20n : 1_000n,
    /**
     * L2 blocks after an epoch's end during which only its sequencer or a keeper (a committee member)
     * may rotate; then anyone may (docs/MECHANISMS.md §4.5). An epoch is paid for `epochLength` blocks however late.
     */
    rotationGracePeriod: local ? 10n : 100n,
  };
}

/**
 * The Commons' starting parameters (docs/MECHANISMS.md §4.1–4.3; governance changes them later). Locally every
 * phase is minutes long, so that a proposal can be followed through in real time.
 */
export function commonsProfile(local: boolean) {
  return {
    /** veMETIS lock durations, in seconds. */
    minLockDuration: BigInt(7 * DAY),
    maxLockDuration: BigInt(730 * DAY),
    votingDelay: local ? 60 : DAY,
    votingPeriod: local ? 30 * 60 : 7 * DAY,
    proposalThreshold: 10_000n * METIS,
    quorumPercent: 4n,
    lateQuorumExtension: local ? 5 * 60 : 2 * DAY,
    /** Groups' internal voting closes this long before the proposal deadline. */
    internalVotingWindow: local ? 5 * 60 : DAY,
    /**
     * Steward motions (docs/MECHANISMS.md §4.2): a motion counts members' units one motion period before it opened, stays
     * open for the voting period, and a new steward votes the group's Eco Node seat one motion period plus one
     * voting period after taking office. The opener needs `stewardMotionThresholdBps` of the group's units.
     * Locally two minutes each, so that the e2e test and the demo can run a motion through.
     */
    stewardMotionPeriod: local ? 2 * 60 : 7 * DAY,
    stewardVotingPeriod: local ? 2 * 60 : 3 * DAY,
    stewardMotionThresholdBps: 500,
    /**
     * docs/MECHANISMS.md §4.3: the council must open a succeeded proposal's ratification within this long after the vote
     * ends, or it is Expired. Locally an hour: the seed's "not opened yet" proposal stays openable for the
     * demo, and the e2e expires one with a time warp.
     */
    ratificationWindow: local ? 60 * 60 : 3 * DAY,
    /**
     * docs/MECHANISMS.md §4.3: after a refused proposal's vote ends (the council rejected it or let it expire), the
     * Commons may propose its override once this has passed. Locally 10 minutes (one local ratification
     * period: a rejected proposal can be overridden as soon as its ratification is settled).
     */
    overrideCoolOff: local ? 10 * 60 : 7 * DAY,
  };
}

/**
 * Rewards (docs/MECHANISMS.md §3.2 Rewards, §4.6): the mining schedule and, locally, the demo funding of the L1
 * mining reserve and revenue escrow. Governance changes `rewardPerBlock` later.
 */
export function rewardsProfile(local: boolean) {
  return {
    /**
     * Mining METIS per L2 block. Production: 0.1 METIS (a 1,000-block epoch pays 100 METIS; about
     * 788,000 METIS a year at one block every 4 s, just under year 1's 800,000 ceiling; governance
     * lowers it as the ceilings fall, or the ceiling caps what is paid). Locally 0.0017 METIS a
     * (1-second) block: on the seeded stake, with the demo fees of relayer/traffic.ts, realised APRs
     * read in the single or low double digits (5% to 15% a few minutes after start), and a staker of
     * 10,000 METIS still sees rewards grow by a few thousandths of a METIS a minute.
     */
    rewardPerBlock: local ? (17n * METIS) / 10_000n : METIS / 10n,
    /** Mining ceiling of each emission year 1..10 (sum: the 5,000,000 METIS community-mining allocation). */
    yearCeilings: [800_000n, 700_000n, 600_000n, 500_000n, 500_000n, 500_000n, 400_000n, 400_000n, 300_000n, 300_000n].map(
      (v) => v * METIS,
    ) as readonly bigint[],
    /** Seconds from the deployment to the start of emission year 1. */
    emissionStartDelay: 0n,
    /** Locally the deployer funds the mining reserve and (as the L1 lockbox) the revenue escrow. */
    localMiningFunding: 1_000_000n * METIS,
    localRevenueFunding: 200_000n * METIS,
  };
}

/**
 * Sequencer challenges (docs/MECHANISMS.md §4.5): the `Params` tuple of `SequencerChallenges`, field for
 * field. An epoch can be challenged while it runs and for `window` L2 blocks after (its reward report
 * waits that long); the council then has `votingPeriod` to decide. Window plus vote must stay well
 * inside the L1 exit delay, or the slash would come too late for stake that has left (locally: 20
 * blocks and 2 minutes against 5 minutes).
 */
export function challengesProfile(local: boolean) {
  return {
    bond: (local ? 100n : 1_000n) * METIS,
    window: local ? 20 : 1_000,
    votingPeriod: local ? 2 * 60 : 3 * DAY,
    quorumBps: 3_000,
    minProductionBps: 5_000,
    rewardBps: 1_000,
    /** Slash per kind: downtime 1%, censorship 5%, invalid blocks 10%. */
    severityBps: [100, 500, 1_000] as const,
  };
}

/**
 * The message bus (docs/MECHANISMS.md §5): the largest gas limit a message may ask for (a governance parameter of
 * each outbox, so that nobody can tax the committee with one huge delivery), and how long a failed
 * message may be retried before it expires (30 days in production; 10 minutes locally, so that the
 * demo shows an expiry).
 */
export function busProfile(local: boolean) {
  return {
    maxGasLimit: 2_000_000n,
    retryWindow: BigInt(local ? 10 * 60 : 30 * DAY),
  };
}

/**
 * The L2 timelock (docs/MECHANISMS.md §4.3): every queued proposal waits `timelockMinDelay` seconds before anyone can
 * execute it (2 days in production; 90 s locally, so that the seed and the demo can follow a proposal
 * through to execution).
 */
export function governanceProfile(local: boolean) {
  return {
    timelockMinDelay: BigInt(local ? 90 : 2 * DAY),
  };
}
