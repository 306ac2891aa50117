/**
 * Prints PostgreSQL's plan for each hot list query of the API (indexer/src/api), against the
 * indexer's database:
 *   DATABASE_URL=postgresql://… npx tsx scripts/explain.ts [--schema metis_hub] [--verbose]
 * (a test stack's URL is `databaseUrl` in .stack-test/stack.json while `npx tsx e2e/harness/serve.ts` runs).
 *
 * Each query is the SQL its route sends (same filters and order), with parameters taken from the
 * data (an account that voted, a proposal with ballots, …). It is planned twice: as is (on small data
 * the planner rightly reads whole tables), and with sequential scans, bitmap scans and sorts
 * disabled, which shows whether an index can serve the query as it would on a large table: the index
 * it uses, and whether it still needs a Sort (no index gives the order), a whole-table read (no index
 * fits the filter) or filters rows out. One line per query and plan; --verbose prints the plans whole.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { INDEXER_SCHEMA } from './lib/stack';

const { values } = parseArgs({
  options: { schema: { type: 'string', default: INDEXER_SCHEMA }, verbose: { type: 'boolean', default: false } },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL must point at the indexer's PostgreSQL");
  process.exit(1);
}

const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(`set search_path to "${values.schema!.replace(/"/g, '')}"`);

/** The first value of a query over the data, to fill in a parameter (null when the table is empty). */
async function pick(sql: string): Promise<string | null> {
  const { rows } = await client.query(sql);
  return rows[0] ? String(Object.values(rows[0])[0]) : null;
}

const now = (await pick('select max(created_at) + 3600 from proposal')) ?? '0';
const p = {
  account: await pick('select account from account_transfer group by account order by count(*) desc limit 1'),
  voter: await pick('select voter from vote group by voter order by count(*) desc limit 1'),
  proposal: await pick('select proposal_id from ballot group by proposal_id order by count(*) desc limit 1'),
  group: await pick('select address from commons_group order by member_count desc limit 1'),
  steward: await pick('select steward from commons_group limit 1'),
  sequencer: await pick('select sequencer_id from position group by sequencer_id order by count(*) desc limit 1'),
  delegator: await pick('select account from position group by account order by count(*) desc limit 1'),
  node: await pick('select node from reputation_event group by node order by count(*) desc limit 1'),
  tx: await pick('select executed_tx from proposal where executed_tx is not null limit 1'),
  l1: await pick('select min(source_chain_id) from bus_message'),
};
const ballotVoters = (await client.query('select voter from ballot where proposal_id = $1 order by weight desc limit 20', [p.proposal ?? '0'])).rows.map(
  (r) => r.voter as string,
);
const groups = (await client.query('select address from commons_group order by pooled_votes desc limit 20')).rows.map((r) => r.address as string);
const sequencers = (await client.query('select distinct sequencer_id from position where account = $1', [p.delegator ?? ''])).rows.map((r) =>
  String(r.sequencer_id),
);
/** The directory's participation window (indexer/src/api/delegates-sql.ts `recentProposals`), with `now` as $1. */
const RECENT = 'select id from proposal where canceled = false and snapshot < $1 order by created_at desc, id desc limit 10';
const snapshot: string = (await client.query('select snapshot::text as s from proposal where id = $1', [p.proposal ?? '0'])).rows[0]?.s ?? '0';
const LIMIT = 21; // a page of 20, plus one to tell whether there is a next page (respond.ts `page`)

