import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every tracked text file of the repository that people read: code, tests, docs. */
function sources(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  return files.filter((f) => /\.(ts|tsx|js|mjs|sol|md)$/.test(f) && !f.startsWith('lib/contracts/abis'));
}

test('the repository explains itself: no citation of the design document outside it, nor of issue numbers', () => {
  const outside = /\bSPEC §|shared\/SPEC\.md|\bissue ?#?\d+\b/i;
  const found = sources().flatMap((f) =>
    readFileSync(path.join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (outside.test(line) && !line.includes('outside = /') ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(found, [], `cite docs/MECHANISMS.md or docs/ARCHITECTURE.md instead:\n${found.join('\n')}`);
});
