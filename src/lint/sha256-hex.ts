// SHA-256, in hex, of the short texts lint hashes: each finding's fingerprint and a secret's hash.
// In JavaScript rather than node:crypto, whose loading alone cost every lint run 3 ms on Node 20
// and 6 ms on Node 24 (docs/performance.md, "Start-up, continued"): lint hashes a few dozen short
// strings. The build keeps node:crypto (src/emit/render.ts), where it hashes megabytes.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));
