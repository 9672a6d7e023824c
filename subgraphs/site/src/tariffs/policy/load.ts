import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml, YamlFileError } from '../../yaml-file';
import { type TariffPolicy, tariffPolicySchema } from './schema';

/** The committed default policy. */
export const DEFAULT_TARIFF_POLICY_PATH = path.join(__dirname, 'default-policy.yaml');

export class TariffPolicyError extends YamlFileError {
  override name = 'TariffPolicyError';
}

/** Parse and validate a policy's text; a TariffPolicyError lists every problem with its path and line. */
export function parseTariffPolicy(source: string, file = 'tariff-policy.yaml'): TariffPolicy {
  const parsed = parseYaml(source, tariffPolicySchema);
  if ('problems' in parsed) throw new TariffPolicyError(file, parsed.problems);
  return parsed.data;
}

export function readTariffPolicy(file = DEFAULT_TARIFF_POLICY_PATH): TariffPolicy {
  return parseTariffPolicy(readFileSync(file, 'utf8'), file);
}
