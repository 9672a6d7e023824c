import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import {
  type AnswerShortcut,
  answerBytes,
  answerSlotOf,
  answerWith,
  type Caller,
  cacheLookups,
  createCache,
  prepareAnswer,
  type ShortAnswer,
} from '@hub/service-kit';
import { LRUCache } from 'lru-cache';
import type { Registry } from 'prom-client';
import type { GatewayPlugin } from './plugin';

/*
 * Whole answers kept at the gateway for a while: the portal asks the same few queries all day, and each
 * costs five subgraphs and four tutelles' sources. An answer is what its operation, its variables and the
 * caller's scope make it, so the key is those three: a platform manager's answer (names of their staff) is
 * never served to the public, nor to another platform's manager.
 */

export interface ResponseCacheOptions {
  /** How long an answer is served from the cache. */
  ttlSeconds: number;
  /** Redis, shared by every gateway replica; in memory when not given. Redis down: every lookup a miss. */
  redisUrl?: string;
  /** Where the hit and miss counters go (`hub_cache_lookups_total{cache="response"}`). */
  metrics?: Registry;
  /** Hits answered before Apollo Server's pipeline (`AnswerShortcut`); on by default. */
  shortcut?: boolean;
}

/** The response header that says whether the answer came from the cache: `hit` or `miss`. */
export const CACHE_STATUS_HEADER = 'x-hub-cache';

/**
 * What makes two callers' answers the same: their roles and their platforms. No token: `public`. JSON, so
 * that no claim's characters (a platform code holding `+`) can make two scopes one.
 */
export function cacheScope(caller: Caller): string {
  return JSON.stringify([[...caller.roles].sort(), [...caller.platforms].sort()]);
}

