// React 18.3's streaming renderer encodes HTML into 2,048-byte buffers and, when a multi-byte
// character (any Vietnamese letter with a diacritic) falls across a buffer's end, sends the whole
// buffer, unwritten zero bytes included (facebook/react#31134, fixed only in React 19 by #26228).
// A NUL inside a re-rendered field came back in the next POST and was refused as broken UTF-8, so a
// clerk shown one field error could not send the form again. No byte 0x00 is ever part of a UTF-8
// sequence of another character, and our pages never mean one, so every one is dropped.
import { Transform } from "node:stream";

export function withoutNul(chunk: Buffer): Buffer {
  if (chunk.indexOf(0) === -1) return chunk;
  return Buffer.from(chunk.filter((byte) => byte !== 0));
}

export function nulStripper(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, withoutNul(chunk));
    },
  });
}
