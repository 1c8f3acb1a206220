import { dirname, join } from 'node:path';
import type { Layout } from '../../../templates/template';

export interface FontFiles {
  regular: string;
  bold: string;
  mono: string;
}

/**
 * Font files come from the `dejavu-fonts-ttf` package, found through the
 * module resolver rather than a path relative to this file, so they are found
 * from the sources (ts-node, jest) and from `dist/` alike. DejaVu covers
 * French (accents, ligatures, guillemets, narrow no-break space) and its
 * licence allows embedding, which PDF/A requires.
 */
export function fontFiles(fonts: Layout['fonts']): FontFiles {
  const ttfDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return {
    regular: join(ttfDir, `${fonts.regular}.ttf`),
    bold: join(ttfDir, `${fonts.bold}.ttf`),
    mono: join(ttfDir, `${fonts.mono}.ttf`),
  };
}
