import { type Abi, type AbiFunction, type AbiParameter, decodeFunctionData, type Hex, toFunctionSelector } from 'viem';

// Council motions (docs/MECHANISMS.md §4.4): peer penalties and decisive actions of the Eco Node council. The
// vocabulary and the rule that decides a motion's state live here once, for the indexer's API (per request,
// and as its SQL filter) and the Eco Nodes page (against the chain's clock).

export const MOTION_KINDS = ['penalty', 'action'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

/** EcoNodeCouncil.MotionState, in enum order: `MOTION_STATES[await council.read.motionState([id])]` names the chain's answer. */
export const MOTION_STATES = ['voting', 'passed', 'executable', 'executed', 'defeated', 'expired'] as const;
export type MotionState = (typeof MOTION_STATES)[number];

/** A motion passes once its backers hold at least 2/3 of the reputation at its snapshot (EcoNodeCouncil). */
export const MOTION_BAR = { numerator: 2n, denominator: 3n } as const;

export interface MotionTiming {
  executed: boolean;
  /** Last second of voting. */
  deadline: bigint;
  /** From MotionPassed (null until the motion reached 2/3). */
  executableAt: bigint | null;
  /** Last second it can be executed (MotionPassed's expiresAt). */
  expiresAt: bigint | null;
}

/**
 * A motion's state at chain time `now`, as EcoNodeCouncil.motionState computes it: executed once executed;
 * before passing it is voting up to and including its deadline, then defeated; once passed (which may
 * happen before the deadline: voting goes on) it waits for the delay (passed; actions only, a penalty has
 * none), is executable up to and including `expiresAt`, then expired.
 */
export function motionState(m: MotionTiming, now: bigint): MotionState {
  if (m.executed) return 'executed';
  if (m.executableAt === null || m.expiresAt === null) return now > m.deadline ? 'defeated' : 'voting';
  if (now < m.executableAt) return 'passed';
  if (now > m.expiresAt) return 'expired';
  return 'executable';
}

/** The weight a motion needs: 2/3 of the reputation at its snapshot (the accused's excluded for a penalty), rounded up. */
export function motionBar(totalReputation: bigint): bigint {
  return (totalReputation * MOTION_BAR.numerator + MOTION_BAR.denominator - 1n) / MOTION_BAR.denominator;
}

/** Whether `yesWeight` passes: yes × 3 ≥ total × 2 (EcoNodeCouncil._recordMotionVote). */
export function motionPasses(yesWeight: bigint, totalReputation: bigint): boolean {
  return yesWeight * MOTION_BAR.denominator >= totalReputation * MOTION_BAR.numerator;
}

/** Backing as a share of the bar, in basis points (capped at 10,000). */
export function motionProgressBps(yesWeight: bigint, totalReputation: bigint): number {
  const bar = motionBar(totalReputation);
  if (bar === 0n) return 10_000;
  return Number(((yesWeight > bar ? bar : yesWeight) * 10_000n) / bar);
}

/** A function of `abi` as people read it: `cancel(bytes32 id)`. */
export function functionSignature(fn: AbiFunction): string {
  return `${fn.name}(${fn.inputs.map((p) => (p.name ? `${p.type} ${p.name}` : p.type)).join(', ')})`;
}

/** The function of `abi` with this 4-byte selector, if any. */
export function functionBySelector(abi: Abi, selector: Hex): AbiFunction | undefined {
  return abi.find((x): x is AbiFunction => x.type === 'function' && toFunctionSelector(x) === selector.toLowerCase());
}

export interface DecodedCall {
  functionName: string;
  signature: string;
  /** Each argument with its ABI name and type (values as viem decodes them: bigints, hex, arrays). */
  args: { name: string; type: string; value: unknown }[];
}

/** `data` decoded against `abi` (undefined when it does not fit). */
export function decodeCall(abi: Abi, data: Hex): DecodedCall | undefined {
  const fn = functionBySelector(abi, data.slice(0, 10) as Hex);
  if (!fn) return undefined;
  try {
    const { args } = decodeFunctionData({ abi: [fn], data });
    return {
      functionName: fn.name,
      signature: functionSignature(fn),
      args: fn.inputs.map((p: AbiParameter, i) => ({ name: p.name ?? `arg${i}`, type: p.type, value: (args ?? [])[i] })),
    };
  } catch {
    return undefined;
  }
}
