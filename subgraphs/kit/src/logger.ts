import pino from 'pino';

/** Structured JSON logs; `LOG_LEVEL` sets the level (silent in tests). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'hub' },
});
export type Logger = typeof logger;
