import { LRUCache } from 'lru-cache';

/*
 * What requests derive from a snapshot (the registry's, the site-wide inventory's) and would each compute
 * again: kept beside that snapshot, by key, and dropped with it once a newer snapshot replaces it. Values
 * are shared between requests: read-only.
 */
export function perSnapshot<V extends {}>(
  max: number,
): (snapshot: object, key: string, compute: () => V) => V {
  const memos = new WeakMap<object, LRUCache<string, V>>();
  return (snapshot, key, compute) => {
    let memo = memos.get(snapshot);
    if (!memo) {
      memo = new LRUCache({ max });
      memos.set(snapshot, memo);
    }
    let value = memo.get(key);
    if (value === undefined) {
      value = compute();
      memo.set(key, value);
    }
    return value;
  };
}
