import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ExpenseNature } from '@hub/schema';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { type Environment, Settings } from './settings';

/*
 * One chart of accounts for every tutelle that books expenses on accounts (UL's SIFAC, the CHRU's M21
 * exports): an account's nature is the one of its longest listed prefix. Kept in one file, not in each
 * connector, so that the same account is never consumables for one tutelle and out of every price for
 * another. An account no prefix matches is unmapped (`natureOf` answers null): connectors book it OTHER,
 * and the tariff cost base lists it by name so that nobody loses it unseen.
 */

export const DEFAULT_CHART_OF_ACCOUNTS = path.join(__dirname, 'chart-of-accounts.yaml');

/** A chart file refused: each problem with its line. */
export class ChartOfAccountsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

const NATURES = new Set<string>(Object.values(ExpenseNature));

export class ChartOfAccounts {
  /** Longest prefix first. */
  private readonly prefixes: ReadonlyArray<[prefix: string, nature: ExpenseNature]>;

  constructor(
    prefixes: ReadonlyMap<string, ExpenseNature>,
    /** Where it was read from, for messages. */
    readonly file: string,
  ) {
    this.prefixes = [...prefixes].sort(([a], [b]) => b.length - a.length);
  }

  /** The nature of an account; null where the chart does not know it. */
  natureOf(account: string): ExpenseNature | null {
    return this.prefixes.find(([prefix]) => account.startsWith(prefix))?.[1] ?? null;
  }

  static parse(source: string, file: string): ChartOfAccounts {
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines });
    const lineOf = (offset: number | undefined) => (offset == null ? '?' : lines.linePos(offset).line);
    const problems = doc.errors.map((e) => `line ${lineOf(e.pos[0])}: ${e.message}`);
    const accounts = isMap(doc.contents) ? doc.contents.get('accounts', true) : undefined;
    if (problems.length === 0 && !isMap(accounts)) problems.push('line 1: expected a map `accounts:`');
    const prefixes = new Map<string, ExpenseNature>();
    for (const pair of isMap(accounts) ? accounts.items : []) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = isScalar(pair.value) ? String(pair.value.value) : '';
      const line = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      if (!/^\d{1,10}$/.test(key)) problems.push(`line ${line}: "${key}" is not an account prefix (digits)`);
      else if (!NATURES.has(value)) {
        problems.push(`line ${line}: "${key}": ${value} is not one of ${[...NATURES].join(', ')}`);
      } else prefixes.set(key, value as ExpenseNature);
    }
    if (problems.length > 0) throw new ChartOfAccountsError(file, problems);
    return new ChartOfAccounts(prefixes, file);
  }

  static load(file: string): ChartOfAccounts {
    return ChartOfAccounts.parse(readFileSync(file, 'utf8'), file);
  }

  /** The file `HUB_CHART_OF_ACCOUNTS` names, else the site's default. */
  static fromEnv(env?: Environment): ChartOfAccounts {
    return ChartOfAccounts.load(new Settings(env).text('HUB_CHART_OF_ACCOUNTS') ?? DEFAULT_CHART_OF_ACCOUNTS);
  }
}

let loaded: ChartOfAccounts | undefined;

/** The process's chart (`HUB_CHART_OF_ACCOUNTS` or the default), read once. */
export function defaultChartOfAccounts(): ChartOfAccounts {
  loaded ??= ChartOfAccounts.fromEnv();
  return loaded;
}

/** An account's nature by the process's chart; OTHER where the chart does not know it (the cost base says so). */
export function natureOfAccount(account: string): ExpenseNature {
  return defaultChartOfAccounts().natureOf(account) ?? ExpenseNature.OTHER;
}
