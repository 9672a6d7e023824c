import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectChru } from '@hub/connector-chru';
import { startGmaoStandIn } from '@hub/connector-chru/testing';
import { CnrsConnector, cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { connectInrae } from '@hub/connector-inrae';
import { UlConnector, ulSqliteDatabase } from '@hub/connector-ul';
import { hubIdOf, Tutelle } from '@hub/schema';
import type { InventoryRecordData, TutelleConnector } from '@hub/source-kit';
import { GMAO_ITEMS_FILE } from '../demo';
import type { SiteTotals, TruthInstrument } from '../demo/types';

/*
 * A written demo site (`writeDemo`) read as the sync reads it, straight through the four connectors, with
 * its truth as hub record ids: what the matcher's benchmark and ground-truth test measure against.
 */

export interface DemoTruth {
  /** Hub record id → the instrument it records (records of no instrument are absent: off-platform). */
  instrumentOf: Map<string, string>;
  instruments: TruthInstrument[];
  totals: SiteTotals;
}

/** The truth's record keys as hub ids ('UL:000020004512', 'CNRS:345'...). */
export function truthRecordIds(instrument: TruthInstrument): string[] {
  const { UL, CNRS, INRAE, CHRU } = instrument.records;
  return [
    UL && hubIdOf(Tutelle.UL, UL.num_immo),
    CNRS && hubIdOf(Tutelle.CNRS, String(CNRS.id)),
    INRAE && hubIdOf(Tutelle.INRAE, INRAE['N° inventaire']),
    CHRU && hubIdOf(Tutelle.CHRU, CHRU.id),
  ].filter((id): id is string => id != null);
}

export function readDemoTruth(dir: string): DemoTruth {
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as {
    totals: SiteTotals;
    instruments: TruthInstrument[];
  };
  const instrumentOf = new Map<string, string>();
  for (const instrument of truth.instruments)
    for (const id of truthRecordIds(instrument)) instrumentOf.set(id, instrument.id);
  return { instrumentOf, instruments: truth.instruments, totals: truth.totals };
}

/** Every record of every tutelle of a written demo, read page by page through its connector. */
export async function readDemoRecords(dir: string, asOf: string): Promise<InventoryRecordData[]> {
  const items = JSON.parse(readFileSync(path.join(dir, 'chru', GMAO_ITEMS_FILE), 'utf8'));
  const gmao = await startGmaoStandIn({ items, token: 'bench', rateLimitPerSecond: 1000 });
  const connectors: TutelleConnector[] = [
    await UlConnector.connect({ database: ulSqliteDatabase(path.join(dir, 'ul')), asOf: () => asOf }),
    await CnrsConnector.connect({ database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) }),
    connectInrae({ folder: path.join(dir, 'inrae') }),
    connectChru({
      gmao: { baseUrl: gmao.url, token: 'bench', maxRequestsPerSecond: 1000 },
      exportsFolder: path.join(dir, 'chru'),
    }),
  ];
  try {
    const records: InventoryRecordData[] = [];
    for (const connector of connectors)
      for await (const page of connector.readInventory({ pageSize: 2000 })) records.push(...page.records);
    return records;
  } finally {
    for (const connector of connectors) await connector.close();
    await gmao.close();
  }
}
