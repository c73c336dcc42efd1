import { sql } from 'drizzle-orm';
import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { recordEvent, type AuditContext } from '../audit/audit';
import { inTransaction, type Db, type DbOrTx, type Tx } from '../db/client';
import { findActiveSealKey, insertSealKey, retireSealKey, type SealKeyRow } from './seal.repository';

/**
 * The signing key of the bureau's one approval seal (R2). At first start a key and a self-signed X.509
 * certificate are generated (RSA 3072, SHA-256; CN=<organ>审批专用章, O=<organ>, C=CN; five years); an
 * administrator may import the county's production certificate as PKCS#12 instead. Either way the key lives in
 * the database as PKCS#12 encrypted with SEAL_PASSPHRASE, so that every server process sharing one PostgreSQL
 * signs with the same seal; a new key retires the old one and both rows stay.
 */

/** Why a key cannot be used or imported; the message is bilingual because it reaches the CLI and the logs. */
export type SealKeyProblem =
  | 'no_active_key'
  | 'wrong_passphrase'
  | 'not_pkcs12'
  | 'no_private_key'
  | 'no_matching_certificate'
  | 'unsupported_key'
  | 'expired'
  | 'not_yet_valid'
  | 'key_usage'
  | 'invalid_seal_code';

export class SealKeyError extends Error {
  constructor(
    readonly problem: SealKeyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SealKeyError';
  }
}

/** RSA 3072: NIST SP 800-57 keeps it acceptable beyond 2030, which a five-year certificate reaches. */
const KEY_BITS = 3072;
const VALIDITY_YEARS = 5;
/**
 * PKCS#12 protection: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key, 2048 rounds (OpenSSL's default):
 * the file is opened for every signature, in about 25 ms. The passphrase, not the round count, must be strong.
 */
const P12_OPTIONS = { algorithm: 'aes256', prfAlgorithm: 'sha256', count: 2048, friendlyName: 'seal' } as const;

/** The seal's use as the certificate names it (CN=<organ>审批专用章). */
export const SEAL_CERTIFICATE_SUFFIX = '审批专用章';

/** What the database and the verification page show of a certificate. */
export interface CertificateSummary {
  subject: string;
  commonName: string;
  /** O, or CN when there is no O. */
  organName: string;
  serialNumber: string;
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  pem: string;
}

/** An unlocked PKCS#12: the private key, its certificate and the rest of the chain. */
interface OpenedPkcs12 {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
}

const utf8Decode = (bytes: string): string => {
  try {
    return forge.util.decodeUtf8(bytes);
  } catch {
    return bytes;
  }
};

/** An attribute's text as a person reads it (forge keeps the encoded bytes of a parsed certificate). */
function attributeText(attribute: forge.pki.CertificateField): string {
  const raw = typeof attribute.value === 'string' ? attribute.value : '';
  switch (attribute.valueTagClass as number) {
    case forge.asn1.Type.UTF8:
      return utf8Decode(raw);
    case forge.asn1.Type.BMPSTRING: {
      let text = '';
      for (let i = 0; i + 1 < raw.length; i += 2) text += String.fromCharCode((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1));
      return text;
    }
    default:
      return raw;
  }
}

/** Summarises a certificate for storage and display. */
export function summarizeCertificate(certificate: forge.pki.Certificate): CertificateSummary {
  const field = (shortName: string): string | undefined => {
    const attribute = certificate.subject.attributes.find((a) => a.shortName === shortName);
    return attribute ? attributeText(attribute) : undefined;
  };
  const commonName = field('CN') ?? '';
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return {
    subject: certificate.subject.attributes
      .filter((a) => a.shortName)
      .map((a) => `${a.shortName}=${attributeText(a)}`)
      .join(','),
    commonName,
    organName: field('O') ?? commonName,
    serialNumber: certificate.serialNumber.toLowerCase(),
    fingerprint: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
    notBefore: certificate.validity.notBefore,
    notAfter: certificate.validity.notAfter,
    pem: forge.pki.certificateToPem(certificate),
  };
}

/**
 * A serial that says what it is: the region code, the date of issue (yyyymmdd) and 8 random bytes, read as
 * hex digits — 13:05:33:20:26:03:02:… in any certificate viewer. Positive (it starts with 1) and 15 bytes long.
 */
