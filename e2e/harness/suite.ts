import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { releaseStack, type TestStack, useStack } from './stack';

/** Registers the usual hooks of a browser test file: the stack and a Chromium, closed after. */
export function appSuite(): { stack: TestStack; browser: Browser } {
  const app = {} as { stack: TestStack; browser: Browser };
  before(async () => {
    app.stack = await useStack();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await releaseStack();
  });
  return app;
}
