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

/** The same for work that may fail: a computation that failed is forgotten, the next request tries again. */
export function perSnapshotAsync<V>(
  max: number,
): (snapshot: object, key: string, compute: () => Promise<V>) => Promise<V> {
  const memos = new WeakMap<object, LRUCache<string, Promise<V>>>();
  return (snapshot, key, compute) => {
    let memo = memos.get(snapshot);
    if (!memo) {
      memo = new LRUCache({ max });
      memos.set(snapshot, memo);
    }
    const cached = memo.get(key);
    if (cached) return cached;
    const value = compute();
    memo.set(key, value);
    value.catch(() => {
      if (memo.get(key) === value) memo.delete(key);
    });
    return value;
  };
}
