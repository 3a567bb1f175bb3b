/**
 * Installations sealed at rest with AES-256-GCM (node:crypto): a random 12-byte IV per value, the
 * installation's key ("T:<team>" or "E:<enterprise>") as additional authenticated data, so a sealed
 * value copied onto another workspace's row does not open, and the id of the key that sealed it in
 * the value, so a key can be rotated: `v1:<key id>:<iv>:<tag>:<data>` (base64url). Never plain text.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PeelError } from '../errors.js';

export interface SealingKey {
  /** the first 8 hex digits of the key's SHA-256: says which key sealed a value without revealing it */
  id: string;
  bytes: Buffer;
}

/** A key from 64 hex characters (32 random bytes, e.g. `openssl rand -hex 32`). */
export function sealingKey(hex: string): SealingKey {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new PeelError('CONFIG_INVALID', 'Config: TOKEN_ENCRYPTION_KEY must be 64 hex characters (32 random bytes: openssl rand -hex 32)');
  const bytes = Buffer.from(hex, 'hex');
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

export function seal(plain: string, aad: string, key: SealingKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

/** Opens a sealed value; a PeelError names the problem (another key, tampering, another row). */
export function unseal(sealed: string, aad: string, key: SealingKey): string {
  const [version, keyId, iv, tag, data] = sealed.split(':');
  if (version !== 'v1' || !keyId || !iv || !tag || data === undefined) throw new PeelError('STORE_FAILED', `Store: installation ${aad} is not a sealed value this code can read`);
  if (keyId !== key.id) {
    throw new PeelError('STORE_FAILED', `Store: installation ${aad} was sealed with key ${keyId}, but TOKEN_ENCRYPTION_KEY is key ${key.id}`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch (err) {
    throw new PeelError('STORE_FAILED', `Store: installation ${aad} does not open with key ${key.id} (altered, or moved from another row)`, { cause: err });
  }
}

/** The row key of an installation: the enterprise for an org-wide install, else the workspace. */
export function installationKey(ref: { teamId: string | null; enterpriseId: string | null; isEnterpriseInstall: boolean }): string {
  if (ref.isEnterpriseInstall && ref.enterpriseId) return `E:${ref.enterpriseId}`;
  if (ref.teamId) return `T:${ref.teamId}`;
  throw new PeelError('STORE_FAILED', 'Store: an installation needs a team id, or an enterprise id when installed org-wide');
}
