/**
 * The store contract on PostgreSQL, at TEST_DATABASE_URL (.ci/run sets it). Each test works in a
 * schema of its own, dropped when the file ends. Without the variable the suite is skipped with a
 * line saying so, except under CI=true, where a skipped PostgreSQL run would hide a broken engine.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { storeContract } from './contract.js';

const url = process.env.TEST_DATABASE_URL;
const ci = process.env.CI === 'true';

if (!url && !ci) {
  console.warn('postgres.contract: TEST_DATABASE_URL is not set, so the PostgreSQL store contract is skipped (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)');
}

describe.runIf(ci && !url)('PostgreSQL under CI', () => {
  it('needs TEST_DATABASE_URL (CI=true must not skip the PostgreSQL engine)', () => {
    expect(url, 'set TEST_DATABASE_URL, as .ci/run does').toBeTruthy();
  });
});

const schemas: string[] = [];

describe.runIf(Boolean(url))('PostgreSQL', () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    } finally {
      await admin.end();
    }
  });

  storeContract('PostgreSQL', {
    async fresh(options) {
      const schema = `peel_test_${randomBytes(5).toString('hex')}`;
      schemas.push(schema);
      const store = await openPostgresStore(url!, { ...options, schema });
      return {
        store,
        again: (o) => openPostgresStore(url!, { ...o, schema }),
        // every row of every table in the schema, as text
        raw: async () => {
          const admin = new pg.Client({ connectionString: url });
          await admin.connect();
          try {
            const tables = (await admin.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema])).rows;
            const dumps = await Promise.all(tables.map((t) => admin.query(`SELECT t::text AS row FROM ${schema}.${t.tablename} t`)));
            return dumps.flatMap((d) => d.rows.map((r: { row: string }) => r.row)).join('\n');
          } finally {
            await admin.end();
          }
        },
      };
    },
  });
});
