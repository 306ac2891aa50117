import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Address, createWalletClient, encodeFunctionData, type Hex, http, parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { commonsGroupAbi, veMetisAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import { getRelayStatus, RELAY_PATH, type RelayRequest, relayTypedData, toRelayRequest } from '../lib/relay';
import { openAs, openProposal } from './harness/commons';
import { createGroup, send, voter } from './harness/l2';
import { chainClient } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** The relay's local sponsor (relayer/main.ts SPONSOR_ACCOUNT_INDEX). */
const SPONSOR = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 50 }).address;

async function rpc(method: string, params: unknown[]) {
  const res = await fetch(app.stack.deployment.l2.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
}

function relayUrl(): string {
  const url = app.stack.deployment.relayUrl;
  assert.ok(url, 'the deployment names its relay');
  return url;
}

async function postRaw(body: unknown): Promise<{ status: number; body: { hash?: Hex; error?: string } }> {
  const res = await fetch(`${relayUrl()}${RELAY_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { hash?: Hex; error?: string } };
}

/**
 * Votes `choice` with `reason` on the proposal page without gas: the button the page offers an account without L2
 * METIS, the wallet signs, the relay sends. Returns the relay's request body and hash, and the milliseconds from the
 * signed request leaving the page to the page saying it is confirmed.
 */
async function voteWithoutGas(page: Page, choice: 'For' | 'Against' | 'Abstain', reason: string) {
  await page.getByTestId('gasless-note').waitFor({ timeout: 15_000 });
  await page
    .locator('label')
    .filter({ hasText: new RegExp(`^${choice}$`) })
    .click();
  await page.getByLabel('Reason (optional, public)').fill(reason);
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(RELAY_PATH));
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(RELAY_PATH));
  await page.getByRole('button', { name: 'Vote without gas' }).click();
  const request = await posted;
  const signedAt = Date.now();
  const response = await answered;
  assert.equal(response.status(), 200, await response.text());
  const { hash } = (await response.json()) as { hash: Hex };
  const status = page.locator('[data-testid="tx-status"][data-status="confirmed"], [data-testid="tx-status"][data-status="failed"]');
  await status.first().waitFor({ timeout: 30_000 });
  assert.equal(await status.first().getAttribute('data-status'), 'confirmed', (await status.first().textContent()) ?? '');
  return { body: JSON.parse(request.postData() ?? '{}') as RelayRequest, hash, ms: Date.now() - signedAt };
}

describe('Gasless votes and delegations through the relay', () => {
  test('an account without L2 gas votes directly and inside its group by signature; the sponsor pays; replays and an exhausted quota are refused', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { contracts } = app.stack.deployment.l2;
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const direct = await voter(app.stack, 36, parseEther('5000'));
    const member = await voter(app.stack, 37, parseEther('5000'));

    // A group the member pools its votes in (set up with gas), then both accounts lose all their L2 METIS.
    const name = `Gasless group ${Date.now() % 100_000}`;
    const group = await createGroup(app.stack, proposer, name);
    await send(app.stack, member, { address: group, data: encodeFunctionData({ abi: commonsGroupAbi, functionName: 'join' }) });
    await send(app.stack, member, {
      address: contracts.VeMetis.address,
      data: encodeFunctionData({ abi: veMetisAbi, functionName: 'delegate', args: [group] }),
    });
    const { id, governor } = await openProposal(app.stack, proposer);
    for (const account of [direct, member]) await rpc('anvil_setBalance', [account, '0x0']);
    const sponsorBefore = await l2.getBalance({ address: SPONSOR });

    // The direct voter, from the page: "Vote without gas".
    const pageDirect = await openAs(app, direct, `/proposals/${id}`);
    const directVote = await voteWithoutGas(pageDirect, 'For', 'Signed, not paid for.');
    assert.equal(directVote.body.kind, 'vote');
    assert.equal(await l2.readContract({ ...governor, functionName: 'hasVoted', args: [id, direct] }), true);
    await pageDirect.getByTestId('vote-status').filter({ hasText: 'You have voted on this proposal.' }).waitFor({ timeout: 5_000 });
    await pageDirect.context().close();

    // The member, inside its group.
    const pageMember = await openAs(app, member, `/proposals/${id}`);
    const groupVote = await voteWithoutGas(pageMember, 'Against', 'Signed inside the group.');
    assert.equal(groupVote.body.kind, 'group-ballot');
    const [support, weight] = await l2.readContract({ address: group, abi: commonsGroupAbi, functionName: 'memberVote', args: [id, member] });
    assert.equal(support, 0);
    assert.ok(weight > 0n, 'the member vote has its weight');
    assert.equal(await l2.readContract({ ...governor, functionName: 'usedVotes', args: [id, group] }), weight);
    await pageMember
      .getByTestId('vote-status')
      .filter({ hasText: `You voted inside ${name}` })
      .waitFor({ timeout: 5_000 });
    await pageMember.context().close();

    // The sponsor sent and paid for both; the voters still hold nothing.
    let paid = 0n;
    for (const hash of [directVote.hash, groupVote.hash]) {
      const receipt = await l2.getTransactionReceipt({ hash });
      assert.equal(receipt.from.toLowerCase(), SPONSOR.toLowerCase());
      assert.equal(receipt.status, 'success');
      paid += receipt.gasUsed * receipt.effectiveGasPrice;
      assert.equal((await getRelayStatus(relayUrl(), hash)).stage, 'mined');
    }
    assert.ok((await l2.getBalance({ address: SPONSOR })) <= sponsorBefore - paid, 'the sponsor paid the gas');
    for (const account of [direct, member]) assert.equal(await l2.getBalance({ address: account }), 0n);
    console.log(`[gasless] signature to mined, through the page: direct vote ${directVote.ms} ms, group vote ${groupVote.ms} ms`);

    // A replayed signature, posted straight to the endpoint: 409 with a sentence.
    for (const body of [directVote.body, groupVote.body]) {
      const replay = await postRaw(body);
      assert.equal(replay.status, 409, JSON.stringify(replay.body));
      assert.match(replay.body.error ?? '', /already relayed/);
    }
    // A bad body: 400 naming the field.
    const bad = await postRaw({ ...directVote.body, support: 7 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error ?? '', /`support`/);

    // The quota: signed delegations (to itself) until the relay refuses with 429 and says until when.
    const chain = toViemChain(app.stack.deployment.l2);
    const wallet = createWalletClient({ chain, transport: http(app.stack.deployment.l2.rpcUrl), account: direct });
    const ve = contractOf(app.stack.deployment, 'l2', 'VeMetis');
    const ctx = { chainId: chain.id, governor: contracts.CommonsGovernor.address, veMetis: contracts.VeMetis.address };
    let refused: { status: number; body: { error?: string } } | undefined;
    for (let i = 0; i < 50 && !refused; i++) {
      const nonce = await l2.readContract({ ...ve, functionName: 'nonces', args: [direct] });
      const expiry = (await l2.getBlock()).timestamp + 3600n;
      const unsigned = { kind: 'delegate', delegator: direct, delegatee: direct as Address, nonce, expiry } as const;
      const signature = await wallet.signTypedData({ account: direct, ...relayTypedData(ctx, unsigned) } as Parameters<typeof wallet.signTypedData>[0]);
      const started = Date.now();
      const answer = await postRaw(toRelayRequest({ ...unsigned, signature }));
      if (answer.status !== 200) {
        refused = answer;
        break;
      }
      const receipt = await l2.waitForTransactionReceipt({ hash: answer.body.hash as Hex });
      assert.equal(receipt.status, 'success');
      if (i === 0) console.log(`[gasless] signature to mined, posted directly: delegation ${Date.now() - started} ms`);
    }
    assert.ok(refused, 'the quota ends');
    assert.equal(refused.status, 429, JSON.stringify(refused.body));
    assert.match(refused.body.error ?? '', /sponsored transactions for today.*from /);
  });
});