function sealSerial(regionCode: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${regionCode}${day}${randomBytes(8).toString('hex')}`;
}

/** Generates the seal's key pair (natively: fast) and its self-signed certificate. */
export async function createSealCertificate(input: { organName: string; regionCode: string; now: Date; years?: number }): Promise<OpenedPkcs12> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: KEY_BITS,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = sealSerial(input.regionCode, input.now);
  // Whole seconds: X.509 times have no fractions.
  const notBefore = new Date(Math.floor(input.now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (input.years ?? VALIDITY_YEARS));
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  const names: forge.pki.CertificateField[] = [
    { shortName: 'CN', value: `${input.organName}${SEAL_CERTIFICATE_SUFFIX}`, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    { shortName: 'O', value: input.organName, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    { shortName: 'C', value: 'CN' },
  ];
  certificate.setSubject(names);
  certificate.setIssuer(names);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  // Read back as a parsed certificate, exactly as it will be after a round trip through PKCS#12.
  const parsed = forge.pki.certificateFromPem(forge.pki.certificateToPem(certificate));
  return { key, certificate: parsed, chain: [] };
}

/** Wraps key and chain as PKCS#12 (DER) under `passphrase`. */
function toPkcs12(opened: OpenedPkcs12, passphrase: string): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(opened.key, [opened.certificate, ...opened.chain], passphrase, { ...P12_OPTIONS });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Opens a PKCS#12 and finds the private key with its certificate; errors say what is wrong with the file. */
export function openPkcs12(bytes: Uint8Array, passphrase: string): OpenedPkcs12 {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/MAC could not be verified|Invalid password|pad block|decrypt/i.test(message)) {
      throw new SealKeyError('wrong_passphrase', '口令错误，无法打开 PKCS#12 文件。 / Wrong passphrase: the PKCS#12 file cannot be opened.');
    }
    if (/private key|Unknown OID|unsupported|not supported/i.test(message)) {
      throw new SealKeyError('unsupported_key', `不支持该密钥（仅支持 RSA）：${message} / Unsupported key (RSA only): ${message}`);
    }
    throw new SealKeyError('not_pkcs12', `不是有效的 PKCS#12 文件：${message} / Not a valid PKCS#12 file: ${message}`);
  }
  const bagsOf = (bagType: string) => p12.getBags({ bagType })[bagType] ?? [];
  const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)];
  const keyBag = keyBags.find((bag) => bag.key);
  if (!keyBag?.key) {
    // forge keeps a key it cannot read (EC, SM2) as a bag without `key`.
    if (keyBags.length > 0) throw new SealKeyError('unsupported_key', '仅支持 RSA 密钥（该文件的私钥为其他算法，如 EC 或 SM2）。 / Only RSA keys are supported (this file holds another kind of key, e.g. EC or SM2).');
    throw new SealKeyError('no_private_key', 'PKCS#12 文件中没有私钥。 / The PKCS#12 file holds no private key.');
  }
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  if (!key.n || !key.e) throw new SealKeyError('unsupported_key', '仅支持 RSA 密钥。 / Only RSA keys are supported.');
  const certificates = bagsOf(forge.pki.oids.certBag!).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const certificate = certificates.find((c) => {
    const publicKey = c.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.compareTo(key.n) === 0 && publicKey.e?.compareTo(key.e) === 0;
  });
  if (!certificate) {
    throw new SealKeyError('no_matching_certificate', 'PKCS#12 文件中没有与私钥对应的证书。 / No certificate in the file matches its private key.');
  }
  return { key, certificate, chain: certificates.filter((c) => c !== certificate) };
}

/** Refuses a certificate outside its validity at `now`. */
export function assertCertificateCurrent(summary: Pick<CertificateSummary, 'notBefore' | 'notAfter' | 'subject'>, now: Date): void {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (summary.notAfter.getTime() <= now.getTime()) {
    throw new SealKeyError('expired', `印章证书已于 ${day(summary.notAfter)} 过期（${summary.subject}）。 / The seal certificate expired on ${day(summary.notAfter)} (${summary.subject}).`);
  }
  if (summary.notBefore.getTime() > now.getTime()) {
    throw new SealKeyError('not_yet_valid', `印章证书自 ${day(summary.notBefore)} 起才生效。 / The seal certificate is not valid before ${day(summary.notBefore)}.`);
  }
}

