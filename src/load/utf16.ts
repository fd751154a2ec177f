// Windows editors and PowerShell's `>` save text as UTF-16. Such a file is not UTF-8, and when it
// holds only ASCII it even decodes as UTF-8 (one NUL after each letter): name the encoding so the
// user knows what to change, instead of "invalid byte 0xff" or "control character U+0000".

/** `UTF-16LE` / `UTF-16BE` when the bytes are UTF-16: a byte-order mark, or a NUL in every other byte. */
export function utf16Encoding(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  const pairs = Math.min(Math.floor(bytes.length / 2), 256);
  if (pairs === 0) return undefined;
  let low = 0;
  let high = 0;
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [bytes[2 * i]!, bytes[2 * i + 1]!];
    if (a !== 0 && b === 0) low++;
    else if (a === 0 && b !== 0) high++;
  }
  // Most pairs, not all: a few non-Latin characters have no NUL half.
  if (low * 4 >= pairs * 3) return 'UTF-16LE';
  if (high * 4 >= pairs * 3) return 'UTF-16BE';
  return undefined;
}

/** The message for a UTF-16 file, or `undefined` when it is not one. */
export function utf16Problem(bytes: Uint8Array, shown: string): { message: string; hint: string } | undefined {
  const encoding = utf16Encoding(bytes);
  if (!encoding) return undefined;
  return { message: `${shown} is ${encoding}, not UTF-8`, hint: 'save it as UTF-8 (in VS Code: the encoding in the status bar, "Save with Encoding", UTF-8; in PowerShell: `Out-File -Encoding utf8`)' };
}
