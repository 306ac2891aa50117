import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Address, Hex } from 'viem';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out');

interface Artifact {
  bytecode: {
    object: Hex;
    linkReferences?: Record<string, Record<string, { start: number; length: number }[]>>;
  };
}

/**
 * Creation bytecode of a compiled contract (`forge build` output), with its linked libraries'
 * addresses written in (`libraries`: library name → deployed address; every library it links must be
 * given).
 */
export function bytecode(contract: string, libraries: Record<string, Address> = {}, sourceFile = `${contract}.sol`): Hex {
  const file = path.join(OUT, sourceFile, `${contract}.json`);
  const { bytecode: code } = JSON.parse(readFileSync(file, 'utf8')) as Artifact;
  let hex = code.object.slice(2);
  for (const libs of Object.values(code.linkReferences ?? {})) {
    for (const [name, spots] of Object.entries(libs)) {
      const address = libraries[name];
      if (!address) throw new Error(`${contract} links library ${name}: deploy it first and pass its address`);
      for (const { start, length } of spots) {
        hex = hex.slice(0, start * 2) + address.slice(2).toLowerCase() + hex.slice((start + length) * 2);
      }
    }
  }
  return `0x${hex}`;
}
