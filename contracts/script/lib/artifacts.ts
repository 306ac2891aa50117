import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hex } from 'viem';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out');

/** Creation bytecode of a compiled contract (`forge build` output). */
export function bytecode(contract: string, sourceFile = `${contract}.sol`): Hex {
  const file = path.join(OUT, sourceFile, `${contract}.json`);
  const artifact = JSON.parse(readFileSync(file, 'utf8')) as { bytecode: { object: Hex } };
  return artifact.bytecode.object;
}
