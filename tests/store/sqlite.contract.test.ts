import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './contract.js';

// a file, not ':memory:', so `again` is a second connection on the same data (as the CLI is beside the app)
storeContract('SQLite', {
  async fresh(options) {
    const path = join(mkdtempSync(join(tmpdir(), 'peel-contract-')), 'peel.sqlite');
    return {
      store: openSqliteStore(path, options),
      again: async (o) => openSqliteStore(path, o),
      // the file and its write-ahead log, byte for byte
      raw: async () => [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n'),
    };
  },
});
