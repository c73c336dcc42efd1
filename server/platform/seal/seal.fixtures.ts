import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { inject } from 'vitest';
import { systemActor, type Clock } from '../auth/actor';
import type { AuditContext } from '../audit/audit';
import { copyTemplate } from '../../test/template';
import type { Database } from '../db/client';

/**
 * Test material for the seal: certificates like a CA would issue them (with a chain, expired, without a key),
 * wrapped as PKCS#12 files the way an administrator receives them. Used by the seal tests only.
 */

export const REGION = '130533';
export const SEAL_TEST_PASSPHRASE = 'OneWindow-demo-seal-2026';

export function auditAs(clock: Clock, name = 'seal-test'): AuditContext {
  return { actor: systemActor(name), role: 'system', ip: null, requestId: null, regionCode: REGION, clock };
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** A fresh copy of the test template (migrated, seeded, with the seal key a first start creates). */
export function sealTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  return copyTemplate(inject('template'));
}

interface Issued {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** The subject as written (forge would encode a parsed certificate's UTF-8 names twice as an issuer). */
  subject: forge.pki.CertificateField[];
}

function rsaKey(bits = 2048): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
}

const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

/** Issues a certificate: self-signed, or by `issuer` (a CA). Names are UTF-8, as Chinese CAs write them. */
export function issueCertificate(input: {
  commonName: string;
  organization?: string;
  notBefore: Date;
  notAfter: Date;
  issuer?: Issued;
  isCa?: boolean;
  keyUsage?: Record<string, boolean>;
}): Issued {
  const key = rsaKey();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  certificate.validity.notBefore = input.notBefore;
  certificate.validity.notAfter = input.notAfter;
  const subject: forge.pki.CertificateField[] = [
    { shortName: 'CN', value: input.commonName, valueTagClass: utf8 },
    ...(input.organization ? [{ shortName: 'O', value: input.organization, valueTagClass: utf8 }] : []),
    { shortName: 'C', value: 'CN' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(input.issuer ? input.issuer.subject : subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: input.isCa ?? false, critical: true },
    { name: 'keyUsage', critical: true, ...(input.keyUsage ?? (input.isCa ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true, nonRepudiation: true })) },
  ]);
  certificate.sign(input.issuer?.key ?? key, forge.md.sha256.create());
  return { key, certificate: forge.pki.certificateFromPem(forge.pki.certificateToPem(certificate)), subject };
}

/** A PKCS#12 file (DER) as a CA hands it out; `key: null` leaves the private key out. */
export function pkcs12File(input: { key: forge.pki.rsa.PrivateKey | null; certificates: forge.pki.Certificate[]; passphrase: string; algorithm?: '3des' | 'aes256' }): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(input.key, input.certificates, input.passphrase, { algorithm: input.algorithm ?? '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A production-like seal certificate issued by a CA, valid around `now`, as PKCS#12 with its chain. */
export function productionPkcs12(now: Date, passphrase: string, options: { years?: number } = {}): { file: Uint8Array; leaf: Issued; ca: Issued } {
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const until = new Date(now.getTime() + (options.years ?? 3) * 365 * 86_400_000);
  const ca = issueCertificate({ commonName: '河北省数字证书认证中心（测试）', organization: '河北CA（测试）', notBefore: from, notAfter: new Date(until.getTime() + 86_400_000), isCa: true });
  const leaf = issueCertificate({ commonName: '威县行政审批局审批专用章', organization: '威县行政审批局', notBefore: from, notAfter: until, issuer: ca });
  return { file: pkcs12File({ key: leaf.key, certificates: [leaf.certificate, ca.certificate], passphrase, algorithm: 'aes256' }), leaf, ca };
}
