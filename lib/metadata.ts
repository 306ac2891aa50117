/**
 * Inline JSON metadata (`data:application/json[;base64],…`), as sequencers and Commons groups
 * store it on chain: only the string fields a reader knows are kept, trimmed and cut to 200
 * characters; other URIs (ipfs://, https://) yield no fields, since the app fetches nothing.
 */
export function parseJsonMetadata<K extends string>(uri: string, keys: readonly K[]): Partial<Record<K, string>> {
  const match = /^data:application\/json(;base64)?,(.*)$/s.exec(uri);
  if (!match) return {};
  try {
    const text = match[1] ? new TextDecoder().decode(Uint8Array.from(atob(match[2]), (c) => c.charCodeAt(0))) : decodeURIComponent(match[2]);
    const data = JSON.parse(text) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);
    return Object.fromEntries(keys.map((k) => [k, str(data[k])])) as Partial<Record<K, string>>;
  } catch {
    return {};
  }
}

/**
 * Encodes metadata as `parseJsonMetadata` reads it: inline base64 JSON with the fields in the
 * order of `keys` (so the same fields always give the same URI), blank ones left out. Works in
 * browsers and in Node.
 */
export function encodeJsonMetadata<K extends string>(meta: Partial<Record<K, string>>, keys: readonly K[]): string {
  const fields: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = meta[key]?.trim();
    if (value) fields[key] = value;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(fields));
  return `data:application/json;base64,${btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))}`;
}
