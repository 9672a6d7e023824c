import { loadConfig } from './config';

describe('cache settings', () => {
  it('defaults to a 30 s response cache and per-tutelle read caches, each settable, 0 for off', () => {
    expect(loadConfig({})).toMatchObject({
      responseCacheTtlSeconds: 30,
      readCacheTtlSeconds: { ul: 60, cnrs: 60, inrae: 0, chru: 0 },
    });
    const set = loadConfig({ HUB_RESPONSE_CACHE_TTL_S: '0', HUB_CHRU_READ_CACHE_TTL_S: '15' });
    expect(set.responseCacheTtlSeconds).toBe(0);
    expect(set.readCacheTtlSeconds.chru).toBe(15);
  });

  it('refuses a TTL that is not a number of seconds, naming the variable', () => {
    expect(() => loadConfig({ HUB_UL_READ_CACHE_TTL_S: 'soon' })).toThrow(/HUB_UL_READ_CACHE_TTL_S/);
  });
});
