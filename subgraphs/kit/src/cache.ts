import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';
import { createClient } from 'redis';
import { logger } from './logger';

/*
 * The hub's caches (persisted queries, responses at the gateway, source reads in the tutelle subgraphs): in
 * memory by default, Redis by configuration (`HUB_REDIS_URL`). A Redis that is down, or that hangs, makes
 * every lookup a miss and every write a no-op, never an error: answers stay correct, only slower.
 */

/**
 * A Redis command that has not answered in this time is given up (a miss costs less than a wait), and Redis
 * is left alone for a while: a Redis that hangs costs one timeout per pause, not one per lookup.
 */
const REDIS_COMMAND_TIMEOUT_MS = 500;
const PAUSE_AFTER_TIMEOUT_MS = 5_000;

/** node-redis as Apollo's KeyValueCache: strings under a prefix, TTLs in seconds; failures are misses. */
class RedisKeyValueCache implements KeyValueCache<string> {
  private pausedUntil = 0;

  constructor(
    private readonly client: ReturnType<typeof createClient>,
    private readonly prefix: string,
  ) {}

  private async bounded<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    if (!this.client.isReady || Date.now() < this.pausedUntil) return fallback;
    let timer: NodeJS.Timeout | undefined;
    let answered = false;
    const answer = command()
      .catch(() => fallback)
      .finally(() => {
        answered = true;
      });
    const late = new Promise<T>((resolve) => {
      // Once more round the event loop before giving up: after a busy stretch (a workbook parsed), the
      // timer and the reply are due together, and the reply must win.
      timer = setTimeout(
        () =>
          setImmediate(() => {
            if (answered) return;
            this.pausedUntil = Date.now() + PAUSE_AFTER_TIMEOUT_MS;
            logger.warn({ timeoutMs: REDIS_COMMAND_TIMEOUT_MS }, 'Redis does not answer: caching paused');
            resolve(fallback);
          }),
        REDIS_COMMAND_TIMEOUT_MS,
      );
    });
    return Promise.race([answer, late]).finally(() => clearTimeout(timer));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.bounded(() => this.client.get(this.prefix + key), null)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl;
    await this.bounded(() => this.client.set(this.prefix + key, value, ttl ? { EX: ttl } : undefined), null);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.bounded(() => this.client.del(this.prefix + key), 0)) > 0;
  }

  /** Set `key` if absent (SET NX): true if this call set it, null when Redis cannot say. */
  async claim(key: string, ttlMs: number): Promise<boolean | null> {
    const set = () => this.client.set(this.prefix + key, '1', { NX: true, PX: ttlMs });
    const answer = await this.bounded(set, undefined);
    return answer === undefined ? null : answer === 'OK';
  }
}

/**
 * Keys taken once (a signature's nonce): in memory always, in Redis too when configured, so that every
 * replica refuses what one has seen; while Redis cannot say, memory decides.
 */
function onceClaims(redis: RedisKeyValueCache | null) {
  const seen = new LRUCache<string, true>({ max: 200_000, ttlAutopurge: false });
  return async (key: string, ttlMs: number): Promise<boolean> => {
    if (seen.has(key)) return false;
    seen.set(key, true, { ttl: ttlMs });
    return (await redis?.claim(`once:${key}`, ttlMs)) ?? true;
  };
}

export interface HubCache {
  cache: KeyValueCache<string>;
  /** True the first time `key` is claimed within `ttlMs`, false after: nonces of signed requests. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export function createCache(options: { redisUrl?: string; prefix: string }): HubCache {
  if (!options.redisUrl)
    return { cache: new InMemoryLRUCache<string>(), claimOnce: onceClaims(null), close: async () => {} };
  const url = new URL(options.redisUrl);
  const client = createClient({
    url: options.redisUrl,
    // Fail a command at once while Redis is away (a miss), rather than queue it until it comes back.
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(retries * 200, 5000) },
  });
  let warned = false;
  client.on('error', (error: Error) => {
    if (!warned)
      logger.warn(
        { redis: url.host, error: error.message },
        'Redis unavailable: caching off until it is back',
      );
    warned = true;
  });
  client.on('ready', () => {
    warned = false;
  });
  client.connect().catch(() => undefined);
  const cache = new RedisKeyValueCache(client, options.prefix);
  return {
    cache,
    claimOnce: onceClaims(cache),
    close: async () => {
      client.destroy();
    },
  };
}

/**
 * The value last parsed from each cached entry, with the text it came from: a hit whose text is the same
 * is not parsed again (a big answer, or a cost centre's whole inventory read for a count, costs its parse
 * on every hit otherwise). Values are shared between requests: read-only everywhere after the cache.
 */
export class ParsedTexts {
  private readonly parsed: LRUCache<string, { text: string; value: unknown }>;

  constructor(max: number) {
    this.parsed = new LRUCache({ max });
  }

  /** `text`, the cache's entry under `key`, as a value. */
  parse(key: string, text: string): unknown {
    const memo = this.parsed.get(key);
    if (memo?.text === text) return memo.value;
    const value = JSON.parse(text) as unknown;
    this.parsed.set(key, { text, value });
    return value;
  }

  /** A value just serialised into the cache as `text`: its next hit needs no parse. */
  remember(key: string, text: string, value: unknown): void {
    this.parsed.set(key, { text, value });
  }
}
