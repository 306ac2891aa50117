import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A child process of the stack, in its own process group, logging to a file. The child writes the
 * file itself: through a pipe, a parent whose event loop is busy would stall a chatty child (anvil
 * logs every request) once the pipe is full.
 */
export interface Proc {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

export function spawnProc(
  name: string,
  command: string,
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; logDir: string },
): Proc {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, `${name}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', log, log],
    detached: true, // own process group: stopping it stops its children too
  });
  closeSync(log); // the child has its own copy
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, logFile, exited };
}

/** SIGTERM to the process group, then SIGKILL if it is still there after `graceMs`. */
export async function stopProc(proc: Proc, graceMs = 5_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Resolves when `check` returns true; fails early if `proc` exits, or after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, opts: { proc?: Proc; timeoutMs: number; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (opts.proc && opts.proc.child.exitCode !== null) {
      throw new Error(`${opts.proc.name} exited while waiting for ${what}:\n${tail(opts.proc.logFile)}`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      const log = opts.proc ? `\n${tail(opts.proc.logFile)}` : '';
      throw new Error(`timed out after ${opts.timeoutMs / 1000}s waiting for ${what}${log}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return res.ok;
}

/** Fails with a readable message if something already listens on `port`. */
export async function assertPortFree(port: number, envVar: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new Error(`Port ${port} is already in use (another \`npm start\`?). Stop it, or set ${envVar} to another port.`);
  }
}

/** A TCP port that nothing listens on now (the system picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
