import { type Address, getAddress } from 'viem';
import type { NoticeItem, NoticeKind } from '../lib/notices';

/**
 * The notifier's own tables (docs/ARCHITECTURE.md, "Notifier"), in a schema of their own beside the
 * indexer's (Ponder owns `metis_hub`; nothing here writes there): on the PostgreSQL of a URL, or in a
 * PGlite directory the notifier owns.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction: all of its writes, or none. */
  transaction<T>(fn: (sql: Omit<Sql, 'transaction' | 'close'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A notice as a source derives it (before it has an id or a read time). */
export interface NewNotice {
  account: Address;
  kind: NoticeKind;
  key: string;
  title: string;
  body: string;
  link: string;
  at: bigint;
  deadline: bigint | null;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** PostgreSQL at `url` (the `pg` pool), the notifier's tables in `schema`. */
export async function postgresSql(url: string): Promise<Sql> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    query: async (text, params) => (await pool.query(text, params)).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({ query: async (text, params) => (await client.query(text, params)).rows });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite (embedded PostgreSQL) in `dir`, or in memory when `dir` is undefined (tests). One process owns it. */
export async function pgliteSql(dir?: string): Promise<Sql> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dir);
  await db.waitReady;
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    transaction: async (fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await db.transaction(async (tx) => {
        result = await fn({ query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows });
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    close: () => db.close(),
  };
}

/** Rows of `notice` as stored (bigint columns come back as strings from `pg`, as numbers or bigints from PGlite). */
interface NoticeRow {
  id: string | number | bigint;
  account: string;
  kind: string;
  key: string;
  title: string;
  body: string;
  link: string;
  at: string | number | bigint;
  deadline: string | number | bigint | null;
  read_at: string | number | bigint | null;
}

const text = (v: string | number | bigint | null) => (v === null ? null : String(v));

/** The notices, cursors and reads of the notifier, in `schema`. */
export class NoticeStore {
  private readonly s: string;

  constructor(
    readonly sql: Sql,
    schema = 'notifier',
  ) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`notifier schema "${schema}" is not a plain SQL name`);
    this.s = schema;
  }

  /**
   * Creates the schema and tables if missing (idempotent: every start runs it). Channels that deliver
   * elsewhere (e-mail, webhooks) will add a subscription and a delivery table keyed by `notice.id`;
   * the notice itself does not depend on the channel.
   */
  async migrate(): Promise<void> {
    const s = this.s;
    await this.sql.query(`create schema if not exists ${s}`);
    await this.sql.query(`create table if not exists ${s}.notice (
      id bigserial primary key,
      account text not null,
      kind text not null,
      key text not null unique,
      title text not null,
      body text not null,
      link text not null,
      at bigint not null,
      deadline bigint,
      read_at bigint,
      created_at timestamptz not null default now()
    )`);
    await this.sql.query(`create index if not exists notice_by_account on ${s}.notice (account, at desc, id desc)`);
    await this.sql.query(`create index if not exists notice_unread on ${s}.notice (account) where read_at is null`);
    await this.sql.query(`create table if not exists ${s}.cursor (
      source text primary key,
      position text not null,
      updated_at timestamptz not null default now()
    )`);
    // Accounts that asked for their inbox or a feed: the per-account sources read them too.
    await this.sql.query(`create table if not exists ${s}.watched (account text primary key, since timestamptz not null default now())`);
  }

  /** A source's cursor (what it last finished: an L2 time, as a decimal string), or null before its first pass. */
  async cursor(source: string): Promise<string | null> {
    const [row] = await this.sql.query<{ position: string }>(`select position from ${this.s}.cursor where source = $1`, [source]);
    return row?.position ?? null;
  }

  /**
   * One source's pass, committed at once: its notices (a key already stored is skipped: `on conflict do
   * nothing`) and its new cursor. A pass that fails half-way leaves neither, so the next one derives
   * the same notices again from the old cursor. Answers the keys that were new.
   */
  async commitPass(source: string, notices: NewNotice[], position: string): Promise<string[]> {
    const s = this.s;
    return this.sql.transaction(async (tx) => {
      const inserted: string[] = [];
      for (const n of notices) {
        const rows = await tx.query<{ key: string }>(
          `insert into ${s}.notice (account, kind, key, title, body, link, at, deadline) values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (key) do nothing returning key`,
          [n.account.toLowerCase(), n.kind, n.key, n.title, n.body, n.link, n.at.toString(), n.deadline?.toString() ?? null],
        );
        if (rows[0]) inserted.push(rows[0].key);
      }
      await tx.query(
        `insert into ${s}.cursor (source, position) values ($1, $2)
         on conflict (source) do update set position = excluded.position, updated_at = now()`,
        [source, position],
      );
      return inserted;
    });
  }

  /** An account's notices, newest first (by chain time, then id), after the keyset `(at, id)` of `before`. */
  async list(account: string, limit: number, before?: { at: bigint; id: string }): Promise<NoticeItem[]> {
    const params: unknown[] = [account.toLowerCase(), limit];
    let after = '';
    if (before) {
      params.push(before.at.toString(), before.id);
      after = 'and (at < $3 or (at = $3 and id < $4))';
    }
    const rows = await this.sql.query<NoticeRow>(
      `select id, account, kind, key, title, body, link, at, deadline, read_at from ${this.s}.notice
       where account = $1 ${after} order by at desc, id desc limit $2`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      account: getAddress(r.account),
      kind: r.kind as NoticeKind,
      key: r.key,
      title: r.title,
      body: r.body,
      link: r.link,
      at: String(r.at),
      deadline: text(r.deadline),
      readAt: text(r.read_at),
    }));
  }

  async unread(account: string): Promise<number> {
    const [row] = await this.sql.query<{ n: string | number }>(`select count(*) as n from ${this.s}.notice where account = $1 and read_at is null`, [
      account.toLowerCase(),
    ]);
    return Number(row?.n ?? 0);
  }

  /** Marks `keys` of the account read (all its unread notices when `keys` is undefined) at wall time `now`; answers how many. */
  async markRead(account: string, now: number, keys?: string[]): Promise<number> {
    const params: unknown[] = [account.toLowerCase(), now];
    let only = '';
    if (keys) {
      params.push(keys);
      only = 'and key = any($3)';
    }
    const rows = await this.sql.query(`update ${this.s}.notice set read_at = $2 where account = $1 and read_at is null ${only} returning id`, params);
    return rows.length;
  }

  /** Remembers that `account` reads its notices (idempotent). */
  async watch(account: string): Promise<void> {
    await this.sql.query(`insert into ${this.s}.watched (account) values ($1) on conflict do nothing`, [account.toLowerCase()]);
  }

  async watched(): Promise<Address[]> {
    return (await this.sql.query<{ account: Address }>(`select account from ${this.s}.watched order by account`)).map((r) => r.account);
  }

  /** Every stored notice key (tests). */
  async keys(): Promise<string[]> {
    return (await this.sql.query<{ key: string }>(`select key from ${this.s}.notice order by key`)).map((r) => r.key);
  }
}
