import { sql } from 'drizzle-orm';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, queryRows, type Database } from '../db/client';
import { auditAs, fixedClock, issueCertificate, pkcs12File, productionPkcs12, REGION, SEAL_TEST_PASSPHRASE, sealTestDatabase } from './seal.fixtures';
import { findActiveSealKey, listSealKeys } from './seal.repository';
import { ensureSealKey, generateSealKey, importSealKey, openPkcs12, SealKeyError, type SealKeyProblem } from './seal-key';

/**
 * The seal's key in the database (PGlite, or PostgreSQL with TEST_DATABASE_URL): created at the first start
 * and reused after, opened only with SEAL_PASSPHRASE, replaced by an import that keeps the history, and a
 * bad PKCS#12 refused with a message saying why.
 */

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await sealTestDatabase());
});
afterAll(() => drop());

const ensureInput = (clock = fixedClock(new Date().toISOString()), passphrase = SEAL_TEST_PASSPHRASE) => ({
  regionCode: REGION,
  organName: '威县行政审批局',
  passphrase,
  audit: auditAs(clock),
});

async function problemOf(promise: Promise<unknown>): Promise<{ problem: SealKeyProblem; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SealKeyError);
  return { problem: (error as SealKeyError).problem, message: (error as SealKeyError).message };
}

