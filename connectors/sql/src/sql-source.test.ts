import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isTransientSqlError, SqlSource } from './sql-source';

/** Which SQL failures are worth another attempt: as the drivers really raise them. */
describe('transient SQL failures', () => {
  it('counts a refused connection as transient, a bad statement as final', async () => {
    const down = await SqlSource.connect('TEST/down', {
      kind: 'postgresql',
      url: 'postgresql://hub@127.0.0.1:1/none',
      timeoutMs: 500,
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-sql-'));
    const sqlite = await SqlSource.connect('TEST/sqlite', {
      kind: 'sqlite',
      schemas: { s: path.join(dir, 's.sqlite') },
    });
    try {
      const refused = await down.query('select 1').catch((error: Error) => error);
      expect(refused).toMatchObject({ name: 'SourceUnavailableError', source: 'TEST/down' });
      expect(isTransientSqlError((refused as Error).cause)).toBe(true);
      const bad = await sqlite.query('select * from s.missing').catch((error: Error) => error);
      expect(isTransientSqlError((bad as Error).cause)).toBe(false);
    } finally {
      await down.close();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
