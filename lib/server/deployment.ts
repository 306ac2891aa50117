import 'server-only';
import { loadDeployment } from '../deployment/load';
import type { Deployment } from '../deployment/types';

let cached: Deployment | undefined;

/** The deployment file of the configured network, read once per server process. */
export function getDeployment(): Deployment {
  cached ??= loadDeployment();
  return cached;
}