/** A certificate restricted to other uses (encryption, say) cannot sign documents. */
function assertSigningUsage(certificate: forge.pki.Certificate): void {
  const usage = certificate.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | null;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) {
    throw new SealKeyError('key_usage', '该证书不允许数字签名（keyUsage）。 / The certificate does not allow digital signatures (keyUsage).');
  }
}

function assertSealCode(code: string | null | undefined): void {
  if (code != null && !/^\d{13}$/.test(code)) {
    throw new SealKeyError('invalid_seal_code', `印章编码应为 13 位数字：${code} / The seal code must be 13 digits: ${code}`);
  }
}

function actorName(audit: AuditContext): string {
  const { actor } = audit;
  switch (actor.kind) {
    case 'account':
      return actor.username;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** Makes `opened` the region's active key: the old one is retired in the same transaction. */
async function activateKey(
  tx: Tx,
  input: { regionCode: string; opened: OpenedPkcs12; passphrase: string; origin: 'generated' | 'imported'; sealCode?: string | null; audit: AuditContext },
): Promise<SealKeyRow> {
  const summary = summarizeCertificate(input.opened.certificate);
  const now = input.audit.clock.now();
  const previous = await findActiveSealKey(tx, input.regionCode, { forUpdate: true });
  if (previous) await retireSealKey(tx, previous.id, now);
  // The seal's registration (印章编码) stays with the seal when only its key changes, unless told otherwise.
  const sealCode = input.sealCode === undefined ? (previous?.sealCode ?? null) : input.sealCode;
  const row = await insertSealKey(tx, {
    regionCode: input.regionCode,
    status: 'active',
    origin: input.origin,
    organName: summary.organName,
    sealCode,
    subject: summary.subject,
    serialNumber: summary.serialNumber,
    fingerprint: summary.fingerprint,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    certificatePem: summary.pem,
    pkcs12: Buffer.from(toPkcs12(input.opened, input.passphrase)).toString('base64'),
    createdAt: now,
    createdBy: actorName(input.audit),
  });
  if (!row) throw new Error('another process activated a seal key at the same moment; retry');
  await recordEvent(tx, input.audit, {
    action: input.origin === 'generated' ? 'seal.key.generate' : 'seal.key.import',
    subjectType: 'seal_key',
    subjectId: row.id,
    before: previous ? { id: previous.id, serialNumber: previous.serialNumber, status: 'retired' } : null,
    after: { subject: summary.subject, serialNumber: summary.serialNumber, fingerprint: summary.fingerprint, notAfter: summary.notAfter, sealCode },
  });
  return row;
}

/** Checks that the passphrase opens the stored key: a wrong SEAL_PASSPHRASE is found at start, not at the first signature. */
export function unlockSealKey(row: SealKeyRow, passphrase: string): void {
  try {
    openPkcs12(Buffer.from(row.pkcs12, 'base64'), passphrase);
  } catch (error) {
    if (error instanceof SealKeyError && error.problem === 'wrong_passphrase') {
      throw new SealKeyError(
        'wrong_passphrase',
        `SEAL_PASSPHRASE 无法打开数据库中的印章密钥（证书序列号 ${row.serialNumber}）。 / SEAL_PASSPHRASE does not open the seal key stored in the database (certificate serial ${row.serialNumber}).`,
      );
    }
    throw error;
  }
}

export interface EnsureSealKeyResult {
  key: SealKeyRow;
  /** 'existing': reused; 'generated': none was there; 'renewed': the generated one had expired. */
  outcome: 'existing' | 'generated' | 'renewed';
  /** Said at start when the seal cannot sign (an imported certificate has expired). */
  warning?: string;
}

/**
 * Run at every start: reuses the region's active key (and proves the passphrase opens it), or generates one
 * when there is none — or when the generated one has expired. Several processes starting together on one
 * PostgreSQL create one key: the partial unique index lets one insert win, the others read it.
 */
export async function ensureSealKey(
  db: Db,
  input: { regionCode: string; organName: string; passphrase: string; audit: AuditContext },
): Promise<EnsureSealKeyResult> {
  const now = input.audit.clock.now();
  const existing = await findActiveSealKey(db, input.regionCode);
  if (existing) {
    unlockSealKey(existing, input.passphrase);
    if (existing.notAfter.getTime() > now.getTime()) return { key: existing, outcome: 'existing' };
    if (existing.origin === 'imported') {
      return {
        key: existing,
        outcome: 'existing',
        warning: `印章证书已过期，请导入新证书（npm run cli -- seal:import）。 / The imported seal certificate expired on ${existing.notAfter.toISOString().slice(0, 10)}: import a new one (npm run cli -- seal:import).`,
      };
    }
  }
  // The key is made outside the transaction: no lock is held while it is generated.
  const opened = await createSealCertificate({ organName: input.organName, regionCode: input.regionCode, now });
  const created = await inTransaction(db, async (tx) => {
    // Processes starting together take turns here: the lock holds until commit, so the second one reads the
    // first one's key instead of racing it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`onewindow:seal:${input.regionCode}`}))`);
    const current = await findActiveSealKey(tx, input.regionCode, { forUpdate: true });
    // Another process created or renewed the key meanwhile: use its key.
    if ((current?.id ?? null) !== (existing?.id ?? null)) return null;
    return activateKey(tx, { regionCode: input.regionCode, opened, passphrase: input.passphrase, origin: 'generated', audit: input.audit });
  }).catch((error: unknown) => {
    // Its insert committed first (one active key per region): use its key.
    if (isUniqueViolation(error)) return null;
    throw error;
  });
  if (created) return { key: created, outcome: existing ? 'renewed' : 'generated' };
  const winner = await findActiveSealKey(db, input.regionCode);
  if (!winner) throw new Error('seal key: no active key after a concurrent start; start again');
  unlockSealKey(winner, input.passphrase);
  return { key: winner, outcome: 'existing' };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

/**
 * Generates a new self-signed key that replaces the active one (npm run cli -- seal:generate). `sealCode`:
 * the 印章编码 to draw; left out, the old key's code is kept.
 */
export async function generateSealKey(
  tx: Tx,
  input: { regionCode: string; organName: string; passphrase: string; sealCode?: string | null; audit: AuditContext },
): Promise<SealKeyRow> {
  assertSealCode(input.sealCode);
  const opened = await createSealCertificate({ organName: input.organName, regionCode: input.regionCode, now: input.audit.clock.now() });
  return activateKey(tx, { ...input, opened, origin: 'generated' });
}

/**
 * Opens a PKCS#12 meant for the seal and checks it can sign at `now`: an RSA private key with its certificate,
 * current, allowed to sign. Throws SealKeyError saying what is wrong.
 */
export function checkSealPkcs12(file: Uint8Array, passphrase: string, now: Date): OpenedPkcs12 {
  const opened = openPkcs12(file, passphrase);
  assertCertificateCurrent(summarizeCertificate(opened.certificate), now);
  assertSigningUsage(opened.certificate);
  return opened;
}

/**
 * Imports the county's PKCS#12 (npm run cli -- seal:import): it must hold an RSA private key with its
 * certificate, valid now and allowed to sign. It is stored re-encrypted under SEAL_PASSPHRASE and becomes the
 * active key; the old one is retired. `sealCode` as for generateSealKey.
 */
export async function importSealKey(
  tx: Tx,
  input: { regionCode: string; file: Uint8Array; filePassphrase: string; passphrase: string; sealCode?: string | null; audit: AuditContext },
): Promise<SealKeyRow> {
  assertSealCode(input.sealCode);
  const opened = checkSealPkcs12(input.file, input.filePassphrase, input.audit.clock.now());
  return activateKey(tx, { regionCode: input.regionCode, opened, passphrase: input.passphrase, origin: 'imported', sealCode: input.sealCode, audit: input.audit });
}

/** The region's active key, or an error saying how to get one. */
export async function requireActiveSealKey(db: DbOrTx, regionCode: string): Promise<SealKeyRow> {
  const key = await findActiveSealKey(db, regionCode);
  if (!key) {
    throw new SealKeyError(
      'no_active_key',
      `地区 ${regionCode} 没有启用的印章密钥（服务首次启动时生成，或用 seal:import 导入）。 / Region ${regionCode} has no active seal key (generated at first start, or import one with seal:import).`,
    );
  }
  return key;
}
