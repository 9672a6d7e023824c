import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeChruSources } from '@hub/connector-chru/testing';
import { writeCnrsSqlite } from '@hub/connector-cnrs/testing';
import { writeInraeExtractions } from '@hub/connector-inrae/testing';
import { writeUlSqlite } from '@hub/connector-ul/testing';
import { Document, isScalar, isSeq, visit } from 'yaml';
import { countSite, type DemoCounts } from './counts';
import { DEFAULT_NOISE, type GenerateOptions, generateSite } from './generate';
import type { DemoSite } from './types';

/*
 * Writes a demo site where the hub reads it: each tutelle's sources in their embedded form (the writers of
 * each `@hub/connector-<t>/testing`), the registry as YAML, the ground truth as JSON.
 */

/**
 * The registry as docs/SOURCES.md shows it: small maps inline (`{ tutelle: UL, id: "00123456", share: 0.8 }`).
 */
export function registryYaml(site: DemoSite): string {
  // No anchors and aliases where two platforms share a list: each platform reads on its own.
  const doc = new Document({ platforms: site.registry.platforms }, { aliasDuplicateObjects: false });
  const scalars = (node: unknown) => isSeq(node) && node.items.every((item) => isScalar(item));
  visit(doc, {
    Map(_, node) {
      if (node.items.every(({ value }) => isScalar(value) || scalars(value))) node.flow = true;
    },
    Seq(_, node) {
      if (scalars(node)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The truth as JSON, one instrument a line: greppable, and diffs stay readable. */
function truthJson(site: DemoSite): string {
  const instruments = site.truth.instruments.map((i) => JSON.stringify(i)).join(',\n');
  return `{\n"totals": ${JSON.stringify(site.truth.totals)},\n"instruments": [\n${instruments}\n]}\n`;
}

/** Generates a site and writes it into `dir`: registry.yaml, ul/, cnrs/, inrae/, chru/, truth.json, manifest.json. */
export async function writeDemo(dir: string, options: GenerateOptions = {}): Promise<DemoCounts> {
  const site = generateSite(options);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'registry.yaml'), registryYaml(site));
  writeUlSqlite(site.ul, path.join(dir, 'ul'));
  writeCnrsSqlite(site.cnrs, path.join(dir, 'cnrs'));
  await writeInraeExtractions(site.inrae, path.join(dir, 'inrae'), site.asOf);
  await writeChruSources(site.chru, path.join(dir, 'chru'));
  writeFileSync(path.join(dir, 'truth.json'), truthJson(site));
  const counts = countSite(site);
  const manifest = {
    seed: site.seed,
    scale: site.scale,
    asOf: site.asOf,
    noise: options.noise ?? DEFAULT_NOISE,
    generatedAt: new Date().toISOString(),
    counts,
  };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return counts;
}