/** Route (as in indexer/src/api) → SQL and parameters. */
const queries: [string, string, unknown[]][] = [
  ['GET /accounts/:address/transfers', 'select * from account_transfer where account = $1 order by timestamp desc, id desc limit $2', [p.account, LIMIT]],
  [
    'GET /accounts/:address/transfers?chain=',
    'select * from account_transfer where account = $1 and chain_id = $2 order by timestamp desc, id desc limit $3',
    [p.account, p.l1, LIMIT],
  ],
  ['GET /sequencers (epoch counts)', 'select sequencer_id, count(*) from epoch group by sequencer_id', []],
  ['GET /sequencers (recent epochs)', 'select sequencer_id, count(*) from epoch where id > (select max(id) - 100 from epoch) group by sequencer_id', []],
  [
    'GET /sequencers/:id/delegators',
    'select * from position where sequencer_id = $1 and shares > 0 order by value desc, id desc limit $2',
    [p.sequencer, LIMIT],
  ],
  ['GET /sequencers/:id/history', 'select * from stake_event where sequencer_id = $1 order by timestamp desc, id desc limit $2', [p.sequencer, LIMIT]],
  ['GET /epochs', 'select * from epoch order by id desc limit $1', [LIMIT]],
  ['GET /epochs?sequencer=', 'select * from epoch where sequencer_id = $1 order by id desc limit $2', [p.sequencer, LIMIT]],
  ['GET /accounts/:address/positions', 'select * from position where account = $1 and shares > 0 order by value desc', [p.delegator]],
  ['GET /accounts/:address/unbonding', 'select * from unbonding where account = $1 order by matures_at, id', [p.delegator]],
  // CSV exports (indexer/src/api/account-sql.ts): one keyset page of 500, oldest first.
  [
    'GET /accounts/:address/export/stake',
    'select * from stake_event where account = $1 and (timestamp > $2 or (timestamp = $2 and id > $3)) order by timestamp, id limit 500',
    [p.delegator, 0, ''],
  ],
  [
    'GET /accounts/:address/export/stake (withdrawals)',
    'select * from unbonding where account = $1 and withdrawn_at is not null and (withdrawn_at > $2 or (withdrawn_at = $2 and id > $3)) order by withdrawn_at, id limit 500',
    [p.delegator, 0, ''],
  ],
  [
    'GET /accounts/:address/export/claims',
    'select * from reward_payout where account = $1 and (timestamp > $2 or (timestamp = $2 and id > $3)) order by timestamp, id limit 500',
    [p.delegator, 0, ''],
  ],
  [
    'GET /accounts/:address/export/votes',
    'select * from vote where voter = $1 and (timestamp > $2 or (timestamp = $2 and id > $3)) order by timestamp, id limit 500',
    [p.voter, 0, ''],
  ],
  ['GET /bus/messages', 'select * from bus_message m left join bus_delivery d on d.id = m.id order by m.sent_at desc, m.id desc limit $1', [LIMIT]],
  [
    'GET /bus/messages?from=',
    'select * from bus_message m left join bus_delivery d on d.id = m.id where m.source_chain_id = $1 order by m.sent_at desc, m.id desc limit $2',
    [p.l1, LIMIT],
  ],
  [
    'GET /bus/messages?status=delivered',
    "select * from bus_message m left join bus_delivery d on d.id = m.id where d.status = 'delivered' order by m.sent_at desc, m.id desc limit $1",
    [LIMIT],
  ],
  ['GET /commons/groups', 'select * from commons_group order by pooled_votes desc, address desc limit $1', [LIMIT]],
  ['GET /commons/groups?steward=', 'select * from commons_group where steward = $1 order by pooled_votes desc, address desc limit $2', [p.steward, LIMIT]],
  ['GET /commons/groups (participation: ballots)', 'select voter, count(*) from ballot where is_group = true and voter = any($1) group by voter', [groups]],
  ['GET /commons/groups (participation: eligible)', 'select count(*) from proposal where canceled = false and snapshot > $1 and snapshot < $2', [0, now]],
  [
    'GET /commons/groups (live pooled votes)',
    'select d.delegatee, coalesce(sum(l.units), 0) from delegation d join ve_lock l on l.account = d.account where d.delegatee = any($1) and l."end" > $2 and l.amount > 0 group by d.delegatee',
    [groups, now],
  ],
  [
    'GET /commons/groups/:address/members',
    'select * from group_member m left join ve_lock l on l.account = m.account left join delegation d on d.account = m.account where m."group" = $1 and m.left_at is null order by m.joined_at desc, m.id desc limit $2',
    [p.group, LIMIT],
  ],
  [
    'GET /commons/groups/:address/power',
    'select id, votes, block_number, timestamp from voting_power where account = $1 order by timestamp desc, id desc limit $2',
    [p.group, LIMIT],
  ],
  [
    'GET /commons/groups/:address/votes',
    'select * from ballot b join proposal p on p.id = b.proposal_id where b.voter = $1 order by p.created_at desc, p.id desc limit $2',
    [p.group, LIMIT],
  ],
  [
    'GET /commons/groups/:address/votes (members)',
    'select * from vote where "group" = $1 and proposal_id = any($2) order by weight desc, id desc',
    [p.group, [p.proposal]],
  ],
  [
    'GET /delegates',
    `select d.*, g.name,
       (select coalesce(sum(l.units), 0) from delegation dl join ve_lock l on l.account = dl.account where dl.delegatee = d.address and l."end" > $1 and l.amount > 0) as power_now,
       (select count(*) from ballot b where b.voter = d.address and b.proposal_id in (${RECENT})) as voted
     from delegate d left join commons_group g on g.address = d.address left join proposal p on p.id = d.last_vote_proposal
     where d.power > 0 and (select coalesce(sum(l.units), 0) from delegation dl join ve_lock l on l.account = dl.account where dl.delegatee = d.address and l."end" > $1 and l.amount > 0) > 0
     order by d.power desc, d.address desc limit $2`,
    [now, LIMIT],
  ],
  [
    'GET /delegates?minParticipation=1',
    `select d.* from delegate d where d.power > 0 and (select count(*) from ballot b where b.voter = d.address and b.proposal_id in (${RECENT})) >= 1
     order by d.power desc, d.address desc limit $2`,
    [now, LIMIT],
  ],
  [
    'GET /proposals/:id/non-voters',
    `select s.delegatee, sum(s.units) from delegation_span s left join commons_group g on g.address = s.delegatee
     where s."end" > $2 and s."from" <= $2 and (s."to" is null or s."to" > $2)
       and not exists (select 1 from ballot b where b.proposal_id = $1 and b.voter = s.delegatee)
     group by s.delegatee, g.address, g.name having sum(s.units) > 0 order by sum(s.units) desc, s.delegatee desc limit $3`,
    [p.proposal, snapshot, LIMIT],
  ],
  ['GET /proposals', 'select * from proposal order by created_at desc, id desc limit $1', [LIMIT]],
  [
    'GET /proposals?state=active',
    'select * from proposal where canceled = false and executed = false and queued = false and snapshot < $1 and deadline >= $1 order by created_at desc, id desc limit $2',
    [now, LIMIT],
  ],
  [
    'GET /proposals?state=pending',
    'select * from proposal where canceled = false and executed = false and queued = false and snapshot >= $1 order by created_at desc, id desc limit $2',
    [now, LIMIT],
  ],
  ['GET /proposals?state=executed', 'select * from proposal where canceled = false and executed = true order by created_at desc, id desc limit $1', [LIMIT]],
  ['GET /proposals?q=', 'select * from proposal where (title ilike $1 or description ilike $1) order by created_at desc, id desc limit $2', ['%fee%', LIMIT]],
  ['GET /proposals/:id/votes (ballots)', 'select * from ballot where proposal_id = $1 order by weight desc, id desc limit $2', [p.proposal, LIMIT]],
  [
    'GET /proposals/:id/votes (votes)',
    'select * from vote where proposal_id = $1 and (voter = any($2) or "group" = any($2)) order by weight desc, id desc',
    [p.proposal, ballotVoters],
  ],
  ['GET /proposals/:id/votes (remainders)', 'select * from remainder_cast where proposal_id = $1 and "group" = any($2)', [p.proposal, ballotVoters]],
  [
    'GET /accounts/:address/votes',
    'select * from vote v left join proposal p on p.id = v.proposal_id left join commons_group g on g.address = v."group" where v.voter = $1 order by v.timestamp desc, v.id desc limit $2',
    [p.voter, LIMIT],
  ],
  [
    'GET /eco-nodes/:address/reputation',
    'select * from reputation_event e left join council_motion m on m.motion_id = e.motion_id where e.node = $1 order by e.timestamp desc, e.id desc limit $2',
    [p.node, LIMIT],
  ],
  ['GET /eco-nodes/motions', 'select * from council_motion order by opened_at desc, motion_id desc limit $1', [LIMIT]],
  ['GET /eco-nodes/motions?kind=penalty', "select * from council_motion where kind = 'penalty' order by opened_at desc, motion_id desc limit $1", [LIMIT]],
  ['GET /eco-nodes/motions?subject=', 'select * from council_motion where subject = $1 order by opened_at desc, motion_id desc limit $2', [p.node, LIMIT]],
  [
    'GET /eco-nodes/motions (backers of the page)',
    'select * from motion_vote where motion_id in (select motion_id from council_motion order by opened_at desc, motion_id desc limit $1) order by weight desc',
    [LIMIT],
  ],
  ['GET /eco-nodes/actions', 'select * from council_action where allowed = true order by target, selector', []],
  [
    'GET /ratifications',
    'select * from ratification r left join proposal p on p.id = r.proposal_id order by r.deadline desc, r.proposal_id desc limit $1',
    [LIMIT],
  ],
  [
    'GET /ratifications?status=open',
    "select * from ratification r left join proposal p on p.id = r.proposal_id where r.status = 'open' order by r.deadline desc, r.proposal_id desc limit $1",
    [LIMIT],
  ],
  ['GET /proposals/:id/ratification (votes)', 'select * from ratification_vote where proposal_id = $1 order by weight desc', [p.proposal]],
  ['GET /proposals/:id/timeline (relays)', 'select * from bus_message m left join bus_delivery d on d.id = m.id where m.sent_tx = $1', [p.tx]],
  [
    'GET /timelock/operations',
    'select * from timelock_op o left join proposal p on p.id = o.proposal_id order by o.scheduled_at desc, o.id desc limit $1',
    [LIMIT],
  ],
  ['GET /rewards/epochs?sequencer=', 'select * from reward_epoch where sequencer_id = $1 order by id desc limit $2', [p.sequencer, LIMIT]],
  [
    'GET /accounts/:address/rewards (epochs)',
    'select * from reward_epoch where sequencer_id = any($1) and paid_to_sequencer = true order by id desc limit 500',
    [sequencers],
  ],
  ['GET /accounts/:address/rewards (share history)', 'select * from position_shares where account = $1', [p.delegator]],
];

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** "Limit > Index Scan Backward(ballot_proposal_id_weight_id_index)", and whether a Sort or a whole-table read is in it. */
function summarise(node: PlanNode): { shape: string; sort: boolean; seq: string[]; removed: number } {
  const children = (node.Plans ?? []).map(summarise);
  const self = node['Index Name']
    ? `${node['Node Type']}(${node['Index Name']})`
    : node['Relation Name']
      ? `${node['Node Type']}(${node['Relation Name']})`
      : node['Node Type'];
  const inner = children.map((c) => c.shape).join(', ');
  return {
    shape: inner ? `${self} > ${children.length > 1 ? `[${inner}]` : inner}` : self,
    sort: node['Node Type'].includes('Sort') || children.some((c) => c.sort),
    seq: [...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name']!] : []), ...children.flatMap((c) => c.seq)],
    removed: (node['Rows Removed by Filter'] ?? 0) + children.reduce((sum, c) => sum + c.removed, 0),
  };
}

async function explain(sql: string, params: unknown[]) {
  const { rows } = await client.query(`explain (analyze, format json) ${sql}`, params);
  const [{ Plan: plan, 'Execution Time': ms }] = rows[0]['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time': number }];
  return { plan, ms, ...summarise(plan) };
}

let needsSort = 0;
let fullScans = 0;
for (const [route, sql, params] of queries) {
  if (params.some((x) => x === null)) {
    console.log(`${route}\n  (skipped: no data to fill in its parameters)`);
    continue;
  }
  const small = await explain(sql, params);
  await client.query('set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off');
  const large = await explain(sql, params);
  await client.query('reset enable_seqscan; reset enable_bitmapscan; reset enable_sort');
  if (large.sort) needsSort++;
  if (large.seq.length) fullScans++;
  const flags = [large.sort && 'SORT', large.seq.length && `SEQ SCAN ${large.seq.join(', ')}`, large.removed && `${large.removed} rows filtered out`]
    .filter(Boolean)
    .join('; ');
  console.log(
    `${route}\n  as is (${small.ms.toFixed(2)} ms): ${small.shape}\n  large (${large.ms.toFixed(2)} ms): ${large.shape}${flags ? `  << ${flags}` : ''}`,
  );
  if (values.verbose) console.log(JSON.stringify(large.plan, null, 2));
}
console.log(`\n${queries.length} queries: ${needsSort} still sort and ${fullScans} still read a whole table with those plans off`);
await client.end();
