import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { buildOpenApi } from '../shared/openapi';

/**
 * Writes the OpenAPI document of the compiled application, built on an empty
 * temporary data directory without listening, so the web app's typed client is
 * generated from exactly what the service serves. Also writes the GET paths that
 * accept `validAt`, so the app sends it only where the API knows it.
 *
 * Usage: node dist/src/web/openapi-file.js <openapi.json> <valid-at-paths.json>
 */
async function main(documentFile: string, validAtFile: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-openapi-'));
  try {
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), { logger: false });
    const document = buildOpenApi(app);
    await app.close();
    writeFileSync(documentFile, `${JSON.stringify(document, null, 2)}\n`);
    const acceptsValidAt = Object.entries(document.paths)
      .filter(([, item]) => item.get?.parameters?.some((p) => 'name' in p && p.name === 'validAt' && p.in === 'query'))
      .map(([path]) => path);
    writeFileSync(validAtFile, `${JSON.stringify(acceptsValidAt)}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const [documentFile, validAtFile] = process.argv.slice(2);
if (!documentFile || !validAtFile) {
  console.error('usage: openapi-file <openapi.json> <valid-at-paths.json>');
  process.exit(2);
}
main(documentFile, validAtFile).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
