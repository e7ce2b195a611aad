/** Top-level keys whose value differs from the initial one: the body of a partial PATCH (sub-lists are sent whole). */
export function changedKeys(
  current: Record<string, unknown>,
  initial: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current)) {
    if (JSON.stringify(v) !== JSON.stringify(initial[k])) out[k] = v;
  }
  return out;
}
