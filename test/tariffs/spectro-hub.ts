import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { ulSqliteDatabase } from '@hub/connector-ul';
import { writeCnrsSqlite, writeUlSqlite } from '@hub/ops';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';
import { SPECTRO_CNRS, SPECTRO_REGISTRY, SPECTRO_UL } from './spectro-fixture';

type HubOptions = Parameters<typeof startSubgraphsAndGateway>[0];

/**
 * The hub over the SPECTRO platform (./spectro-fixture.ts): UL's and CNRS's replicas and the registry in a
 * temporary folder, the test policy (./test-policy.yaml). Always `close()`.
 */
export async function startSpectroHub(
  options: Partial<Omit<HubOptions, 'registryFile' | 'ul' | 'cnrs'>> = {},
): Promise<{ hub: Hub; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-tariffs-'));
  writeUlSqlite(SPECTRO_UL, path.join(dir, 'ul'));
  writeCnrsSqlite(SPECTRO_CNRS, path.join(dir, 'cnrs'));
  writeFileSync(path.join(dir, 'registry.yaml'), SPECTRO_REGISTRY);
  const close = () => rmSync(dir, { recursive: true, force: true });
  try {
    const hub = await startSubgraphsAndGateway({
      registryFile: path.join(dir, 'registry.yaml'),
      ul: { database: ulSqliteDatabase(path.join(dir, 'ul')) },
      cnrs: { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) },
      tariffPolicy: path.join(__dirname, 'test-policy.yaml'),
      ...options,
    });
    return {
      hub,
      dir,
      close: async () => {
        await hub.close();
        close();
      },
    };
  } catch (error) {
    close();
    throw error;
  }
}
