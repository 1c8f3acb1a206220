import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

interface LockedPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

/** Every locked package that states which Node versions it runs on. */
const locked = Object.entries(lock.packages).flatMap(([path, pkg]) => {
  const node = !Array.isArray(pkg.engines) ? pkg.engines?.node : undefined;
  return path !== '' && node ? [{ name: `${path.replace(/^.*node_modules\//, '')}@${pkg.version}`, node }] : [];
});
const refusing = (version: string) => locked.filter((pkg) => !semver.satisfies(version, pkg.node)).map((pkg) => `${pkg.name} needs ${pkg.node}`);

describe('engines', () => {
  it('locks only packages that run on the Node version running the tests (npm install warns EBADENGINE otherwise)', () => {
    expect(locked.length).toBeGreaterThan(50);
    expect(refusing(process.version)).toEqual([]);
  });

  it("states in package.json no Node version older than a locked package's engines admit", () => {
    const lowest = manifest.engines.node.split('||').map((range) => semver.minVersion(range.trim())?.version);
    expect(lowest.length).toBeGreaterThan(1);
    for (const version of lowest) expect({ version, refusedBy: refusing(String(version)) }).toEqual({ version, refusedBy: [] });
  });

  it('admits the Node version the tests run on', () => {
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });
});
