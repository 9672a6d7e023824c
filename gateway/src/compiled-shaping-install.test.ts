import { readFileSync } from 'node:fs';
import path from 'node:path';

import operations = require('@apollo/federation-internals/dist/operations');
import resultShaping = require('@apollo/gateway/dist/resultShaping');

import { computeResponse, originals } from './compiled-shaping';
import {
  compiledShapingState,
  installCompiledShaping,
  SHAPING_WRITTEN_FOR,
} from './compiled-shaping-install';

/** The versions of a package the workspace's lockfile installs (its `packages:` entries). */
function lockedVersions(name: string): string[] {
  const lock = readFileSync(path.join(__dirname, '../../pnpm-lock.yaml'), 'utf8');
  const entries = lock.slice(lock.indexOf('\npackages:\n'), lock.indexOf('\nsnapshots:\n'));
  return [...entries.matchAll(new RegExp(`^  '${name}@([^']+)':$`, 'gm'))].map((m) => m[1]!);
}

describe('compiled shaping, installed', () => {
  afterAll(() => installCompiledShaping(true));

  it('has one copy of @apollo/federation-internals, the version compiled shaping was written for', () => {
    for (const [name, version] of Object.entries(SHAPING_WRITTEN_FOR))
      expect([name, lockedVersions(name)]).toEqual([name, [version]]);
  });

  it('is live once installed: its self-test answer went through the compiled steps', () => {
    expect(installCompiledShaping(true)).toEqual({ live: true, reason: null });
    expect(resultShaping.computeResponse).toBe(computeResponse);
  });

  it("switched off, puts @apollo/gateway's own functions back and says so", () => {
    expect(installCompiledShaping(false)).toEqual({
      live: false,
      reason: 'switched off (compiledShaping: false)',
    });
    expect(resultShaping.computeResponse).toBe(originals.computeResponse);
    expect(operations.operationFromDocument).toBe(originals.operationFromDocument);
    expect(compiledShapingState().live).toBe(false);
  });
});