describe('the generated key', () => {
  it('was created at first start (the template ran it) as a self-signed RSA certificate of the seal, and is reused', async () => {
    const keys = await listSealKeys(database.db, REGION);
    expect(keys).toHaveLength(1);
    const key = keys[0]!;
    expect(key).toMatchObject({ status: 'active', origin: 'generated', organName: '威县行政审批局', sealCode: null });
    expect(key.subject).toBe('CN=威县行政审批局审批专用章,O=威县行政审批局,C=CN');
    // region code, date of issue, random part
    expect(key.serialNumber).toMatch(/^130533\d{8}[0-9a-f]{16}$/);

    const certificate = forge.pki.certificateFromPem(key.certificatePem);
    expect(certificate.siginfo.algorithmOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
    expect((certificate.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(3072);
    expect(certificate.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyEncipherment: false, keyCertSign: false });
    expect(certificate.getExtension('basicConstraints')).toMatchObject({ cA: false });
    const years = (key.notAfter.getTime() - key.notBefore.getTime()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(4.9);
    expect(years).toBeLessThan(5.1);

    // In the database as PKCS#12 that the passphrase opens, and nothing else does.
    const opened = openPkcs12(Buffer.from(key.pkcs12, 'base64'), SEAL_TEST_PASSPHRASE);
    expect(opened.certificate.serialNumber).toBe(key.serialNumber);
    expect(() => openPkcs12(Buffer.from(key.pkcs12, 'base64'), 'not-the-passphrase')).toThrow(SealKeyError);

    // A second start reuses it.
    const again = await ensureSealKey(database.db, ensureInput());
    expect(again.outcome).toBe('existing');
    expect(again.key.id).toBe(key.id);
    expect(await listSealKeys(database.db, REGION)).toHaveLength(1);
  });

  it('refuses to start with a passphrase that does not open the stored key', async () => {
    const { problem, message } = await problemOf(ensureSealKey(database.db, ensureInput(undefined, 'a-different-passphrase')));
    expect(problem).toBe('wrong_passphrase');
    expect(message).toContain('SEAL_PASSPHRASE does not open the seal key stored in the database');
  });
});

describe('importing a PKCS#12', () => {
  const now = new Date('2027-05-10T02:00:00Z');
  const clock = fixedClock(now.toISOString());

  it('makes a CA-issued certificate with its chain the active key, re-encrypted, the old key kept as retired', async () => {
    const before = await findActiveSealKey(database.db, REGION);
    const { file, leaf } = productionPkcs12(now, 'file-passphrase');
    const imported = await inTransaction(database.db, (tx) =>
      importSealKey(tx, { regionCode: REGION, file, filePassphrase: 'file-passphrase', passphrase: SEAL_TEST_PASSPHRASE, sealCode: '1305330012345', audit: auditAs(clock, 'importer') }),
    );
    expect(imported).toMatchObject({ status: 'active', origin: 'imported', organName: '威县行政审批局', sealCode: '1305330012345', serialNumber: leaf.certificate.serialNumber });
    const keys = await listSealKeys(database.db, REGION);
    expect(keys.map((k) => [k.id, k.status])).toEqual([
      [imported.id, 'active'],
      [before!.id, 'retired'],
    ]);
    expect(keys[1]!.retiredAt).toEqual(now);
    // Stored under SEAL_PASSPHRASE, with the CA certificate for the signature's chain.
    const opened = openPkcs12(Buffer.from(imported.pkcs12, 'base64'), SEAL_TEST_PASSPHRASE);
    expect(opened.chain).toHaveLength(1);
    const audit = await queryRows<{ action: string; actor_name: string }>(
      database.db,
      sql`select action, actor_name from audit_events where subject_type = 'seal_key' and subject_id = ${imported.id}`,
    );
    expect(audit).toEqual([{ action: 'seal.key.import', actor_name: 'system:importer' }]);
  });

  it('refuses a wrong passphrase, an expired certificate, a file without a key, a non-signing certificate and garbage, saying why', async () => {
    const active = await findActiveSealKey(database.db, REGION);
    const attempt = (file: Uint8Array, filePassphrase = 'pw-123456789', sealCode?: string) =>
      inTransaction(database.db, (tx) =>
        importSealKey(tx, { regionCode: REGION, file, filePassphrase, passphrase: SEAL_TEST_PASSPHRASE, sealCode, audit: auditAs(clock) }),
      );
    const good = productionPkcs12(now, 'pw-123456789');

    const wrong = await problemOf(attempt(good.file, 'wrong-passphrase'));
    expect(wrong).toMatchObject({ problem: 'wrong_passphrase' });
    expect(wrong.message).toContain('Wrong passphrase');

    const old = issueCertificate({ commonName: '威县行政审批局审批专用章', organization: '威县行政审批局', notBefore: new Date('2020-01-01Z'), notAfter: new Date('2023-01-01Z') });
    const expired = await problemOf(attempt(pkcs12File({ key: old.key, certificates: [old.certificate], passphrase: 'pw-123456789' })));
    expect(expired.problem).toBe('expired');
    expect(expired.message).toContain('expired on 2023-01-01');
    expect(expired.message).toContain('印章证书已于 2023-01-01 过期');

    const noKey = await problemOf(attempt(pkcs12File({ key: null, certificates: [good.leaf.certificate], passphrase: 'pw-123456789' })));
    expect(noKey.problem).toBe('no_private_key');
    expect(noKey.message).toContain('holds no private key');

    const encryptionOnly = issueCertificate({
      commonName: '威县行政审批局',
      notBefore: new Date('2027-01-01Z'),
      notAfter: new Date('2029-01-01Z'),
      keyUsage: { keyEncipherment: true },
    });
    const usage = await problemOf(attempt(pkcs12File({ key: encryptionOnly.key, certificates: [encryptionOnly.certificate], passphrase: 'pw-123456789' })));
    expect(usage.problem).toBe('key_usage');

    expect((await problemOf(attempt(new Uint8Array([1, 2, 3, 4])))).problem).toBe('not_pkcs12');
    expect((await problemOf(attempt(good.file, 'pw-123456789', '12345'))).problem).toBe('invalid_seal_code');

    // Nothing changed.
    expect((await findActiveSealKey(database.db, REGION))!.id).toBe(active!.id);
  });

  it('renews an expired generated key at start, but only warns about an expired imported one', async () => {
    const imported = (await findActiveSealKey(database.db, REGION))!;
    expect(imported.origin).toBe('imported');
    const afterImported = fixedClock(new Date(imported.notAfter.getTime() + 86_400_000).toISOString());
    const warned = await ensureSealKey(database.db, ensureInput(afterImported));
    expect(warned).toMatchObject({ outcome: 'existing', key: { id: imported.id } });
    expect(warned.warning).toContain('expired');

    // A key generated in 2015 ran out in 2020: the next start replaces it; the seal's code stays.
    const old = await inTransaction(database.db, (tx) =>
      generateSealKey(tx, { regionCode: REGION, organName: '威县行政审批局', passphrase: SEAL_TEST_PASSPHRASE, audit: auditAs(fixedClock('2015-06-01T00:00:00Z')) }),
    );
    expect(old.sealCode).toBe(imported.sealCode);
    const renewed = await ensureSealKey(database.db, ensureInput(clock));
    expect(renewed.outcome).toBe('renewed');
    expect(renewed.key).toMatchObject({ status: 'active', origin: 'generated', sealCode: imported.sealCode, notBefore: now });
    expect(renewed.key.id).not.toBe(old.id);
    expect((await listSealKeys(database.db, REGION)).filter((k) => k.status === 'active').map((k) => k.id)).toEqual([renewed.key.id]);
  });

  it('makes one key when several processes start together on an empty region (PostgreSQL: a real race)', async () => {
    const region = '130534';
    const start = () => ensureSealKey(database.db, { ...ensureInput(), regionCode: region });
    const results = await Promise.all([start(), start(), start()]);
    expect(new Set(results.map((r) => r.key.id)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'generated')).toHaveLength(1);
    expect(await listSealKeys(database.db, region)).toHaveLength(1);
    // And the database itself holds to one active key per region.
    const key = results[0]!.key;
    const duplicate = await inTransaction(database.db, (tx) =>
      tx.execute(sql`insert into seal_keys (region_code, status, origin, organ_name, subject, serial_number, fingerprint, not_before, not_after, certificate_pem, pkcs12, created_at, created_by)
        select region_code, 'active', origin, organ_name, subject, serial_number, fingerprint, not_before, not_after, certificate_pem, pkcs12, created_at, created_by from seal_keys where id = ${key.id}`),
    ).then(
      () => 'inserted',
      () => 'refused',
    );
    expect(duplicate).toBe('refused');
  });
});
