/**
 * What the deploy takes from the environment, checked before anything is sent (docs/MECHANISMS.md §3.3): a pure
 * function, so that `deploy-config.test.ts` can show the refusals without a chain.
 *
 * Locally the deploy may mint test tokens (a test METIS on L1, a test L2Metis whose `bridge` is the
 * deployer) and the treasury may be the deployer. Off the local network it refuses to run without the
 * canonical METIS token on each chain (L1_METIS_ADDRESS, L2_METIS_ADDRESS) and an explicit treasury
 * (TREASURY_ADDRESS) that is neither the zero address nor the deployer: a test token's bridge would be
 * the deployer's key, and slashed METIS would go to the person who deployed.
 */
import { type Address, getAddress, isAddress } from 'viem';

export interface DeployConfig {
  /** The canonical METIS on L1, or undefined locally: deploy a test token. */
  l1Metis?: Address;
  /** The canonical METIS on L2, or undefined locally: deploy a test L2Metis. */
  l2Metis?: Address;
  /** Receives slashed METIS. */
  treasury: Address;
}

const ZERO = '0x0000000000000000000000000000000000000000';

/** Thrown when the deploy must not run; the message says which variable to set and why. */
export class DeployConfigError extends Error {}

function address(env: Record<string, string | undefined>, name: string): Address | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!isAddress(raw)) throw new DeployConfigError(`${name} is not an address: "${raw}"`);
  return getAddress(raw);
}

/**
 * The deploy's token and treasury addresses for `network`, deployed by `deployer`, from `env`; throws a
 * DeployConfigError (and nothing is deployed) when off the local network any of them is missing, a
 * token is the zero address, or the treasury is zero or the deployer.
 */
export function resolveDeployConfig(network: string, deployer: Address, env: Record<string, string | undefined>): DeployConfig {
  const local = network === 'local';
  const l1Metis = address(env, 'L1_METIS_ADDRESS');
  const l2Metis = address(env, 'L2_METIS_ADDRESS');
  const treasury = address(env, 'TREASURY_ADDRESS');
  if (local) return { l1Metis, l2Metis, treasury: treasury ?? deployer };

  const problems: string[] = [];
  for (const [name, value, chain] of [
    ['L1_METIS_ADDRESS', l1Metis, 'L1'],
    ['L2_METIS_ADDRESS', l2Metis, 'L2'],
  ] as const) {
    if (!value || value === ZERO) {
      problems.push(
        `${name} must be the canonical METIS token on ${chain} (off the local network no test token is minted: its bridge would be the deployer's key)`,
      );
    }
  }
  if (!treasury || treasury === ZERO) {
    problems.push('TREASURY_ADDRESS must be set to the treasury that receives slashed METIS');
  } else if (treasury === getAddress(deployer)) {
    problems.push('TREASURY_ADDRESS must not be the deployer: treasury funds would go to the deploying key');
  }
  if (problems.length > 0) {
    throw new DeployConfigError(`Refusing to deploy to ${network}:\n- ${problems.join('\n- ')}`);
  }
  return { l1Metis, l2Metis, treasury: treasury! };
}
