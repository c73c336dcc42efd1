import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/utils';
import { openPkcs12 } from './seal-key';

/**
 * The @signpdf signer of the seal: a detached PKCS#7 (adbe.pkcs7.detached) over the PDF's byte range, SHA-256
 * with RSA, with the attributes Acrobat expects (content type, signing time, message digest), built from the
 * PKCS#12 stored in the database. Make a new one per signature, as with @signpdf's P12Signer.
 *
 * It replaces P12Signer, which it follows step by step, for two reasons found here:
 * - node-forge re-encodes the issuer of a parsed certificate when it writes the SignerInfo, and encodes a
 *   UTF-8 name twice: with CN=威县行政审批局审批专用章 the signature no longer names its certificate, and
 *   pdfsig reports "Unknown Validation Failure" with an empty signer name. The SignerInfo here carries the
 *   certificate's own issuer bytes.
 * - forge's RSA in JavaScript takes 100–300 ms per 3072-bit signature and blocks the event loop meanwhile;
 *   Node's native RSA takes about a millisecond. forge still parses the PKCS#12 and writes the PKCS#7.
 */
export class SealSigner extends Signer {
  readonly #p12: Uint8Array;
  readonly #passphrase: string;

  constructor(p12: Uint8Array, passphrase: string) {
    super();
    this.#p12 = p12;
    this.#passphrase = passphrase;
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const { key, certificate, chain } = openPkcs12(this.#p12, this.#passphrase);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const cert of [certificate, ...chain]) p7.addCertificate(cert);
    p7.addSigner({
      key: nativeRsaKey(key) as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256!,
      // In this order (as P12Signer): what EU and Adobe validators expect.
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    const asn1 = p7.toAsn1();
    setSignerIssuer(asn1, issuerOf(certificate));
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  }
}

/** DigestInfo prefix of SHA-256 (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** A stand-in for forge's RSA key whose `sign` (RSASSA-PKCS1-v1_5) runs in Node's native crypto. */
function nativeRsaKey(key: forge.pki.rsa.PrivateKey): { sign(md: forge.md.MessageDigest, scheme?: string): string } {
  const native = createPrivateKey(forge.pki.privateKeyToPem(key));
  return {
    sign(md, scheme = 'RSASSA-PKCS1-V1_5') {
      if (md.algorithm !== 'sha256' || scheme !== 'RSASSA-PKCS1-V1_5') throw new Error(`seal signer: unexpected ${md.algorithm} / ${scheme}`);
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      // Private-key "encryption" with block type 1 padding is exactly the PKCS#1 v1.5 signature of the DigestInfo.
      return privateEncrypt({ key: native, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
}

/** The issuer Name of a certificate as it was encoded (parsed certificates keep their TBSCertificate). */
function issuerOf(certificate: forge.pki.Certificate): forge.asn1.Asn1 {
  const tbs =
    (certificate as forge.pki.Certificate & { tbsCertificate?: forge.asn1.Asn1 }).tbsCertificate ??
    (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(certificate);
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const offset = fields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const issuer = fields[offset + 2];
  if (!issuer) throw new Error('seal signer: certificate without issuer');
  return issuer;
}

/** Puts the issuer into the (only) SignerInfo's issuerAndSerialNumber; the signature does not cover it. */
function setSignerIssuer(contentInfo: forge.asn1.Asn1, issuer: forge.asn1.Asn1): void {
  // ContentInfo { contentType, [0] SignedData { version, digestAlgorithms, contentInfo, [0] certificates, signerInfos } }
  const signedData = ((contentInfo.value as forge.asn1.Asn1[])[1]?.value as forge.asn1.Asn1[] | undefined)?.[0];
  const signerInfos = (signedData?.value as forge.asn1.Asn1[] | undefined)?.at(-1);
  const signerInfo = (signerInfos?.value as forge.asn1.Asn1[] | undefined)?.[0];
  const issuerAndSerial = (signerInfo?.value as forge.asn1.Asn1[] | undefined)?.[1];
  if (!issuerAndSerial || !Array.isArray(issuerAndSerial.value)) throw new Error('seal signer: unexpected PKCS#7 structure');
  issuerAndSerial.value[0] = issuer;
}
