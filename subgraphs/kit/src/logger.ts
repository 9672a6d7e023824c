import pino from 'pino';
import { serviceSettings } from './settings';

/** Structured JSON logs; `LOG_LEVEL` sets the level (silent in tests). */
export const logger = pino({
  level: serviceSettings().logLevel,
  base: { service: 'hub' },
});
export type Logger = typeof logger;
