import { ErrorsAreMissesCache, InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createClient } from 'redis';
import { logger } from './logger';

/*
 * The hub's caches (persisted queries today): in memory by default, Redis by configuration (`HUB_REDIS_URL`).
 * A Redis that is down or slow makes every lookup a miss, never an error: answers stay correct, only slower.
 */

/** node-redis as Apollo's KeyValueCache: strings under a prefix, TTLs in seconds. */
class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly client: ReturnType<typeof createClient>,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl;
    await this.client.set(this.prefix + key, value, ttl ? { EX: ttl } : undefined);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.prefix + key)) > 0;
  }
}

export interface HubCache {
  cache: KeyValueCache<string>;
  close(): Promise<void>;
}

export function createCache(options: { redisUrl?: string; prefix: string }): HubCache {
  if (!options.redisUrl) return { cache: new InMemoryLRUCache<string>(), close: async () => {} };
  const client = createClient({
    url: options.redisUrl,
    // Fail a command at once while Redis is away (a miss), rather than queue it until it comes back.
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(retries * 200, 5000) },
  });
  let warned = false;
  client.on('error', (error: Error) => {
    if (!warned) logger.warn({ error: error.message }, 'Redis unavailable: caching off until it is back');
    warned = true;
  });
  client.on('ready', () => {
    warned = false;
  });
  client.connect().catch(() => undefined);
  return {
    cache: new ErrorsAreMissesCache(new RedisKeyValueCache(client, options.prefix)),
    close: async () => {
      client.destroy();
    },
  };
}
