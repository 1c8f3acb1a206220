import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { renderDossier } from '../../../src/dossier/render/render-dossier';
import type { Language } from '../../../src/dossier/dossier.model';
import { manifestOf, sampleDossierModel } from '../../fixtures/dossier-model';

const render = (language: Language) => {
  const model = sampleDossierModel();
  return renderDossier(model, manifestOf(model, language), language);
};
const digest = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

/**
 * A fresh Node process, in another time zone and later in time, compiling the
 * same sources with SWC on the fly: what a second server or the CLI would do.
 */
const CHILD = `
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  module._compile(swc.transformSync(readFileSync(filename, 'utf8'), options).code, filename);
};
const { renderDossier } = require('./src/dossier/render/render-dossier.ts');
const { manifestOf, sampleDossierModel } = require('./test/fixtures/dossier-model.ts');
const language = process.argv[1];
const model = sampleDossierModel();
renderDossier(model, manifestOf(model, language), language).then((pdf) => process.stdout.write(pdf.toString('base64')));
`;

describe('the dossier is byte-identical for the same inputs', () => {
  it('when rendered twice in one process', async () => {
    expect(digest(await render('fr'))).toBe(digest(await render('fr')));
  });

  it('whatever the clock says', async () => {
    const first = await render('en');
    jest.useFakeTimers({ now: new Date('2031-02-03T04:05:06Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
    try {
      expect(new Date().getUTCFullYear()).toBe(2031);
      expect(digest(await render('en'))).toBe(digest(first));
    } finally {
      jest.useRealTimers();
    }
  });

  it('in another process, time zone and locale', async () => {
    const root = resolve(__dirname, '../../..');
    for (const language of ['fr', 'en'] as const) {
      const output = execFileSync(process.execPath, ['-e', CHILD, language], {
        cwd: root,
        env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(digest(Buffer.from(output.toString(), 'base64'))).toBe(digest(await render(language)));
    }
  });

  it('and differs between the languages, which share no file identifier', async () => {
    const [fr, en] = [await render('fr'), await render('en')];
    expect(digest(fr)).not.toBe(digest(en));
    const idOf = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    expect(idOf(fr)).not.toBe(idOf(en));
  });
});
