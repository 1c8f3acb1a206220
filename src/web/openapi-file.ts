import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { buildOpenApi } from '../shared/openapi';

/**
 * Writes the OpenAPI document of the compiled application, built on an empty
 * temporary data directory without listening, so the web app's typed client is
 * generated from exactly what the service serves: its query parameters and
 * answers are typed from this document, so the app cannot send a parameter a
 * route lacks (such as `validAt` where only business-dated routes take it).
 *
 * Usage: node dist/src/web/openapi-file.js <openapi.json>
 */
async function main(documentFile: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confiance-openapi-'));
  try {
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), { logger: false });
    const document = buildOpenApi(app);
    await app.close();
    writeFileSync(documentFile, `${JSON.stringify(document, null, 2)}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const [documentFile] = process.argv.slice(2);
if (!documentFile) {
  console.error('usage: openapi-file <openapi.json>');
  process.exit(2);
}
main(documentFile).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