function cacheKey(request: GraphQLRequestContext<{ caller: Caller }>): string {
  const { queryHash, operationName, request: http, contextValue } = request;
  const parts = [queryHash, operationName ?? '', http.variables ?? {}, cacheScope(contextValue.caller)];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A kept answer's bytes, by key, with the text they were made from (the store holds text: Redis does). */
class AnswerBytes {
  private readonly kept = new LRUCache<string, { text: string; bytes: Buffer }>({ max: 1000 });

  /** `text`, the store's entry under `key`, as bytes: converted once while the entry is the same. */
  of(key: string, text: string): Buffer {
    const memo = this.kept.get(key);
    if (memo?.text === text) return memo.bytes;
    const bytes = Buffer.from(text, 'utf8');
    this.kept.set(key, { text, bytes });
    return bytes;
  }

  /** Bytes just sent and stored as `text`: their next hit converts nothing. */
  remember(key: string, text: string, bytes: Buffer): void {
    this.kept.set(key, { text, bytes });
  }
}

/** The store's key and the operation's name the pipeline gave a request, by the request's shortcut key. */
interface Learnt {
  storeKey: string;
  operationName: string | null;
}

const HIT_HEADERS = Object.freeze({ [CACHE_STATUS_HEADER]: 'hit' });

/**
 * Hits sent before Apollo Server's pipeline. A request's shortcut key is its body as sent (text or persisted
 * id, operation name, variables) and its caller's scope: the pipeline's own key is made after parsing (the
 * document's hash, the operation it resolved), so each shortcut key learns its store key from an answer the
 * pipeline gave, kept or served from the cache. The store stays the one authority: a hit reads it as the
 * pipeline does, so an entry gone (expired, evicted, Redis flushed) is a miss here too.
 */
class Shortcuts implements AnswerShortcut {
  private readonly learnt: LRUCache<string, Learnt>;

  constructor(
    ttlSeconds: number,
    private readonly store: KeyValueCache<string>,
    private readonly kept: AnswerBytes,
    private readonly hit: () => void,
  ) {
    this.learnt = new LRUCache<string, Learnt>({ max: 10_000, ttl: ttlSeconds * 1000 });
  }

  keyOf(body: unknown, caller: Caller): string | null {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
    const { query, documentId, operationName, variables, extensions } = body as Record<string, unknown>;
    const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
      ?.persistedQuery;
    const sent = [query, documentId, persisted?.sha256Hash, operationName, variables, cacheScope(caller)];
    return createHash('sha256').update(JSON.stringify(sent)).digest('hex');
  }

  async answerOf(key: string): Promise<ShortAnswer | undefined> {
    const learnt = this.learnt.get(key);
    if (!learnt) return undefined;
    const text = await this.store.get(learnt.storeKey);
    if (text === undefined) return undefined;
    this.hit();
    const bytes = this.kept.of(learnt.storeKey, text);
    return { bytes, headers: HIT_HEADERS, operationName: learnt.operationName };
  }

  learn(key: string | null, learnt: Learnt): void {
    if (key !== null) this.learnt.set(key, learnt);
  }
}

/**
 * Queries only (a mutation is never answered from a cache), answers without errors only (a source down is
 * not remembered for a TTL). An answer is kept as the exact text sent on its miss (`data` and `extensions`,
 * newline included) and a hit sends the same bytes with the same headers, made once: nothing serialised,
 * converted or hashed again per hit. Every lookup is counted, hit or miss. A miss while the same answer is
 * being computed for another request waits for it instead of computing it again: when a TTL ends under
 * load, one request recomputes an answer, not every request that came meanwhile.
 */
export function useResponseCache(options: ResponseCacheOptions): GatewayPlugin {
  const store = createCache({
    // Entries are the bytes sent, newline and extensions included: not what `responses:` held before.
    prefix: 'hub:gateway:answers:',
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  const cache: KeyValueCache<string> = store.cache;
  const lookups = options.metrics ? cacheLookups(options.metrics) : null;
  /** Answers being computed, by key: their text once done, null if they are not to be kept. */
  const computing = new Map<string, Promise<string | null>>();
  const kept = new AnswerBytes();
  const hit = () => lookups?.inc({ cache: 'response', outcome: 'hit' });
  const shortcuts = options.shortcut === false ? null : new Shortcuts(options.ttlSeconds, cache, kept, hit);
  const plugin: ApolloServerPlugin<{ caller: Caller }> = {
    async requestDidStart() {
      let key: string | null = null;
      let hit = false;
      let computed: ((text: string | null) => void) | null = null;
      return {
        async responseForOperation(request) {
          if (request.operation.operation !== 'query') return null;
          key = cacheKey(request);
          let cached = await cache.get(key);
          const other = cached === undefined ? computing.get(key) : undefined;
          if (other) cached = (await other) ?? undefined;
          hit = cached !== undefined;
          lookups?.inc({ cache: 'response', outcome: hit ? 'hit' : 'miss' });
          if (cached !== undefined) {
            const slot = answerSlotOf(request.contextValue);
            // Over HTTP the bytes are the answer; `executeOperation` (no slot) gets the value.
            const singleResult = slot ? { data: answerWith(slot, kept.of(key, cached)) } : JSON.parse(cached);
            return { http: request.response.http, body: { kind: 'single', singleResult } };
          }
          if (!other) {
            const mine = key;
            computing.set(
              mine,
              new Promise((resolve) => {
                computed = (text) => {
                  computing.delete(mine);
                  resolve(text);
                };
              }),
            );
          }
          return null;
        },
        async willSendResponse({ response, contextValue, operationName }) {
          if (key === null) return;
          response.http.headers.set(CACHE_STATUS_HEADER, hit ? 'hit' : 'miss');
          const learnt = { storeKey: key, operationName: operationName ?? null };
          if (hit) return shortcuts?.learn(answerSlotOf(contextValue)?.shortcutKey ?? null, learnt);
          const single = response.body.kind === 'single' ? response.body.singleResult : null;
          const keep = single?.data && !single.errors?.length ? single : null;
          const bytes = keep ? (prepareAnswer(contextValue, keep) ?? answerBytes(keep)) : null;
          const text = bytes?.toString('utf8') ?? null;
          computed?.(text);
          if (bytes === null || text === null) return;
          kept.remember(key, text, bytes);
          shortcuts?.learn(answerSlotOf(contextValue)?.shortcutKey ?? null, learnt);
          // Not awaited: the caller need not wait for Redis to have stored it.
          void cache.set(key, text, { ttl: options.ttlSeconds });
        },
      };
    },
  };
  return {
    name: 'response-cache',
    apollo: plugin,
    ...(shortcuts ? { shortcut: shortcuts } : {}),
    close: () => store.close(),
  };
}
