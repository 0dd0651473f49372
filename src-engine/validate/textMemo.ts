/**
 * memoByText remembers a pure function of a string: results by text, bounded (emptied when
 * full). Manifests repeat the same few schedules, zones and quantities in every document, and
 * reading one is costly next to a lookup; the results must be immutable, since the same one is
 * handed out again. For the figures "lint a 1,000-document file" (bench/lint.mjs) and "open →
 * diagnostics" (bench/lsp.mjs).
 */
export function memoByText<T>(read: (text: string) => T, limit = 2048): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (memo.has(text)) return memo.get(text) as T;
    if (memo.size >= limit) memo.clear();
    const result = read(text);
    memo.set(text, result);
    return result;
  };
}
