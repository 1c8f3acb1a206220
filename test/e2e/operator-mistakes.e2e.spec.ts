import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/test-app';
import { startServerProcess } from '../support/server-process';

describe('operator mistakes: one server per DATA_DIR, no ledger, files written where they must not be', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'confiance-operator-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses a second server on the same DATA_DIR, naming the first one\'s pid; the CLI still works beside it; a dead server\'s lock is taken over', async () => {
    const dataDir = join(scratch, 'served');
    const first = await startServerProcess(dataDir);
    try {
      const second = await startServerProcess(dataDir).then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(second).toContain(`another Confiance server (pid ${first.child.pid}) is running on DATA_DIR ${dataDir}`);
      expect((await runCli(dataDir, ['token', 'create', '--role', 'auditor', '--subject', 'beside-the-server'])).code).toBe(0);
      expect(await runCli(dataDir, ['verify'])).toMatchObject({ code: 0, stdout: expect.stringContaining('OK 1 events') });
    } finally {
      await first.kill('SIGKILL');
    }
    expect(readFileSync(join(dataDir, 'server.lock'), 'utf8').trim()).toBe(String(first.child.pid));
    const next = await startServerProcess(dataDir);
    expect(readFileSync(join(dataDir, 'server.lock'), 'utf8').trim()).toBe(String(next.child.pid));
    await next.kill('SIGTERM');
    expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);
  });

  const reading: [string, string[]][] = [
    ['verify', ['verify']],
    ['export', ['export', '--out', 'OUT/ledger.jsonl']],
    ['backup', ['backup', '--out', 'OUT/backup.db']],
    ['replay', ['replay']],
    ['dossier', ['dossier', '--certification', 'scn-demo', '--out', 'OUT/dossier.pdf']],
    ['verify-dossier', ['verify-dossier', 'OUT/any.pdf']],
    ['token revoke', ['token', 'revoke', '0802ae90-b434-4425-8246-363c3c913ee1']],
  ];

  it.each(reading)('%s refuses a DATA_DIR that does not exist or holds no ledger, and creates nothing', async (_, args) => {
    const out = mkdtempSync(join(scratch, 'out-'));
    const withOut = args.map((arg) => arg.replace('OUT', out));
    const missing = join(scratch, 'mistyped-data-dir');
    const refused = await runCli(missing, withOut);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`DATA_DIR ${missing} does not exist: check DATA_DIR; nothing was created`);
    expect(existsSync(missing)).toBe(false);

    const empty = mkdtempSync(join(scratch, 'empty-'));
    const alsoRefused = await runCli(empty, withOut);
    expect(alsoRefused.code).toBe(1);
    expect(alsoRefused.stderr).toContain(`DATA_DIR ${empty} holds no ledger (no events.db)`);
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  describe('commands that write a file', () => {
    const dataDir = join(scratch, 'ledger');
    const out = join(scratch, 'written');
    beforeAll(async () => {
      mkdirSync(out);
      expect((await runCli(dataDir, ['token', 'create', '--role', 'admin', '--subject', 'operator'])).code).toBe(0);
    });
    const ledgerBytes = () => readFileSync(join(dataDir, 'events.db'));

    it('never writes over the ledger, even with --force', async () => {
      const before = ledgerBytes();
      for (const args of [
        ['export', '--out', join(dataDir, 'events.db')],
        ['export', '--out', join(dataDir, 'events.db'), '--force'],
        ['backup', '--out', join(dataDir, 'registry.db'), '--force'],
        ['export', '--out', join(dataDir, 'events.db-wal'), '--force'],
      ]) {
        const refused = await runCli(dataDir, args);
        expect({ args, code: refused.code, stderr: refused.stderr }).toEqual({ args, code: 1, stderr: expect.stringContaining('is part of the ledger in DATA_DIR') });
      }
      expect(ledgerBytes().equals(before)).toBe(true);
      expect((await runCli(dataDir, ['verify'])).code).toBe(0);
    });

    it('writes inside DATA_DIR only with --force', async () => {
      const inside = join(dataDir, 'ledger.jsonl');
      const refused = await runCli(dataDir, ['export', '--out', inside]);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`${inside} is inside DATA_DIR (${dataDir}), where the ledger lives: write the file elsewhere, or pass --force`) });
      expect(existsSync(inside)).toBe(false);
      expect((await runCli(dataDir, ['export', '--out', inside, '--force'])).code).toBe(0);
      expect(readFileSync(inside, 'utf8').split('\n')[0]).toContain('"type":"TokenIssued"');
    });

    it.each([
      ['export', (file: string) => ['export', '--out', file]],
      ['backup', (file: string) => ['backup', '--out', file]],
      ['dossier', (file: string) => ['dossier', '--certification', 'no-such-certification', '--out', file]],
    ])('%s refuses an existing file unless --force, and leaves it as it was', async (name, args) => {
      const file = join(out, `${name}.existing`);
      writeFileSync(file, 'precious');
      const refused = await runCli(dataDir, args(file));
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`${file} exists; choose a new file, or pass --force to replace it`) });
      expect(readFileSync(file, 'utf8')).toBe('precious');
    });

    it('replaces an existing file with --force through a temporary file and a rename, leaving nothing else', async () => {
      const dir = mkdtempSync(join(scratch, 'replace-'));
      const file = join(dir, 'ledger.jsonl');
      writeFileSync(file, 'old');
      const inode = statSync(file).ino;
      expect((await runCli(dataDir, ['export', '--out', file, '--force'])).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('"type":"TokenIssued"');
      expect(statSync(file).ino).not.toBe(inode);
      expect((await runCli(dataDir, ['backup', '--out', join(dir, 'backup.db')])).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['backup.db', 'ledger.jsonl']);
    });
  });
});
