/**
 * An EIP-1193 provider for an account that a local dev chain (anvil) holds unlocked: it answers
 * account and chain requests itself and forwards everything else, signing included, to the RPC
 * of the current chain. The local wallet modal's demo accounts and the end-to-end tests' injected
 * wallet are both built on it. Never use it against a real network.
 */
export interface DevAccountProviderOptions {
  address: `0x${string}`;
  /** RPC URL per chain id. */
  rpcUrls: Record<number, string>;
  chainId: number;
}

type Listener = (...args: unknown[]) => void;

export class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export interface DevAccountProvider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
  on(event: string, listener: Listener): void;
  removeListener(event: string, listener: Listener): void;
  /** Test hook: makes the next signing request fail as if the user rejected it. */
  rejectNext(): void;
}

const SIGNING = new Set(['eth_sendTransaction', 'personal_sign', 'eth_sign', 'eth_signTypedData_v4']);

export function createDevAccountProvider(opts: DevAccountProviderOptions): DevAccountProvider {
  let chainId = opts.chainId;
  let rejectNext = false;
  // Like a real wallet: no accounts are exposed until the site asks for them.
  let authorized = false;
  let nextId = 1;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, value: unknown) => {
    for (const l of listeners.get(event) ?? []) l(value);
  };
  const hex = (n: number) => `0x${n.toString(16)}`;

  async function forward(method: string, params: unknown) {
    const res = await fetch(opts.rpcUrls[chainId], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data);
    return body.result;
  }

  return {
    async request({ method, params }) {
      if (SIGNING.has(method) && rejectNext) {
        rejectNext = false;
        throw new ProviderRpcError(4001, 'User rejected the request.');
      }
      switch (method) {
        case 'eth_requestAccounts':
          authorized = true;
          return [opts.address];
        case 'eth_accounts':
          return authorized ? [opts.address] : [];
        case 'eth_chainId':
          return hex(chainId);
        case 'net_version':
          return String(chainId);
        case 'wallet_switchEthereumChain': {
          const wanted = Number((params as [{ chainId: string }])[0].chainId);
          if (!opts.rpcUrls[wanted]) throw new ProviderRpcError(4902, `Unrecognized chain ${wanted}`);
          if (wanted !== chainId) {
            chainId = wanted;
            emit('chainChanged', hex(chainId));
          }
          return null;
        }
        case 'wallet_addEthereumChain':
          return null;
        case 'wallet_requestPermissions':
          authorized = true;
          return [{ parentCapability: 'eth_accounts' }];
        case 'wallet_getPermissions':
          return authorized ? [{ parentCapability: 'eth_accounts' }] : [];
        case 'wallet_revokePermissions':
          authorized = false;
          return null;
        case 'eth_sendTransaction': {
          const [tx] = params as [Record<string, unknown>];
          return forward(method, [{ ...tx, from: opts.address }]);
        }
        default:
          return forward(method, params);
      }
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    rejectNext() {
      rejectNext = true;
    },
  };
}
