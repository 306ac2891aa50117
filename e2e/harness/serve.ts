/**
 * Starts the test stack and keeps it up, so that end-to-end files can be run again and again
 * against it while developing:
 *   npx tsx e2e/harness/serve.ts            (after `npx next build`)
 *   E2E_STACK=.stack-test/stack.json node --import tsx --test e2e/dashboard.test.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestStack, TEST_STATE_DIR, testStackOf } from './stack';

const stack = await startTestStack((m) => console.log(`[test stack] ${m}`));
const file = path.join(TEST_STATE_DIR, 'stack.json');
writeFileSync(file, JSON.stringify(testStackOf(stack)));
console.log(`[test stack] up: E2E_STACK=${path.relative(process.cwd(), file)}`);
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
