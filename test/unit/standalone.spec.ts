import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const self = relative(root, __filename);

/** The repository's own files, as a clone has them. */
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && file !== self && /\.(ts|js|cjs|mjs|json|md|yml|yaml|sh)$|^\.ci\/|Dockerfile$/.test(file) && file !== 'package-lock.json');

describe('a clone that stands alone', () => {
  it('has files to check', () => {
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked).toContain('docs/architecture.md');
  });

  it('reads and cites no file outside the repository', () => {
    const outside: string[] = [];
    for (const file of tracked) {
      const text = readFileSync(resolve(root, file), 'utf8');
      for (const match of text.matchAll(/['"`(]((?:\.\.\/)+)[^'"`)\s]*/g)) {
        const target = resolve(root, dirname(file), match[1]);
        if (relative(root, target).startsWith('..')) outside.push(`${file}: ${match[0]}`);
      }
      for (const name of [/\bDESIGN\.md\b/, /(?<![\w-])API\.md\b/, /\/work\//]) {
        if (name.test(text)) outside.push(`${file}: ${name.source}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
