import { type Environment, Settings } from '@hub/source-kit';

/*
 * What every service process reads for itself, whichever service it is (the gateway, the site, a tutelle's
 * subgraph): read here, typed, through the one `Settings` reader, from the process's environment unless
 * another is given (tests). The hub's other settings are `ops/src/config.ts`'s. Nothing is refused here:
 * each value is checked where it is used (a missing key only matters in production, to whoever signs).
 */
export interface ServiceSettings {
  /** `NODE_ENV=production`: no development keys, operators' details behind a token. */
  production: boolean;
  /** `LOG_LEVEL`; silent under `NODE_ENV=test`, else `info`. */
  logLevel: string;
  /** `HUB_METRICS_TOKEN`: the operators' bearer token for /metrics and the sources on /health. */
  metricsToken: string | undefined;
  /** How bearer tokens are checked: the hub's own key, or the site's identity provider (`HUB_JWKS_URL`). */
  jwt: {
    secret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    rolesClaim: string;
  };
  /** `HUB_GATEWAY_SECRET`: the key the gateway and the subgraphs sign requests with. */
  gatewaySecret: string | undefined;
  /**
   * `HUB_SUBGRAPH_READ_TIMEOUT_MS`: how long one attempt of a service's read of another subgraph (the site's
   * of the tutelles') may take; 30 s by default, a whole inventory page from a cold replica.
   */
  subgraphReadTimeoutMs: number;
  /** Where spans go over OTLP/HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT` or `..._TRACES_ENDPOINT`); none: no tracing. */
  otlpEndpoint: string | undefined;
}

export function serviceSettings(env: Environment = process.env): ServiceSettings {
  const settings = new Settings(env);
  const nodeEnv = settings.text('NODE_ENV');
  return {
    production: nodeEnv === 'production',
    logLevel: settings.text('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    metricsToken: settings.text('HUB_METRICS_TOKEN'),
    jwt: {
      secret: settings.text('HUB_JWT_SECRET'),
      jwksUrl: settings.text('HUB_JWKS_URL'),
      issuer: settings.text('HUB_JWT_ISSUER'),
      audience: settings.text('HUB_JWT_AUDIENCE'),
      rolesClaim: settings.text('HUB_JWT_ROLES_CLAIM') ?? 'roles',
    },
    gatewaySecret: settings.text('HUB_GATEWAY_SECRET'),
    subgraphReadTimeoutMs: settings.amount('HUB_SUBGRAPH_READ_TIMEOUT_MS', 'milliseconds', 30_000),
    otlpEndpoint:
      settings.text('OTEL_EXPORTER_OTLP_ENDPOINT') ?? settings.text('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
  };
}
