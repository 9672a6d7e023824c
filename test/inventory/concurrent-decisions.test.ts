import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { concurrentDecisionsScenario } from './concurrent-decisions';

describe('concurrent inventory decisions on SQLite', () => {
  concurrentDecisionsScenario(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-decisions-site-'));
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'site.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});
