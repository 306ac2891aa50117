import 'server-only';
import { type Abi, type Address, getAddress, toFunctionSelector } from 'viem';
import { ecoNodeCouncilAbi, governanceExecutorAbi, messageInboxAbi, messageOutboxAbi, sequencerChallengesAbi, timelockControllerAbi } from '../contracts/abis';
import { CONTRACTS } from '../contracts/descriptors';
import type { ChainKey } from '../deployment/types';
import { serverClient } from './chain';
import { getDeployment } from './deployment';

/** Who can do what in Metis Hub today, as the chains say (the /trust page). */
export interface Trust {
  bus: {
    route: string;
    chain: ChainKey;
    members: Address[];
    threshold: number;
    paused: boolean;
    pauser: Address;
    senders: { name: string; allowed: boolean }[];
    maxGasLimit: bigint;
  }[];
  timelock: { minDelay: bigint; proposers: string[]; executors: string[]; cancellers: string[] };
  council: {
    quorumBps: number;
    motionPeriod: number;
    actionDelay: number;
    executionWindow: number;
    actions: { target: string; fn: string }[];
  };
  executor: { governance: Address; enforcer: Address; staking: Address; bootstrap: Address };
  challenges: { window: number; votingPeriod: number; quorumBps: number; bond: bigint; severityBps: readonly number[]; rewardBps: number } | null;
  owners: { chain: ChainKey; name: string; owner: Address }[];
}

const OWNER_ABI = [{ type: 'function', name: 'owner', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] }] as const;

let cached: { key: string; value: Promise<Trust> } | undefined;

/**
 * Reads the trust facts once per new block pair and shares them between requests: owners of every
 * deployed contract, the bus committees and pausers, the timelock's delay and roles, the council's
 * thresholds, delays and allow-listed actions (from its `ActionAllowedSet` events), the L1 executor's
 * masters and the challenge parameters. Nothing here is typed in.
 */
export async function readTrust(): Promise<Trust> {
  const [b1, b2] = await Promise.all([serverClient('l1').getBlockNumber(), serverClient('l2').getBlockNumber()]);
  const key = `${b1}-${b2}`;
  if (cached?.key !== key) cached = { key, value: read() };
  return cached.value;
}

