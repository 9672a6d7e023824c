import type { HealthReport } from '@hub/service-kit';

/**
 * What `hub start` says once every service listens: "up" only when the gateway's /health finds every
 * subgraph and source up; otherwise which are down (and why) and which are degraded, so that an operator
 * does not take a hub that answers half its graph for a working one.
 */
export async function startupSummary(gatewayUrl: string): Promise<{ ok: boolean; text: string }> {
  const health = (await (
    await fetch(gatewayUrl.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(30_000) })
  ).json()) as HealthReport;
  const down = health.sources.filter((s) => !s.up);
  const degraded = health.sources.filter((s) => s.up && s.degraded);
  if (down.length === 0 && degraded.length === 0) return { ok: true, text: 'The hub is up' };
  const lines = [
    ...down.map((s) => `  down: ${s.source}: ${s.error ?? 'no answer'}`),
    ...degraded.map((s) => `  degraded: ${s.source}: ${s.error ?? ''}`),
  ];
  return {
    ok: false,
    text: `The hub answers, but not all of it: ${down.length} source(s) down, ${degraded.length} degraded\n${lines.join('\n')}`,
  };
}