async function read(): Promise<Trust> {
  const d = getDeployment();
  const l1 = serverClient('l1');
  const l2 = serverClient('l2');
  const c1 = d.l1.contracts;
  const c2 = d.l2.contracts;
  const names = (chain: ChainKey) => Object.entries(d[chain].contracts).map(([name, c]) => ({ name, address: c.address as Address }));

  const bus = await Promise.all(
    (
      [
        ['L2 → L1', 'l1', 'l2'],
        ['L1 → L2', 'l2', 'l1'],
      ] as const
    ).map(async ([route, chain, source]) => {
      const client = serverClient(chain);
      const inbox = { address: d[chain].contracts.MessageInbox.address as Address, abi: messageInboxAbi } as const;
      const outbox = { address: d[source].contracts.MessageOutbox.address as Address, abi: messageOutboxAbi } as const;
      const sourceClient = serverClient(source);
      const candidates = names(source);
      const [members, threshold, paused, pauser, maxGasLimit, allowed] = await Promise.all([
        client.readContract({ ...inbox, functionName: 'members' }),
        client.readContract({ ...inbox, functionName: 'threshold' }),
        client.readContract({ ...inbox, functionName: 'paused' }),
        client.readContract({ ...inbox, functionName: 'pauser' }),
        sourceClient.readContract({ ...outbox, functionName: 'maxGasLimit' }),
        Promise.all(candidates.map((c) => sourceClient.readContract({ ...outbox, functionName: 'isSenderAllowed', args: [c.address] }))),
      ]);
      return {
        route,
        chain,
        members: [...members],
        threshold: Number(threshold),
        paused,
        pauser,
        maxGasLimit,
        senders: candidates.map((c, i) => ({ name: c.name, allowed: allowed[i] })).filter((s) => s.allowed),
      };
    }),
  );

  const timelock = { address: c2.Timelock.address as Address, abi: timelockControllerAbi } as const;
  const [minDelay, PROPOSER, EXECUTOR, CANCELLER] = await Promise.all([
    l2.readContract({ ...timelock, functionName: 'getMinDelay' }),
    l2.readContract({ ...timelock, functionName: 'PROPOSER_ROLE' }),
    l2.readContract({ ...timelock, functionName: 'EXECUTOR_ROLE' }),
    l2.readContract({ ...timelock, functionName: 'CANCELLER_ROLE' }),
  ]);
  const holders = async (role: `0x${string}`) => {
    const candidates = [...names('l2'), ...(d.demoAccounts ?? []).map((a) => ({ name: a.name, address: a.address as Address }))];
    const has = await Promise.all(candidates.map((c) => l2.readContract({ ...timelock, functionName: 'hasRole', args: [role, c.address] })));
    return candidates.filter((_, i) => has[i]).map((c) => c.name);
  };

  const council = { address: c2.EcoNodeCouncil.address as Address, abi: ecoNodeCouncilAbi } as const;
  const [params, allowEvents] = await Promise.all([
    l2.readContract({ ...council, functionName: 'params' }),
    l2.getContractEvents({ ...council, eventName: 'ActionAllowedSet', fromBlock: BigInt(c2.EcoNodeCouncil.startBlock), strict: true }),
  ]);
  const allowedNow = new Map<string, boolean>();
  for (const e of allowEvents) allowedNow.set(`${getAddress(e.args.target)}:${e.args.selector}`, e.args.allowed);
  const actions = [...allowedNow.entries()]
    .filter(([, on]) => on)
    .map(([k]) => {
      const [target, selector] = k.split(':') as [Address, `0x${string}`];
      const entry = Object.entries(c2).find(([, c]) => getAddress(c.address) === target);
      const abi = (entry ? (CONTRACTS.l2 as Record<string, Abi>)[entry[0]] : []) ?? [];
      const fn = abi.find((item) => item.type === 'function' && toFunctionSelector(item) === selector);
      return { target: entry?.[0] ?? target, fn: fn && fn.type === 'function' ? fn.name : selector };
    });

  const executor = { address: c1.GovernanceExecutor.address as Address, abi: governanceExecutorAbi } as const;
  const [governance, enforcer, staking, bootstrap] = await Promise.all([
    l1.readContract({ ...executor, functionName: 'governance' }),
    l1.readContract({ ...executor, functionName: 'enforcer' }),
    l1.readContract({ ...executor, functionName: 'staking' }),
    l1.readContract({ ...executor, functionName: 'bootstrap' }),
  ]);

  const ch = c2.SequencerChallenges
    ? await l2.readContract({ address: c2.SequencerChallenges.address as Address, abi: sequencerChallengesAbi, functionName: 'params' })
    : null;

  const owners = (
    await Promise.all(
      (['l1', 'l2'] as const).flatMap((chain) =>
        names(chain).map(async (c) => {
          const owner = await serverClient(chain)
            .readContract({ address: c.address, abi: OWNER_ABI, functionName: 'owner' })
            .catch(() => null);
          return owner ? { chain, name: c.name, owner } : null;
        }),
      ),
    )
  ).filter((o): o is NonNullable<typeof o> => o !== null);

  return {
    bus,
    timelock: { minDelay, proposers: await holders(PROPOSER), executors: await holders(EXECUTOR), cancellers: await holders(CANCELLER) },
    council: {
      quorumBps: params.quorumBps,
      motionPeriod: params.motionPeriod,
      actionDelay: params.actionDelay,
      executionWindow: params.executionWindow,
      actions,
    },
    executor: { governance, enforcer, staking, bootstrap },
    challenges: ch && {
      window: ch.window,
      votingPeriod: ch.votingPeriod,
      quorumBps: ch.quorumBps,
      bond: ch.bond,
      severityBps: ch.severityBps,
      rewardBps: ch.rewardBps,
    },
    owners,
  };
}
